import PlanSyntax

/// In a levelled plan, a task that needs more people of a team than the team has can never be
/// placed within capacity: the leveller would wait for it forever.
public struct DemandExceedsCapacityRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        guard Self.isLevelled(context) else { return }
        let plan = context.plan, resources = context.network.resources
        for (position, task) in plan.tasks.enumerated() where resources.teamOffsets[position] < resources.teamOffsets[position + 1] {
            // Done and started work never moves, so the leveller never has to place it.
            guard task.status?.value != .done, task.status?.value != .inProgress,
                  let duration = task.duration?.value, duration.unit != .elapsedDays else { continue }
            let length = resources.calendar(of: position).own.workingDays(in: duration)
            guard length > 0 else { continue }
            for demand in resources.demands(of: task, at: position, length: length) {
                let team = plan.teams[demand.team]
                guard team.isConstrained, let capacity = team.capacity, demand.milliUnits > capacity * ResourceModel.milli else { continue }
                let units = ResourceModel.format(milliUnits: demand.milliUnits)
                let location: SourceLocation?
                let source: String
                if demand.explicit {
                    location = task.assign.first { $0.team.value == team.id.value }?.units?.location
                    source = ""
                } else {
                    location = task.effort?.location ?? task.duration?.location
                    source = " (effort \(task.effort?.value.description ?? "") over \(length) working day\(length == 1 ? "" : "s"))"
                }
                context.emit(Self.descriptor,
                             "task '\(task.id.value)' needs \(units) of \(team.id.value)\(source), which has \(capacity): it can never be levelled within capacity",
                             at: location ?? task.id.location,
                             help: demand.explicit ? "lower `units` to at most \(capacity), or raise the team's `capacity`"
                                 : "lengthen the task so effort ÷ duration is at most \(capacity), or raise the team's `capacity`")
            }
        }
    }

    /// Whether the plan is levelled in this compilation: `level:`, overridden by `--level` /
    /// `--no-level`.
    static func isLevelled(_ context: RuleContext) -> Bool {
        context.levels
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E502", name: "demand-exceeds-capacity", severity: .error,
        summary: "in a levelled plan, a task needs more people of a team than the team's capacity",
        rationale: "The leveller keeps every team within its capacity on every day, so a task that needs more than the team will ever have can never start: rather than wait forever, the plan is wrong, and the error names the task, the team and both numbers. The units are the task's `units` for the team, or effort ÷ duration (shared among its teams) when it has `effort`. Only levelled plans (`level: true`, or `--level`) report it: unlevelled, the same task is an over-allocation (W501) that the plan may resolve by other means. Absences do not count: the leveller can wait for the team to come back. Done and started work is not checked (it never moves), nor is elapsed (`Ned`) work, whose working days depend on where it falls.",
        configurable: false,
        triggering: [
            Example("plan: exchange\nstart: 2027-02-01\nlevel: true\nteams:\n  qa: { capacity: 2 }\ntasks:\n  - { id: perf-test, duration: 5d, assign: [{ team: qa, units: ↓3 }] }\n"),
            Example("plan: exchange\nstart: 2027-02-01\nlevel: true\nteams:\n  qa: { capacity: 2 }\ntasks:\n  - { id: perf-test, duration: 5d, effort: ↓15d, assign: [qa] }\n"),
        ],
        passing: [
            Example("plan: exchange\nstart: 2027-02-01\nlevel: true\nteams:\n  qa: { capacity: 2 }\ntasks:\n  - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }\n"),
            Example("plan: exchange\nstart: 2027-02-01\nteams:\n  qa: { capacity: 2 }\ntasks:\n  - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 3 }] }\n"),
        ])
}
