import PlanKit

/// What `--capacity TEAM=N` buys (DESIGN.md "Resources and levelling"): the finish and each
/// deadline's margin with the assumed capacities against the plan's own, and the working days
/// teams are over capacity on each side. Built from two compilations of one plan (the command
/// makes the second, without the override); writers only format it.
public struct CapacityWhatIf: Sendable {
    public struct Assumption: Sendable, Equatable {
        public var team: String
        public var people: Int
        /// The plan's own capacity (nil: none written).
        public var planned: Int?
    }

    public struct Margin: Sendable, Equatable {
        public var id: String
        public var deadline: Day
        /// Working days to spare (negative: late) with the assumed capacities, and with the plan's.
        public var assumed: Int
        public var planned: Int?
    }

    public var assumptions: [Assumption]
    public var finish: Day
    public var plannedFinish: Day
    /// Tightest first, as with the assumed capacities.
    public var margins: [Margin]
    /// Working days some team is over capacity, summed over teams (nil when the load was not computed).
    public var overloadedDays: Int?
    public var plannedOverloadedDays: Int?
    /// Whether the schedules are levelled: unlevelled, capacity moves no date.
    public var levelled: Bool

    public init(assumed: ScheduleFacts, planned: ScheduleFacts, capacities: [(team: String, people: Int)]) {
        let teams = planned.plan.teams
        assumptions = capacities.map { pair in
            Assumption(team: pair.team, people: pair.people, planned: teams.first { $0.id.value == pair.team }?.capacity)
        }
        finish = assumed.schedule.finish
        plannedFinish = planned.schedule.finish
        var before: [String: Int] = [:]
        for margin in planned.deadlineMargins { before[planned.plan.tasks[margin.task].id.value] = margin.workingDays }
        margins = assumed.deadlineMargins.map { margin in
            let id = assumed.plan.tasks[margin.task].id.value
            return Margin(id: id, deadline: margin.deadline, assumed: margin.workingDays, planned: before[id])
        }
        func overloaded(_ facts: ScheduleFacts) -> Int? {
            facts.resources.load.map { load in load.teams.reduce(0) { $0 + $1.overloads.reduce(0) { $0 + $1.workingDays } } }
        }
        overloadedDays = overloaded(assumed)
        plannedOverloadedDays = overloaded(planned)
        levelled = assumed.resources.isLevelled
    }

    /// "with qa=4 (plan: 2): finish 2027-03-05 (was 2027-03-12); launch margin 7 working days (was 2)"
    public func sentence(escape: (String) -> String) -> String {
        let teams = assumptions.map { "\(escape($0.team))=\($0.people)" + ($0.planned.map { " (plan: \($0))" } ?? " (plan: no capacity)") }
        var parts = ["finish \(finish) " + (finish == plannedFinish ? "(unchanged)" : "(was \(plannedFinish))")]
        for margin in margins {
            var part = "\(escape(margin.id)) margin \(LevellingText.days(margin.assumed))"
            if margin.assumed < 0 { part = "\(escape(margin.id)) \(LevellingText.days(-margin.assumed)) late" }
            if let planned = margin.planned {
                part += planned == margin.assumed ? " (unchanged)" : " (was \(planned))"
            }
            parts.append(part)
        }
        if let now = overloadedDays, let was = plannedOverloadedDays {
            parts.append("over capacity on \(LevellingText.days(now)) (was \(was))")
        }
        var text = "with \(teams.joined(separator: ", ")): " + parts.joined(separator: "; ")
        if !levelled { text += " — the plan is not levelled, so capacity moves no date (--level)" }
        return text
    }
}
