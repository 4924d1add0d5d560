/// An IP address (v4 or v6) as bytes, parsed without the network stack.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is kept as IPv4.
    public let bytes: [UInt8]

    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        if let v4 = Self.parseV4(text) { bytes = v4; return }
        guard let v6 = Self.parseV6(text) else { return nil }
        bytes = v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF ? Array(v6[12...]) : v6
    }

    /// An address written with a port, as some proxies do: `192.0.2.1:4711` or `[2001:db8::1]:4711`.
    init?(withoutPort text: String) {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            self.init(String(text[text.index(after: text.startIndex)..<close]))
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            self.init(String(text[..<colon]))
        } else {
            return nil
        }
    }

    public var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }

    private static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let n = UInt8(part) else { return nil }
            bytes.append(n)
        }
        return bytes
    }

    private static func parseV6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains("."), let v4 = parseV4(piece) { bytes += v4; continue }
                guard (1...4).contains(piece.count), let n = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(n >> 8), UInt8(n & 0xFF)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}

/// An address or a CIDR block (`10.0.0.0/8`, `fd00::/8`, `127.0.0.1`), for `RINRI_TRUSTED_PROXIES`.
public struct IPBlock: Sendable, Hashable {
    public let network: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let address = IPAddress(String(parts[0])) else { return nil }
        let bits = address.bytes.count * 8
        if parts.count == 2 {
            guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
            prefixLength = length
        } else {
            prefixLength = bits
        }
        network = address
    }

    /// Whether `address` lies in this block.
    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == network.bytes.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address.bytes, network.bytes) where remaining > 0 {
            let take = min(8, remaining)
            let mask: UInt8 = take == 8 ? 0xFF : ~(0xFF >> UInt8(take))
            if a & mask != b & mask { return false }
            remaining -= take
        }
        return true
    }

    /// The client's address behind trusted proxies: walking `X-Forwarded-For` from the right, the first
    /// address that is not a trusted proxy. The peer itself must be trusted for the header to count.
    public static func clientAddress(peer: IPAddress?, forwardedFor: [String], trusted: [IPBlock]) -> IPAddress? {
        guard let peer else { return nil }
        func isTrusted(_ address: IPAddress) -> Bool { trusted.contains { $0.contains(address) } }
        guard isTrusted(peer) else { return peer }
        var client = peer
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard let address = IPAddress(hop) ?? IPAddress(withoutPort: hop) else { return client }
            client = address
            if !isTrusted(address) { return address }
        }
        return client
    }
}
