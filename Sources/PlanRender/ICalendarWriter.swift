import PlanKit

/// RFC 5545 iCalendar: milestones, gates and deadlines as all-day events, so the plan's key dates
/// show in any calendar. Lines end in CRLF and are folded at 75 octets; UIDs are stable (plan and
/// item ids); DTSTAMP comes from the plan, not the clock, so the output is reproducible.
public enum ICalendarWriter {
    public static func write(_ facts: ScheduleFacts) -> String {
        let plan = facts.plan, schedule = facts.schedule
        let planID = plan.id?.value ?? "plan"
        let stamp = basic(schedule.statusDate ?? plan.start?.value ?? schedule.start) + "T000000Z"
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//planc//planc schedule//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(plan.title ?? planID),
        ]
        func addEvent(uid: String, day: Day, summary: String, description: String?, categories: String) {
            // A date past 9999-12-31 cannot be written as an iCalendar DATE: left out, not misdated.
            guard day <= .lastWritable else { return }
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(uid)@\(planID).planc")
            lines.append("DTSTAMP:\(stamp)")
            lines.append("DTSTART;VALUE=DATE:\(basic(day))")
            // An all-day event without DTEND lasts the day (RFC 5545 3.6.1): so on 9999-12-31.
            if day < .lastWritable { lines.append("DTEND;VALUE=DATE:\(basic(day.adding(days: 1)))") }
            lines.append("SUMMARY:" + escape(summary))
            if let description { lines.append("DESCRIPTION:" + escape(description)) }
            lines.append("CATEGORIES:" + categories)
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        for (index, task) in plan.tasks.enumerated() {
            let entry = schedule[index]
            if task.isMilestone {
                let kind = task.kind == .gate ? "Gate" : "Milestone"
                var description = "\(kind) '\(task.id.value)' forecast for \(entry.finish)"
                if entry.critical { description += " (on the critical path)" }
                addEvent(uid: task.id.value, day: entry.finish, summary: "\(kind): \(facts.title(index))",
                      description: description, categories: kind.uppercased())
            }
            if let deadline = task.deadline?.value {
                addEvent(uid: task.id.value + ".deadline", day: deadline, summary: "Deadline: \(facts.title(index))",
                      description: "'\(task.id.value)' must finish by \(deadline); forecast \(entry.finish)",
                      categories: "DEADLINE")
            }
        }
        for timing in facts.events {
            let event = plan.events[timing.event]
            guard let date = event.date?.value else { continue }
            var description = "Marketing event"
            if !event.requires.isEmpty { description += "; requires " + event.requires.map(\.value).joined(separator: ", ") }
            if let earliest = timing.earliest { description += "; earliest \(earliest)" }
            addEvent(uid: "event." + event.id.value, day: date, summary: event.title ?? event.id.value,
                  description: description, categories: "EVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    static func basic(_ day: Day) -> String {
        day.writable.iso.replacingAll("-", with: "")
    }

    /// TEXT escaping (RFC 5545 3.3.11): see `Escape.icalendarText`.
    static func escape(_ text: String) -> String {
        Escape.icalendarText(text)
    }

    /// Folds a content line so no line exceeds 75 octets, never splitting a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        Escape.icalendarFold(line)
    }
}
