import Foundation

/// A growable byte buffer in manually managed memory, owned by one thread at a time.
///
/// `read(2)` fills it directly, so no intermediate `Data` or `[UInt8]` is made.
final class ChunkBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes in use, from `base`.
    var count = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for at least `minimum` bytes, keeping the contents.
    func reserve(_ minimum: Int) {
        guard minimum > capacity else { return }
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends `length` bytes from `source`.
    func append(_ source: UnsafePointer<UInt8>, _ length: Int) {
        guard length > 0 else { return }
        reserve(count + length)
        (base + count).update(from: source, count: length)
        count += length
    }

    /// Removes the first `length` bytes, moving the rest to the front.
    func dropFirst(_ length: Int) {
        let kept = count - length
        if kept > 0 { base.update(from: base + length, count: kept) }
        count = max(0, kept)
    }

    /// The bytes in use.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// Sequential raw byte input: a file descriptor or bytes in memory.
final class ByteReader {
    private enum Input {
        case descriptor(FileHandle?)
        case memory(Data)
    }

    private let input: Input
    private var position = 0
    let name: String

    /// Opens `source` for reading.
    init(source: TableSource) throws(TableError) {
        name = source.displayName
        switch source.origin {
        case .file(let path):
            do {
                input = .descriptor(try FileHandle(forReadingFrom: URL(fileURLWithPath: path)))
            } catch {
                throw TableError(file: path, line: 0, message: "cannot open file (\(error.localizedDescription))")
            }
        case .standardInput:
            input = .descriptor(nil)
        case .data(let data, _):
            input = .memory(data)
        }
    }

    /// Reads up to `maximum` bytes at the end of `buffer`; returns 0 at end of input.
    func read(into buffer: ChunkBuffer, maximum: Int) throws(TableError) -> Int {
        buffer.reserve(buffer.count + maximum)
        switch input {
        case .memory(let data):
            let length = min(maximum, data.count - position)
            guard length > 0 else { return 0 }
            let start = data.startIndex + position
            data.copyBytes(to: buffer.base + buffer.count, from: start..<(start + length))
            position += length
            buffer.count += length
            return length
        case .descriptor(let handle):
            let descriptor = handle?.fileDescriptor ?? 0
            while true {
                let got = Foundation.read(descriptor, buffer.base + buffer.count, maximum)
                if got >= 0 {
                    buffer.count += got
                    return got
                }
                if errno == EINTR { continue }
                throw TableError(file: name, line: 0, message: "read failed (errno \(errno))")
            }
        }
    }
}
