import PlanSyntax
import Testing

/// A `DiagnosticBuffer` keeps diagnostics back, without looking anything up, and hands them on in
/// the order reported: the sink then holds exactly what reporting to it directly gives.
@Suite struct DiagnosticBufferTests {
    static func report(to reporter: any DiagnosticReporter, file: SourceFile) {
        reporter.emit(SyntaxDiagnostics.duplicateKey, "second", at: SourceLocation(file: file.id, line: 2, column: 1, length: 1),
                      help: "fix", notes: [("first here", SourceLocation(file: file.id, line: 1, column: 1, length: 1))])
        reporter.emit(SyntaxDiagnostics.emptyDocument, "whole file", file: file.path, help: "add a plan")
        reporter.emit(SyntaxDiagnostics.syntax, "first", at: SourceLocation(file: file.id, line: 1, column: 3, length: 2))
        reporter.emit(SyntaxDiagnostics.syntax, "nowhere", at: nil)
    }

    @Test func committedDiagnosticsAreThoseReportedDirectlyInOrder() {
        let sources = SourceManager()
        let file = sources.add(path: "plan.yaml", bytes: Array("a: 1\na: 2\n".utf8))
        let direct = DiagnosticSink(sources: sources)
        Self.report(to: direct, file: file)

        let sink = DiagnosticSink(sources: sources)
        let buffer = DiagnosticBuffer()
        Self.report(to: buffer, file: file)
        #expect(sink.diagnostics.isEmpty)
        #expect(buffer.reported.count == 4)
        let outer = DiagnosticBuffer()
        buffer.commit(to: outer)  // a buffer commits into another as into a sink
        #expect(buffer.reported.isEmpty)
        outer.commit(to: sink)
        #expect(sink.diagnostics == direct.diagnostics)
        #expect(sink.diagnostics.map(\.message) == ["second", "whole file", "first", "nowhere"])
    }
}
