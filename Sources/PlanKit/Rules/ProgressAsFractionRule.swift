import PlanSyntax

/// `progress: 0.5` reads as half a percent; people who write it usually mean 50%.
public struct ProgressAsFractionRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        for task in context.plan.tasks {
            guard let progress = task.progress, progress.value > 0, progress.value < 1 else { continue }
            let percent = MetricSet.format(progress.value * 100)
            context.emit(Self.descriptor, "task '\(task.id.value)' is \(MetricSet.format(progress.value))% done", at: progress.location,
                         help: "did you mean \(percent)%? progress is a percentage from 0% to 100%, not a fraction")
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W303", name: "progress-as-fraction", severity: .warning,
        summary: "a task's progress is between 0% and 1%, as if written as a fraction",
        rationale: "Progress is a percentage: `progress: 0.5` means half of one percent, which the forecast then uses as fact. Written as a fraction it almost always means 50%; write `50%` to say so.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2026-12-09\ntasks:\n  - { id: design, duration: 5d, status: in-progress, actual_start: 2026-12-07, progress: ↓0.5 }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2026-12-09\ntasks:\n  - { id: design, duration: 5d, status: in-progress, actual_start: 2026-12-07, progress: 50% }\n")])
}
