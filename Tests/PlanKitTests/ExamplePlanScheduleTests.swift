import Foundation
import PlanKit
import Testing

@Suite struct ExamplePlanScheduleTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("plans/perp-v2-launch.yaml").path

    @Test func perpV2LaunchesByItsDeadline() throws {
        let compilation = Compiler.compile(path: Self.path)
        #expect(compilation.errors.isEmpty, "\(compilation.errors.map { "\($0.line):\($0.column) \($0.code) \($0.message)" })")
        let plan = try #require(compilation.plan)
        let schedule = try #require(compilation.schedule)
        let launch = try #require(plan.tasks.firstIndex { $0.id.value == "launch" })
        #expect(schedule[launch].finish <= day("2027-03-15"))
        #expect(schedule[launch].start == schedule[launch].finish)
        let goLive = try #require(plan.tasks.firstIndex { $0.id.value == "go-live" })
        #expect(schedule[goLive].finish <= day("2027-03-12"))
        // The soak ends on Sunday 2027-03-07; the Go/No-Go cannot be dated before it.
        #expect(schedule[goLive].finish == day("2027-03-08"))
        #expect(compilation.ids(schedule.criticalPath).suffix(4) == ["go-live", "full-rollout", "launch", "hypercare"])
        #expect(schedule.statusDate == day("2027-03-07"))
    }
}
