import Foundation
@testable import PlanKit
import PlanSyntax
import Testing

/// Compiles both plans and compares them; fails the test when either cannot be read.
private func diff(_ base: String, _ head: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> PlanDiff {
    try #require(PlanDiff.compare(base: compilePlan(base), head: compilePlan(head)), sourceLocation: sourceLocation)
}

/// Mon 2027-03-01 start: design Mon-Wed, build Thu-Fri, launch on Friday 03-05.
private func launchPlan(build: String, holidays: String = "[]", deadline: String = "2027-03-31") -> String {
    """
    plan: p
    start: 2027-03-01
    calendar: { holidays: \(holidays) }
    tasks:
      - { id: design, owner: a, duration: 3d }
      - { id: build, owner: a, duration: \(build), after: [design] }
      - { id: launch, owner: a, milestone: true, after: [build], deadline: \(deadline) }
    """
}

@Suite struct PlanDiffTests {
    @Test func slipAcrossAWeekendCountsWorkingDays() throws {
        let result = try diff(launchPlan(build: "2d"), launchPlan(build: "4d"))
        // Fri 03-05 -> Tue 03-09: four calendar days, two working days.
        let launch = try #require(result.movements.first)
        #expect(launch == PlanDiff.Movement(kind: .milestone, id: "launch", title: nil, base: day("2027-03-05"), head: day("2027-03-09"),
                                            workingDays: 2, deadline: day("2027-03-31"), missesDeadline: false))
        #expect(result.movements.map(\.kind) == [.milestone, .finish])
        #expect(result.movements[1].workingDays == 2)
        #expect(result.changedTasks == [PlanDiff.TaskChange(id: "build", kind: .task, title: nil,
                                                            fields: [PlanDiff.FieldChange(field: "duration", base: "2d", head: "4d")])])
        #expect(result.deadlines.isEmpty && result.verdicts.isEmpty && result.criticalPath == nil)
    }

    @Test func slipAcrossAHolidayCountsWorkingDays() throws {
        // Monday 03-08 is a holiday: build runs Thu, Fri, Tue, Wed and launch falls on Wed 03-10.
        let result = try diff(launchPlan(build: "2d", holidays: "[2027-03-08]"), launchPlan(build: "4d", holidays: "[2027-03-08]"))
        let launch = try #require(result.movements.first)
        #expect(launch.base == day("2027-03-05") && launch.head == day("2027-03-10") && launch.workingDays == 2)
        // Shrinking it back is the same distance, earlier.
        let back = try diff(launchPlan(build: "4d", holidays: "[2027-03-08]"), launchPlan(build: "2d", holidays: "[2027-03-08]"))
        #expect(back.movements.first?.workingDays == -2)
    }

    @Test func aHolidayAddedInTheHeadIsCountedOnTheHeadsCalendar() throws {
        let result = try diff(launchPlan(build: "3d"), launchPlan(build: "3d", holidays: "[2027-03-04]"))
        // Mon 03-08 -> Tue 03-09; on the head's calendar (Thursday off) that is one working day.
        #expect(result.movements.first?.workingDays == 1)
        #expect(result.changedTasks.isEmpty)
    }

    @Test func newlyMissedAndNowMetDeadlines() throws {
        let result = try diff(launchPlan(build: "2d", deadline: "2027-03-08"), launchPlan(build: "4d", deadline: "2027-03-08"))
        #expect(result.deadlines == [PlanDiff.DeadlineChange(state: .missed, id: "launch", kind: .milestone, deadline: day("2027-03-08"),
                                                             baseFinish: day("2027-03-05"), finish: day("2027-03-09"), workingDays: 1)])
        #expect(result.movements.first?.missesDeadline == true)
        if case .deadline(let change) = result.changes.first { #expect(change.id == "launch") } else { Issue.record("deadline not first") }

        let recovered = try diff(launchPlan(build: "4d", deadline: "2027-03-08"), launchPlan(build: "2d", deadline: "2027-03-08"))
        #expect(recovered.deadlines.map(\.state) == [.met])
        #expect(recovered.deadlines.first?.workingDays == 1)

        // Missed on both sides is not news here; the slip table shows it moved.
        let still = try diff(launchPlan(build: "4d", deadline: "2027-03-08"), launchPlan(build: "5d", deadline: "2027-03-08"))
        #expect(still.deadlines.isEmpty && still.movements.first?.workingDays == 1)
    }

    @Test func tasksAddedRemovedAndDependencyChanged() throws {
        let base = """
        plan: p
        start: 2027-03-01
        tasks:
          - { id: a, owner: x, duration: 2d }
          - { id: b, owner: x, duration: 2d, after: [a] }
          - { id: c, owner: x, duration: 1d, title: Old work }
        """
        let head = """
        plan: p
        start: 2027-03-01
        tasks:
          - { id: a, owner: x, duration: 2d }
          - { id: d, owner: y, title: New work, duration: 1w, after: [{ task: a, type: SS, lag: 1d }] }
          - { id: b, owner: x, duration: 2d, after: [a, { task: d, type: FF }] }
        """
        let result = try diff(base, head)
        #expect(result.addedTasks == [PlanDiff.TaskSummary(id: "d", kind: .task, title: "New work", owner: "y", duration: "1w",
                                                           dependencies: ["a SS+1d"], parent: nil)])
        #expect(result.removedTasks.map(\.id) == ["c"])
        #expect(result.changedTasks == [PlanDiff.TaskChange(id: "b", kind: .task, title: nil,
                                                            fields: [PlanDiff.FieldChange(field: "dependencies", base: "a", head: "a, d FF")])])
    }

    @Test func rewritingADependencyOrDurationWithoutChangingItIsNoChange() throws {
        let base = "plan: p\nstart: 2027-03-01\ntasks:\n  - { id: a, owner: x, duration: 5d }\n  - { id: b, owner: x, duration: 1d }\n  - { id: c, owner: x, duration: 1d, after: [a, b] }\n"
        let head = "plan: p\nstart: 2027-03-01\ntasks:\n  - { id: a, owner: x, duration: 1w, status: not-started }\n  - { id: b, owner: x, duration: 1d }\n  - { id: c, owner: x, duration: 1d, after: [b, { task: a, type: FS, lag: 0d }] }\n"
        let result = try diff(base, head)
        #expect(result.isEmpty, "\(result.changes)")
    }

    @Test func dependencyDescriptions() throws {
        let network = try #require(compilePlan("""
        plan: p
        start: 2027-03-01
        tasks:
          - { id: a, owner: x, duration: 5d }
          - { id: b, owner: x, duration: 1d, after: [a, { task: a, type: SS, lag: 5d }, { task: a, lag: -1d }, { task: a, type: SF, lag: 1w }] }
        """).network)
        #expect(network.links(of: 1).map(\.description) == ["a", "a SS+5d", "a FS-1d", "a SF+1w"])
    }

    @Test func criticalPathChange() throws {
        func plan(_ b: String) -> String {
            "plan: p\nstart: 2027-03-01\ntasks:\n  - { id: a, owner: x, duration: 5d }\n  - { id: b, owner: x, duration: \(b) }\n  - { id: m, owner: x, milestone: true, after: [a, b] }\n"
        }
        let result = try diff(plan("3d"), plan("7d"))
        #expect(result.criticalPath == PlanDiff.CriticalPathChange(base: ["a", "m"], head: ["b", "m"], added: ["b"], removed: ["a"]))
        #expect(result.movements.first?.workingDays == 2)
    }

    @Test func gateVerdictChangeFromMetrics() throws {
        func plan(_ rate: String) -> String {
            """
            plan: p
            start: 2027-03-01
            tasks:
              - { id: build, owner: x, duration: 2d }
            gates:
              - id: go-live
                owner: x
                after: [build]
                criteria:
                  - { id: stability, metric: "stability.error_rate_pct <= 0.1" }
                  - { id: latency, metric: "matching.p99_ms <= 5" }
            metrics:
              stability: { error_rate_pct: \(rate) }
              matching: { p99_ms: 3 }
            """
        }
        let result = try diff(plan("0.05"), plan("0.2"))
        #expect(result.verdicts == [PlanDiff.VerdictChange(
            id: "go-live", title: nil, base: .go, head: .noGo,
            criteria: [PlanDiff.CriterionChange(id: "stability", title: nil, base: .pass, head: .fail,
                                                reason: "stability.error_rate_pct is 0.2, needs ≤ 0.1")],
            summary: "1 of 2 criteria failed: stability")])
        #expect(result.movements.isEmpty && result.changedTasks.isEmpty)
        #expect(try diff(plan("0.05"), plan("0.08")).isEmpty)
    }

    @Test func risksAddedRemovedAndChanged() throws {
        let base = """
        plan: p
        start: 2027-03-01
        tasks: [{ id: a, owner: x, duration: 1d }]
        risks:
          - { id: thin, likelihood: 3, impact: 4, owner: x, status: open, response: Backup makers }
          - { id: gone, likelihood: 1, impact: 1 }
        """
        let head = """
        plan: p
        start: 2027-03-01
        tasks: [{ id: a, owner: x, duration: 1d }]
        risks:
          - { id: low, likelihood: 1, impact: 2 }
          - { id: thin, likelihood: 3, impact: 5, owner: x, status: mitigated, response: Backup makers }
          - { id: high, likelihood: 5, impact: 5, owner: x, response: Halt }
        """
        let result = try diff(base, head)
        #expect(result.addedRisks.map(\.id) == ["high", "low"])
        #expect(result.addedRisks.first == PlanDiff.RiskSummary(id: "high", title: nil, score: 25, status: "open", owner: "x"))
        #expect(result.removedRisks.map(\.id) == ["gone"])
        #expect(result.changedRisks == [PlanDiff.RiskChange(id: "thin", title: nil, fields: [
            PlanDiff.FieldChange(field: "score", base: "12", head: "15"),
            PlanDiff.FieldChange(field: "status", base: "open", head: "mitigated"),
        ])])
    }

    @Test func changesAreRankedByImportance() throws {
        func plan(_ build: String, rate: String, risk: String) -> String {
            """
            plan: p
            start: 2027-03-01
            tasks:
              - { id: build, owner: x, duration: \(build) }
              - { id: launch, owner: x, milestone: true, after: [go-live], deadline: 2027-03-05 }
            gates:
              - { id: go-live, owner: x, after: [build], criteria: [{ id: rate, metric: "rate <= 1" }] }
            risks:
              - { id: r, likelihood: \(risk), impact: 1 }
            metrics: { rate: \(rate) }
            """
        }
        let result = try diff(plan("3d", rate: "0", risk: "1"), plan("6d", rate: "2", risk: "2"))
        let kinds = result.changes.map { change -> String in
            switch change {
            case .deadline: return "deadline"
            case .verdict: return "verdict"
            case .movement(let movement): return "moved \(movement.id ?? "finish") \(movement.workingDays)"
            case .criticalPath: return "critical path"
            case .overAllocation: return "over-allocation"
            case .levellingDelay: return "levelling delay"
            case .taskAdded, .taskRemoved, .taskChanged: return "task"
            case .riskAdded, .riskRemoved, .riskChanged: return "risk"
            }
        }
        // Equal moves in plan order: tasks and milestones first, then the gates, the finish last.
        #expect(kinds == ["deadline", "verdict", "moved launch 3", "moved go-live 3", "moved finish 3", "task", "risk"])
    }

    @Test func aHeadThatCannotBeScheduledGivesAStructuralDiffOnly() throws {
        let broken = launchPlan(build: "4d").replacingOccurrences(of: "after: [design]", with: "after: [desing]")
        let result = try diff(launchPlan(build: "2d"), broken)
        #expect(!result.datesCompared && result.base.scheduled && !result.head.scheduled && result.head.errors == 1)
        #expect(result.movements.isEmpty && result.deadlines.isEmpty && result.criticalPath == nil)
        #expect(result.changedTasks.first?.fields.map(\.field) == ["duration", "dependencies"])
    }
}
