/// Where a value stands in a source file: 1-based line and column (in characters), and how many
/// characters of that line it covers, so a diagnostic can underline it.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: Int32
    public var line: Int32
    public var column: Int32
    public var length: Int32

    public init(file: Int, line: Int, column: Int, length: Int = 1) {
        self.file = Int32(truncatingIfNeeded: file)
        self.line = Int32(truncatingIfNeeded: line)
        self.column = Int32(truncatingIfNeeded: column)
        self.length = Int32(truncatingIfNeeded: max(1, length))
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
