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

    /// Seconds to wait before any of `keys` may try again; nil when none is blocked.
    public func wait(for keys: [String], now: Date = Date()) async throws -> TimeInterval? {
        guard !keys.isEmpty else { return nil }
        let rows = try await sql.raw("SELECT blocked_until FROM login_throttle WHERE key IN (\(binds: keys))").all()
        let until = try rows.map { try $0.decode(column: "blocked_until", as: Double.self) }.max() ?? 0
        let wait = until - now.timeIntervalSince1970
        return wait > 0 ? wait : nil
    }

    /// Counts a failure against `key` and blocks it for the policy's delay; returns the failures counted
    /// in the current window.
    @discardableResult
    public func recordFailure(_ key: String, free: Int, now: Date = Date()) async throws -> Int {
        let t = now.timeIntervalSince1970, stale = t - policy.window
        let row = try await sql.raw("""
            INSERT INTO login_throttle (key, failures, first_failure_at, last_failure_at, blocked_until)
            VALUES (\(bind: key), 1, \(bind: t), \(bind: t), 0)
            ON CONFLICT (key) DO UPDATE SET
              failures = CASE WHEN login_throttle.last_failure_at < \(bind: stale) THEN 1 ELSE login_throttle.failures + 1 END,
              first_failure_at = CASE WHEN login_throttle.last_failure_at < \(bind: stale) THEN \(bind: t) ELSE login_throttle.first_failure_at END,
              last_failure_at = \(bind: t)
            RETURNING failures
            """).first()
        let failures = try row?.decode(column: "failures", as: Int.self) ?? 1
        let delay = policy.delay(afterFailures: failures, free: free)
        if delay > 0 {
            try await sql.raw("UPDATE login_throttle SET blocked_until = \(bind: t + delay) WHERE key = \(bind: key)").run()
        }
        return failures
    }

    /// Forgets a key's failures (after a successful login for the pair).
    public func reset(_ key: String) async throws {
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
