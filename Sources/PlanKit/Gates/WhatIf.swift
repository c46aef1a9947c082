/// "What if this risk happens?": the plan with the risk's `delay` applied to everything it
/// `affects`: a task's duration grows by the delay; a milestone, gate or summary is held back by
/// it (each of its dependencies gets the delay as extra lag, or it waits that long after the plan
/// start when it has none). Events and risks in `affects` are not moved: they follow the work.
public enum WhatIf {
    public static func assuming(risk id: String, in plan: Plan) -> Result<Plan, WhatIfProblem> {
        guard let risk = plan.risks.first(where: { $0.id.value == id }) else {
            return .failure(WhatIfProblem(description: "no risk '\(id)'" + (Suggestion.help(for: id, in: plan.risks.map(\.id.value)).map { "; \($0)" } ?? "")))
        }
        guard let delay = risk.delay else {
            return .failure(WhatIfProblem(description: "risk '\(id)' has no `delay:` to assume (add e.g. delay: 5d)"))
        }
        let workdays = plan.calendar.workdays?.value.count ?? 5
        let days = delay.value.days(workdaysPerWeek: workdays)
        var changed = plan
        for affected in risk.affects {
            guard let index = changed.tasks.firstIndex(where: { $0.id.value == affected.value }) else { continue }
            var task = changed.tasks[index]
            if task.kind == .task, !task.isSummary, let duration = task.duration {
                var grown = duration.value
                switch grown.unit {
                case .workingDays, .elapsedDays: grown.amount += days
                case .workingWeeks: grown = Duration(amount: grown.days(workdaysPerWeek: workdays) + days, unit: .workingDays)
                }
                task.duration = Located(grown, at: duration.location)
            } else if task.after.isEmpty {
                // Nothing to add lag to: hold it back `days` working days from its earliest start.
                let calendar = WorkingCalendar(plan.calendar)
                let base = calendar.firstWorkingDay(onOrAfter: task.notBefore?.value ?? plan.start?.value ?? Day(ordinal: 0))
                task.notBefore = Located(calendar.adding(workingDays: days, to: base), at: task.location)
            } else {
                for position in task.after.indices {
                    let lag = task.after[position].lag?.value
                    let lagDays = lag?.days(workdaysPerWeek: workdays) ?? 0
                    task.after[position].lag = Located(Duration(amount: lagDays + days, unit: .workingDays), at: task.after[position].location)
                }
            }
            changed.tasks[index] = task
        }
        return .success(changed)
    }
}

public struct WhatIfProblem: Error, CustomStringConvertible, Sendable {
    public var description: String
}
