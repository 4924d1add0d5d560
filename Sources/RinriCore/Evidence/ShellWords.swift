/// Quotes command-line words so a recorded command can be pasted back into a POSIX shell.
public enum ShellWords {
    /// The word as is when it holds only safe characters, else in single quotes.
    public static func quote(_ word: String) -> String {
        let safe = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words quoted and joined by spaces.
    public static func join<S: Sequence>(_ words: S) -> String where S.Element == String {
        words.map(quote).joined(separator: " ")
    }
}
