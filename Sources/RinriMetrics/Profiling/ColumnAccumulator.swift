/// Everything profiled about one column on one worker thread.
///
/// Per value: missing or not, which types it parses as, numeric summary and quantile sketch
/// for numbers, a HyperLogLog for distinct values and exact value counts up to ``exactCap``
/// distinct values (after which only the estimate is kept).
struct ColumnAccumulator: Sendable {
    /// Distinct values counted exactly (and eligible as top categories) per column.
    static let exactCap = 10_000

    private(set) var missing = 0
    private(set) var present = 0
    private(set) var integers = 0
    private(set) var numbers = 0
    private(set) var booleans = 0
    private(set) var numeric = NumericSummary()
    private(set) var sketch = QuantileSketch()
    private(set) var distinctEstimate = HyperLogLog()
    private var values = ByteInterner()
    private var valueCounts: [Int] = []
    private(set) var overflowed = false

    /// Adds one field value (empty = missing).
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count > 0 else {
            missing += 1
            return
        }
        present += 1
        distinctEstimate.add(hash: ByteInterner.hash(bytes))
        if !overflowed {
            let id = values.id(of: bytes)
            if id == valueCounts.count { valueCounts.append(0) }
            valueCounts[id] += 1
            if values.count > Self.exactCap { dropExactCounts() }
        }
        if let number = NumberParsing.double(bytes) {
            numbers += 1
            if Self.isInteger(bytes) { integers += 1 }
            numeric.add(number)
            sketch.add(number)
        } else if Self.isBoolean(bytes) {
            booleans += 1
        }
    }

    private mutating func dropExactCounts() {
        overflowed = true
        values = ByteInterner()
        valueCounts = []
    }

    /// The exact value counts, or nil when there were more than ``exactCap`` distinct values.
    var exactCounts: [String: Int]? {
        guard !overflowed else { return nil }
        var counts: [String: Int] = [:]
        for id in valueCounts.indices { counts[String(decoding: values.key(id), as: UTF8.self)] = valueCounts[id] }
        return counts
    }

    /// Adds another worker's accumulator of the same column.
    mutating func merge(_ other: ColumnAccumulator) {
        missing += other.missing
        present += other.present
        integers += other.integers
        numbers += other.numbers
        booleans += other.booleans
        numeric.merge(other.numeric)
        sketch.merge(other.sketch)
        distinctEstimate.merge(other.distinctEstimate)
        guard !overflowed, let mine = exactCounts, let theirs = other.exactCounts else {
            dropExactCounts()
            return
        }
        let merged = mine.merging(theirs, uniquingKeysWith: +)
        guard merged.count <= Self.exactCap else {
            dropExactCounts()
            return
        }
        values = ByteInterner()
        valueCounts = []
        for (value, count) in merged.sorted(by: { $0.key < $1.key }) {
            _ = Array(value.utf8).withUnsafeBufferPointer { values.id(of: $0) }
            valueCounts.append(count)
        }
    }

    /// The inferred type: `empty`, `integer`, `number`, `boolean` or `string`.
    var inferredType: String {
        if present == 0 { return "empty" }
        if integers == present { return "integer" }
        if numbers == present { return "number" }
        if booleans == present { return "boolean" }
        return "string"
    }

    private static func isInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return false }
        return bytes[index...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isBoolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ["true", "false", "yes", "no"].contains(String(decoding: bytes, as: UTF8.self).lowercased())
    }
}

/// Counts rows, and positive/negative labels, per value of each sensitive column.
struct GroupBalance: Sendable {
    private var values = ByteInterner()
    private(set) var rows: [Int] = []
    private(set) var positives: [Int] = []
    private(set) var negatives: [Int] = []

    @inline(__always)
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, label: Bool?) {
        let id = values.id(of: bytes)
        if id == rows.count {
            rows.append(0)
            positives.append(0)
            negatives.append(0)
        }
        rows[id] += 1
        if label == true { positives[id] += 1 }
        if label == false { negatives[id] += 1 }
    }

    /// value → (rows, positives, negatives).
    var table: [String: (rows: Int, positives: Int, negatives: Int)] {
        var result: [String: (rows: Int, positives: Int, negatives: Int)] = [:]
        for id in rows.indices {
            result[String(decoding: values.key(id), as: UTF8.self)] = (rows[id], positives[id], negatives[id])
        }
        return result
    }
}

/// The per-worker record sink of a profile.
struct ProfileSink: RecordSink {
    private(set) var rows = 0
    private(set) var columns: [ColumnAccumulator]
    private(set) var groups: [GroupBalance]
    private let sensitiveSlots: [Int]
    private let labelSlot: Int?
    private let labels: LabelValues?

    init(columnCount: Int, sensitiveSlots: [Int], labelSlot: Int?, labels: LabelValues?) {
        columns = [ColumnAccumulator](repeating: ColumnAccumulator(), count: columnCount)
        groups = [GroupBalance](repeating: GroupBalance(), count: sensitiveSlots.count)
        self.sensitiveSlots = sensitiveSlots
        self.labelSlot = labelSlot
        self.labels = labels
    }

    mutating func consume(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) throws(RecordError) {
        rows += 1
        for index in columns.indices { columns[index].add(fields[index]) }
        let label = labelSlot.flatMap { slot in labels?.classify(fields[slot]) }
        for (position, slot) in sensitiveSlots.enumerated() { groups[position].add(fields[slot], label: label) }
    }
}
