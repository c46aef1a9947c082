import Foundation
import PlanKit

/// The schedule as MS Project XML (MSPDI), which MS Project, ProjectLibre and MPXJ open: the plan
/// calendar (its workdays, holidays as exceptions), tasks in plan order with their outline,
/// summaries, milestones, durations, computed dates on 08:00–17:00 working days, links with MSPDI's
/// type codes and lags, deadlines, `not_before` as "start no earlier than", progress and actual
/// dates; every declared team as a resource (capacity as max units, its own workdays and holidays
/// as a resource calendar, absences as availability periods) and every use of a team by a leaf
/// task as an assignment. Elements follow the order of Microsoft's schema (MS Project rejects
/// other orders).
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
        writeCustomFieldDefinitions(plan, into: &out)

        let teamCalendars = teamCalendarUIDs(plan)
        out.open("Calendars")
        writeCalendar(uid: 1, name: "Standard", base: nil, workdays: calendar.workdays, holidays: plan.calendar.holidays, into: &out)
        for (team, uid) in teamCalendars {
            let spec = plan.teams[team].calendar
            writeCalendar(uid: uid, name: plan.teams[team].id.value, base: 1, workdays: spec.workdays?.value,
                          holidays: spec.holidays, into: &out)
        }
        out.close("Calendars")

        out.open("Tasks")
        let outline = outlineNumbers(plan)
        let times = startsAndFinishes(facts)
        for (index, task) in plan.tasks.enumerated() {
            writeTask(index, task, outline: outline[index], times: times[index], facts: facts, into: &out)
        }
        out.close("Tasks")
        if !plan.teams.isEmpty {
            writeResources(facts, calendars: Dictionary(uniqueKeysWithValues: teamCalendars), into: &out)
            writeAssignments(facts, times: times, into: &out)
        }
        out.close("Project")
        return out.text
    }

    // MARK: - Calendar

    /// A calendar: `base` nil for the project's base calendar, else a team's calendar derived from
    /// it (its `workdays`, when it has them, as all seven week days; its own holidays as
    /// exceptions, the base calendar's applying too).
    static func writeCalendar(uid: Int, name: String, base: Int?, workdays: [Weekday]?, holidays: [Holiday], into out: inout XMLOut) {
        out.open("Calendar")
        out.element("UID", String(uid))
        out.element("Name", name)
        out.element("IsBaseCalendar", base == nil ? "1" : "0")
        out.element("IsBaselineCalendar", "0")
        out.element("BaseCalendarUID", String(base ?? -1))
        if let workdays {
            out.open("WeekDays")
            // MSPDI day types: 1 Sunday … 7 Saturday; planc's weekdays are Monday-based (0 Monday).
            for dayType in 1...7 {
                let weekday = (dayType + 5) % 7
                let working = workdays.contains { $0.rawValue == weekday }
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
        }
        let merged = mergedHolidays(holidays)
        if !merged.isEmpty {
            out.open("Exceptions")
            for holiday in merged {
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
    }

    /// The calendar UID of each team with workdays or holidays of its own (2, 3, … in plan order).
    static func teamCalendarUIDs(_ plan: Plan) -> [(team: Int, uid: Int)] {
        var uids: [(team: Int, uid: Int)] = []
        for (index, team) in plan.teams.enumerated() where team.calendar.workdays != nil || !team.calendar.holidays.isEmpty {
            uids.append((index, uids.count + 2))
        }
        return uids
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
        // The planned length, so that progress (a share of it) and a re-import mean what the plan says.
        let (durationHours, elapsedHours) = self.durationHours(index, facts: facts)
        out.element("Duration", hours(durationHours))
        out.element("DurationFormat", elapsedHours ? "8" : "7")  // elapsed days, days
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
            // On the task's own days (a team that works Sundays may start on one); a summary's
            // holds its parts back on any day some task may work, as the scheduler reads it.
            let resources = facts.network.resources
            let own = task.isSummary ? resources.axis : resources.calendar(of: index).own
            out.element("ConstraintDate", dateTime(own.firstWorkingDay(onOrAfter: notBefore), start: true))
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

    /// The hours of a task's `Duration` and whether they are elapsed hours. Work not done yet keeps
    /// its planned length on its own calendar; done work, the working days it took; a summary, the
    /// working days its parts span.
    static func durationHours(_ index: Int, facts: ScheduleFacts) -> (hours: Int, elapsed: Bool) {
        let task = facts.plan.tasks[index], entry = facts.schedule[index]
        let isMilestone = task.isMilestone && !task.isSummary
        if isMilestone { return (0, false) }
        let planned = task.isSummary ? (amount: 0, elapsed: false)
            : Scheduler.length(of: task, calendar: facts.network.resources.calendar(of: index).own)
        if task.duration?.value.unit == .elapsedDays, !task.isSummary, entry.progress != .done {
            return (planned.amount * 24, true)
        }
        let days = entry.progress == .done || task.isSummary ? entry.duration : planned.amount
        return (days * minutesPerDay / 60, false)
    }

    // MARK: - Resources and assignments

    /// Every declared team as a work resource named by its id (its `name` in `Notes`), in plan
    /// order (UID and ID 1, 2, …). `capacity` is `MaxUnits` (1 is one person); a team that is
    /// never over-allocated (`external`, or no `capacity`) has `CanLevel` 0, and no `MaxUnits`
    /// without a capacity. Absences are availability periods covering all time: the capacity
    /// before, between and after them, the capacity less the people away during them.
    static func writeResources(_ facts: ScheduleFacts, calendars: [Int: Int], into out: inout XMLOut) {
        let plan = facts.plan, resources = facts.network.resources
        out.open("Resources")
        for (index, team) in plan.teams.enumerated() {
            out.open("Resource")
            out.element("UID", String(index + 1))
            out.element("ID", String(index + 1))
            out.element("Name", team.id.value)
            out.element("Type", "1")  // work
            out.element("IsNull", "0")
            if let capacity = team.capacity { out.element("MaxUnits", String(capacity)) }
            out.element("CanLevel", team.isConstrained ? "1" : "0")
            if let uid = calendars[index] { out.element("CalendarUID", String(uid)) }
            if let name = team.name { out.element("Notes", name) }
            if let lead = team.lead { writeCustomField(CustomField.lead, lead, into: &out) }
            if let names = absenceNames(team) { writeCustomField(CustomField.absences, names, into: &out) }
            let changes = index < resources.teams.count ? resources.teams[index].changes : []
            if let capacity = team.capacity, !changes.isEmpty {
                out.open("AvailabilityPeriods")
                // Runs of equal capacity; the first open at its start, the last at its end (NA).
                var runs: [(from: Int?, milliUnits: Int)] = [(nil, capacity * ResourceModel.milli)]
                for change in changes where change.milliUnits != runs[runs.count - 1].milliUnits {
                    runs.append((change.from, change.milliUnits))
                }
                for (position, run) in runs.enumerated() {
                    out.open("AvailabilityPeriod")
                    if let from = run.from { out.element("AvailableFrom", Day(ordinal: from).iso + "T00:00:00") }
                    if position + 1 < runs.count, let next = runs[position + 1].from {
                        out.element("AvailableTo", Day(ordinal: next - 1).iso + "T23:59:00")
                    }
                    out.element("AvailableUnits", ResourceModel.format(milliUnits: run.milliUnits))
                    out.close("AvailabilityPeriod")
                }
                out.close("AvailabilityPeriods")
            }
            out.close("Resource")
        }
        out.close("Resources")
    }

    /// Resource custom fields (MS Project's Text1 and Text2, titled by their alias) for what MSPDI
    /// has no element for: a team's `lead`, and the names of its absences (an availability
    /// period has no name, and a calendar exception would make the team's days non-working,
    /// where an absence only lowers its capacity).
    enum CustomField {
        case lead, absences

        var fieldID: String { self == .lead ? "205520904" : "205520905" }
        var fieldName: String { self == .lead ? "Text1" : "Text2" }
        var alias: String { self == .lead ? "Lead" : "Absences" }
    }

    /// The definitions of the custom fields some team uses, before the calendars (the schema's order).
    static func writeCustomFieldDefinitions(_ plan: Plan, into out: inout XMLOut) {
        var used: [CustomField] = []
        if plan.teams.contains(where: { $0.lead != nil }) { used.append(.lead) }
        if plan.teams.contains(where: { absenceNames($0) != nil }) { used.append(.absences) }
        guard !used.isEmpty else { return }
        out.open("ExtendedAttributes")
        for field in used {
            out.open("ExtendedAttribute")
            out.element("FieldID", field.fieldID)
            out.element("FieldName", field.fieldName)
            out.element("Alias", field.alias)
            out.close("ExtendedAttribute")
        }
        out.close("ExtendedAttributes")
    }

    static func writeCustomField(_ field: CustomField, _ value: String, into out: inout XMLOut) {
        out.open("ExtendedAttribute")
        out.element("FieldID", field.fieldID)
        out.element("Value", value)
        out.close("ExtendedAttribute")
    }

    /// `2027-02-08 to 2027-02-12: product training; …`, the named absences in plan order (nil
    /// when none has a name); `MSPDIImport` gives each name back to the absence with its dates.
    static func absenceNames(_ team: Team) -> String? {
        let named = team.absences.compactMap { absence in
            absence.name.map { "\(absence.from.iso) to \(absence.to.iso): \($0)" }
        }
        return named.isEmpty ? nil : named.joined(separator: "; ")
    }

    /// Every team a leaf task uses (`assign`, else its owner's), with its units per working day
    /// (from `units`, effort ÷ duration, or 1: the resource model's), its work (units × the task's
    /// duration in hours) and the task's dates. UIDs 1, 2, … in plan order.
    static func writeAssignments(_ facts: ScheduleFacts, times: [(start: String, finish: String)], into out: inout XMLOut) {
        let plan = facts.plan, resources = facts.network.resources
        var uid = 0
        out.open("Assignments")
        for index in plan.tasks.indices where !resources.teams(of: index).isEmpty {
            let task = plan.tasks[index], entry = facts.schedule[index]
            let (hours, elapsed) = durationHours(index, facts: facts)
            // Elapsed work is done on the working days it spans.
            let workingHours = elapsed
                ? resources.calendar(of: index).own.workingDays(from: entry.start, through: entry.finish) * minutesPerDay / 60
                : hours
            let percent = percentComplete(task, entry)
            for demand in ResourceLoad.demands(of: index, network: facts.network, schedule: facts.schedule) {
                uid += 1
                let workMinutes = (workingHours * 60 * demand.milliUnits + ResourceModel.milli / 2) / ResourceModel.milli
                let doneMinutes = workMinutes * percent / 100
                out.open("Assignment")
                out.element("UID", String(uid))
                out.element("TaskUID", String(index + 1))
                out.element("ResourceUID", String(demand.team + 1))
                out.element("PercentWorkComplete", String(percent))
                out.element("ActualWork", minutes(doneMinutes))
                out.element("Finish", times[index].finish)
                out.element("RemainingWork", minutes(workMinutes - doneMinutes))
                out.element("Start", times[index].start)
                out.element("Units", ResourceModel.format(milliUnits: demand.milliUnits))
                out.element("Work", minutes(workMinutes))
                out.close("Assignment")
            }
        }
        out.close("Assignments")
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

    static func minutes(_ minutes: Int) -> String { "PT\(minutes / 60)H\(minutes % 60)M0S" }
}

/// Indented XML built element by element; text goes through the one escaping layer (`Escape.markup`).
/// Bytes are appended to one buffer (a String built of small concatenations was half of an export).
struct XMLOut {
    var bytes: [UInt8] = []
    var depth = 0

    init() { bytes.reserveCapacity(1 << 16) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func indent() {
        for _ in 0..<depth { bytes.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
    }

    mutating func open(_ tag: String) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: tag.utf8)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
        depth += 1
    }

    mutating func close(_ tag: String) {
        depth -= 1
        indent()
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        bytes.append(contentsOf: tag.utf8)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
    }

    mutating func element(_ tag: String, _ value: String) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: tag.utf8)
        bytes.append(UInt8(ascii: ">"))
        if Self.needsNoEscaping(value) {
            bytes.append(contentsOf: value.utf8)
        } else {
            bytes.append(contentsOf: Escape.markup(value).utf8)
        }
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        bytes.append(contentsOf: tag.utf8)
        bytes.append(contentsOf: [UInt8(ascii: ">"), 0x0A])
    }

    /// Printable ASCII without markup characters or `::` (what `Escape.markup` returns unchanged:
    /// dates, numbers, most names), checked without making a new String.
    static func needsNoEscaping(_ value: String) -> Bool {
        var previous: UInt8 = 0
        for byte in value.utf8 {
            guard byte >= 0x20, byte < 0x7F, byte != 0x26, byte != 0x3C, byte != 0x3E, byte != 0x22, byte != 0x27,
                  !(byte == 0x3A && previous == 0x3A) else { return false }
            previous = byte
        }
        return true
    }
}
