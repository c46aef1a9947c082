/// "What if this risk happens?": the plan with the risk's `delay` (a three-point delay: its
/// likely value) applied to everything it
/// `affects`: a task's duration grows by the delay; a milestone, gate or summary is held back by
/// it (each of its dependencies gets the delay as extra lag, or it waits that long after the plan
/// start when it has none). Events and risks in `affects` are not moved: they follow the work.
public enum WhatIf {
    public static func assuming(risk id: String, in network: Network) -> Result<Plan, WhatIfProblem> {
        let plan = network.plan
        guard case .risk(let riskIndex)? = network.ids[id] else {
            return .failure(WhatIfProblem(description: "no risk '\(id)'" + (Suggestion.help(for: id, in: plan.risks.map(\.id.value)).map { "; \($0)" } ?? "")))
        }
        let risk = plan.risks[riskIndex]
        guard let delay = assumedDelay(of: risk) else {
            return .failure(WhatIfProblem(description: "risk '\(id)' has no `delay:` to assume (add e.g. delay: 5d)"))
        }
        let calendar = network.calendar
        let days = calendar.workingDays(in: delay.duration)
        // An item listed twice is held back twice.
        var extra: [Int: Int] = [:]
        var order: [Int] = []
        for affected in risk.affects {
            guard let index = network.taskIndex(affected.value) else { continue }
            if extra[index] == nil { order.append(index) }
            extra[index, default: 0] += days
        }
        var changed = plan
        for index in order {
            let days = extra[index]!
            var task = changed.tasks[index]
            if task.kind == .task, !task.isSummary, let duration = task.duration {
                var grown = duration.value
                switch grown.unit {
                case .workingDays, .elapsedDays: grown.amount += days
                case .workingWeeks: grown = Duration(amount: calendar.workingDays(in: grown) + days, unit: .workingDays)
                }
                task.duration = Located(grown, at: duration.location)
            } else if network.links(of: index).isEmpty {
                // Nothing to add lag to: hold it back `days` working days from its earliest start.
                let base = calendar.firstWorkingDay(onOrAfter: task.notBefore?.value ?? plan.start?.value ?? Day(ordinal: 0))
                task.notBefore = Located(calendar.adding(workingDays: days, to: base), at: task.location)
            } else {
                for link in network.links(of: index) {
                    task.after[link.number].lag = Located(Duration(amount: link.lag + days, unit: .workingDays), at: link.location)
                }
            }
            changed.tasks[index] = task
        }
        return .success(changed)
    }
}

extension WhatIf {
    /// The delay a what-if adds: the risk's `delay`, or the likely value of a three-point one
    /// (`likely` true: the forecast draws it, a what-if takes its likely value).
    public static func assumedDelay(of risk: Risk) -> (duration: Duration, likely: Bool)? {
        if let delay = risk.delay?.value { return (delay, false) }
        if let likely = risk.delayEstimate?.likely?.value { return (likely, true) }
        return nil
    }
}

public struct WhatIfProblem: Error, CustomStringConvertible, Sendable {
    public var description: String
}
