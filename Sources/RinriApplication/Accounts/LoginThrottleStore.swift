import FluentKit
import Foundation
import RinriCore
import SQLKit

/// The login throttle's counters (``LoginThrottlePolicy``) in the `login_throttle` table, so that every
/// instance on one database shares them. Each change is one atomic statement.
public struct LoginThrottleStore: Sendable {
    let db: any Database
    let policy: LoginThrottlePolicy

    public init(_ db: any Database, policy: LoginThrottlePolicy = LoginThrottlePolicy()) {
        self.db = db
        self.policy = policy
    }

    private var sql: any SQLDatabase { db as! any SQLDatabase }

    /// Takes one attempt for each key before any password is checked, so that parallel guesses cannot
    /// all pass a check made before any of them is counted: each attempt claims the next count with a
    /// compare-and-swap, and one past the free attempts also sets the wait for the next. Returns nil
    /// when the attempt may go on, or the seconds to wait when a key is blocked (or, under a burst of
    /// parallel attempts, busy: 1 second).
    public func reserve(_ keys: [(key: String, free: Int)], now: Date = Date()) async throws -> TimeInterval? {
        for (key, free) in keys {
            if let wait = try await reserve(key, free: free, now: now) { return wait }
        }
        return nil
    }

    private func reserve(_ key: String, free: Int, now: Date) async throws -> TimeInterval? {
        let t = now.timeIntervalSince1970
        for _ in 0..<3 {
            let row = try await sql.raw("SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE key = \(bind: key)").first()
            guard let row else {
                let inserted = try await sql.raw("""
                    INSERT INTO login_throttle (key, failures, first_failure_at, last_failure_at, blocked_until)
                    VALUES (\(bind: key), 1, \(bind: t), \(bind: t), \(bind: t + policy.delay(afterFailures: 1, free: free)))
                    ON CONFLICT (key) DO NOTHING RETURNING key
                    """).all()
                if !inserted.isEmpty { return nil }
                continue
            }
            let blocked = try row.decode(column: "blocked_until", as: Double.self)
            if blocked > t { return blocked - t }
            let last = try row.decode(column: "last_failure_at", as: Double.self)
            let stored = try row.decode(column: "failures", as: Int.self)
            let count = last < t - policy.window ? 1 : stored + 1
            let taken = try await sql.raw("""
                UPDATE login_throttle SET failures = \(bind: count), last_failure_at = \(bind: t),
                  first_failure_at = CASE WHEN \(bind: count) = 1 THEN \(bind: t) ELSE first_failure_at END,
                  blocked_until = \(bind: t + policy.delay(afterFailures: count, free: free))
                WHERE key = \(bind: key) AND failures = \(bind: stored) AND last_failure_at = \(bind: last)
                RETURNING key
                """).all()
            if !taken.isEmpty { return nil }
        }
        return 1
    }

    /// Gives back an attempt that succeeded: the pair's count is forgotten, and the address's attempt is
    /// returned, so that people behind one address (an office) do not use up each other's attempts.
    public func succeeded(pair: String, address: String) async throws {
        try await reset(pair)
        try await sql.raw("UPDATE login_throttle SET failures = failures - 1 WHERE key = \(bind: address) AND failures > 0").run()
    }

    /// Forgets a key's failures (after a successful login for the pair).
    private func reset(_ key: String) async throws {
        try await sql.raw("DELETE FROM login_throttle WHERE key = \(bind: key)").run()
    }

    /// Counts a failed login for an account that does not exist. When the address's window has ended,
    /// its summary is handed back (once, whichever instance claims it) for the audit log.
    public func recordUnknown(address: String, email: String, now: Date = Date()) async throws -> UnknownLoginSummary? {
        let key = policy.unknownKey(address: address), t = now.timeIntervalSince1970
        let ended = try await claimEnded(keyCondition: "key = ", key, now: now).first
        let sample = String(email.prefix(254))
        try await sql.raw("""
            INSERT INTO login_throttle (key, failures, first_failure_at, last_failure_at, blocked_until, detail)
            VALUES (\(bind: key), 1, \(bind: t), \(bind: t), 0, \(bind: sample))
            ON CONFLICT (key) DO UPDATE SET
              failures = login_throttle.failures + 1,
              last_failure_at = \(bind: t),
              detail = CASE WHEN login_throttle.failures < \(bind: UnknownLoginSummary.sampleSize)
                            THEN login_throttle.detail || ' ' || \(bind: sample) ELSE login_throttle.detail END
            """).run()
        return ended
    }

    /// The summaries of every unknown-account window that has ended, each claimed once; and removes
    /// counters nobody has failed against for a whole window. Run on a schedule.
    public func sweep(now: Date = Date()) async throws -> [UnknownLoginSummary] {
        let summaries = try await claimEnded(keyCondition: "key LIKE ", "n:%", now: now)
        let stale = now.timeIntervalSince1970 - policy.window
        try await sql.raw("""
            DELETE FROM login_throttle WHERE key NOT LIKE 'n:%'
              AND last_failure_at < \(bind: stale) AND blocked_until < \(bind: now.timeIntervalSince1970)
            """).run()
        return summaries
    }

    private func claimEnded(keyCondition: String, _ value: String, now: Date) async throws -> [UnknownLoginSummary] {
        let cutoff = now.timeIntervalSince1970 - policy.unknownAccountWindow
        let rows = try await sql.raw("""
            DELETE FROM login_throttle WHERE \(unsafeRaw: keyCondition)\(bind: value) AND first_failure_at < \(bind: cutoff)
            RETURNING key, failures, first_failure_at, last_failure_at, detail
            """).all()
        return try rows.map { row in
            UnknownLoginSummary(
                address: String(try row.decode(column: "key", as: String.self).dropFirst(2)),
                failures: try row.decode(column: "failures", as: Int.self),
                from: Date(timeIntervalSince1970: try row.decode(column: "first_failure_at", as: Double.self)),
                to: Date(timeIntervalSince1970: try row.decode(column: "last_failure_at", as: Double.self)),
                emails: (try row.decodeNil(column: "detail") ? "" : try row.decode(column: "detail", as: String.self))
                    .split(separator: " ").map(String.init))
        }
    }
}

/// Failed logins for unknown accounts from one address in one window: one audit event, not one each.
public struct UnknownLoginSummary: Sendable, Equatable {
    /// How many of the e-mails tried are kept as a sample.
    public static let sampleSize = 5

    public var address: String
    public var failures: Int
    public var from: Date
    public var to: Date
    public var emails: [String]
}
