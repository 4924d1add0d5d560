#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Finds the delimiters, line feeds and quotes of a chunk 64 bytes at a time.
///
/// The scanner keeps a bitmap of the special bytes ("stops") in the current 64-byte block —
/// bit *i* set when byte *i* of the block is a stop not yet passed — so each block is loaded
/// and classified once however many fields it holds, and the next stop is one
/// count-trailing-zeros away. See ``StopBits`` for how a block is classified.
struct StopScanner {
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private let classifier: StopBits
    /// Start of the block whose stops are in `mask`.
    private var blockStart: Int
    /// Bit *i* set when `base[blockStart + i]` is a stop not yet passed.
    private var mask: UInt64 = 0

    /// A scanner whose first stop is the first at or after `start`.
    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, start: Int) {
        self.base = base
        self.count = count
        classifier = StopBits(delimiter: delimiter)
        blockStart = start
        restart(at: start)
    }

    /// Starts over at `position`: the next stop returned is the first at or after it.
    @inline(__always)
    mutating func restart(at position: Int) {
        blockStart = position
        mask = position < count ? block(at: position) : 0
    }

    /// The position of the next stop (which is then passed), or `count` when none is left.
    @inline(__always)
    mutating func next() -> Int {
        while mask == 0 {
            blockStart &+= 64
            if blockStart >= count {
                blockStart = count
                return count
            }
            mask = block(at: blockStart)
        }
        let stop = blockStart &+ mask.trailingZeroBitCount
        mask &= mask &- 1
        return stop
    }

    /// The stops of the 64 bytes at `position`; past the end of the chunk, none.
    @inline(__always)
    private func block(at position: Int) -> UInt64 {
        if position &+ 64 <= count { return classifier.stops(base + position) }
        return Self.partialBlock(classifier, base + position, count &- position)
    }

    /// The stops of the last bytes of the chunk, read through a zero-padded copy (kept out of
    /// line: the hot loop stays small and the scanner's state stays in registers). NUL is
    /// never a stop, since the delimiter is not NUL.
    @inline(never)
    private static func partialBlock(_ classifier: StopBits, _ start: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { padded in
            padded.initialize(repeating: 0)
            for index in 0..<length { padded[index] = start[index] }
            return classifier.stops(UnsafePointer(padded.baseAddress!))
        }
    }
}

/// Classifies 64 bytes at once into a bitmap of stops: the delimiter, LF and `"`.
///
/// On x86-64 each 16 bytes take three SSE2 byte comparisons and one `pmovmskb`. Elsewhere
/// (``portableStops(_:)``, also what the tests compare against) each 8-byte word *w* is
/// tested per special byte *c*: `y = w ^ c·0x0101…` has a zero byte exactly where *c*
/// occurs, `((y & 0x7F…) + 0x7F…) | y` has its high bit clear exactly in the zero bytes of
/// *y* (no carry crosses a byte), and multiplying the high bits, moved down to bit 0 of each
/// byte, by 0x0102_0408_1020_4080 gathers them into the top byte in order.
struct StopBits {
    let delimiter: UInt8
    #if arch(x86_64)
    private let delimiterVector: __m128i
    private let lineFeedVector: __m128i
    private let quoteVector: __m128i
    #endif

    init(delimiter: UInt8) {
        self.delimiter = delimiter
        #if arch(x86_64)
        delimiterVector = _mm_set1_epi8(Int8(bitPattern: delimiter))
        lineFeedVector = _mm_set1_epi8(Int8(bitPattern: UInt8(ascii: "\n")))
        quoteVector = _mm_set1_epi8(Int8(bitPattern: UInt8(ascii: "\"")))
        #endif
    }

    /// Bit *i* set when `bytes[i]` is a stop, for the 64 bytes at `bytes`.
    @inline(__always)
    func stops(_ bytes: UnsafePointer<UInt8>) -> UInt64 {
        #if arch(x86_64)
        let raw = UnsafeRawPointer(bytes)
        return sixteen(raw) | (sixteen(raw + 16) &<< 16) | (sixteen(raw + 32) &<< 32) | (sixteen(raw + 48) &<< 48)
        #else
        return portableStops(bytes)
        #endif
    }

    /// For the 64 bytes at `bytes`, as far as a record starting there needs them: bit *i* of
    /// `delimiters` set when `bytes[i]` is the delimiter, of `ends` when it is LF or `"`. Exact
    /// up to and including the first end; past it, bits may be missing (when the first 32 bytes
    /// hold an end, the last 32 are not looked at).
    @inline(__always)
    func recordBitsToFirstEnd(_ bytes: UnsafePointer<UInt8>) -> (delimiters: UInt64, ends: UInt64) {
        #if arch(x86_64)
        let raw = UnsafeRawPointer(bytes)
        let (d0, e0) = sixteenRecordBits(raw), (d1, e1) = sixteenRecordBits(raw + 16)
        let delimiters = d0 | (d1 &<< 16), ends = e0 | (e1 &<< 16)
        if ends != 0 { return (delimiters, ends) }
        let (d2, e2) = sixteenRecordBits(raw + 32), (d3, e3) = sixteenRecordBits(raw + 48)
        return (delimiters | (d2 &<< 32) | (d3 &<< 48), (e2 &<< 32) | (e3 &<< 48))
        #else
        return portableRecordBits(bytes)
        #endif
    }

    #if arch(x86_64)
    @inline(__always)
    private func sixteenRecordBits(_ raw: UnsafeRawPointer) -> (UInt64, UInt64) {
        let bytes = _mm_loadu_si128(raw.assumingMemoryBound(to: __m128i.self))
        let delimiters = _mm_cmpeq_epi8(bytes, delimiterVector)
        let ends = _mm_or_si128(_mm_cmpeq_epi8(bytes, lineFeedVector), _mm_cmpeq_epi8(bytes, quoteVector))
        return (UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(delimiters))),
                UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(ends))))
    }

    @inline(__always)
    private func sixteen(_ raw: UnsafeRawPointer) -> UInt64 {
        let bytes = _mm_loadu_si128(raw.assumingMemoryBound(to: __m128i.self))
        let matches = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, delimiterVector),
                                                _mm_cmpeq_epi8(bytes, lineFeedVector)),
                                   _mm_cmpeq_epi8(bytes, quoteVector))
        return UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(matches)))
    }
    #endif

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The same bitmap as ``stops(_:)`` computed eight bytes at a time with integer arithmetic.
    @inline(__always)
    func portableStops(_ bytes: UnsafePointer<UInt8>) -> UInt64 {
        let bits = portableRecordBits(bytes)
        return bits.delimiters | bits.ends
    }

    /// The bitmaps of ``recordBitsToFirstEnd(_:)`` for all 64 bytes, computed eight bytes at a
    /// time with integer arithmetic.
    @inline(__always)
    func portableRecordBits(_ bytes: UnsafePointer<UInt8>) -> (delimiters: UInt64, ends: UInt64) {
        var delimiters: UInt64 = 0, ends: UInt64 = 0
        for word in 0..<8 {
            let value = UnsafeRawPointer(bytes + word &* 8).loadUnaligned(as: UInt64.self).littleEndian
            let shift = UInt64(word &* 8)
            delimiters |= Self.gathered(Self.zeroBytes(value ^ (UInt64(delimiter) &* Self.ones))) &<< shift
            let lineFeeds = Self.zeroBytes(value ^ (UInt64(UInt8(ascii: "\n")) &* Self.ones))
            let quotes = Self.zeroBytes(value ^ (UInt64(UInt8(ascii: "\"")) &* Self.ones))
            ends |= Self.gathered(lineFeeds | quotes) &<< shift
        }
        return (delimiters, ends)
    }

    /// The high bit of each zero byte of `word`.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & lows) &+ lows) | word) & ~lows
    }

    /// The high bits of the eight bytes gathered into the low eight bits, in byte order.
    @inline(__always)
    private static func gathered(_ highs: UInt64) -> UInt64 {
        ((highs &>> 7) &* 0x0102_0408_1020_4080) &>> 56
    }
}
