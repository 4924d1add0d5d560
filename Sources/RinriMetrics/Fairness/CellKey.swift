/// Gives each record the id of its *cell*: the combination of its values of all grouping
/// columns (the finest partition).
///
/// Every feature's groups are unions of cells, so workers only count per cell and features
/// are formed after the scan by adding cells up. Lookup is two-level and allocation-free:
/// each column value gets a column-local id (a direct-mapped cache of values up to 8 bytes in
/// front of a ``ByteInterner``), then the tuple of column ids gets the cell id (a direct-mapped
/// cache when it packs into 64 bits, in front of another interner).
struct CellKeyBuilder {
    private let slots: [Int]
    private var columns: [ColumnValueIDs]
    private var cellInterner = ByteInterner()
    private var cellCache: DirectMappedCache
    private var idScratch: [UInt32]

    /// - Parameter slots: the record slots of the grouping columns, in grouping-column order.
    init(slots: [Int]) {
        self.slots = slots
        columns = slots.map { _ in ColumnValueIDs() }
        cellCache = DirectMappedCache(size: 4096)
        idScratch = [UInt32](repeating: 0, count: max(1, slots.count))
    }

    /// Number of cells seen.
    var count: Int { cellInterner.count }

    /// The cell id of the record, and whether the cell is new.
    @inline(__always)
    mutating func cell(of fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) -> (id: Int, isNew: Bool) {
        if slots.count <= 2 {
            var packed: UInt64 = 0
            for position in 0..<slots.count {
                let id = UInt64(columns[position].id(of: fields[slots[position]]))
                packed |= id << (32 * UInt64(position))
            }
            if let cell = cellCache.lookup(packed, length: 8) { return (cell, false) }
            let before = cellInterner.count
            let cell = withUnsafeBytes(of: packed.littleEndian) { raw in
                cellInterner.id(of: UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: 8))
            }
            cellCache.store(packed, length: 8, id: cell)
            return (cell, cellInterner.count > before)
        }
        var ids = idScratch
        idScratch = []
        for position in 0..<slots.count {
            ids[position] = UInt32(truncatingIfNeeded: columns[position].id(of: fields[slots[position]]))
        }
        let before = cellInterner.count
        let cell = ids.withUnsafeBytes { raw in
            cellInterner.id(of: UnsafeBufferPointer(start: raw.bindMemory(to: UInt8.self).baseAddress, count: raw.count))
        }
        idScratch = ids
        return (cell, cellInterner.count > before)
    }

    /// The grouping-column values of cell `id`.
    func values(ofCell id: Int) -> [String] {
        let key = Array(cellInterner.key(id))
        let width = 4
        return (0..<slots.count).map { position in
            var columnID = 0
            for byte in 0..<width { columnID |= Int(key[position * width + byte]) << (8 * byte) }
            return String(decoding: columns[position].interner.key(columnID), as: UTF8.self)
        }
    }
}

/// Column-local ids of one grouping column's values.
struct ColumnValueIDs {
    private(set) var interner = ByteInterner()
    private var cache = DirectMappedCache(size: 1024)

    /// The id of `bytes` in this column, adding it when new.
    @inline(__always)
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count <= 8 else { return interner.id(of: bytes) }
        var word: UInt64 = 0
        for index in 0..<bytes.count { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        if let id = cache.lookup(word, length: bytes.count) { return id }
        let id = interner.id(of: bytes)
        cache.store(word, length: bytes.count, id: id)
        return id
    }
}

/// A direct-mapped cache from (64-bit word, length) to an id; a miss costs one comparison.
struct DirectMappedCache {
    private var words: [UInt64]
    /// length + 1 of the cached entry, 0 when empty; and the id.
    private var tags: [Int32]
    private var ids: [Int32]
    private let mask: Int

    init(size: Int) {
        words = [UInt64](repeating: 0, count: size)
        tags = [Int32](repeating: 0, count: size)
        ids = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ word: UInt64, _ length: Int) -> Int {
        var mixed = (word ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
        mixed ^= mixed >> 32
        return Int(truncatingIfNeeded: mixed) & mask
    }

    @inline(__always)
    func lookup(_ word: UInt64, length: Int) -> Int? {
        let index = slot(word, length)
        return tags[index] == Int32(length + 1) && words[index] == word ? Int(ids[index]) : nil
    }

    @inline(__always)
    mutating func store(_ word: UInt64, length: Int, id: Int) {
        let index = slot(word, length)
        words[index] = word
        tags[index] = Int32(length + 1)
        ids[index] = Int32(truncatingIfNeeded: id)
    }
}

/// Per-cell statistics that can be added up across workers, cells and bootstrap draws.
protocol CellStatistics: Sendable {
    /// Adds `other` (the statistics of disjoint rows) into `self`.
    mutating func add(_ other: Self)
}

/// One merged cell: its grouping-column values and statistics.
struct Cell<Stats: CellStatistics>: Sendable {
    var values: [String]
    var stats: Stats
}

/// A group of a feature: its values (of the feature's columns) and added-up statistics.
struct GroupStats<Stats: CellStatistics>: Sendable {
    var values: [String]
    var stats: Stats
}
