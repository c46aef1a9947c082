import PlanKit

/// The sentences every writer uses for levelling and load, in one place. Plan text (ids) goes
/// through `escape`, chosen by the format; dates and numbers are planc's own.
public enum LevellingText {
    /// "finish 2027-03-12; no schedule can finish before 2027-03-05"
    public static func finish(_ facts: ScheduleFacts) -> String {
        let finish = facts.schedule.finish, bound = facts.resources.finishLowerBound
        return bound < finish
            ? "finish \(finish); no schedule can finish before \(bound)"
            : "finish \(finish); no schedule can finish earlier"
    }

    /// "waits 4 working days for qa: busy with perf-test and risk-stress 2027-02-01 – 2027-02-04"
    public static func wait(_ wait: Levelling.Wait, plan: Plan, escape: (String) -> String) -> String {
        var text = "waits \(days(wait.days)) for \(escape(wait.teamID))"
        var names = wait.tasks.map { escape(plan.tasks[$0].id.value) }
        if wait.moreTasks > 0 { names.append("\(wait.moreTasks) more") }
        if !names.isEmpty { text += ": busy with " + list(names) }
        return text + " " + span(wait.from, wait.to)
    }

    /// Why a task moved: each wait, or its predecessors when it waited for no team itself.
    public static func reason(_ move: ResourceFacts.Move, plan: Plan, escape: (String) -> String) -> String {
        guard !move.waits.isEmpty else { return "follows its predecessors, which levelling moved" }
        return move.waits.map { wait($0, plan: plan, escape: escape) }.joined(separator: "; ")
    }

    /// "+4" for a task levelling moved, "" otherwise.
    public static func delayCell(_ delay: Int) -> String { delay > 0 ? "+\(delay)" : "" }

    /// The resource-driven path as "a → b → c".
    public static func path(_ facts: ScheduleFacts, escape: (String) -> String) -> String {
        facts.resources.resourcePath.map { escape(facts.plan.tasks[$0].id.value) }.joined(separator: " → ")
    }

    /// "qa over capacity 2027-02-01 – 2027-02-04: 3 of 2 people (perf-test, risk-stress)"
    public static func overload(_ overload: ResourceLoad.Overload, team: String, plan: Plan, escape: (String) -> String) -> String {
        var text = "\(escape(team)) over capacity \(span(overload.from, overload.to)): \(people(overload.peakMilliUnits)) of \(ResourceModel.format(milliUnits: overload.milliCapacity))"
        if !overload.tasks.isEmpty { text += " (" + overload.tasks.map { escape(plan.tasks[$0].id.value) }.joined(separator: ", ") + ")" }
        return text
    }

    /// "1 person", "2.5 people"
    public static func people(_ milliUnits: Int) -> String {
        "\(ResourceModel.format(milliUnits: milliUnits)) \(milliUnits == ResourceModel.milli ? "person" : "people")"
    }

    /// Person-days as a number: "12", "7.5".
    public static func personDays(_ milliDays: Int) -> String { ResourceModel.format(milliUnits: milliDays) }

    public static func span(_ from: Day, _ to: Day) -> String { from == to ? from.iso : "\(from) – \(to)" }

    public static func days(_ count: Int) -> String { "\(count) working day\(count == 1 ? "" : "s")" }

    /// "a", "a and b", "a, b and c"
    public static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

extension LevellingText {
    /// The cells of one week of a team's load, as every report format shows them: week, person-days
    /// asked, person-days available, the busiest day ("4 of 2"), and whether it is over capacity.
    public static func weekCells(_ week: ResourceFacts.Week) -> (week: String, asked: String, available: String, busiest: String, over: Bool) {
        let busiest = week.peakMilliCapacity.map { "\(ResourceModel.format(milliUnits: week.peakMilliUnits)) of \(ResourceModel.format(milliUnits: $0))" }
            ?? ResourceModel.format(milliUnits: week.peakMilliUnits)
        return (week.monday.iso, personDays(week.demandMilliDays), week.capacityMilliDays.map(personDays) ?? "—", busiest, week.overAllocated)
    }

    /// "qa (QA), capacity 2" or "dev (R&D), no capacity limit"; `escape` for plan text.
    public static func teamHeading(_ team: ResourceFacts.TeamWeeks, escape: (String) -> String) -> String {
        var text = escape(team.id)
        if let name = team.name, name != team.id { text += " (\(escape(name)))" }
        text += team.capacity.map { ", capacity \($0)" } ?? ", no capacity limit"
        let over = team.weeks.filter(\.overAllocated).count
        if over > 0 { text += ": over capacity in \(over) week\(over == 1 ? "" : "s")" }
        return text
    }

    /// "… 12 more weeks: `planc schedule --format csv --load` lists them all" ("" for none).
    public static func hiddenWeeks(_ count: Int) -> String {
        count == 0 ? "" : "… and \(count) more week\(count == 1 ? "" : "s") (planc schedule --format csv --load lists every day)"
    }
}
