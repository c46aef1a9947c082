import PlanSyntax

/// Work that, at the status date, is behind what the plan allowed.
public struct TaskLateRule: Rule {
    public static let needsSchedule = true

    public init() {}

    public func check(_ context: RuleContext) {
        guard let schedule = context.schedule, let statusDate = schedule.statusDate else { return }
        for (index, task) in context.plan.tasks.enumerated() {
            guard let lateness = Lateness.assess(index, plan: context.plan, schedule: schedule) else { continue }
            let entry = schedule[index]
            let at = task.status?.location ?? task.id.location
            switch lateness {
            case .notStarted(let ready):
                let verb = task.isMilestone ? "been reached" : "started"
                context.emit(Self.descriptor,
                             "'\(task.id.value)' could have \(verb) on \(ready) but has not by the status date \(statusDate); forecast \(task.isMilestone ? entry.finish : entry.start)",
                             at: at, help: task.isMilestone ? "record `status: done` with `actual_finish` if it was reached"
                                 : "start it, or record `status: in-progress` with `actual_start` if it has started")
            case .behind(let allowed, let behind):
                let progress = task.progress.map { " at \(formatPercent($0.value))" } ?? ""
                context.emit(Self.descriptor,
                             "task '\(task.id.value)' is behind: started \(task.actualStart!.value)\(progress) on \(statusDate), it is forecast to finish \(entry.finish), \(behind) working day\(behind == 1 ? "" : "s") after the \(allowed) its duration allows",
                             at: at, help: "update `progress`, or add people or scope cuts; successors move with its forecast")
            }
        }
    }

    private func formatPercent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W302", name: "task-late", severity: .warning,
        summary: "with a status date, work that should have started is not started, or started work is forecast to finish after its duration allows",
        rationale: "A task not started is late when its predecessors, `not_before` and the plan start would have let it start (a milestone: be reached) on or before the status date: only the status date holds it back, and every working day it waits moves its successors. A task in progress is late when its forecast finish (remaining work after the status date, and FF/SF links) is after the day its full duration counted from its `actual_start` would end. Done tasks are never late. Without a status date nothing is reported.",
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - { id: prd, duration: 5d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-11 }\n  - { id: ↓contract-specs, duration: 3d, after: [prd] }\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - id: engine-perf\n    duration: 5d\n    status: ↓in-progress\n    actual_start: 2027-01-11\n    progress: 50%\n"),
        ],
        passing: [
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - { id: prd, duration: 5d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-11 }\n  - { id: engine-perf, duration: 10d, after: [prd], status: in-progress, actual_start: 2027-01-11, progress: 50% }\n  - { id: qa, duration: 3d, after: [engine-perf] }\n"),
        ])
}
