@testable import PlanKit
import PlanSyntax
import Testing

/// Large plans built in memory: the passes are iterative, so depth cannot overflow the stack.
@Suite struct ScheduleScaleTests {
    static func chain(_ count: Int) -> Plan {
        let location = SourceLocation(file: 0, line: 1, column: 1)
        var plan = Plan(file: "chain.yaml", location: location)
        plan.start = Located(Day(iso: "2026-12-07")!, at: location)
        plan.tasks.reserveCapacity(count)
        for index in 0..<count {
            var task = Task(id: Located("t\(index)", at: location), location: location)
            task.duration = Located(Duration(amount: 1, unit: .workingDays), at: location)
            if index > 0 { task.after = [Dependency(target: Located("t\(index - 1)", at: location), location: location)] }
            plan.tasks.append(task)
        }
        return plan
    }

    @Test func aLongChainSchedulesWithoutRecursion() throws {
        let count = 200_000
        let schedule = try #require(Scheduler.schedule(Self.chain(count)))
        let calendar = schedule.calendar
        #expect(schedule[0].start == Day(iso: "2026-12-07")!)
        #expect(schedule[count - 1].finish == calendar.adding(workingDays: count - 1, to: Day(iso: "2026-12-07")!))
        #expect(schedule.criticalPath.count == count)
        #expect(schedule[count / 2].totalFloat == 0)
    }
}
