import Foundation
import PlanKit

/// The schedule as MS Project XML (MSPDI), which MS Project, ProjectLibre and MPXJ open: the plan
/// calendar (its workdays, holidays as exceptions), tasks in plan order with their outline,
/// summaries, milestones, durations, computed dates on 08:00–17:00 working days, links with MSPDI's
/// type codes and lags, deadlines, `not_before` as "start no earlier than", progress and actual
/// dates. Elements follow the order of Microsoft's schema (MS Project rejects other orders).
public enum MSPDIWriter {
    /// MSPDI link types.
    static func typeCode(_ type: DependencyType) -> Int {
        switch type {
        case .finishToFinish: return 0
        case .finishToStart: return 1
        case .startToFinish: return 2
        case .startToStart: return 3
        }
    }

    static let minutesPerDay = 480

    public static func write(_ facts: ScheduleFacts) -> String {
        let plan = facts.plan, schedule = facts.schedule
        let calendar = schedule.calendar
        var out = XMLOut()
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        out.open("Project xmlns=\"http://schemas.microsoft.com/project\"")
        out.element("SaveVersion", "14")
        out.element("Name", (plan.id?.value ?? "plan") + ".xml")
        out.element("Title", plan.title ?? plan.id?.value ?? "plan")
        out.element("ScheduleFromStart", "1")
        out.element("StartDate", dateTime(schedule.start, start: true))
        out.element("FinishDate", dateTime(schedule.finish, start: false))
        out.element("FYStartDate", "1")
        out.element("CriticalSlackLimit", "0")
        out.element("CurrencyDigits", "2")
        out.element("CalendarUID", "1")
        out.element("DefaultStartTime", "08:00:00")
        out.element("DefaultFinishTime", "17:00:00")
        out.element("MinutesPerDay", String(minutesPerDay))
        out.element("MinutesPerWeek", String(minutesPerDay * calendar.workdaysPerWeek))
        out.element("DaysPerMonth", "20")
        out.element("DurationFormat", "7")
        out.element("HonorConstraints", "1")
        out.element("WeekStartDay", "1")
        if let status = schedule.statusDate { out.element("StatusDate", dateTime(status, start: false)) }

        writeCalendar(plan, calendar, into: &out)

        out.open("Tasks")
        let outline = outlineNumbers(plan)
        let times = startsAndFinishes(facts)
        for (index, task) in plan.tasks.enumerated() {
            writeTask(index, task, outline: outline[index], times: times[index], facts: facts, into: &out)
        }
        out.close("Tasks")
        out.close("Project")
        return out.text
    }

    // MARK: - Calendar

    static func writeCalendar(_ plan: Plan, _ calendar: WorkingCalendar, into out: inout XMLOut) {
        out.open("Calendars")
        out.open("Calendar")
        out.element("UID", "1")
        out.element("Name", "Standard")
        out.element("IsBaseCalendar", "1")
        out.element("IsBaselineCalendar", "0")
        out.element("BaseCalendarUID", "-1")
        out.open("WeekDays")
        // MSPDI day types: 1 Sunday … 7 Saturday; planc's weekdays are Monday-based (0 Monday).
        for dayType in 1...7 {
            let weekday = (dayType + 5) % 7
            let working = calendar.workdays.contains { $0.rawValue == weekday }
            out.open("WeekDay")
            out.element("DayType", String(dayType))
            out.element("DayWorking", working ? "1" : "0")
            if working {
                out.open("WorkingTimes")
                for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
                    out.open("WorkingTime")
                    out.element("FromTime", from)
                    out.element("ToTime", to)
                    out.close("WorkingTime")
                }
                out.close("WorkingTimes")
            }
            out.close("WeekDay")
        }
        out.close("WeekDays")
        let holidays = mergedHolidays(plan.calendar.holidays)
        if !holidays.isEmpty {
            out.open("Exceptions")
            for holiday in holidays {
                out.open("Exception")
                out.element("EnteredByOccurrences", "0")
                out.open("TimePeriod")
                out.element("FromDate", holiday.from.iso + "T00:00:00")
                out.element("ToDate", holiday.to.iso + "T23:59:00")
                out.close("TimePeriod")
                out.element("Occurrences", "1")
                out.element("Name", holiday.name)
                out.element("Type", "1")
                out.element("DayWorking", "0")
                out.close("Exception")
            }
            out.close("Exceptions")
        }
        out.close("Calendar")
        out.close("Calendars")
    }

    /// Holidays in date order with overlapping and adjacent ones merged: MS Project refuses
    /// exceptions that overlap (and MPXJ then drops days of them).
    static func mergedHolidays(_ holidays: [Holiday]) -> [(from: Day, to: Day, name: String)] {
        var merged: [(from: Day, to: Day, name: String)] = []
        for holiday in holidays.filter({ $0.from <= $0.to }).sorted(by: { ($0.from, $0.to) < ($1.from, $1.to) }) {
            let name = holiday.name ?? "Holiday"
            if let last = merged.last, holiday.from.ordinal <= last.to.ordinal + 1 {
                merged[merged.count - 1].to = max(last.to, holiday.to)
                if !last.name.split(separator: "/").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(name) {
                    merged[merged.count - 1].name += " / " + name
                }
            } else {
                merged.append((holiday.from, holiday.to, name))
            }
        }
        return merged
    }

    // MARK: - Tasks

    /// Start and finish date-times of every task: working days from 08:00 to 17:00; a milestone
    /// at 08:00 when reached at the start of its day, else 17:00; elapsed time around the clock
    /// (N days from 08:00 end at 08:00 N days later); a summary from its parts' earliest start
    /// to their latest finish. ISO text, so comparing strings compares times.
    static func startsAndFinishes(_ facts: ScheduleFacts) -> [(start: String, finish: String)] {
        let plan = facts.plan, schedule = facts.schedule
        var times = [(start: String, finish: String)](repeating: ("", ""), count: plan.tasks.count)
        for (index, task) in plan.tasks.enumerated().reversed() {
            let entry = schedule[index]
            if task.isSummary {
                let parts = task.children.map { times[$0] }
                times[index] = parts.isEmpty
                    ? (dateTime(entry.start, start: true), dateTime(entry.finish, start: false))
                    : (parts.map(\.start).min()!, parts.map(\.finish).max()!)
            } else if task.isMilestone {
                let point = dateTime(entry.finish, start: entry.reachedAtStart)
                times[index] = (point, point)
            } else if task.duration?.value.unit == .elapsedDays {
                times[index] = (dateTime(entry.start, start: true), entry.finish.adding(days: 1).iso + "T08:00:00")
            } else {
                times[index] = (dateTime(entry.start, start: true), dateTime(entry.finish, start: false))
            }
        }
        return times
    }

    static func writeTask(_ index: Int, _ task: Task, outline: String, times: (start: String, finish: String),
                          facts: ScheduleFacts, into out: inout XMLOut) {
        let schedule = facts.schedule
        let entry = schedule[index]
        let calendar = schedule.calendar
        let uid = String(index + 1)
        let isMilestone = task.isMilestone && !task.isSummary
        let elapsed = task.duration?.value.unit == .elapsedDays && !task.isSummary && !isMilestone
        out.open("Task")
        out.element("UID", uid)
        out.element("ID", uid)
        out.element("Name", facts.title(index))
        out.element("Active", "1")
        out.element("Manual", "0")
        out.element("Type", "1")  // fixed duration
        out.element("IsNull", "0")
        out.element("WBS", outline)
        out.element("OutlineNumber", outline)
        out.element("OutlineLevel", String(facts.depth(index) + 1))
        out.element("Priority", String(task.priority?.value ?? 500))
        let (start, finish) = times
        out.element("Start", start)
        out.element("Finish", finish)
        // Work not done yet keeps its planned length, so that progress (a share of it) and a
        // re-import mean what the plan says; done work, the working days it took; a summary, the
        // working days its parts span.
        let planned = task.isSummary || isMilestone ? (amount: 0, elapsed: false) : Scheduler.length(of: task, calendar: calendar)
        let days = isMilestone ? 0 : (entry.progress == .done || task.isSummary ? entry.duration : planned.amount)
        let durationHours: Int
        if elapsed, entry.progress != .done {
            durationHours = planned.amount * 24
            out.element("Duration", hours(durationHours))
            out.element("DurationFormat", "8")  // elapsed days
        } else {
            durationHours = days * minutesPerDay / 60
            out.element("Duration", hours(durationHours))
            out.element("DurationFormat", "7")  // days
        }
        out.element("Estimated", "0")
        out.element("Milestone", isMilestone ? "1" : "0")
        out.element("Summary", task.isSummary ? "1" : "0")
        out.element("Critical", entry.critical ? "1" : "0")
        out.element("FreeSlack", String(entry.freeFloat * minutesPerDay * 10))
        out.element("TotalSlack", String(entry.totalFloat * minutesPerDay * 10))
        out.element("PercentComplete", String(percentComplete(task, entry)))
        if entry.progress != .planned, let actualStart = task.actualStart?.value ?? (isMilestone ? task.actualFinish?.value : nil) {
            out.element("ActualStart", isMilestone ? dateTime(actualStart, start: false) : dateTime(actualStart, start: true))
        }
        if entry.progress == .done, let actualFinish = task.actualFinish?.value {
            out.element("ActualFinish", elapsed ? actualFinish.adding(days: 1).iso + "T08:00:00" : dateTime(actualFinish, start: false))
        }
        // Work done and left, in the duration's hours (MS Project and MPXJ's scheduler read both).
        let doneHours = durationHours * percentComplete(task, entry) / 100
        out.element("ActualDuration", hours(doneHours))
        out.element("RemainingDuration", hours(durationHours - doneHours))
        if let notBefore = task.notBefore?.value {
            out.element("ConstraintType", "4")  // start no earlier than
            out.element("CalendarUID", "-1")
            out.element("ConstraintDate", dateTime(calendar.firstWorkingDay(onOrAfter: notBefore), start: true))
        } else {
            out.element("ConstraintType", "0")  // as soon as possible
            out.element("CalendarUID", "-1")
        }
        if let deadline = task.deadline?.value { out.element("Deadline", dateTime(deadline, start: false)) }
        if let notes = task.notes { out.element("Notes", notes) }
        for link in links(of: index, facts: facts) {
            out.open("PredecessorLink")
            out.element("PredecessorUID", String(link.predecessor + 1))
            out.element("Type", String(typeCode(link.type)))
            out.element("CrossProject", "0")
            out.element("LinkLag", String(link.lagDays * minutesPerDay * 10))  // tenths of a minute
            out.element("LagFormat", "7")
            out.close("PredecessorLink")
        }
        out.close("Task")
    }

    /// The task's resolved links, from the network: predecessor, type and lag in working days.
    static func links(of index: Int, facts: ScheduleFacts) -> [(predecessor: Int, type: DependencyType, lagDays: Int)] {
        facts.network.links(of: index).compactMap { link in
            link.predecessor.map { ($0, link.type, link.lag) }
        }
    }

    static func percentComplete(_ task: Task, _ entry: Schedule.Entry) -> Int {
        switch entry.progress {
        case .done: return 100
        case .inProgress: return min(99, max(0, Int((task.progress?.value ?? 0).rounded(.down))))
        case .planned: return 0
        }
    }

    /// `1.2.3`: each task's position among its siblings, from the top level down.
    static func outlineNumbers(_ plan: Plan) -> [String] {
        var numbers = [String](repeating: "", count: plan.tasks.count)
        // Each part's position among its siblings, set when its summary is met (parts come after
        // their summary in plan order); looking it up in the siblings was quadratic in a wide one.
        var position = [Int](repeating: 0, count: plan.tasks.count)
        var topLevel = 0
        for (index, task) in plan.tasks.enumerated() {
            for (offset, child) in task.children.enumerated() { position[child] = offset + 1 }
            if let parent = task.parent {
                numbers[index] = numbers[parent] + "." + String(position[index])
            } else {
                topLevel += 1
                numbers[index] = String(topLevel)
            }
        }
        return numbers
    }

    static func dateTime(_ day: Day, start: Bool) -> String {
        day.iso + (start ? "T08:00:00" : "T17:00:00")
    }

    static func hours(_ hours: Int) -> String { "PT\(hours)H0M0S" }
}

/// Indented XML built element by element; text goes through the one escaping layer (`Escape.markup`).
struct XMLOut {
    var text = ""
    var depth = 0

    mutating func raw(_ string: String) { text += string }

    mutating func open(_ tag: String) {
        text += String(repeating: "    ", count: depth) + "<" + tag + ">\n"
        depth += 1
    }

    mutating func close(_ tag: String) {
        depth -= 1
        text += String(repeating: "    ", count: depth) + "</" + tag + ">\n"
    }

    mutating func element(_ tag: String, _ value: String) {
        text += String(repeating: "    ", count: depth) + "<" + tag + ">" + Escape.markup(value) + "</" + tag + ">\n"
    }
}
