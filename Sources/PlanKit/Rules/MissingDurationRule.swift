import PlanSyntax

/// A task that is neither a milestone nor a summary needs a duration (or an estimate to take it from).
public struct MissingDurationRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        for task in context.plan.tasks where task.kind == .task && !task.isSummary && !task.id.value.isEmpty && task.milestoneFlag == nil {
            if task.duration == nil, task.durationKey == nil, task.estimate == nil {
                context.emit(Self.descriptor, "task '\(task.id.value)' has no duration", at: task.id.location,
                             help: "add `duration: 5d` (working days), `2w` or `7ed` (elapsed days); or `milestone: true` if it is a point in time")
            } else if let duration = task.duration, duration.value.amount == 0 {
                context.emit(Self.descriptor, "task '\(task.id.value)' has a duration of zero", at: duration.location,
                             help: "make it `milestone: true` instead")
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E204", name: "missing-duration", severity: .error,
        summary: "a task that is neither a milestone nor a summary has no duration, or a zero duration",
        rationale: "The schedule cannot place work of unknown length. A zero-length task is a milestone and should say so.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: ↓design, title: Architecture review }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, title: Architecture review, duration: 5d }\n  - { id: sizing, estimate: { low: 2d, likely: 3d, high: 6d } }\n")])
}
