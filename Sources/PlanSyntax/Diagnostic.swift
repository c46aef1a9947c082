public enum Severity: String, Sendable, Codable, CaseIterable {
    case error
    case warning
    case note
}

/// A secondary place a diagnostic points to: the first definition, a hop of a cycle.
public struct DiagnosticNote: Sendable, Equatable {
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
    public var length: Int
    /// The file it points into, to quote its line; a reference, not a copy.
    public var source: SourceFile?

    public init(
        message: String, file: String, line: Int, column: Int, length: Int = 1, source: SourceFile? = nil,
        sourceLine: String? = nil
    ) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.source = source ?? sourceLine.map { SourceFile.snippet($0, line: line, path: file) }
    }

    /// The quoted line, read from the file on demand.
    public var sourceLine: String? { source?.line(line) }

    /// Equal when they say the same, quoting the same line (not necessarily from the same file object).
    public static func == (a: DiagnosticNote, b: DiagnosticNote) -> Bool {
        a.message == b.message && a.file == b.file && a.line == b.line && a.column == b.column && a.length == b.length
            && a.sourceLine == b.sourceLine
    }
}

/// One finding: a code, a severity, a message in lower case without a trailing period, where it is
/// (file, 1-based line and column; line 0 when it concerns a whole file), and how to fix it.
/// A diagnostic refers to its source file (not a copy of its line), so that many diagnostics on one
/// long line cost no more than the line once; writers quote a window of the line from the file.
public struct Diagnostic: Sendable, Equatable {
    public var code: String
    public var severity: Severity
    public var message: String
    public var file: String
    public var line: Int
    public var column: Int
    public var length: Int
    /// The file it points into, to quote its line; a reference, not a copy.
    public var source: SourceFile?
    public var help: String?
    public var notes: [DiagnosticNote]

    public init(
        code: String, severity: Severity, message: String, file: String, line: Int, column: Int,
        length: Int = 1, source: SourceFile? = nil, sourceLine: String? = nil, help: String? = nil,
        notes: [DiagnosticNote] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.source = source ?? sourceLine.map { SourceFile.snippet($0, line: line, path: file) }
        self.help = help
        self.notes = notes
    }

    /// Sorted by file, then position, then code: the order every writer prints.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }

    /// The quoted line, read from the file on demand; setting it quotes a line held on its own.
    public var sourceLine: String? {
        get { source?.line(line) }
        set { source = newValue.map { SourceFile.snippet($0, line: line, path: file) } }
    }

    /// Equal when they say the same, quoting the same line (not necessarily from the same file object).
    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.code == b.code && a.severity == b.severity && a.message == b.message && a.file == b.file && a.line == b.line
            && a.column == b.column && a.length == b.length && a.help == b.help && a.notes == b.notes
            && a.sourceLine == b.sourceLine
    }
}

/// Collects diagnostics during a compilation; the exit code is decided from it at the end.
public final class DiagnosticSink: @unchecked Sendable {
    public let sources: SourceManager
    public private(set) var diagnostics: [Diagnostic] = []

    public init(sources: SourceManager) {
        self.sources = sources
    }

    public var errorCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .error ? 1 : 0) } }
    public var warningCount: Int { diagnostics.reduce(0) { $0 + ($1.severity == .warning ? 1 : 0) } }

    public func emit(
        _ descriptor: DiagnosticDescriptor, _ message: String, at location: SourceLocation?,
        help: String? = nil, notes: [(String, SourceLocation)] = []
    ) {
        var diagnostic = Diagnostic(
            code: descriptor.code, severity: descriptor.severity, message: message,
            file: "", line: 0, column: 0, help: help)
        if let location {
            let file = sources[Int(location.file)]
            diagnostic.file = file.path
            diagnostic.line = Int(location.line)
            diagnostic.column = Int(location.column)
            diagnostic.length = Int(location.length)
            diagnostic.source = file
        }
        diagnostic.notes = notes.map { message, location in
            let file = sources[Int(location.file)]
            return DiagnosticNote(
                message: message, file: file.path, line: Int(location.line), column: Int(location.column),
                length: Int(location.length), source: file)
        }
        append(diagnostic)
    }

    /// A diagnostic about a whole file (unreadable, too large, wrong encoding before any line).
    public func emit(_ descriptor: DiagnosticDescriptor, _ message: String, file: String, help: String? = nil) {
        append(Diagnostic(
            code: descriptor.code, severity: descriptor.severity, message: message,
            file: file, line: 0, column: 0, help: help))
    }

    public func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Applies a plan's `rules:` overrides: a new severity, or nil to drop the diagnostic.
    public func applySeverities(_ severity: (Diagnostic) -> Severity??) {
        diagnostics = diagnostics.compactMap { diagnostic in
            guard let override = severity(diagnostic) else { return diagnostic }
            guard let newSeverity = override else { return nil }
            var changed = diagnostic
            changed.severity = newSeverity
            return changed
        }
    }

    public func sorted() -> [Diagnostic] {
        diagnostics.sorted(by: Diagnostic.ordered)
    }
}
