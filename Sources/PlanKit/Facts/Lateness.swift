/// How a task is late at the status date: the one assessment rule W302 reports and the status
/// report lists. Nil when it is not late (see W302's rationale).
public enum Lateness: Sendable, Equatable {
    /// Not started though its predecessors let it start (a milestone: be reached) on `ready`.
    case notStarted(ready: Day)
    /// In progress and forecast to finish `workingDays` after `allowed`, the day its duration allows.
    case behind(allowed: Day, workingDays: Int)

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
            // Its duration counts its own days (a team calendar's); how late, the plan's.
            let own = schedule.calendar(of: index)
            let (amount, elapsed) = Scheduler.length(of: task, calendar: own)
            let allowed = elapsed ? actualStart.adding(days: amount - 1) : own.adding(workingDays: amount - 1, to: actualStart)
            guard let behind = DeadlineMargin.lateness(finish: entry.finish, deadline: allowed, calendar: calendar) else { return nil }
            return .behind(allowed: allowed, workingDays: behind)
        case .done:
            return nil
        }
    }
}
