import PlanSyntax

/// Work that, at the status date, is behind what the plan allowed.
public struct TaskLateRule: Rule {
    public static let needsSchedule = true

    public init() {}

    public func check(_ context: RuleContext) {
        guard let schedule = context.schedule, let statusDate = schedule.statusDate else { return }
        for (index, task) in context.plan.tasks.enumerated() {
            guard let lateness = Self.assess(index, plan: context.plan, schedule: schedule) else { continue }
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

    /// How a task is late at the status date, or nil when it is not (see the rationale).
    public enum Lateness: Sendable, Equatable {
        /// Not started though its predecessors let it start (a milestone: be reached) on `ready`.
        case notStarted(ready: Day)
        /// In progress and forecast to finish `workingDays` after `allowed`, the day its duration allows.
        case behind(allowed: Day, workingDays: Int)
    }

    public static func assess(_ index: Int, plan: Plan, schedule: Schedule) -> Lateness? {
        guard let statusDate = schedule.statusDate else { return nil }
        let task = plan.tasks[index], entry = schedule[index]
        guard !task.isSummary else { return nil }
        let calendar = schedule.calendar
        switch entry.progress {
        case .planned:
            guard let ready = entry.readyDate, ready <= statusDate else { return nil }
            return .notStarted(ready: ready)
        case .inProgress:
            guard let actualStart = task.actualStart?.value else { return nil }
            let (amount, elapsed) = Scheduler.length(of: task, calendar: calendar)
            let allowed = elapsed ? actualStart.adding(days: amount - 1) : calendar.adding(workingDays: amount - 1, to: actualStart)
            guard entry.finish > allowed else { return nil }
            let behind = max(1, calendar.workingPosition(onOrBefore: entry.finish) - calendar.workingPosition(onOrBefore: allowed))
            return .behind(allowed: allowed, workingDays: behind)
        case .done:
            return nil
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
