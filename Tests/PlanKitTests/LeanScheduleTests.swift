import Foundation
@testable import PlanKit
import PlanSyntax
import Testing

/// The forecast's lean pass against the reference `SchedulePass`: for many length vectors (and
/// milestones held back, as a risk does) on random and example plans, every task's start, finish,
/// total float and criticality and the plan's span must be the reference's, so a change to either
/// pass that the other does not follow fails here. The fast pass (`FastSchedule`), where it takes
/// the plan, is held to the same reference in the same rounds.
@Suite struct LeanScheduleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `rounds` random iterations through both passes, recording every difference.
    /// Returns whether the fast pass took the plan.
    @discardableResult
    func compare(_ network: Network, statusDate: Day?, rounds: Int, seed: UInt64, label: String) throws -> Bool {
        var lean = try #require(LeanSchedule(network: network, statusDate: statusDate), "\(label): no lean pass")
        let fast = FastSchedule(lean)
        var rng = SeededGenerator(state: seed)
        let template = lean.pass
        let taskCount = template.taskCount
        let leaves = (0..<taskCount).filter { template.mode[$0] == .working || template.mode[$0] == .elapsed }
        let milestones = (0..<taskCount).filter { template.mode[$0] == .milestone && template.progress[$0] != .done }
        var intoMilestone: [Int: [Int]] = [:]
        for edge in 0..<template.graph.targets.count where template.edgeKind[edge] == SchedulePass.constraintEdge {
            intoMilestone[Int(template.graph.targets[edge]) >> 1, default: []].append(edge)
        }
        for round in 0..<rounds {
            var reference = SchedulePass(network: network, statusDate: statusDate)
            lean.restore(tasks: Array(0..<taskCount), edges: Array(0..<template.graph.targets.count))
            fast?.restore(tasks: Array(0..<taskCount), edges: Array(0..<template.graph.targets.count))
            // Round 0: the plan's own lengths (the deterministic schedule).
            if round > 0 {
                for task in leaves {
                    lean.pass.length[task] = max(1, lean.baseLength[task] + Int.random(in: -4...6, using: &rng))
                    fast?.setLength(task, lean.pass.length[task])
                }
                for task in milestones where Int.random(in: 0..<4, using: &rng) == 0 {
                    let delay = Int.random(in: 1...5, using: &rng)
                    for edge in intoMilestone[task] ?? [] { lean.pass.weight[edge] += delay }
                    lean.pass.lowerBound[task] += delay
                    fast?.delay(tasks: [], edges: intoMilestone[task] ?? [], milestones: [task], by: delay)
                }
            }
            reference.length = lean.pass.length
            reference.weight = lean.pass.weight
            reference.lowerBound = lean.pass.lowerBound
            let placed = reference.forward()
            try #require(placed)
            reference.backward()
            let schedule = reference.result()
            lean.run()
            let plan = network.plan
            for task in 0..<taskCount {
                let entry = schedule.entries[task], id = plan.tasks[task].id.value
                #expect(lean.finish(task) == entry.finish.ordinal, "\(label) round \(round): \(id) finish \(Day(ordinal: lean.finish(task))) ≠ \(entry.finish)")
                guard template.mode[task] != .summary else { continue }
                #expect(lean.start(task) == entry.start.ordinal, "\(label) round \(round): \(id) start")
                #expect(lean.totalFloat(task) == entry.totalFloat, "\(label) round \(round): \(id) float \(lean.totalFloat(task)) ≠ \(entry.totalFloat)")
                #expect(lean.critical(task) == entry.critical, "\(label) round \(round): \(id) critical")
            }
            let span = lean.span()
            #expect(span.start == schedule.start.ordinal && span.finish == schedule.finish.ordinal,
                    "\(label) round \(round): span \(Day(ordinal: span.start))–\(Day(ordinal: span.finish)) ≠ \(schedule.start)–\(schedule.finish)")
            guard let fast else { continue }
            fast.run()
            let others = (0..<taskCount).filter { template.mode[$0] != .summary }
            var critical = [Int](repeating: 0, count: others.count)
            fast.takeCritical(others, into: &critical)
            for task in 0..<taskCount {
                let entry = schedule.entries[task], id = plan.tasks[task].id.value
                #expect(fast.finish(task) == entry.finish.ordinal, "\(label) round \(round) fast: \(id) finish \(Day(ordinal: fast.finish(task))) ≠ \(entry.finish)")
            }
            for (i, task) in others.enumerated() {
                let entry = schedule.entries[task], id = plan.tasks[task].id.value
                // A done task's float is 0 in the entry and never counted critical.
                if entry.progress != .done {
                    #expect(fast.totalFloat(task) == entry.totalFloat, "\(label) round \(round) fast: \(id) float \(fast.totalFloat(task)) ≠ \(entry.totalFloat)")
                }
                #expect((critical[i] == 1) == entry.critical, "\(label) round \(round) fast: \(id) critical")
            }
            let fastSpan = fast.span()
            #expect(fastSpan.start == schedule.start.ordinal && fastSpan.finish == schedule.finish.ordinal,
                    "\(label) round \(round) fast: span \(Day(ordinal: fastSpan.start))–\(Day(ordinal: fastSpan.finish)) ≠ \(schedule.start)–\(schedule.finish)")
        }
        return fast != nil
    }

    @discardableResult
    func compare(yaml: String, rounds: Int = 12, seed: UInt64, label: String) throws -> Bool {
        let compilation = compilePlan(yaml)
        let network = try #require(compilation.network, "\(label)\n\(yaml)")
        return try compare(network, statusDate: network.plan.asOf?.value, rounds: rounds, seed: seed, label: "\(label)\n\(yaml)\n")
    }

    @Test(arguments: 1...25)
    func randomPlans(seed: Int) throws {
        try compare(yaml: RandomPlan(seed: UInt64(7000 + seed), count: 60).yaml, seed: UInt64(seed), label: "random \(seed)")
    }

    @Test(arguments: 1...15)
    func randomPlansWithStatusDateElapsedWorkAndDeadlines(seed: Int) throws {
        let plan = RandomPlan(seed: UInt64(8000 + seed), count: 50, deadlines: true, statusDate: true, elapsed: true)
        try compare(yaml: plan.yaml, seed: UInt64(seed), label: "random status \(seed)")
    }

    /// A status date and deadlines without elapsed work: the fast pass's floors and deadlines.
    @Test(arguments: 1...10)
    func randomPlansWithStatusDateAndDeadlines(seed: Int) throws {
        let plan = RandomPlan(seed: UInt64(8100 + seed), count: 50, deadlines: true, statusDate: true)
        try compare(yaml: plan.yaml, seed: UInt64(seed), label: "random status, no elapsed \(seed)")
    }

    /// The fast pass takes most random plans without team calendars or elapsed work (so the rounds
    /// above hold it to the reference), and not those with either.
    @Test func fastPassTakesTheCommonCase() throws {
        var plain = 0, status = 0, elapsed = 0, teams = 0
        for seed in 1...25 where try compare(yaml: RandomPlan(seed: UInt64(7000 + seed), count: 60).yaml, rounds: 1, seed: 1, label: "") { plain += 1 }
        for seed in 1...10 {
            let plan = RandomPlan(seed: UInt64(8100 + seed), count: 50, deadlines: true, statusDate: true)
            if try compare(yaml: plan.yaml, rounds: 1, seed: 1, label: "") { status += 1 }
        }
        for seed in 1...15 {
            let plan = RandomPlan(seed: UInt64(8000 + seed), count: 50, deadlines: true, statusDate: true, elapsed: true)
            if try compare(yaml: plan.yaml, rounds: 1, seed: 1, label: "") { elapsed += 1 }
        }
        for seed in 1...10 where try compare(yaml: RandomLevellingPlan(seed: UInt64(seed)).yaml, rounds: 1, seed: 1, label: "") { teams += 1 }
        #expect(plain == 25, "fast pass took \(plain) of 25 plain plans")
        #expect(status == 10, "fast pass took \(status) of 10 plans with a status date")
        #expect(elapsed == 0 && teams == 0, "fast pass took \(elapsed) plans with elapsed work, \(teams) with team calendars")
    }

    /// Done work ending on a Sunday (overhangs) ahead of FS, FF and SS links with lags, milestones
    /// and summaries whose parts are all done, at a status date on that Sunday and before it.
    @Test(arguments: ["2027-01-17", "2027-01-13"])
    func doneWorkEndingOnASunday(asOf: String) throws {
        let yaml = """
            plan: overhang
            start: 2027-01-04
            as_of: \(asOf)
            tasks:
              - id: phase
                tasks:
                  - { id: soak, duration: 8ed, status: done, actual_start: 2027-01-05, actual_finish: 2027-01-10 }
                  - { id: early, duration: 2d, status: done, actual_start: 2027-01-04, actual_finish: 2027-01-05 }
              - id: open-phase
                tasks:
                  - { id: soak2, duration: 8ed, status: done, actual_start: 2027-01-05, actual_finish: 2027-01-10 }
                  - { id: part, duration: 2d, after: [{ task: soak2, type: FS, lag: -2d }] }
              - { id: next, duration: 3d, after: [{ task: soak, lag: 1d }] }
              - { id: ff, duration: 1d, after: [{ task: soak, type: FF, lag: 4d }] }
              - { id: ff0, duration: 2d, after: [{ task: soak, type: FF }] }
              - { id: gate, milestone: true, after: [{ task: soak, lag: 2d }] }
              - { id: gate0, milestone: true, after: [soak] }
              - { id: gate-ff, milestone: true, after: [{ task: soak, type: FF, lag: 3d }] }
              - { id: after-phase, duration: 1d, after: [{ task: phase, type: FF, lag: 3d }] }
              - { id: after-phase-fs, duration: 2d, after: [{ task: phase, lag: 1d }] }
              - { id: phase-gate, milestone: true, after: [{ task: phase, lag: 1d }] }
              - { id: open-gate, milestone: true, after: [{ task: open-phase, type: FF, lag: 2d }] }
              - { id: tail, duration: 2d, after: [gate, gate-ff, phase-gate, { task: open-gate, type: SS }] }
            """
        let network = try #require(compilePlan(yaml).network, "\(yaml)")
        #expect(FastSchedule(try #require(LeanSchedule(network: network, statusDate: network.plan.asOf?.value))) != nil)
        try compare(network, statusDate: network.plan.asOf?.value, rounds: 40, seed: 3, label: "overhang \(asOf)")
    }

    /// Team calendars (a team working Monday to Thursday), the leveller's plans scheduled unlevelled.
    @Test(arguments: 1...10)
    func randomPlansWithTeamCalendars(seed: Int) throws {
        try compare(yaml: RandomLevellingPlan(seed: UInt64(seed)).yaml, seed: UInt64(seed), label: "teams \(seed)")
    }

    /// The example plans and the golden plans (progress, team calendars, milestones, levelling),
    /// at their status date and without one.
    @Test(arguments: ["plans/perp-v2-launch.yaml", "plans/exchange-listing.yaml", "Tests/Golden/forecast.yaml",
                      "Tests/Golden/progress.yaml", "Tests/Golden/team-calendars.yaml", "Tests/Golden/milestones.yaml",
                      "Tests/Golden/levelling.yaml"])
    func examplePlans(path: String) throws {
        let compilation = Compiler.compile(path: Self.root.appendingPathComponent(path).path)
        let network = try #require(compilation.network, "\(path)")
        try compare(network, statusDate: network.plan.asOf?.value, rounds: 30, seed: 1, label: path)
        try compare(network, statusDate: nil, rounds: 30, seed: 2, label: "\(path) without as_of")
        // The fast pass takes the example plan at its status date (its done soaks end on a
        // Sunday: overhangs) and the plans without team calendars or elapsed work still to do.
        let fast = ["plans/perp-v2-launch.yaml": (true, false), "Tests/Golden/forecast.yaml": (true, true),
                    "Tests/Golden/levelling.yaml": (true, true)][path] ?? (false, false)
        #expect((FastSchedule(try #require(LeanSchedule(network: network, statusDate: network.plan.asOf?.value))) != nil) == fast.0, "\(path)")
        #expect((FastSchedule(try #require(LeanSchedule(network: network, statusDate: nil))) != nil) == fast.1, "\(path) without as_of")
    }
}
