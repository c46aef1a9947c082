import Foundation
@testable import PlanKit
import PlanSyntax
import Testing

/// The load of each team over a schedule: exact segments and exact overloads.
@Suite struct ResourceLoadTests {
    func loadOf(_ yaml: String, asOf: Day? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (Compilation, ResourceLoad)? {
        let c = compilePlan(yaml, asOf: asOf)
        guard let network = c.network, let schedule = c.schedule else {
            Issue.record("no schedule: \(c.diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message)" })", sourceLocation: sourceLocation)
            return nil
        }
        return (c, ResourceLoad(network: network, schedule: schedule))
    }

    func segments(_ load: ResourceLoad, _ team: String) -> [String] {
        load.teams.first { $0.id == team }!.segments.map { "\($0.from)..\($0.to) \(ResourceModel.format(milliUnits: $0.milliUnits))" }
    }

    func overloads(_ c: Compilation, _ load: ResourceLoad, _ team: String) -> [String] {
        load.teams.first { $0.id == team }!.overloads.map {
            "\($0.from)..\($0.to) \($0.workingDays)d \(ResourceModel.format(milliUnits: $0.peakMilliUnits))/\(ResourceModel.format(milliUnits: $0.milliCapacity)) "
                + c.ids($0.tasks).joined(separator: ",")
        }
    }

    @Test func explicitAndDefaultUnitsOverlap() throws {
        let (c, load) = try #require(loadOf("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 2 }
          ops: {}
        tasks:
          - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }
          - { id: regression, duration: 8d, assign: [qa] }
          - { id: soak, duration: 3d, assign: [qa], after: [perf-test] }
          - { id: runbook, duration: 2d, owner: ops }
          - { id: launch, milestone: true, after: [soak, regression], owner: qa }
        """))
        #expect(segments(load, "qa") == ["2027-02-01..2027-02-05 3", "2027-02-08..2027-02-10 2"])
        #expect(overloads(c, load, "qa") == ["2027-02-01..2027-02-05 5d 3/2 perf-test,regression"])
        // A team without capacity has a load and is never over-allocated.
        #expect(segments(load, "ops") == ["2027-02-01..2027-02-02 1"])
        #expect(overloads(c, load, "ops") == [])
        let contributions = load.teams[0].overloads[0].contributions.map { "\(c.ids([$0.task])[0]) \($0.milliUnits) \($0.from)..\($0.to)" }
        #expect(contributions == ["perf-test 2000 2027-02-01..2027-02-05", "regression 1000 2027-02-01..2027-02-05"])
    }

    @Test func effortIsSharedAmongTheTeamsAndExplicitUnitsWin() throws {
        let (c, load) = try #require(loadOf("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 2 }
          risk: { capacity: 3 }
        tasks:
          - { id: stress, duration: 5d, effort: 20d, assign: [qa, risk] }
          - { id: model, duration: 3d, effort: 10d, assign: [risk] }
          - { id: review, duration: 2d, effort: 10d, assign: [{ team: qa, units: 0.5 }, risk] }
        """))
        // stress: 20 person-days over 5 days and two teams is 2 each; model: 10 / 3 = 3.333;
        // review: qa 0.5 as written, risk 10 / 2 / 2 = 2.5.
        #expect(segments(load, "qa") == ["2027-02-01..2027-02-02 2.5", "2027-02-03..2027-02-05 2"])
        #expect(segments(load, "risk") == ["2027-02-01..2027-02-02 7.833", "2027-02-03..2027-02-03 5.333", "2027-02-04..2027-02-05 2"])
        #expect(overloads(c, load, "qa") == ["2027-02-01..2027-02-02 2d 2.5/2 stress,review"])
        #expect(overloads(c, load, "risk") == ["2027-02-01..2027-02-03 3d 7.833/3 stress,model,review"])
    }

    @Test func doneWorkUsesNothingAndStartedWorkOnlyItsRemainingDays() throws {
        let (c, load) = try #require(loadOf("""
        plan: t
        start: 2027-02-01
        as_of: 2027-02-03
        teams:
          qa: { capacity: 1 }
        tasks:
          - { id: smoke, duration: 2d, assign: [qa], status: done, actual_start: 2027-02-01, actual_finish: 2027-02-02 }
          - { id: regression, duration: 6d, assign: [qa], status: in-progress, actual_start: 2027-02-01, progress: 50% }
          - { id: soak, duration: 2d, assign: [qa] }
        """))
        // regression has 3 days left after the status date (Thu 4, Fri 5, Mon 8); soak may start Thu 4.
        #expect(c.span("regression") == "2027-02-01..2027-02-08")
        #expect(segments(load, "qa") == ["2027-02-04..2027-02-05 2", "2027-02-08..2027-02-08 1"])
        #expect(overloads(c, load, "qa") == ["2027-02-04..2027-02-05 2d 2/1 regression,soak"])
    }

    @Test func absencesLowerCapacityForTheirDaysOnly() throws {
        let (c, load) = try #require(loadOf("""
        plan: t
        start: 2027-02-01
        teams:
          qa:
            capacity: 3
            absences:
              - { from: 2027-02-06, to: 2027-02-09, units: 2, name: offsite }
              - { from: 2027-02-12, to: 2027-02-12 }
        tasks:
          - { id: regression, duration: 10d, assign: [{ team: qa, units: 2 }] }
        """))
        #expect(segments(load, "qa") == ["2027-02-01..2027-02-12 2"])
        // The offsite starts on a Saturday: Monday and Tuesday have 1 person; the whole team is
        // away on Friday the 12th. The two runs are not adjacent working days, so they stay apart.
        #expect(overloads(c, load, "qa") == ["2027-02-08..2027-02-09 2d 2/1 regression", "2027-02-12..2027-02-12 1d 2/0 regression"])
    }

    @Test func aTeamCalendarPlacesWorkOnTheTeamsOwnDays() throws {
        let (c, load) = try #require(loadOf("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 1, workdays: [mon, tue, wed, thu] }
          risk: { capacity: 1 }
        tasks:
          - { id: first-pass, duration: 4d, assign: [qa] }
          - { id: second-pass, duration: 4d, assign: [qa], not_before: 2027-02-08 }
          - { id: joint, duration: 3d, assign: [qa, risk], not_before: 2027-02-02 }
          - { id: model, duration: 5d, assign: [risk] }
        """))
        #expect(c.span("first-pass") == "2027-02-01..2027-02-04")
        // Thursday the 4th and Monday the 8th are consecutive days of qa: one run over the weekend
        // and its Fridays.
        #expect(segments(load, "qa") == ["2027-02-01..2027-02-01 1", "2027-02-02..2027-02-04 2", "2027-02-08..2027-02-11 1"])
        #expect(overloads(c, load, "qa") == ["2027-02-02..2027-02-04 3d 2/1 first-pass,joint"])
        // joint works on qa's days only, so it uses risk Tuesday to Thursday and not the Friday.
        #expect(segments(load, "risk") == ["2027-02-01..2027-02-01 1", "2027-02-02..2027-02-04 2", "2027-02-05..2027-02-05 1"])
        #expect(overloads(c, load, "risk") == ["2027-02-02..2027-02-04 3d 2/1 joint,model"])
    }

    @Test func workOnTwoTeamsLeavesTheDaysOneOfThemDoesNotWork() throws {
        let (c, load) = try #require(loadOf("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 1, workdays: [mon, tue, wed, thu], holidays: [2027-02-09] }
          risk: { capacity: 1 }
        tasks:
          - { id: joint, duration: 5d, assign: [qa, risk], not_before: 2027-02-02 }
          - { id: model, duration: 10d, assign: [risk] }
        """))
        // joint works Tue-Thu, skips Friday (qa's day off) and Tuesday the 9th (qa's holiday).
        #expect(c.span("joint") == "2027-02-02..2027-02-10")
        // On qa's own days that is one unbroken run.
        #expect(segments(load, "qa") == ["2027-02-02..2027-02-10 1"])
        #expect(segments(load, "risk") == ["2027-02-01..2027-02-01 1", "2027-02-02..2027-02-04 2", "2027-02-05..2027-02-05 1",
                                           "2027-02-08..2027-02-08 2", "2027-02-09..2027-02-09 1", "2027-02-10..2027-02-10 2",
                                           "2027-02-11..2027-02-12 1"])
        #expect(overloads(c, load, "risk") == ["2027-02-02..2027-02-04 3d 2/1 joint,model", "2027-02-08..2027-02-08 1d 2/1 joint,model",
                                               "2027-02-10..2027-02-10 1d 2/1 joint,model"])
        #expect(overloads(c, load, "qa") == [])
    }

    @Test func placementSkipsTheDaysATaskDoesNotWork() {
        // A task on Monday-to-Thursday, seen from a Monday-to-Friday team: its Fridays are gaps.
        let own = WorkingCalendar(workdays: [.monday, .tuesday, .wednesday, .thursday])
        let team = WorkingCalendar()
        let first = own.workingDaysBefore(day("2027-02-02")), last = own.workingDaysBefore(day("2027-02-16"))
        var placements: [ResourceLoad.Placement] = []
        ResourceLoad.place(7, milliUnits: 1500, ownDays: first...last, own: own, team: team, into: &placements)
        #expect(placements.map { "\(team.day(at: $0.first))..\(team.day(at: $0.last)) \($0.milliUnits)" } == [
            "2027-02-02..2027-02-04 1500", "2027-02-08..2027-02-11 1500", "2027-02-15..2027-02-16 1500",
        ])
    }

    @Test func noTeamsCostNothingAndTheLoadIsDeterministic() throws {
        let (_, empty) = try #require(loadOf("plan: t\nstart: 2027-02-01\ntasks:\n  - { id: a, duration: 5d }\n"))
        #expect(empty.teams.isEmpty && !empty.isOverAllocated)
        let yaml = """
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 2 }
          risk: { capacity: 1 }
        tasks:
        \((0..<40).map { "  - { id: t\($0), duration: \($0 % 7 + 1)d, effort: \($0 % 5 + 1)d, assign: [\($0 % 3 == 0 ? "qa, risk" : "qa")], not_before: 2027-02-\(String(format: "%02d", $0 % 20 + 1)) }" }.joined(separator: "\n"))
        """
        let (_, one) = try #require(loadOf(yaml))
        let (_, two) = try #require(loadOf(yaml))
        #expect(one.teams.map(\.segments) == two.teams.map(\.segments))
        #expect(one.teams.map(\.overloads) == two.teams.map(\.overloads))
        #expect(one.isOverAllocated)
    }

    /// A large plan's work is placed in two halves at once; the load is the same as in one pass.
    @Test(arguments: 0..<12) func theLoadInHalvesEqualsTheLoadInOnePass(seed: Int) throws {
        let c = compilePlan(RandomLevellingPlan(seed: UInt64(seed)).yaml)
        let network = try #require(c.network), schedule = try #require(c.schedule)
        let halves = ResourceLoad(network: network, schedule: schedule, parallelFrom: 0)
        let whole = ResourceLoad(network: network, schedule: schedule, parallelFrom: .max)
        let placed = whole.teams.contains { !$0.placements.isEmpty }
        #expect(placed)
        #expect(halves.teams.map(\.placements) == whole.teams.map(\.placements))
        #expect(halves.teams.map(\.segments) == whole.teams.map(\.segments))
        #expect(halves.teams.map(\.overloads) == whole.teams.map(\.overloads))
    }
}
