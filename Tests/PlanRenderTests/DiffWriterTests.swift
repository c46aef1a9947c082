import Foundation
import PlanKit
@testable import PlanRender
import PlanSyntax
import Testing

/// Compiles both plans from text and compares them, naming the sides base.yaml and head.yaml.
private func diff(_ base: String, _ head: String) throws -> PlanDiff {
    let folder = NSTemporaryDirectory() + "planc-diff-writer-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try base.write(toFile: folder + "/base.yaml", atomically: true, encoding: .utf8)
    try head.write(toFile: folder + "/head.yaml", atomically: true, encoding: .utf8)
    let compiled = (Compiler.compile(path: folder + "/base.yaml"), Compiler.compile(path: folder + "/head.yaml"))
    return try #require(PlanDiff.compare(base: compiled.0, head: compiled.1, basePath: "base.yaml", headPath: "head.yaml"))
}

private let base = """
    plan: perp-mini
    title: Perp mini launch
    start: 2027-03-01
    as_of: 2027-03-01
    calendar: { holidays: [{ date: 2027-03-12, name: Founders day }] }
    tasks:
      - { id: engine, title: Matching engine, owner: core, duration: 5d }
      - { id: risk-params, title: Risk parameters, owner: risk, duration: 3d }
      - { id: rollout, title: "Rollout | 5% → 100%", owner: ops, duration: 2d, after: [go-live] }
      - { id: launch, title: Launch, owner: ops, milestone: true, after: [rollout], deadline: 2027-03-12 }
    gates:
      - id: go-live
        title: Go/No-Go
        owner: ops
        after: [engine, risk-params]
        criteria:
          - { id: stability, metric: "stability.error_rate_pct <= 0.1" }
    risks:
      - { id: thin-book, title: Thin order book, likelihood: 3, impact: 4, owner: mm, status: open, response: Backup makers }
    metrics: { stability: { error_rate_pct: 0.05 } }
    """

/// The risk parameters take five days longer, the soak's error rate went up, a FAQ task is new and
/// a risk got likelier: the launch slips over a Friday holiday and misses its deadline.
private let head = """
    plan: perp-mini
    title: Perp mini launch
    start: 2027-03-01
    as_of: 2027-03-01
    calendar: { holidays: [{ date: 2027-03-12, name: Founders day }] }
    tasks:
      - { id: engine, title: Matching engine, owner: core, duration: 5d }
      - { id: risk-params, title: Risk parameters, owner: risk, duration: 8d }
      - { id: rollout, title: "Rollout | 5% → 100%", owner: ops, duration: 2d, after: [go-live] }
      - { id: faq, title: "FAQ *draft*", owner: cs, duration: 2d, after: [engine] }
      - { id: launch, title: Launch, owner: ops, milestone: true, after: [rollout], deadline: 2027-03-12 }
    gates:
      - id: go-live
        title: Go/No-Go
        owner: ops
        after: [engine, risk-params]
        criteria:
          - { id: stability, metric: "stability.error_rate_pct <= 0.1" }
    risks:
      - { id: thin-book, title: Thin order book, likelihood: 4, impact: 4, owner: mm, status: open, response: Backup makers }
    metrics: { stability: { error_rate_pct: 0.3 } }
    """

@Suite struct DiffWriterTests {
    @Test func markdownForAPullRequestComment() throws {
        let markdown = DiffMarkdownWriter.write(try diff(base, head))
        #expect(markdown == """
        ### Plan diff: perp-mini

        **`launch` slips 3 working days to 2027-03-16; deadline 2027-03-12 now missed.**

        | | moved | base | head | working days | deadline |
        |---|---|---|---|--:|---|
        | ◇ | `launch` Launch | 2027-03-10 | 2027-03-16 | **+3** | 2027-03-12 **missed** |
        | ◆ | `go-live` Go/No-Go | 2027-03-08 | 2027-03-11 | **+3** |  |
        |  | plan finish | 2027-03-10 | 2027-03-16 | **+3** |  |

        #### Deadlines

        - **now missed:** ◇ `launch` deadline 2027-03-12, forecast 2027-03-16 (was 2027-03-10), 2 working days late

        #### Gate verdicts

        - ◆ `go-live` Go/No-Go: GO → **NO-GO**
          - `stability`: PASS → FAIL — stability.error\\_rate\\_pct is 0.3, needs ≤ 0.1

        #### Critical path

        - now critical: `risk-params`
        - no longer critical: `engine`
        - path: `risk-params` → `go-live` → `rollout` → `launch`

        #### Tasks

        - added `faq` FAQ \\*draft\\* (2d; after engine; owner cs)
        - changed `risk-params` Risk parameters: duration 3d → 8d

        #### Risks

        - changed `thin-book` Thin order book: score 12 → 16

        <sub>base base.yaml · head head.yaml · status date 2027-03-01 · working days on the head's calendar · planc diff</sub>

        """)
    }

    @Test func nothingChanged() throws {
        let markdown = DiffMarkdownWriter.write(try diff(base, base))
        #expect(markdown.contains("\n**No schedule changes.**\n"))
        #expect(DiffJSONWriter.write(try diff(base, base)).contains("\"changes\":0,"))
    }

    @Test func jsonHasEverySectionInOrder() throws {
        let json = DiffJSONWriter.write(try diff(base, head))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["changes"] as? Int == 9)
        let moved = try #require(object["moved"] as? [[String: Any]])
        #expect(moved.map { $0["id"] as? String } == ["launch", "go-live", nil])
        #expect(moved.map { $0["working_days"] as? Int } == [3, 3, 3])
        let deadlines = try #require(object["deadlines"] as? [[String: Any]])
        #expect(deadlines.first?["state"] as? String == "missed" && deadlines.first?["working_days"] as? Int == 2)
        let gates = try #require(object["gates"] as? [[String: Any]])
        #expect(gates.first?["base"] as? String == "GO" && gates.first?["head"] as? String == "NO-GO")
        let keys = ["\"base\"", "\"head\"", "\"dates_compared\"", "\"changes\"", "\"deadlines\"", "\"gates\"", "\"moved\"",
                    "\"critical_path\"", "\"tasks\"", "\"risks\""].map { json.range(of: $0)!.lowerBound }
        #expect(keys == keys.sorted())
    }

    @Test func aHugeDiffStaysUnderTheCommentLimitAndSaysWhatItLeftOut() throws {
        var huge = PlanDiff(base: PlanDiff.Side(path: "base.yaml", plan: "p", statusDate: nil, finish: nil, errors: 0, scheduled: true),
                            head: PlanDiff.Side(path: "head.yaml", plan: "p", statusDate: nil, finish: nil, errors: 0, scheduled: true))
        let title = String(repeating: "Long | title *with* markup ", count: 20)
        huge.changedTasks = (0..<5_000).map { index in
            PlanDiff.TaskChange(id: "task-\(index)", kind: .task, title: title,
                                fields: [PlanDiff.FieldChange(field: "duration", base: "1d", head: "2d")])
        }
        huge.addedRisks = (0..<100).map { PlanDiff.RiskSummary(id: "risk-\($0)", title: nil, score: 25, status: "open", owner: nil) }
        let markdown = DiffMarkdownWriter.write(huge)
        #expect(markdown.utf8.count < 65_536)
        let shown = markdown.components(separatedBy: "\n").filter { $0.hasPrefix("- changed `task-") }.count
        #expect(shown > 100)
        #expect(markdown.contains("_… \(5_100 - shown) more changes not shown (a comment is limited to 64 KB); `planc diff --format json` lists every change._"))
        // The most important changes are the ones kept: tasks before risks, in order.
        #expect(markdown.contains("- changed `task-0` ") && !markdown.contains("risk-0"))
        #expect(markdown.hasSuffix("</sub>\n"))
        // A smaller limit keeps fewer.
        #expect(DiffMarkdownWriter.write(huge, limit: 4_000).utf8.count < 4_000)
    }

    @Test func brokenHeadSaysDatesCannotBeCompared() throws {
        let broken = head.replacingOccurrences(of: "after: [engine] }", with: "after: [engin] }")
        let result = try diff(base, broken)
        let markdown = DiffMarkdownWriter.write(result)
        #expect(markdown.contains("**Dates cannot be compared: the head (head.yaml) has 1 error and cannot be scheduled; only structural changes (tasks and risks) are shown.**"))
        #expect(!markdown.contains("| moved |"))
        #expect(markdown.contains("- added `faq`"))
        #expect(DiffJSONWriter.write(result).contains("\"dates_compared\":false"))
    }
}
