/// Where a diagnostic is reported: the compilation's `DiagnosticSink`, or a `DiagnosticBuffer` that
/// keeps it back. Readers that may run on another thread, or whose work may yet be thrown away,
/// report into one of these without knowing which.
public protocol DiagnosticReporter: AnyObject {
    func report(_ diagnostic: ReportedDiagnostic)
}

/// A diagnostic as it is reported, before its file and source line are looked up.
public enum ReportedDiagnostic {
    case located(DiagnosticDescriptor, String, SourceLocation?, help: String?, notes: [(String, SourceLocation)])
    /// About a whole file.
    case file(DiagnosticDescriptor, String, file: String, help: String?)
}

extension DiagnosticReporter {
    public func emit(
        _ descriptor: DiagnosticDescriptor, _ message: String, at location: SourceLocation?,
        help: String? = nil, notes: [(String, SourceLocation)] = []
    ) {
        report(.located(descriptor, message, location, help: help, notes: notes))
    }

    public func emit(_ descriptor: DiagnosticDescriptor, _ message: String, file: String, help: String? = nil) {
        report(.file(descriptor, message, file: file, help: help))
    }
}

extension DiagnosticSink: DiagnosticReporter {
    public func report(_ diagnostic: ReportedDiagnostic) {
        switch diagnostic {
        case let .located(descriptor, message, location, help, notes):
            emit(descriptor, message, at: location, help: help, notes: notes)
        case let .file(descriptor, message, file, help):
            emit(descriptor, message, file: file, help: help)
        }
    }
}

/// Diagnostics kept back, in the order reported, without touching the source files: what the
/// split parse's two parts and the task list's second half report, until their work is known to
/// stand and is joined to the rest, in order. Used by one thread at a time.
public final class DiagnosticBuffer: DiagnosticReporter, @unchecked Sendable {
    public private(set) var reported: [ReportedDiagnostic] = []

    public init() {}

    public func report(_ diagnostic: ReportedDiagnostic) {
        reported.append(diagnostic)
    }

    /// Hands the diagnostics on to `target` in the order they were reported, and forgets them.
    public func commit(to target: any DiagnosticReporter) {
        for diagnostic in reported { target.report(diagnostic) }
        reported = []
    }
}
