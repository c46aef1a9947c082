import PlanSyntax

/// A leaf task works on the days every team it uses works; when their workdays do not meet, the
/// task can never be scheduled.
public struct NoCommonWorkdayRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        guard plan.teams.contains(where: { $0.calendar.workdays != nil }) else { return }
        let resources = context.network.resources
        let planWorkdays = plan.calendar.workdays?.value ?? WorkingCalendar().workdays
        for conflict in resources.conflicts {
            let task = plan.tasks[conflict.task]
            var parts: [String] = [], notes: [(String, SourceLocation)] = []
            for index in conflict.teams {
                let team = plan.teams[index]
                let days = Self.describe(team.calendar.workdays?.value ?? planWorkdays)
                parts.append("\(team.id.value) works \(days)")
                notes.append(("\(team.id.value) works \(days)", team.calendar.workdays?.location ?? team.id.location))
            }
            let location = task.assign.first?.team.location ?? task.owner?.location ?? task.id.location
            context.emit(Self.descriptor, "task '\(task.id.value)' can never be worked: \(parts.joined(separator: ", "))",
                         at: location,
                         help: "split it into one task per team, or give the teams a working day in common in their `workdays`",
                         notes: notes)
        }
    }

    /// `mon–wed`, `mon–tue and thu`, `sat`: runs of consecutive weekdays.
    static func describe(_ days: [Weekday]) -> String {
        let sorted = Set(days).sorted { $0.rawValue < $1.rawValue }
        var runs: [String] = [], index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1].rawValue == sorted[end].rawValue + 1 { end += 1 }
            runs.append(end == index ? sorted[index].shortName : "\(sorted[index].shortName)–\(sorted[end].shortName)")
            index = end + 1
        }
        guard runs.count > 1 else { return runs.first ?? "no day" }
        return runs.dropLast().joined(separator: ", ") + " and " + runs.last!
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E208", name: "no-common-workday", severity: .error,
        summary: "a task uses teams whose workdays have no day in common",
        rationale: "A task works on the days every team it uses works (its duration and the lags into it count those days). Teams with no working day in common can never work on it together, so it could never be scheduled.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\nteams:\n  qa: { name: QA, workdays: [mon, tue, wed] }\n  ops: { name: Operations, workdays: [thu, fri] }\ntasks:\n  - { id: cutover, duration: 2d, assign: [↓qa, ops] }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nteams:\n  qa: { name: QA, workdays: [mon, tue, wed] }\n  ops: { name: Operations, workdays: [wed, thu, fri] }\ntasks:\n  - { id: cutover, duration: 2d, assign: [qa, ops] }\n")])
}
