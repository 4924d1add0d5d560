/// Named values in a fixed order, encoded as a JSON object.
///
/// Used for metric tables (values `Double?`, encoded as numbers or `null`) and confidence
/// interval tables. Order is the order of computation; equality ignores order.
public struct OrderedTable<Value: Sendable & Equatable & Codable>: Sendable, Equatable, Codable, Sequence {
    /// One named value.
    public struct Entry: Sendable, Equatable {
        /// The name.
        public var name: String
        /// The value.
        public var value: Value
        /// Creates an entry.
        public init(name: String, value: Value) {
            self.name = name
            self.value = value
        }
    }

    /// The entries, in order.
    public private(set) var entries: [Entry] = []

    /// An empty table.
    public init() {}

    /// Entries in the given order; a later duplicate name replaces the earlier value.
    public init(_ pairs: [(String, Value)]) {
        for (name, value) in pairs { set(name, value) }
    }

    /// Number of entries.
    public var count: Int { entries.count }

    /// The names, in order.
    public var names: [String] { entries.map(\.name) }

    /// Whether a value is stored under `name` (even a `nil` one).
    public func contains(_ name: String) -> Bool { entries.contains { $0.name == name } }

    /// The value stored under `name`, or nil when there is none. For a ``MetricTable`` use
    /// ``value(_:)`` to get a plain `Double?`.
    public subscript(name: String) -> Value? { entries.first { $0.name == name }?.value }

    /// Stores `value` under `name`, replacing an existing value or appending a new entry.
    public mutating func set(_ name: String, _ value: Value) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].value = value
        } else {
            entries.append(Entry(name: name, value: value))
        }
    }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    public static func == (left: OrderedTable, right: OrderedTable) -> Bool {
        left.entries.count == right.entries.count && left.entries.allSatisfy { right.contains($0.name) && right[$0.name] == $0.value }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try encodeEntries(into: &container)
    }

    /// Writes the entries into an existing keyed container (used to flatten metrics into groups).
    func encodeEntries(into container: inout KeyedEncodingContainer<DynamicKey>) throws {
        for entry in entries { try container.encode(entry.value, forKey: DynamicKey(entry.name)) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        try self.init(from: container, skipping: [])
    }

    /// Reads every key except `skipping`, sorted by name (JSON object order is not kept).
    init(from container: KeyedDecodingContainer<DynamicKey>, skipping: Set<String>) throws {
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !skipping.contains(key.stringValue) {
            set(key.stringValue, try container.decode(Value.self, forKey: key))
        }
    }
}

/// Metric name → value; `nil` means undefined (encoded as JSON `null`).
public typealias MetricTable = OrderedTable<Double?>

/// Metric name → bootstrap confidence interval.
public typealias IntervalTable = OrderedTable<ConfidenceInterval>

/// A percentile bootstrap interval; bounds are `nil` when no replicate defined the metric.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// The lower bound.
    public var lower: Double?
    /// The upper bound.
    public var upper: Double?
    /// Replicates in which the metric was defined (the interval uses only these).
    public var resamples: Int

    /// Creates an interval.
    public init(lower: Double?, upper: Double?, resamples: Int) {
        self.lower = lower
        self.upper = upper
        self.resamples = resamples
    }

    private enum CodingKeys: String, CodingKey { case lower, upper, resamples }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lower, forKey: .lower)
        try container.encode(upper, forKey: .upper)
        try container.encode(resamples, forKey: .resamples)
    }
}

/// A coding key made from any string.
struct DynamicKey: CodingKey, Sendable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension OrderedTable where Value == Double? {
    /// The metric's value; nil both when undefined and when absent (see ``contains(_:)``).
    public func value(_ name: String) -> Double? { self[name] ?? nil }
}
