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
        for (index, task) in plan.tasks.enumerated() {
            let e = schedule[index]
            print(task.id.value.padding(toLength: 26, withPad: " ", startingAt: 0), e.start, e.finish, e.duration, e.totalFloat, e.freeFloat, e.critical ? "C" : " ", e.progress.rawValue, e.readyDate.map { "\($0)" } ?? "")
        }
        print("critical:", compilation.ids(schedule.criticalPath).joined(separator: " → "), schedule.start, schedule.finish)
        for d in compilation.diagnostics { print(d.line, d.column, d.code, d.message) }
    }
}
