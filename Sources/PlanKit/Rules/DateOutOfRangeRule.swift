import PlanSyntax

/// A forecast that runs past 9999-12-31: no calendar, report or file format planc writes has a
/// five-digit year, so the schedule is reported as an error where the work crosses the limit.
public struct DateOutOfRangeRule: Rule {
    public static let needsSchedule = true

    /// The last day planc reads, schedules and writes.
    public static let lastDay = Day(year: 9999, month: 12, day: 31)!

    public init() {}

    public func check(_ context: RuleContext) {
        guard let schedule = context.schedule, schedule.finish > Self.lastDay else { return }
        let plan = context.plan
        let beyond = schedule.entries.reduce(0) { $0 + ($1.finish > Self.lastDay ? 1 : 0) }
        // Only the tasks that cross the limit: those wholly beyond it follow from them.
        var crossing = 0
        for (index, task) in plan.tasks.enumerated() {
            let entry = schedule[index]
            guard entry.finish > Self.lastDay, entry.start <= Self.lastDay, !task.isSummary else { continue }
            crossing += 1
            let others = beyond - 1
            var message = "task '\(task.id.value)' would finish after \(Self.lastDay), the last date planc can schedule"
            if others > 0 { message += "; \(others) more task\(others == 1 ? "" : "s") would end after it" }
            context.emit(Self.descriptor, message, at: task.duration?.location ?? task.id.location,
                         help: "check the durations on this chain: the plan runs for thousands of years")
        }
        // Nothing crosses: the calendar (holidays, work days, the start or status date) leaves no
        // working day before the limit. Reported once, at the first work that lies beyond it.
        guard crossing == 0,
              let first = plan.tasks.indices.filter({ !plan.tasks[$0].isSummary && schedule[$0].finish > Self.lastDay })
                  .min(by: { (schedule[$0].start, $0) < (schedule[$1].start, $1) }) else { return }
        let others = beyond - 1
        var message = "'\(plan.tasks[first].id.value)' would be scheduled after \(Self.lastDay), the last date planc can schedule"
        if others > 0 { message += "; \(others) more task\(others == 1 ? "" : "s") would too" }
        context.emit(Self.descriptor, message, at: plan.tasks[first].id.location,
                     help: "the calendar leaves no working day before \(Self.lastDay): check the start, the status date, the work days and the holidays")
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E207", name: "date-out-of-range", severity: .error,
        summary: "the forecast runs past 9999-12-31, the last date planc handles",
        rationale: "Dates in plans are YYYY-MM-DD up to 9999-12-31 and so are the dates planc computes: calendars, reports and file formats have four-digit years. A schedule that would reach beyond is almost always a duration with extra digits; the error points at the work that crosses the limit, or, when a calendar leaves no working day before it (holidays to the end, a start or status date at the very end), at the first work beyond it.",
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 999999d }\n  - { id: b, duration: 999999d, after: [a] }\n  - { id: c, duration: ↓999999d, after: [b] }\n"),
            Example("plan: perp-v2\nstart: 9999-12-29\ncalendar:\n  holidays:\n    - { from: 9999-12-29, to: 9999-12-31 }\ntasks:\n  - { id: ↓a, duration: 1d }\n"),
        ],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 999999d }\n  - { id: b, duration: 999999d, after: [a] }\n")])
}
