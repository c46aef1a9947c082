/// A file's bytes and the means to find any line in it, for diagnostics that quote the source.
public final class SourceFile: @unchecked Sendable {
    public let id: Int
    /// The path as the user named it (or as an include resolved it), used in every diagnostic.
    public let path: String
    public let bytes: [UInt8]
    private var lineStarts: [Int]?

    public init(id: Int, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
    }

    /// The text of a 1-based line without its line break, or nil past the end of the file.
    public func line(_ number: Int) -> String? {
        let starts = computeLineStarts()
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        var end = number < starts.count ? starts[number] : bytes.count
        while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
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
        return (low + 1, column)
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
