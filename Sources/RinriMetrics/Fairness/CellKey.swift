/// Gives each record the id of its *cell*: the combination of its values of all grouping
/// columns (the finest partition).
///
/// Every feature's groups are unions of cells, so workers only count per cell and features
/// are formed after the scan by adding cells up. Lookup is two-level and allocation-free:
/// each column value gets a column-local id (a direct-mapped cache of values up to 8 bytes in
/// front of a ``ByteInterner``), then the tuple of column ids gets the cell id: a direct-mapped
/// cache keyed by the ids packed into 64 bits (64 / *columns* bits each) when they fit, in front
/// of another interner keyed by the ids as 4 bytes each. In front of both, with at most four
/// grouping columns, a ``TupleCache`` maps the raw values (each up to 8 bytes) straight to
/// the cell: one lookup per row instead of a chain of dependent ones. Cache hits only read,
/// so the common case makes no copy-on-write uniqueness checks.
struct CellKeyBuilder {
    private let slots: [Int]
    private var tuples: TupleCache?
    private var columns: [ColumnValueIDs]
    private var cellInterner = ByteInterner()
    private var cellCache: DirectMappedCache
    /// Bits per column id in the packed cell-cache key, and the first id that does not fit.
    private let bitsPerColumn: Int
    private let idLimit: Int

    /// - Parameter slots: the record slots of the grouping columns, in grouping-column order.
    init(slots: [Int]) {
        self.slots = slots
        columns = slots.map { _ in ColumnValueIDs() }
        tuples = (1...TupleCache.maximumWidth).contains(slots.count) ? TupleCache(slots: slots) : nil
        cellCache = DirectMappedCache(size: 4096)
        bitsPerColumn = slots.count <= 1 ? 64 : 64 / slots.count
        idLimit = bitsPerColumn >= 63 ? Int.max : 1 << bitsPerColumn
    }

    /// Number of cells seen.
    var count: Int { cellInterner.count }

    /// The cell id of the record, and whether the cell is new.
    @inline(__always)
    mutating func cell(of fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) -> (id: Int, isNew: Bool) {
        guard let tuples, let key = tuples.key(fields) else { return columnCell(of: fields) }
        if let cell = tuples.lookup(key) { return (cell, false) }
        let (cell, isNew) = columnCell(of: fields)
        self.tuples!.store(key, cell: cell)
        return (cell, isNew)
    }

    /// The cell id through the column ids, and whether the cell is new.
    @inline(__always)
    private mutating func columnCell(of fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) -> (id: Int, isNew: Bool) {
        var packed: UInt64 = 0
        var fits = true
        for position in 0..<slots.count {
            let bytes = fields[slots[position]]
            let id = columns[position].cachedID(of: bytes) ?? columns[position].insert(bytes)
            fits = fits && id < idLimit
            packed |= UInt64(truncatingIfNeeded: id) &<< UInt64(bitsPerColumn &* position)
        }
        if fits, let cell = cellCache.lookup(packed, length: 8) { return (cell, false) }
        return internCell(fields, packed: fits ? packed : nil)
    }

    /// The cell id from the interner (a cache miss), cached when the ids fit the packed key.
    private mutating func internCell(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>,
                                     packed: UInt64?) -> (id: Int, isNew: Bool) {
        var key = [UInt8]()
        key.reserveCapacity(4 * slots.count)
        for position in 0..<slots.count {
            let bytes = fields[slots[position]]
            let id = UInt32(truncatingIfNeeded: columns[position].cachedID(of: bytes) ?? columns[position].insert(bytes))
            withUnsafeBytes(of: id.littleEndian) { key.append(contentsOf: $0) }
        }
        let before = cellInterner.count
        let cell = key.withUnsafeBufferPointer { cellInterner.id(of: $0) }
        if let packed { cellCache.store(packed, length: 8, id: cell) }
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

/// A direct-mapped cache from the raw values of up to four grouping columns, each at most
/// 8 bytes long, to their cell id.
///
/// An entry is four words holding the values (packed little-endian, zero-padded) and a tag
/// word: the four lengths (4 bits each), a bit marking the entry as filled, and the cell id in
/// the upper 32 bits. A miss costs one comparison and falls back to the column ids.
struct TupleCache {
    static let maximumWidth = 4
    /// The raw values of one record.
    struct Key {
        var words: (UInt64, UInt64, UInt64, UInt64)
        var tag: UInt64
        var index: Int
    }

    private static let stride = 5
    private static let sizeBits = 12
    private let width: Int
    /// The record slots of the (up to four) grouping columns; unused ones repeat the first.
    private let slots: (Int, Int, Int, Int)
    private var entries: [UInt64]

    init(slots: [Int]) {
        width = slots.count
        self.slots = (slots[0], slots.count > 1 ? slots[1] : slots[0], slots.count > 2 ? slots[2] : slots[0],
                      slots.count > 3 ? slots[3] : slots[0])
        entries = [UInt64](repeating: 0, count: Self.stride << Self.sizeBits)
    }

    /// The key of a record's values, or nil when one is longer than 8 bytes.
    @inline(__always)
    func key(_ fields: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>) -> Key? {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var tag: UInt64 = 1 << 16
        var longest = 0
        @inline(__always) func value(_ slot: Int, _ position: Int) -> UInt64 {
            let bytes = fields[slot]
            longest = max(longest, bytes.count)
            tag |= UInt64(truncatingIfNeeded: bytes.count & 15) &<< UInt64(4 &* position)
            return bytes.count <= 8 ? packedWord(bytes) : 0
        }
        words.0 = value(slots.0, 0)
        if width > 1 { words.1 = value(slots.1, 1) }
        if width > 2 { words.2 = value(slots.2, 2) }
        if width > 3 { words.3 = value(slots.3, 3) }
        guard longest <= 8 else { return nil }
        // One multiplication: the words rotated apart, then multiply-shift. A collision only
        // costs a cache miss.
        let mixed = words.0 ^ words.1.rotated(17) ^ words.2.rotated(34) ^ words.3.rotated(51) ^ tag
        let hash = mixed &* 0x9E37_79B9_7F4A_7C15
        return Key(words: words, tag: tag, index: Int(truncatingIfNeeded: hash &>> UInt64(64 - Self.sizeBits)) &* Self.stride)
    }

    /// The cached cell of `key`, if any.
    @inline(__always)
    func lookup(_ key: Key) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            let entry = entries.baseAddress! + key.index
            // One branch for the five comparisons.
            let differences = (entry[4] & 0xFFFF_FFFF ^ key.tag) | (entry[0] ^ key.words.0) | (entry[1] ^ key.words.1)
                | (entry[2] ^ key.words.2) | (entry[3] ^ key.words.3)
            return differences == 0 ? Int(truncatingIfNeeded: entry[4] &>> 32) : nil
        }
    }

    /// Caches `cell` for `key` (cells past 2³² − 1 are not cached).
    mutating func store(_ key: Key, cell: Int) {
        guard cell <= Int(UInt32.max) else { return }
        entries[key.index] = key.words.0
        entries[key.index + 1] = key.words.1
        entries[key.index + 2] = key.words.2
        entries[key.index + 3] = key.words.3
        entries[key.index + 4] = key.tag | UInt64(cell) &<< 32
    }
}

/// Column-local ids of one grouping column's values.
struct ColumnValueIDs {
    private(set) var interner = ByteInterner()
    private var cache = DirectMappedCache(size: 1024)

    /// The id of `bytes` when it is in the cache (values up to 8 bytes long).
    @inline(__always)
    func cachedID(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count <= 8 else { return nil }
        return cache.lookup(packedWord(bytes), length: bytes.count)
    }

    /// The id of `bytes` from the interner, adding it when new, and caching it when short.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let id = interner.id(of: bytes)
        if bytes.count <= 8 { cache.store(packedWord(bytes), length: bytes.count, id: id) }
        return id
    }
}

/// A direct-mapped cache from (64-bit word, length) to an id; a miss costs one comparison.
struct DirectMappedCache {
    private struct Entry {
        var word: UInt64 = 0
        /// length + 1 of the cached entry, 0 when empty.
        var tag: Int32 = 0
        var id: Int32 = 0
    }

    private var entries: [Entry]
    private let mask: Int

    init(size: Int) {
        entries = [Entry](repeating: Entry(), count: size)
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
        let entry = entries[slot(word, length)]
        return entry.tag == Int32(truncatingIfNeeded: length &+ 1) && entry.word == word ? Int(entry.id) : nil
    }

    @inline(__always)
    mutating func store(_ word: UInt64, length: Int, id: Int) {
        entries[slot(word, length)] = Entry(word: word, tag: Int32(truncatingIfNeeded: length &+ 1),
                                            id: Int32(truncatingIfNeeded: id))
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

extension UInt64 {
    /// The bits rotated left by `count` (0 < `count` < 64).
    @inline(__always)
    func rotated(_ count: UInt64) -> UInt64 { self &<< count | self &>> (64 &- count) }
}
