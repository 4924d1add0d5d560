import Crypto
import Foundation

/// A new API token: the secret shown once, and the SHA-256 hash that is stored.
///
/// Tokens are 32 random bytes, so a fast hash is safe to store (unlike
/// passwords, which are Bcrypt-hashed).
public struct TokenSecret: Sendable {
    /// The whole token, `rinri_` followed by 43 URL-safe characters.
    public let value: String

    public init(value: String) { self.value = value }

    /// A token from the system's secure random source.
    public static func generate() -> TokenSecret {
        TokenSecret(value: "rinri_" + randomURLSafe(bytes: 32))
    }

    /// `bytes` bytes from the system's secure random source, base64url without padding.
    public static func randomURLSafe(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URL
    }

    /// What is stored: lowercase hex SHA-256 of the token.
    public var hash: String { Self.hash(of: value) }

    /// The first characters, shown in token lists.
    public var prefix: String { String(value.prefix(12)) }

    public static func hash(of token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// One-time passwords for new accounts.
public enum PasswordGenerator {
    /// A random password of `length` characters without look-alikes (0/O, 1/l/I).
    public static func generate(length: Int = 20) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// The rule every password must meet: 10 to 200 characters.
    public static func problem(with password: String) -> String? {
        if password.count < 10 { return "the password must have at least 10 characters" }
        if password.count > 200 { return "the password must have at most 200 characters" }
        return nil
    }
}

/// SHA-256 digests in lowercase hex.
public enum SHA256Hex {
    public static func of(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The digest of a file, read in chunks so memory stays flat. - Throws: when the file cannot be read.
    public static func ofFile(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RinriError.notFound("the file \(path)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// How long a personal API token lives.
public enum TokenLifetime {
    /// The longest lifetime a person may ask for.
    public static let maxDays = 3650

    /// When a token asked to live `days` days expires; a token that names no lifetime lives `defaultDays`
    /// (`RINRI_TOKEN_DEFAULT_DAYS`, 90 unless configured). Every token expires.
    /// - Throws: ``RinriError`` `out_of_range` on `expires_in_days` outside 1…``maxDays``.
    public static func expiry(days: Int?, defaultDays: Int, now: Date = Date()) throws -> Date {
        let days = days ?? defaultDays
        guard (1...maxDays).contains(days) else {
            throw RinriError.invalid(field: "expires_in_days", code: "out_of_range", message: "expires_in_days must be between 1 and \(maxDays)")
        }
        return now.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// The expiry of a token minted with another token: never later than the minting token's own
    /// (`mintingExpiry`, nil for an old token without expiry, which mints at most a default-lifetime one).
    /// - Throws: 422 `outlives_token` when the lifetime asked for would outlive the minting token.
    public static func minted(asked: Int?, defaultDays: Int, mintingExpiry: Date?, now: Date = Date()) throws -> Date {
        let wanted = try expiry(days: asked, defaultDays: defaultDays, now: now)
        let limit = mintingExpiry ?? now.addingTimeInterval(TimeInterval(defaultDays) * 86_400)
        if asked != nil, wanted > limit {
            throw RinriError.invalid(field: "expires_in_days", code: "outlives_token",
                                     message: "the token you are using expires \(AuditRecord.timestamp(limit)); a token it creates cannot live longer")
        }
        return min(wanted, limit)
    }
}
