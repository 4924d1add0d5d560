/// Per-cell rows of counters in manually managed memory, for one worker's sink.
///
/// Each cell owns `stride` consecutive elements. Unlike an `Array` in a struct, updating an
/// element makes no copy-on-write uniqueness check, which matters at one update per row and
/// counter. A table is used by one thread at a time (its worker, then the merge after the
/// workers have finished), hence `@unchecked Sendable`.
final class CellTable<Element>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Elements in use (cells × stride).
    private(set) var count = 0
    /// Elements per cell.
    let stride: Int
    private let zero: Element

    init(stride: Int, zero: Element) {
        self.stride = stride
        self.zero = zero
        capacity = max(1, stride * 16)
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Appends a cell with every element zero.
    func addCell() {
        if count + stride > capacity {
            let newCapacity = max(count + stride, capacity * 2)
            let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        (base + count).initialize(repeating: zero, count: stride)
        count += stride
    }

    /// The first element of `cell`.
    @inline(__always)
    func row(_ cell: Int) -> UnsafeMutablePointer<Element> { base + cell &* stride }

    /// `length` elements of `cell` from `offset`, as an array.
    func elements(_ cell: Int, _ offset: Int, _ length: Int) -> [Element] {
        Array(UnsafeBufferPointer(start: row(cell) + offset, count: length))
    }
}
