import PlanKit
import PlanSyntax
import Testing

/// Levelling a plan (DESIGN.md "Resources and levelling"): teams within capacity every day, the
/// plan's links, calendars and progress respected, priority served first, waits explained.
/// February 2027: Monday 1, 8, 15, 22.
@Suite struct PlanLevellerTests {
    static let qaPlan = """
    plan: q
    start: 2027-02-01
    level: true
    teams:
      qa: { name: QA, capacity: 2 }
    tasks:
      - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }
      - { id: regression, duration: 4d, assign: [{ team: qa, units: 2 }] }
      - { id: risk-stress, duration: 5d, assign: [qa] }
      - { id: smoke, duration: 2d, assign: [qa] }
      - { id: launch, milestone: true, after: [perf-test, regression, risk-stress, smoke] }
    """

    @Test func aTeamOfTwoDoesItsWorkOneAfterAnother() throws {
        let c = compilePlan(Self.qaPlan)
        #expect(c.errors.isEmpty)
        #expect(c.span("perf-test") == "2027-02-01..2027-02-05")
        #expect(c.span("regression") == "2027-02-08..2027-02-11")
        #expect(c.span("risk-stress") == "2027-02-12..2027-02-18")
        #expect(c.span("smoke") == "2027-02-12..2027-02-15")
        #expect(c.span("launch") == "2027-02-18..2027-02-18")
        // Work: 10 + 8 + 5 + 2 = 25 person-days for 2 people: no schedule ends before day 13.
        let levelling = try #require(c.levelling)
        #expect(levelling.finishLowerBound == day("2027-02-17"))
        #expect(levelling.unlevelled.finish == day("2027-02-05"))
        // The levelled network: smoke may slip 3 days without moving the launch.
        #expect(c.entry("smoke")?.totalFloat == 3)
        #expect(c.entry("risk-stress")?.critical == true)
    }

    @Test func everyMovedTaskSaysWhoItWaitedFor() throws {
        let c = compilePlan(Self.qaPlan)
        let plan = try #require(c.plan), levelling = try #require(c.levelling)
        func id(_ task: Int) -> String { plan.tasks[task].id.value }
        let index = { (name: String) in plan.tasks.firstIndex { $0.id.value == name }! }
        #expect(levelling.delays[index("perf-test")] == 0)
        #expect(levelling.delays[index("regression")] == 5)
        #expect(levelling.delays[index("risk-stress")] == 9)
        let regression = levelling.waits[index("regression")]
        #expect(regression.count == 1)
        #expect(regression.first?.teamID == "qa")
        #expect(regression.first.map { $0.tasks.map(id) } == ["perf-test"])
        #expect(regression.first?.from == day("2027-02-01"))
        #expect(regression.first?.to == day("2027-02-05"))
        #expect(regression.first?.days == 5)
        let stress = levelling.waits[index("risk-stress")]
        #expect(stress.first.map { $0.tasks.map(id) } == ["perf-test", "regression"])
        #expect(stress.first?.days == 9)
        // The resource-driven critical path runs through the waits.
        #expect(levelling.resourcePath.map(id) == ["perf-test", "regression", "risk-stress", "launch"])
    }

    @Test func withoutLevellingTheScheduleIsUnlevelled() {
        let c = compilePlan(Self.qaPlan.replacingOccurrences(of: "level: true", with: "level: false"))
        #expect(c.levelling == nil)
        #expect(c.span("regression") == "2027-02-01..2027-02-04")
    }

    @Test func higherPriorityIsServedFirstAndNeverWaitsForLower() throws {
        let c = compilePlan("""
        plan: p
        start: 2027-02-01
        level: true
        teams:
          qa: { capacity: 1 }
          dev: { capacity: 1 }
        tasks:
          - { id: early-low, duration: 3d, owner: qa, priority: 100 }
          - { id: prep, duration: 2d, owner: dev, priority: 100 }
          - { id: urgent, duration: 3d, owner: qa, priority: 900, after: [prep] }
        """)
        #expect(c.errors.isEmpty)
        // `prep` holds up urgent work, so it is as urgent; `early-low` could start on day 1 and
        // would block qa, but it waits for `urgent`.
        #expect(c.span("prep") == "2027-02-01..2027-02-02")
        #expect(c.span("urgent") == "2027-02-03..2027-02-05")
        #expect(c.span("early-low") == "2027-02-08..2027-02-10")
    }

    @Test func doneAndStartedWorkNeverMoves() throws {
        let c = compilePlan("""
        plan: p
        start: 2027-02-01
        as_of: 2027-02-02
        level: true
        teams:
          qa: { capacity: 1 }
        tasks:
          - { id: first, duration: 2d, owner: qa, status: done, actual_start: 2027-02-01, actual_finish: 2027-02-02 }
          - { id: started, duration: 4d, owner: qa, status: in-progress, actual_start: 2027-02-02, progress: 25% }
          - { id: waiting, duration: 2d, owner: qa, priority: 1000 }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("first") == "2027-02-01..2027-02-02")
        // 3 days left from the day after the status date; the urgent task waits even so.
        #expect(c.span("started") == "2027-02-02..2027-02-05")
        #expect(c.span("waiting") == "2027-02-08..2027-02-09")
    }

    @Test func anAbsenceLowersCapacityForItsDays() {
        let c = compilePlan("""
        plan: p
        start: 2027-02-01
        level: true
        teams:
          qa: { capacity: 2, absences: [{ from: 2027-02-01, to: 2027-02-03, units: 1 }] }
        tasks:
          - { id: a, duration: 3d, owner: qa }
          - { id: b, duration: 3d, owner: qa }
        """)
        #expect(c.span("a") == "2027-02-01..2027-02-03")
        #expect(c.span("b") == "2027-02-04..2027-02-08")
    }

    @Test func aTeamCalendarIsHonouredWhileLevelling() {
        let c = compilePlan("""
        plan: p
        start: 2027-02-01
        level: true
        teams:
          qa: { capacity: 1, workdays: [mon, tue, wed, thu] }
        tasks:
          - { id: a, duration: 3d, owner: qa }
          - { id: b, duration: 2d, owner: qa }
        """)
        #expect(c.span("a") == "2027-02-01..2027-02-03")
        // Thursday, then the next Monday: Friday is not a QA day.
        #expect(c.span("b") == "2027-02-04..2027-02-08")
    }

    @Test func levellingIsDeterministic() {
        let plan = RandomLevellingPlan(seed: 7).yaml
        let first = compilePlan(plan), second = compilePlan(plan)
        #expect(first.schedule?.entries == second.schedule?.entries)
        #expect(first.levelling?.waits == second.levelling?.waits)
    }

    /// Random plans (fixed seeds): an independent check of capacity on every day (each task on
    /// the days of its own calendar, absences included), of every link and of priorities.
    @Test(arguments: 0..<40) func randomPlansAreFeasible(seed: Int) throws {
        let random = RandomLevellingPlan(seed: UInt64(seed))
        let c = compilePlan(random.yaml)
        try #require(c.errors.isEmpty, "\(c.diagnostics.map(\.message))")
        let plan = try #require(c.plan), schedule = try #require(c.schedule), levelling = try #require(c.levelling)
        let index = Dictionary(uniqueKeysWithValues: plan.tasks.enumerated().map { ($1.id.value, $0) })
        // Capacity, day by day.
        var used: [String: [Int: Int]] = [:]
        for task in random.tasks {
            let entry = schedule[index[task.id]!]
            var day = entry.start
            while day <= entry.finish {
                if random.works(task.team, on: day) { used[task.team, default: [:]][day.ordinal, default: 0] += task.units }
                day = day.adding(days: 1)
            }
        }
        for (team, days) in used {
            for (ordinal, units) in days {
                #expect(units <= random.capacity(of: team, on: Day(ordinal: ordinal)),
                        "seed \(seed): \(team) uses \(units) on \(Day(ordinal: ordinal))")
            }
        }
        // Finish-to-start links.
        for task in random.tasks {
            for predecessor in task.after {
                #expect(schedule[index[task.id]!].start > schedule[index[predecessor]!].finish, "seed \(seed): \(task.id) after \(predecessor)")
            }
        }
        // Priority: nothing waits for work of lower effective priority.
        var effective = Dictionary(uniqueKeysWithValues: random.tasks.map { ($0.id, $0.priority) })
        for task in random.tasks.reversed() {
            for predecessor in task.after { effective[predecessor] = max(effective[predecessor]!, effective[task.id]!) }
        }
        for task in random.tasks {
            for wait in levelling.waits[index[task.id]!] {
                for holder in wait.tasks {
                    #expect(effective[plan.tasks[holder].id.value]! >= effective[task.id]!,
                            "seed \(seed): \(task.id) waits for \(plan.tasks[holder].id.value)")
                }
            }
        }
        #expect(levelling.finishLowerBound <= schedule.finish)
        #expect(levelling.unlevelled.finish <= schedule.finish)
    }
}

/// A random levelled plan: three teams (one working Monday to Thursday, one with an absence),
/// tasks with finish-to-start links to earlier tasks, units within capacity, three priorities.
struct RandomLevellingPlan {
    struct Task {
        var id: String
        var duration: Int
        var team: String
        var units: Int
        var after: [String]
        var priority: Int
    }

    let tasks: [Task]
    let yaml: String
    static let capacities = ["dev": 3, "qa": 2, "ops": 1]
    static let absence = (from: Day(iso: "2027-02-10")!, to: Day(iso: "2027-02-16")!, units: 1)

    init(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let teams = ["dev", "qa", "ops"]
        var tasks: [Task] = []
        for number in 0..<(12 + next(14)) {
            let team = teams[next(3)]
            var after: [String] = []
            if !tasks.isEmpty {
                for _ in 0..<next(3) {
                    let predecessor = tasks[next(tasks.count)].id
                    if !after.contains(predecessor) { after.append(predecessor) }
                }
            }
            tasks.append(Task(id: "t\(number)", duration: 1 + next(6), team: team, units: 1 + next(RandomLevellingPlan.capacities[team]!),
                              after: after, priority: [300, 500, 500, 800][next(4)]))
        }
        self.tasks = tasks
        var text = """
        plan: random
        start: 2027-02-01
        level: true
        teams:
          dev: { capacity: 3, absences: [{ from: 2027-02-10, to: 2027-02-16, units: 1 }] }
          qa: { capacity: 2, workdays: [mon, tue, wed, thu] }
          ops: { capacity: 1 }
        tasks:

        """
        for task in tasks {
            let after = task.after.isEmpty ? "" : ", after: [\(task.after.joined(separator: ", "))]"
            text += "  - { id: \(task.id), duration: \(task.duration)d, assign: [{ team: \(task.team), units: \(task.units) }], priority: \(task.priority)\(after) }\n"
        }
        yaml = text
    }

    func works(_ team: String, on day: Day) -> Bool {
        let weekday = day.weekday
        if weekday == .saturday || weekday == .sunday { return false }
        return team != "qa" || weekday != .friday
    }

    func capacity(of team: String, on day: Day) -> Int {
        let base = RandomLevellingPlan.capacities[team]!
        if team == "dev", day >= RandomLevellingPlan.absence.from, day <= RandomLevellingPlan.absence.to { return base - 1 }
        return base
    }
}
