import PlanRender
import PlanSyntax
import Testing

/// Many diagnostics on one long line: each refers to the file instead of copying its line, the
/// writers quote a bounded window, and a cap keeps the count printed per file bounded.
@Suite struct LinearDiagnosticsTests {
    /// A flow mapping on one line with `count` more `title:` keys than the first.
    static func duplicateKeys(_ count: Int) -> [UInt8] {
        Array(("{id: a, " + Array(repeating: "title: abcdefghij", count: count + 1).joined(separator: ", ") + "}\n").utf8)
    }

    static func load(_ bytes: [UInt8]) -> (file: SourceFile, diagnostics: [Diagnostic]) {
        let sources = SourceManager()
        let sink = DiagnosticSink(sources: sources)
        let file = sources.add(path: "plan.yaml", bytes: bytes)
        _ = YAMLLoader(file: file, limits: .default, sink: sink).load()
        return (file, sink.sorted())
    }

    @Test func aCappedRunPrintsTheFirstDiagnosticsThenCountsTheRest() {
        let (_, diagnostics) = Self.load(Self.duplicateKeys(4))
        #expect(diagnostics.count == 4)
        let text = DiagnosticTextWriter(color: false, cap: DiagnosticCap(perFile: 2)).write(diagnostics)
        #expect(text == """
        plan.yaml:1:28: error[E002]: duplicate key 'title'; the first is on line 1
          1 | {id: a, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij}
            |                            ^~~~~
            = help: remove one of them or merge their values; YAML would silently keep only one
        plan.yaml:1:9: note: 'title' first set here
          1 | {id: a, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij}
            |         ^~~~~
        plan.yaml:1:47: error[E002]: duplicate key 'title'; the first is on line 1
          1 | {id: a, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij}
            |                                               ^~~~~
            = help: remove one of them or merge their values; YAML would silently keep only one
        plan.yaml:1:9: note: 'title' first set here
          1 | {id: a, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij, title: abcdefghij}
            |         ^~~~~
        … 2 more diagnostics in plan.yaml not shown (--max-diagnostics N)

        """)
        #expect(DiagnosticTextWriter(color: false, cap: .none).write(diagnostics).components(separatedBy: "error[E002]").count == 5)
    }

    @Test func theCapCountsPerFileAndEveryFormatSaysWhatItLeftOut() throws {
        let many = (1...5).map { Diagnostic(code: "W301", severity: .warning, message: "task 't\($0)' has no owner",
                                            file: "a.yaml", line: $0, column: 3) }
            + [Diagnostic(code: "W301", severity: .warning, message: "task 'u' has no owner", file: "b.yaml", line: 1, column: 3)]
        let cap = DiagnosticCap(perFile: 3)
        let (shown, omitted) = cap.apply(many)
        #expect(shown.map(\.message) == ["task 't1' has no owner", "task 't2' has no owner", "task 't3' has no owner", "task 'u' has no owner"])
        #expect(omitted.map(\.file) == ["a.yaml"])
        #expect(omitted.map(\.count) == [2])

        let github = DiagnosticGitHubWriter.write(many, cap: cap)
        #expect(github.hasSuffix("::task 'u' has no owner\n… 2 more diagnostics in a.yaml not shown (--max-diagnostics N)\n"))
        #expect(github.components(separatedBy: "\n").filter { $0.hasPrefix("::warning") }.count == 4)

        let json = DiagnosticJSONWriter.write(many, cap: cap)
        #expect(json.hasSuffix("],\"omitted\":[{\"file\":\"a.yaml\",\"count\":2}]}\n"))
        #expect(!DiagnosticJSONWriter.write(many, cap: .none).contains("omitted"))

        let sarif = DiagnosticSARIFWriter.write(many, rules: [], version: "0", cap: cap)
        #expect(sarif.components(separatedBy: "\"ruleId\"").count == 5)
        #expect(sarif.contains("\"text\": \"… 2 more diagnostics in a.yaml not shown (--max-diagnostics N)\""))
    }

    @Test func bigCountsAreGroupedInThousands() {
        #expect(DiagnosticCap.closingLine(file: "plan.yaml", count: 19_000)
                == "… 19,000 more diagnostics in plan.yaml not shown (--max-diagnostics N)")
        #expect(DiagnosticCap.closingLine(file: "plan.yaml", count: 1) == "… 1 more diagnostic in plan.yaml not shown (--max-diagnostics N)")
        #expect(DiagnosticCap.closingLine(file: "p", count: 1_234_567).contains(" 1,234,567 more "))
    }

    @Test func aLongLineIsClippedToAWindowAroundTheColumn() {
        // 600 characters: the value at column 301 is shown with 60 characters before it.
        let line = String(repeating: "a", count: 300) + "bad" + String(repeating: "z", count: 297)
        let diagnostic = Diagnostic(code: "E102", severity: .error, message: "bad value", file: "plan.yaml",
                                    line: 2, column: 301, length: 3, source: SourceFile.snippet(line, line: 2, path: "plan.yaml"))
        let text = DiagnosticTextWriter(color: false).write([diagnostic])
        let shown = "…" + String(repeating: "a", count: 60) + "bad" + String(repeating: "z", count: 137) + "…"
        #expect(text == "plan.yaml:2:301: error[E102]: bad value\n  2 | \(shown)\n    | \(String(repeating: " ", count: 61))^~~\n")
    }

    @Test func theWindowEndsAtTheLineEndAndCountsCharactersNotBytes() throws {
        // 1,500 two-byte characters, so the line is long enough to be indexed.
        let line = String(repeating: "é", count: 1_499) + "x"
        let file = SourceFile.snippet(line, line: 1, path: "plan.yaml")
        let end = try #require(file.excerpt(line: 1, column: 1_500, width: 200))
        #expect(end.text == String(repeating: "é", count: 199) + "x")
        #expect(end.column == 200)
        #expect(end.clippedBefore && !end.clippedAfter)
        let middle = try #require(file.excerpt(line: 1, column: 700, width: 200))
        #expect(middle.text.unicodeScalars.count == 200)
        #expect(middle.column == 61)
        #expect(middle.clippedBefore && middle.clippedAfter)
        let start = try #require(file.excerpt(line: 1, column: 1, width: 200))
        #expect(start.column == 1 && !start.clippedBefore && start.clippedAfter)
        let short = try #require(SourceFile.snippet("  after: [x]", line: 3, path: "p").excerpt(line: 3, column: 12))
        #expect(short.text == "  after: [x]" && short.column == 12 && !short.clippedBefore && !short.clippedAfter)
        #expect(file.excerpt(line: 2, column: 1) == nil)
    }

    /// The work is counted, not timed: emitting a diagnostic reads nothing of the file, and quoting
    /// N diagnostics on one line reads the line about once plus a bounded window per diagnostic.
    /// Copying or scanning the line per diagnostic would read N times the line.
    @Test func manyDiagnosticsOnOneLineCostTheLineOncePlusAWindowEach() {
        let count = 4_000
        let bytes = Self.duplicateKeys(count)
        let (file, diagnostics) = Self.load(bytes)
        #expect(diagnostics.count == count)
        #expect(file.scannedBytes == 0)
        let text = DiagnosticTextWriter(color: false, cap: .none).write(diagnostics)
        // Two quoted windows (the duplicate and its first) per diagnostic, each at most ~600 bytes of reading.
        #expect(file.scannedBytes <= 4 * bytes.count + 2 * 600 * count)
        #expect(file.scannedBytes < count * bytes.count / 20)
        #expect(text.utf8.count <= count * 2 * (2 * DiagnosticTextWriter.excerptWidth + 200))
    }
}
