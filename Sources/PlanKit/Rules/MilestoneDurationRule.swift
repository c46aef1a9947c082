import PlanSyntax

/// A milestone is a point in time: no duration, no parts.
public struct MilestoneDurationRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        for task in context.plan.tasks where task.kind == .milestone {
            if let duration = task.duration {
                context.emit(Self.descriptor, "milestone '\(task.id.value)' has a duration (\(duration.value))", at: duration.location,
                             help: "remove `duration:`, or remove `milestone: true` to make it a task")
            }
            if task.isSummary, let flag = task.milestoneFlag {
                context.emit(Self.descriptor, "milestone '\(task.id.value)' has parts (`tasks:`)", at: flag,
                             help: "make it a summary task, and add a milestone after it")
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E203", name: "milestone-duration", severity: .error,
        summary: "a milestone has a duration or parts",
        rationale: "A milestone marks the moment something is reached; a duration would make it a task, and it is ambiguous which the author meant.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: launch, milestone: true, duration: ↓1d }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: launch, milestone: true }\n")])
}
