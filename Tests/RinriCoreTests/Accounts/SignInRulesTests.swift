import Foundation
import RinriCore
import Testing

@Suite("Sign-in rules: addresses behind proxies, login delays, session lifetimes, token lifetimes")
struct SignInRulesTests {
    @Test(arguments: [
        ("192.0.2.1", "192.0.2.1"), ("::1", "0:0:0:0:0:0:0:1"), ("[2001:db8::1]", "2001:db8:0:0:0:0:0:1"),
        ("::ffff:198.51.100.7", "198.51.100.7"), ("fe80::1%eth0", "fe80:0:0:0:0:0:0:1"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func addressesParse(text: String, canonical: String) {
        #expect(IPAddress(text)?.description == canonical)
    }

    @Test(arguments: ["", "256.0.0.1", "1.2.3", "01234.1.1.1", "1::2::3", "12345::", "host.example", "1.2.3.4/8", ":::"])
    func nonAddressesDoNotParse(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func blocksContainTheirAddresses() throws {
        let ten = try #require(IPBlock("10.0.0.0/8")), v6 = try #require(IPBlock("fd00::/8")), one = try #require(IPBlock("127.0.0.1"))
        #expect(ten.contains(IPAddress("10.200.3.4")!) && !ten.contains(IPAddress("11.0.0.1")!))
        #expect(v6.contains(IPAddress("fd12::1")!) && !v6.contains(IPAddress("fe80::1")!) && !v6.contains(IPAddress("10.0.0.1")!))
        #expect(one.contains(IPAddress("127.0.0.1")!) && !one.contains(IPAddress("127.0.0.2")!))
        #expect(IPBlock("10.0.0.0/33") == nil && IPBlock("::/129") == nil && IPBlock("x/8") == nil)
        #expect(IPBlock("0.0.0.0/0")!.contains(IPAddress("203.0.113.9")!))
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() {
        let proxies = [IPBlock("10.0.0.0/8")!]
        let proxy = IPAddress("10.0.0.5")
        // an untrusted peer: its own address, whatever it claims
        #expect(IPBlock.clientAddress(peer: IPAddress("203.0.113.9"), forwardedFor: ["1.1.1.1"], trusted: proxies)?.description == "203.0.113.9")
        // a trusted proxy: the right-most address that is not a proxy (a client cannot prepend its way out)
        #expect(IPBlock.clientAddress(peer: proxy, forwardedFor: ["6.6.6.6, 198.51.100.4, 10.0.0.9"], trusted: proxies)?.description == "198.51.100.4")
        #expect(IPBlock.clientAddress(peer: proxy, forwardedFor: ["6.6.6.6", "198.51.100.4"], trusted: proxies)?.description == "198.51.100.4")
        // a hop written with a port still counts
        #expect(IPBlock.clientAddress(peer: proxy, forwardedFor: ["198.51.100.4:4711"], trusted: proxies)?.description == "198.51.100.4")
        #expect(IPBlock.clientAddress(peer: proxy, forwardedFor: ["[2001:db8::7]:443"], trusted: proxies)?.description == "2001:db8:0:0:0:0:0:7")
        // garbage in the header stops the walk at the last good hop
        #expect(IPBlock.clientAddress(peer: proxy, forwardedFor: ["not-an-ip"], trusted: proxies)?.description == "10.0.0.5")
        #expect(IPBlock.clientAddress(peer: nil, forwardedFor: ["1.1.1.1"], trusted: proxies) == nil)
    }

    @Test func delaysGrowAfterTheFreeFailuresAndAreCapped() {
        let policy = LoginThrottlePolicy()
        #expect((0..<5).map { policy.delay(afterFailures: $0, free: 5) }.allSatisfy { $0 == 0 })
        #expect([5, 6, 7, 8].map { policy.delay(afterFailures: $0, free: 5) } == [1, 2, 4, 8])
        #expect(policy.delay(afterFailures: 40, free: 5) == 900 && policy.delay(afterFailures: 10_000, free: 5) == 900)
        let keys = policy.keys(address: "192.0.2.1", email: "a@example.com")
        #expect(keys.map(\.key) == ["a:192.0.2.1", "u:192.0.2.1|a@example.com"] && keys.map(\.free) == [20, 5])
    }

    @Test func sessionsEndAtTheEarlierOfIdleAndAbsolute() {
        let lifetime = SessionLifetime(idle: 3600, absolute: 4 * 3600)
        let login = Date(timeIntervalSince1970: 1_000_000)
        #expect(!lifetime.isExpired(createdAt: login, lastSeenAt: login, now: login.addingTimeInterval(3599)))
        #expect(lifetime.isExpired(createdAt: login, lastSeenAt: login, now: login.addingTimeInterval(3600)))
        let busy = login.addingTimeInterval(4 * 3600 - 10)
        #expect(lifetime.isExpired(createdAt: login, lastSeenAt: busy, now: login.addingTimeInterval(4 * 3600)))
        #expect(lifetime.end(createdAt: login, lastSeenAt: busy) == login.addingTimeInterval(4 * 3600))
    }

    @Test func tokensAlwaysExpireAndNeverOutliveTheirMaker() throws {
        let now = Date(timeIntervalSince1970: 2_000_000)
        #expect(try TokenLifetime.expiry(days: nil, defaultDays: 90, now: now) == now.addingTimeInterval(90 * 86_400))
        #expect(throws: RinriError.self) { try TokenLifetime.expiry(days: 0, defaultDays: 90, now: now) }
        let maker = now.addingTimeInterval(5 * 86_400)
        #expect(try TokenLifetime.minted(asked: nil, defaultDays: 90, mintingExpiry: maker, now: now) == maker)
        #expect(try TokenLifetime.minted(asked: 2, defaultDays: 90, mintingExpiry: maker, now: now) == now.addingTimeInterval(2 * 86_400))
        let refused = #expect(throws: RinriError.self) { try TokenLifetime.minted(asked: 6, defaultDays: 90, mintingExpiry: maker, now: now) }
        #expect(refused?.code == "outlives_token")
        // an old token without expiry mints at most a default-lifetime token
        #expect(try TokenLifetime.minted(asked: nil, defaultDays: 90, mintingExpiry: nil, now: now) == now.addingTimeInterval(90 * 86_400))
    }
}
