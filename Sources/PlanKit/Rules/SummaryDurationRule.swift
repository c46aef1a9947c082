import PlanSyntax

/// A summary's span comes from its parts; a duration of its own would contradict them.
public struct SummaryDurationRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        for task in context.plan.tasks where task.kind == .task && task.isSummary {
            guard let duration = task.duration else { continue }
            context.emit(Self.descriptor, "summary task '\(task.id.value)' has a duration (\(duration.value)); its span comes from its parts",
                         at: duration.location,
                         help: "remove `duration:` here; to reserve time, add a part such as { id: \(task.id.value)-buffer, duration: \(duration.value) }")
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E205", name: "summary-duration", severity: .error,
        summary: "a task with parts (`tasks:`) also has a duration",
        rationale: "A summary spans its parts. If it also had a duration, one of the two would silently be ignored.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: engine\n    duration: ↓20d\n    tasks:\n      - { id: engine-core, duration: 15d }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: engine\n    tasks:\n      - { id: engine-core, duration: 15d }\n      - { id: engine-perf, duration: 5d, after: [engine-core] }\n")])
}
