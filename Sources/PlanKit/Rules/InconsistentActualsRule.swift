import PlanSyntax

/// Status and actual dates must tell one story: the scheduler takes them as facts.
public struct InconsistentActualsRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let statusDate = context.statusDate
        for task in context.plan.tasks where !task.id.value.isEmpty {
            let id = task.id.value
            let status = task.status?.value ?? .notStarted
            // Most tasks of a plan: nothing recorded yet, so nothing to contradict.
            if status == .notStarted, task.actualStart == nil, task.actualFinish == nil { continue }
            let statusLocation = task.status?.location ?? task.id.location
            if let start = task.actualStart, let finish = task.actualFinish, finish.value < start.value {
                context.emit(Self.descriptor, "task '\(id)' finished (\(finish.value)) before it started (\(start.value))",
                             at: finish.location, help: "check both dates")
            }
            for actual in [task.actualStart, task.actualFinish].compactMap({ $0 }) {
                if let statusDate, actual.value > statusDate {
                    context.emit(Self.descriptor, "task '\(id)' has an actual date (\(actual.value)) after the status date (\(statusDate))",
                                 at: actual.location, help: "actual dates record what happened up to the status date; move `as_of` or fix the date")
                }
            }
            switch status {
            case .notStarted:
                for (name, actual) in [("actual_start", task.actualStart), ("actual_finish", task.actualFinish)] {
                    guard let actual else { continue }
                    context.emit(Self.descriptor, "task '\(id)' has `\(name)` but is not started", at: actual.location,
                                 help: "set `status: in-progress` or `status: done`, or remove `\(name)`")
                }
            case .inProgress:
                if task.isMilestone {
                    context.emit(Self.descriptor, "\(task.kind == .gate ? "gate" : "milestone") '\(id)' cannot be in progress: it is a point in time",
                                 at: statusLocation, help: "a milestone is `not-started` or `done` (with `actual_finish`)")
                } else if task.actualStart == nil {
                    context.emit(Self.descriptor, "task '\(id)' is in progress but has no `actual_start`", at: statusLocation,
                                 help: "add `actual_start: YYYY-MM-DD`: the day work began")
                }
                if let finish = task.actualFinish {
                    context.emit(Self.descriptor, "task '\(id)' is in progress but has an `actual_finish`", at: finish.location,
                                 help: "set `status: done`, or remove `actual_finish`")
                }
            case .done:
                let missing = (task.isMilestone ? [] : [("actual_start", task.actualStart == nil)]) + [("actual_finish", task.actualFinish == nil)]
                let names = missing.filter(\.1).map { "`\($0.0)`" }
                if !names.isEmpty {
                    context.emit(Self.descriptor, "task '\(id)' is done but has no \(names.joined(separator: " or "))", at: statusLocation,
                                 help: task.isMilestone ? "add `actual_finish: YYYY-MM-DD`: the day it was reached"
                                     : "add the days work actually started and finished")
                }
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E302", name: "inconsistent-actuals", severity: .error,
        summary: "a task's status and actual dates contradict each other or the status date",
        rationale: "The scheduler keeps actual dates as facts: a done task sits on its actual dates and an in-progress task keeps its actual start. A done task needs `actual_start` and `actual_finish` (a done milestone only `actual_finish`), an in-progress task `actual_start` and no `actual_finish`, a task not started no actual dates; a task cannot finish before it starts, nothing can have happened after the status date, and a milestone is never in progress.",
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - id: prd\n    duration: 5d\n    status: done\n    actual_start: 2026-12-11\n    actual_finish: ↓2026-12-07\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - id: engine-perf\n    duration: 5d\n    status: ↓in-progress\n    progress: 50%\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - { id: prd, duration: 5d, status: ↓done, actual_finish: 2026-12-11 }\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - { id: prd, duration: 5d, status: done, actual_start: 2027-01-11, actual_finish: ↓2027-01-18 }\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: prd, duration: 5d, actual_start: ↓2026-12-07 }\n"),
        ],
        passing: [
            Example("plan: perp-v2\nstart: 2026-12-07\nas_of: 2027-01-15\ntasks:\n  - { id: prd, duration: 5d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-11 }\n  - { id: scope-freeze, milestone: true, after: [prd], status: done, actual_finish: 2026-12-11 }\n  - { id: engine, duration: 15d, after: [scope-freeze], status: in-progress, actual_start: 2026-12-14, progress: 80% }\n"),
        ])
}
