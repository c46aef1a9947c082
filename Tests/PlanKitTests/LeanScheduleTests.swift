import Foundation
@testable import PlanKit
import PlanSyntax
import Testing

/// The forecast's lean pass against the reference `SchedulePass`: for many length vectors (and
/// milestones held back, as a risk does) on random and example plans, every task's start, finish,
/// total float and criticality and the plan's span must be the reference's, so a change to either
/// pass that the other does not follow fails here.
@Suite struct LeanScheduleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `rounds` random iterations through both passes, recording every difference.
    func compare(_ network: Network, statusDate: Day?, rounds: Int, seed: UInt64, label: String) throws {
        var lean = try #require(LeanSchedule(network: network, statusDate: statusDate), "\(label): no lean pass")
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
            // Round 0: the plan's own lengths (the deterministic schedule).
            if round > 0 {
                for task in leaves { lean.pass.length[task] = max(1, lean.baseLength[task] + Int.random(in: -4...6, using: &rng)) }
                for task in milestones where Int.random(in: 0..<4, using: &rng) == 0 {
                    let delay = Int.random(in: 1...5, using: &rng)
                    for edge in intoMilestone[task] ?? [] { lean.pass.weight[edge] += delay }
                    lean.pass.lowerBound[task] += delay
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
        }
    }

    func compare(yaml: String, rounds: Int = 12, seed: UInt64, label: String) throws {
        let compilation = compilePlan(yaml)
        let network = try #require(compilation.network, "\(label)\n\(yaml)")
        try compare(network, statusDate: network.plan.asOf?.value, rounds: rounds, seed: seed, label: "\(label)\n\(yaml)\n")
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
    }
}
