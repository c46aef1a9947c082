import Foundation
import Testing

/// `confidence` in the commands that read it: the gate's exit status, the diff's line per moved
/// deadline (the same seed both sides, so an unchanged plan moves nothing).
@Suite struct ConfidenceCommandTests {
    static let plan = "Tests/Golden/confidence.yaml"

    @Test func aFailingConfidenceCriterionIsNoGoAndAWaiverMakesItConditional() throws {
        let result = try Planc.run(["gate", Self.plan])
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ FAIL    on-time   Launch by the deadline: 'launch' finishes by 2027-02-25 in 47.2% of 2000 iterations (seed 3; P80 2027-03-03), needs ≥ 80%"))
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: Planc.repository.appendingPathComponent(Self.plan), encoding: .utf8)
        let waived = text + "    waivers:\n      - { criterion: on-time, approved_by: CEO, reason: the launch may slip a week, expires: 2027-03-01 }\n"
        try waived.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let conditional = try Planc.run(["gate", "--as-of", "2027-02-01", "plan.yaml"], in: folder)
        #expect(conditional.status == 0)
        #expect(conditional.stdout.hasPrefix("CONDITIONAL GO: launch-review"))
        #expect(try Planc.run(["gate", "--strict", "--as-of", "2027-02-01", "plan.yaml"], in: folder).status == 1)
    }

    @Test func diffSaysHowAChangeMovesTheP80AndTheChance() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: Planc.repository.appendingPathComponent(Self.plan), encoding: .utf8)
        try text.write(to: folder.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
        let wider = text.replacingOccurrences(of: "high: 20d }, after: [design]", with: "high: 14d }, after: [design]")
        #expect(wider != text)
        try wider.write(to: folder.appendingPathComponent("head.yaml"), atomically: true, encoding: .utf8)

        let markdown = try Planc.run(["diff", "base.yaml", "head.yaml"], in: folder)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("#### Schedule confidence\n\n- `launch` (deadline 2027-02-25): P80 2027-03-03 → 2027-02-26 (-3 working days); chance of meeting it 47.2% → 74.8%\n\n_Both sides simulated 2000 times with seed 3._\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try Planc.run(["diff", "--format", "json", "base.yaml", "head.yaml"], in: folder).stdout.utf8)) as? [String: Any])
        let confidence = try #require(json["confidence"] as? [String: Any])
        #expect(confidence["iterations"] as? Int == 2000)
        let moved = try #require(confidence["moved"] as? [[String: Any]])
        #expect(moved.count == 1)
        #expect(moved.first?["head_p80"] as? String == "2027-02-26")
        #expect(moved.first?["working_days"] as? Int == -3)

        let same = try Planc.run(["diff", "base.yaml", "base.yaml"], in: folder)
        #expect(!same.stdout.contains("Schedule confidence"))
    }
}
