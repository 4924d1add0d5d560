/// Finds the delimiters, line feeds and quotes of a chunk eight bytes at a time.
///
/// The scanner keeps a bit mask of the special bytes in the current 8-byte word, so each word
/// is loaded and classified once however many fields it holds. For a word *w* and a special
/// byte *c*, `y = w ^ c·0x0101…` has a zero byte exactly where *c* occurs, and
/// `((y & 0x7F…) + 0x7F…) | y` has its high bit clear exactly in the zero bytes of *y* (no
/// carry crosses a byte, so unlike the shorter `(y − 0x01…) & ~y` test every mark is exact).
struct StopScanner {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let delimiterWord: UInt64
    /// Start of the word whose stops are in `mask`.
    private var wordStart: Int
    /// High bit of byte *i* set when `base[wordStart + i]` is a stop not yet passed.
    private var mask: UInt64 = 0

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let lineFeedWord = UInt64(UInt8(ascii: "\n")) &* ones
    private static let quoteWord = UInt64(UInt8(ascii: "\"")) &* ones

    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8) {
        self.base = base
        self.count = count
        delimiterWord = UInt64(delimiter) &* Self.ones
        wordStart = 0
        restart(at: 0)
    }

    /// The high bits of the stop bytes in `word`.
    @inline(__always)
    private func marks(_ word: UInt64) -> UInt64 {
        let a = word ^ delimiterWord, b = word ^ Self.lineFeedWord, c = word ^ Self.quoteWord
        let ta = ((a & Self.lows) &+ Self.lows) | a
        let tb = ((b & Self.lows) &+ Self.lows) | b
        let tc = ((c & Self.lows) &+ Self.lows) | c
        return ~(ta & tb & tc) & ~Self.lows
    }

    /// Starts over at `position`: the next stop returned is the first at or after it.
    @inline(__always)
    mutating func restart(at position: Int) {
        wordStart = position
        mask = position < count ? marks(word(at: position)) : 0
    }

    /// The position of the next stop (which is then passed), or `count` when none is left.
    @inline(__always)
    mutating func next() -> Int {
        while mask == 0 {
            wordStart &+= 8
            if wordStart >= count {
                wordStart = count
                return count
            }
            mask = marks(word(at: wordStart))
        }
        let stop = wordStart &+ mask.trailingZeroBitCount &>> 3
        mask &= mask &- 1
        return stop
    }

    /// The 8 bytes at `position`, little-endian; past the end of the chunk, zero bytes (never
    /// a stop, since the delimiter is not NUL).
    @inline(__always)
    private func word(at position: Int) -> UInt64 {
        if position &+ 8 <= count {
            return UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self).littleEndian
        }
        return Self.partialWord(base, count, at: position)
    }

    /// The last bytes of the chunk, zero-padded (kept out of line and static: the hot loop
    /// stays small and the scanner's state stays in registers).
    @inline(never)
    private static func partialWord(_ base: UnsafePointer<UInt8>, _ count: Int, at position: Int) -> UInt64 {
        var word: UInt64 = 0
        var index = position
        while index < count {
            word |= UInt64(base[index]) &<< UInt64((index &- position) &* 8)
            index &+= 1
        }
        return word
    }
}
