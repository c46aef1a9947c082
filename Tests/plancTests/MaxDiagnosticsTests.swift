import Foundation
import Testing

@Suite struct MaxDiagnosticsTests {
    static func plan() throws -> URL {
        let folder = try temporaryFolder()
        let plan = "plan: dup\nstart: 2026-12-07\nteams: {core: {}}\ntasks:\n  - {id: a, owner: core, duration: 1d, title: x, title: y, title: z, title: w}\n"
        try plan.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func theCapHidesDiagnosticsButNotTheirCountOrTheExitStatus() throws {
        let folder = try Self.plan()
        defer { try? FileManager.default.removeItem(at: folder) }
        let capped = try Planc.run(["check", "--max-diagnostics", "1", "plan.yaml"], in: folder)
        #expect(capped.status == 1)
        #expect(capped.stdout.components(separatedBy: "error[E002]").count == 2)
        #expect(capped.stdout.hasSuffix("""
        … 2 more diagnostics in plan.yaml not shown (--max-diagnostics N)

        checked 1 plan: 1 task, 3 errors, 0 warnings
        deadlines, events and gates were not checked: fix the 3 errors above first

        """))
        let all = try Planc.run(["check", "--max-diagnostics", "0", "plan.yaml"], in: folder)
        #expect(all.status == 1)
        #expect(all.stdout.components(separatedBy: "error[E002]").count == 4)
        #expect(!all.stdout.contains("not shown"))
        #expect(all.stdout.hasSuffix("checked 1 plan: 1 task, 3 errors, 0 warnings\ndeadlines, events and gates were not checked: fix the 3 errors above first\n"))

        let json = try Planc.run(["check", "--format", "json", "--max-diagnostics", "1", "plan.yaml"], in: folder)
        #expect(json.status == 1)
        #expect(json.stdout.hasSuffix("\"omitted\":[{\"file\":\"plan.yaml\",\"count\":2}],\"summary\":{\"plans\":1,\"tasks\":1,\"errors\":3,\"warnings\":0}}\n"))
    }

    @Test func aNegativeCapIsAUsageError() throws {
        let result = try Planc.run(["check", "--max-diagnostics=-1", "plans"])
        #expect(result.status == 64 || result.status == 2)
        #expect(result.stderr.contains("--max-diagnostics takes a number from 0"))
    }
}
