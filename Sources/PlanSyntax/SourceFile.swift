/// A file's bytes and the means to find any line in it, for diagnostics that quote the source.
///
/// Diagnostics hold a reference to their file, not a copy of their line: the line starts are
/// worked out once per file, and a long line gets an index of where every 64th character starts
/// (built as far as diagnostics need it), so quoting a window of a line around a column costs the
/// window, not the line.
public final class SourceFile: @unchecked Sendable {
    public let id: Int
    /// The path as the user named it (or as an include resolved it), used in every diagnostic.
    public let path: String
    public let bytes: [UInt8]
    private var lineStarts: [Int]?
    /// For long lines only: byte offsets of characters 0, 64, 128, …, as far as a diagnostic needed.
    private var columnIndex: [Int: [Int]] = [:]
    /// Bytes looked at to find lines and columns, so tests can check the work stays linear.
    public private(set) var scannedBytes = 0

    /// Lines shorter than this are scanned from their start; longer ones get a column index.
    static let indexedLineBytes = 1024
    static let checkpointStride = 64

    public init(id: Int, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
    }

    /// A file that holds one known line, `text` as line `line`: for diagnostics made by hand
    /// (tests, tools) that have a line but no file.
    public static func snippet(_ text: String, line: Int, path: String) -> SourceFile {
        SourceFile(id: -1, path: path, bytes: [UInt8](repeating: 0x0A, count: max(0, line - 1)) + Array(text.utf8))
    }

    /// The number of lines (a final line break does not start another).
    public var lineCount: Int { computeLineStarts().count }

    /// The byte range of a 1-based line without its line break, or nil past the end of the file.
    public func byteRange(ofLine number: Int) -> Range<Int>? {
        let starts = computeLineStarts()
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// The text of a 1-based line without its line break, or nil past the end of the file.
    public func line(_ number: Int) -> String? {
        guard let range = byteRange(ofLine: number) else { return nil }
        scannedBytes += range.count
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Part of a line, at most `width` characters, around a 1-based column: what a diagnostic shows.
    public struct Excerpt: Equatable, Sendable {
        /// The characters shown (raw: the writer makes them safe to print).
        public var text: String
        /// The 1-based column of the diagnostic within `text`.
        public var column: Int
        /// Whether the line goes on before or after `text`.
        public var clippedBefore: Bool
        public var clippedAfter: Bool
    }

    /// The window of `line` shown for a diagnostic at `column`: the whole line when it has at most
    /// `width` characters, otherwise `width` characters starting `lead` before the column (or
    /// ending at the line's end). Costs the window, plus indexing the line once up to the column:
    /// never the whole line per diagnostic.
    public func excerpt(line number: Int, column: Int, width: Int = 200, lead: Int = 60) -> Excerpt? {
        guard let range = byteRange(ofLine: number) else { return nil }
        var (from, first) = byteOffset(line: number, range: range, character: max(0, column - 1 - lead))
        let (to, taken) = advance(from, by: width, before: range.upperBound)
        if taken < width, first > 0 {
            // Near the end of the line: show its last `width` characters instead.
            let (start, moved) = retreat(from, by: width - taken, after: range.lowerBound)
            from = start
            first -= moved
        }
        scannedBytes += to - from
        return Excerpt(
            text: String(decoding: bytes[from..<to], as: UTF8.self), column: column - first,
            clippedBefore: first > 0, clippedAfter: to < range.upperBound)
    }

    /// 1-based line and column (in characters) of a byte offset.
    public func position(ofByte offset: Int) -> (line: Int, column: Int) {
        let starts = computeLineStarts()
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let lineStart = starts[low]
        var column = 1
        var index = lineStart
        let limit = min(offset, bytes.count)
        while index < limit {
            // Count characters, not bytes: skip UTF-8 continuation bytes.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        scannedBytes += limit - lineStart
        return (low + 1, column)
    }

    /// The offset `count` characters on from `offset` (stopping at `end`), and how many it passed.
    private func advance(_ offset: Int, by count: Int, before end: Int) -> (offset: Int, passed: Int) {
        var offset = offset, passed = 0
        while passed < count, offset < end {
            offset += 1
            while offset < end, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            passed += 1
        }
        return (offset, passed)
    }

    /// The offset `count` characters back from `offset` (stopping at `start`), and how many it passed.
    private func retreat(_ offset: Int, by count: Int, after start: Int) -> (offset: Int, passed: Int) {
        var offset = offset, passed = 0
        while passed < count, offset > start {
            offset -= 1
            while offset > start, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            passed += 1
        }
        scannedBytes += passed
        return (offset, passed)
    }

    /// Where the 0-based `character` of a line starts, and that character's index (the line's end
    /// and its length when it has fewer characters).
    private func byteOffset(line number: Int, range: Range<Int>, character: Int) -> (offset: Int, character: Int) {
        var start = range.lowerBound, skipped = 0
        if range.count >= SourceFile.indexedLineBytes {
            // Extend the line's index only as far as this character: every 64th character's offset.
            let stride = SourceFile.checkpointStride
            var checkpoints = columnIndex.removeValue(forKey: number) ?? [range.lowerBound]
            while checkpoints.count * stride <= character {
                let (next, passed) = advance(checkpoints[checkpoints.count - 1], by: stride, before: range.upperBound)
                scannedBytes += next - checkpoints[checkpoints.count - 1]
                guard passed == stride, next < range.upperBound else { break }
                checkpoints.append(next)
            }
            let slot = min(character / stride, checkpoints.count - 1)
            start = checkpoints[slot]
            skipped = slot * stride
            columnIndex[number] = checkpoints
        }
        let (offset, passed) = advance(start, by: character - skipped, before: range.upperBound)
        scannedBytes += offset - start
        return (offset, skipped + passed)
    }

    private func computeLineStarts() -> [Int] {
        if let lineStarts { return lineStarts }
        var starts = [0]
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        scannedBytes += count
        lineStarts = starts
        return starts
    }
}

/// Every file read during one compilation, so a location can be turned back into a path and line.
public final class SourceManager: @unchecked Sendable {
    public private(set) var files: [SourceFile] = []

    public init() {}

    @discardableResult
    public func add(path: String, bytes: [UInt8]) -> SourceFile {
        let file = SourceFile(id: files.count, path: path, bytes: bytes)
        files.append(file)
        return file
    }

    public subscript(id: Int) -> SourceFile { files[id] }
}
