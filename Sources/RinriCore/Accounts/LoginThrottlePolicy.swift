import Foundation

/// How failed logins slow down whoever makes them, without locking anyone out.
///
/// Failures are counted per client address and per (address, account). Past a few free failures each
/// further one doubles the wait (``firstDelay``: 1 s, 2 s, 4 s … up to ``maxDelay``, 15 minutes) for that key only: an attacker
/// guessing one account from one address waits longer and longer, while the account's owner logs in
/// from another address at once. A counter forgets its failures after ``window`` without one.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public var freeFailuresPerAccount: Int
    public var freeFailuresPerAddress: Int
    /// The first wait; each further failure doubles it.
    public var firstDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var window: TimeInterval
    /// Failed logins for accounts that do not exist are written to the audit log as one event per
    /// address and this window, with their count.
    public var unknownAccountWindow: TimeInterval

    public init(freeFailuresPerAccount: Int = 5, freeFailuresPerAddress: Int = 20, firstDelay: TimeInterval = 1,
                maxDelay: TimeInterval = 900, window: TimeInterval = 3600, unknownAccountWindow: TimeInterval = 900) {
        self.freeFailuresPerAccount = freeFailuresPerAccount
        self.freeFailuresPerAddress = freeFailuresPerAddress
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.window = window
        self.unknownAccountWindow = unknownAccountWindow
    }

    /// The wait after the `failures`-th failure of a key that has `free` failures without a wait.
    public func delay(afterFailures failures: Int, free: Int) -> TimeInterval {
        guard failures >= free else { return 0 }
        let doublings = min(failures - free, 30)
        return min(maxDelay, firstDelay * pow(2, Double(doublings)))
    }

    /// The throttle keys of a login attempt: the address's and the (address, account) pair's, each
    /// with its free failures.
    public func keys(address: String, email: String) -> [(key: String, free: Int)] {
        [("a:" + address, freeFailuresPerAddress), ("u:" + address + "|" + email, freeFailuresPerAccount)]
    }

    /// The key under which failures for unknown accounts from `address` are counted for the audit log.
    public func unknownKey(address: String) -> String { "n:" + address }
}
