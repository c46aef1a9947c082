import Foundation
import PlanKit
@testable import PlanRender
import PlanSyntax
import Testing

/// The portfolio page's writers: each deadline's P80 and chance from the plan's own forecast (only
/// for a plan with uncertainty), and hostile titles from member plans coming out inert.
@Suite struct PortfolioWriterTests {
    static let hostile = "@here <script> | `x` \\n::warning::"

    /// Plan `a` has an estimate (so a forecast) and hostile titles; plan `b` has neither.
    static func page() throws -> PortfolioPage {
        let directory = NSTemporaryDirectory() + "planc-portfolio-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = [
            ("pmo.yaml", "portfolio: pmo\ntitle: \"Q1 \(hostile)\"\nplans: [a.yaml, b.yaml]\nteams:\n  shared: { capacity: 1 }\n"),
            ("a.yaml", """
            plan: a
            title: "\(hostile)"
            start: 2027-01-04
            teams:
              qa: { capacity: 1 }
            tasks:
              - { id: build, title: "\(hostile)", duration: 10d, owner: qa, estimate: { low: 8d, likely: 10d, high: 20d } }
              - { id: ship, milestone: true, after: [build], deadline: 2027-01-20 }
            risks:
              - { id: r1, title: "\(hostile)", likelihood: 3, impact: 4, owner: qa, response: "\(hostile)" }

            """),
            ("b.yaml", "plan: b\nstart: 2027-01-04\nteams:\n  qa: { capacity: 1 }\ntasks:\n  - { id: ship, duration: 5d, owner: qa, deadline: 2027-01-20 }\n"),
        ]
        for (name, text) in files {
            _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8))
        }
        let compilation = PortfolioCompiler.compile(path: directory + "/pmo.yaml")
        #expect(compilation.errorCount == 0)
        return PortfolioPage.build(compilation)
    }

    @Test func aPlanWithEstimatesGivesEachDeadlineItsP80AndChanceAndOneWithoutNothing() throws {
        let page = try Self.page()
        let a = try #require(page.plans.first { $0.id == "a" }), b = try #require(page.plans.first { $0.id == "b" })
        let ship = try #require(a.deadlines.first)
        #expect(ship.date == Day(iso: "2027-01-15") && ship.margin == 3)
        #expect(ship.p80 == Day(iso: "2027-01-22"))
        #expect(ship.probability.map { StatusReport.Confidence.percent($0) } == "64.5%")
        #expect(b.deadlines.map(\.p80) == [nil] && b.deadlines.map(\.probability) == [nil])
        #expect(PortfolioText.deadlines(a) == "ship 2027-01-15 (deadline 2027-01-20, 3 working days to spare; P80 2027-01-22, 64.5% chance of meeting it)")
        #expect(PortfolioText.deadlines(b) == "ship 2027-01-08 (deadline 2027-01-20, 8 working days to spare)")
        let json = PortfolioJSONWriter.write(page)
        #expect(json.contains("\"margin\": 3,\n          \"p80\": \"2027-01-22\",\n          \"probability\": 0.645"))
        #expect(json.contains("\"margin\": 8,\n          \"p80\": null,\n          \"probability\": null"))
    }

    @Test func hostileTitlesFromMemberPlansComeOutInert() throws {
        let page = try Self.page()
        let wj = "\u{2060}"
        let markdown = PortfolioMarkdownWriter.write(page)
        #expect(markdown.hasPrefix("# Q1 @\(wj)here \\<script\\> | \\`x\\`  ::warning::: AMBER\n"))
        #expect(markdown.contains("\n| a — @\(wj)here \\<script\\> \\| \\`x\\`  ::warning:: | AMBER | 2027-01-15 |"))
        #expect(markdown.contains("\n- a:r1 — @\(wj)here \\<script\\> | \\`x\\`  ::warning:: (score 12), open, owner qa\n"))
        let html = PortfolioHTMLWriter.write(page)
        #expect(!html.contains("<script"))
        #expect(html.contains("<tr><td><strong>a</strong> — @here &lt;script&gt; | `x` \n\(wj)::warning::</td>"))
        #expect(html.contains("<li>a:r1 — @here &lt;script&gt; | `x` \n\(wj)::warning:: (score 12), open, owner qa</li>"))
        let text = PortfolioTextWriter.write(page)
        #expect(text.contains("\n  a [AMBER] @here <script> | `x`  ::warning::\n"))
        #expect(text.contains("\n  a:r1 — @here <script> | `x`  ::warning:: (score 12), open, owner qa\n"))
        // No output has a line that starts a workflow command or breaks the table.
        for output in [markdown, html, text] {
            for line in output.split(separator: "\n", omittingEmptySubsequences: false) { #expect(!line.hasPrefix("::")) }
        }
    }
}
