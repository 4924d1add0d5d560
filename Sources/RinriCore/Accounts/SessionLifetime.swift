import Foundation

/// How long a browser session lives: ended after `idle` seconds without a request, and `absolute`
/// seconds after login whatever happens. Checked on every request, and expired sessions are removed.
public struct SessionLifetime: Sendable, Equatable {
    public var idle: TimeInterval
    public var absolute: TimeInterval

    public init(idle: TimeInterval = 8 * 3600, absolute: TimeInterval = 24 * 3600) {
        self.idle = idle
        self.absolute = absolute
    }

    /// When a session created at `createdAt` and last used at `lastSeenAt` ends.
    public func end(createdAt: Date, lastSeenAt: Date) -> Date {
        min(lastSeenAt.addingTimeInterval(idle), createdAt.addingTimeInterval(absolute))
    }

    public func isExpired(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now >= end(createdAt: createdAt, lastSeenAt: lastSeenAt)
    }

    /// Sessions last used before this moment, or created before it (second date), have ended.
    public func cutoffs(now: Date) -> (lastSeenBefore: Date, createdBefore: Date) {
        (now.addingTimeInterval(-idle), now.addingTimeInterval(-absolute))
    }
}
