import PlanSyntax

/// A task at 100% that is still in progress: either it is done, or the progress is wrong.
public struct InProgressCompleteRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        for task in context.plan.tasks where task.status?.value == .inProgress {
            guard let progress = task.progress, progress.value >= 100 else { continue }
            context.emit(Self.descriptor, "task '\(task.id.value)' is in progress but 100% done", at: progress.location,
                         help: "set `status: done` with `actual_finish`, or lower `progress` to what is really done")
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W304", name: "in-progress-complete", severity: .warning,
        summary: "a task in progress is 100% done",
        rationale: "The forecast keeps an in-progress task open until the status date at least; at 100% it is finished in all but name, so the plan says two things. Mark it done with its actual finish, or correct the progress.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2026-12-14\ntasks:\n  - { id: design, duration: 5d, status: in-progress, actual_start: 2026-12-07, progress: ↓100% }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2026-12-14\ntasks:\n  - { id: design, duration: 5d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-11, progress: 100% }\n  - { id: build, duration: 5d, status: in-progress, actual_start: 2026-12-14, progress: 90% }\n")])
}
