import Foundation
import Testing

/// A command that cannot schedule a plan says why, and `check` says what it could not check yet.
@Suite struct UnscheduledPlanTests {
    static let cycle = """
    plan: p
    start: 2026-12-07
    rules: { E201: off }
    tasks:
      - { id: design, duration: 5d, owner: x, after: [review] }
      - { id: review, duration: 2d, owner: x, after: [design], deadline: 2026-12-01 }
    events:
      - { id: promo, date: 2026-12-02, requires: [review] }

    """

    @Test func checkClosesWithWhatWasNotChecked() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.cycle.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["check", "plan.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("""
        checked 1 plan: 2 tasks, 2 errors, 0 warnings
        deadlines, events and gates were not checked: fix the 2 errors above first

        """), "\(result.stdout)")
    }

    @Test func severalPlansNameTheOnesNotChecked() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.cycle.write(to: folder.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try "plan: b\nstart: 2026-12-07\ntasks:\n  - { id: x, duration: 1d, owner: o }\n"
            .write(to: folder.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["check", "a.yaml", "b.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("""
        checked 2 plans: 3 tasks, 2 errors, 0 warnings
        a.yaml: deadlines, events and gates were not checked: fix the 2 errors above first

        """), "\(result.stdout)")
    }

    @Test func scheduleOfACycleSaysWhy() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.cycle.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["schedule", "plan.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("plan.yaml:5:51: error[E201]: dependency cycle: review → design → review"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("planc: plan.yaml has 2 errors; no schedule\n"))
    }

    @Test func aFolderNameCannotOpenAWorkflowCommand() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = folder.appendingPathComponent("d\n::error::owned")
        try FileManager.default.createDirectory(at: hostile, withIntermediateDirectories: true)
        try "plan: p\nstart: 2027-01-04\ntasks: [{ id: a, duration: 1x }]\n"
            .write(to: hostile.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["check", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("deadlines, events and gates were not checked"))
        #expect(!(result.stdout + result.stderr).split(separator: "\n").contains { $0.drop { $0 == " " }.hasPrefix("::") },
                "\(result.stdout)")
        let missing = try Planc.run(["check", "x\n::error::y"], in: folder)
        #expect(missing.status == 2)
        #expect(!missing.stderr.split(separator: "\n").contains { $0.hasPrefix("::") })
    }
}
