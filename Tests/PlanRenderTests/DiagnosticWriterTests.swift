import Foundation
import PlanKit
import PlanRender
import PlanSyntax
import Testing

private let unknownReference = Diagnostic(
    code: "E104", severity: .error, message: "task 'mm-integration' depends on unknown id 'risk-slipage'",
    file: "plans/perp-v2.yaml", line: 42, column: 13, length: 12,
    sourceLine: "    after: [risk-slipage]", help: "did you mean 'risk-slippage'?")

private let duplicate = Diagnostic(
    code: "E105", severity: .error, message: "duplicate id 'design'",
    file: "plans/perp-v2.yaml", line: 9, column: 11, length: 6,
    sourceLine: "  - { id: design, duration: 3d }", help: nil,
    notes: [DiagnosticNote(message: "'design' first defined here", file: "plans/perp-v2.yaml", line: 8, column: 11,
                           length: 6, sourceLine: "  - { id: design, duration: 5d }")])

@Suite struct DiagnosticWriterTests {
    @Test func textLooksLikeACompilerDiagnostic() {
        let text = DiagnosticTextWriter(color: false).write([unknownReference, duplicate])
        #expect(text == """
        plans/perp-v2.yaml:42:13: error[E104]: task 'mm-integration' depends on unknown id 'risk-slipage'
          42 |     after: [risk-slipage]
             |             ^~~~~~~~~~~~
             = help: did you mean 'risk-slippage'?
        plans/perp-v2.yaml:9:11: error[E105]: duplicate id 'design'
          9 |   - { id: design, duration: 3d }
            |           ^~~~~~
        plans/perp-v2.yaml:8:11: note: 'design' first defined here
          8 |   - { id: design, duration: 5d }
            |           ^~~~~~

        """)
    }

    @Test func colourOnlyWhenAsked() {
        let plain = DiagnosticTextWriter(color: false).write([unknownReference])
        let coloured = DiagnosticTextWriter(color: true).write([unknownReference])
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[1;31merror[E104]:\u{1B}[0m"))
    }

    @Test func caretFollowsTabsAndWideCharacters() {
        var diagnostic = unknownReference
        diagnostic.sourceLine = "\ttitle: 永续合约 v2"
        diagnostic.column = 9
        diagnostic.length = 4
        let text = DiagnosticTextWriter(color: false).write([diagnostic])
        #expect(text.contains("   | \t       ^~~~~~~~\n"))
    }

    @Test func controlCharactersInPlanTextCannotRepaintTheTerminal() {
        var diagnostic = unknownReference
        diagnostic.message = "id 'x\u{1B}[2Jy'"
        let text = DiagnosticTextWriter(color: false).write([diagnostic])
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("id 'x\u{FFFD}[2Jy'"))
    }

    @Test func jsonFollowsTheContract() throws {
        let text = DiagnosticJSONWriter.write([unknownReference, duplicate], summary: CheckSummary(plans: 1, tasks: 3, errors: 2, warnings: 0))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        #expect(diagnostics[0]["code"] as? String == "E104")
        #expect(diagnostics[0]["severity"] as? String == "error")
        #expect(diagnostics[0]["file"] as? String == "plans/perp-v2.yaml")
        #expect(diagnostics[0]["line"] as? Int == 42)
        #expect(diagnostics[0]["column"] as? Int == 13)
        #expect(diagnostics[0]["help"] as? String == "did you mean 'risk-slippage'?")
        #expect(diagnostics[1]["help"] is NSNull)
        #expect((diagnostics[1]["notes"] as? [[String: Any]])?.first?["line"] as? Int == 8)
        #expect(text.hasPrefix("{\"diagnostics\":[{\"code\":\"E104\",\"severity\":\"error\",\"message\":"))
        #expect(text == DiagnosticJSONWriter.write([unknownReference, duplicate], summary: CheckSummary(plans: 1, tasks: 3, errors: 2, warnings: 0)))
    }

    @Test func jsonEscapesEverythingItMust() throws {
        var diagnostic = unknownReference
        diagnostic.message = "quote \" backslash \\ newline \n tab \t bell \u{7} line-separator \u{2028}"
        let text = DiagnosticJSONWriter.write([diagnostic])
        #expect(text.contains(#"quote \" backslash \\ newline \n tab \t bell \u0007 line-separator \u2028"#))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let message = (object?["diagnostics"] as? [[String: Any]])?.first?["message"] as? String
        #expect(message == diagnostic.message)
    }

    @Test func githubAnnotationsEscapeDataAndProperties() {
        var diagnostic = unknownReference
        diagnostic.file = "plans/a,b:c.yaml"
        diagnostic.message = "100% broken\r\n::error::injected"
        diagnostic.help = nil
        let text = DiagnosticGitHubWriter.write([diagnostic])
        #expect(text == "::error file=plans/a%2Cb%3Ac.yaml,line=42,col=13,endColumn=25,title=planc E104::100%25 broken%0D%0A::error::injected\n")
        #expect(text.split(separator: "\n").count == 1)
    }

    @Test func githubWarningsAndHelp() {
        var diagnostic = unknownReference
        diagnostic.severity = .warning
        #expect(DiagnosticGitHubWriter.write([diagnostic]).hasPrefix("::warning file=plans/perp-v2.yaml,line=42,col=13,endColumn=25,title=planc E104::task 'mm-integration' depends on unknown id 'risk-slipage'%0Ahelp: did you mean 'risk-slippage'?"))
    }

    @Test func sarifIsVersion210WithRuleMetadata() throws {
        let rules = RuleRegistry.descriptors
        let text = DiagnosticSARIFWriter.write([unknownReference, duplicate], rules: rules, version: "0.1.0")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "planc")
        let sarifRules = try #require(driver["rules"] as? [[String: Any]])
        #expect(sarifRules.count == rules.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let index = try #require(results[0]["ruleIndex"] as? Int)
        #expect(sarifRules[index]["id"] as? String == "E104")
        #expect(results[0]["level"] as? String == "error")
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "plans/perp-v2.yaml")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 42 && region["startColumn"] as? Int == 13 && region["endColumn"] as? Int == 25)
        #expect((results[1]["relatedLocations"] as? [[String: Any]])?.count == 1)
    }

    @Test func summaryLineCountsWithPlurals() {
        #expect(CheckSummary(plans: 1, tasks: 72, errors: 0, warnings: 1).line == "checked 1 plan: 72 tasks, 0 errors, 1 warning")
        #expect(CheckSummary(plans: 2, tasks: 1, errors: 3, warnings: 0).line == "checked 2 plans: 1 task, 3 errors, 0 warnings")
    }
}

@Suite struct RuleDocumentationTests {
    /// docs/rules.md is generated from the descriptors; regenerate it with
    /// `swift run planc explain --all --format markdown > docs/rules.md`.
    @Test func rulesDocumentIsUpToDate() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let path = url.appendingPathComponent("docs/rules.md").path
        let expected = RuleDocumentationWriter.markdown(RuleRegistry.descriptors)
        let actual = try String(contentsOfFile: path, encoding: .utf8)
        #expect(actual == expected, "docs/rules.md is stale: run `swift run planc explain --all --format markdown > docs/rules.md`")
    }

    @Test func everyCodeIsDocumentedWithBothKindsOfExample() {
        let markdown = RuleDocumentationWriter.markdown(RuleRegistry.descriptors)
        for descriptor in RuleRegistry.descriptors {
            #expect(markdown.contains("## \(descriptor.code) \(descriptor.name)\n"))
        }
        #expect(markdown.components(separatedBy: "Triggers:").count - 1 == RuleRegistry.descriptors.count)
        #expect(markdown.components(separatedBy: "Does not trigger:").count - 1 == RuleRegistry.descriptors.count)
    }
}
