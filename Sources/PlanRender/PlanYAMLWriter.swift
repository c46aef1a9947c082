import Foundation
import PlanKit

/// An imported plan as planc YAML: tasks in block style so that what the source said and planc
/// cannot (`ImportedTask.comments`) sits as `#` lines at the task it belongs to. Every string
/// goes through `Escape.yamlScalar`.
public enum PlanYAMLWriter {
    public static func write(_ plan: ImportedPlan) -> String {
        var out = "# Imported by `planc import` from \(comment(plan.source)) (\(plan.format)).\n"
        out += "plan: \(Escape.yamlScalar(plan.id))\n"
        if let title = plan.title { out += "title: \(Escape.yamlScalar(title))\n" }
        out += "start: \(plan.start.iso)\n"
        if let asOf = plan.asOf { out += "as_of: \(asOf.iso)\n" }
        if plan.workdays != nil || !plan.holidays.isEmpty || !plan.calendarComments.isEmpty {
            out += "calendar:\n"
            for line in plan.calendarComments { out += "  # \(comment(line))\n" }
            if let workdays = plan.workdays {
                out += "  workdays: [" + workdays.map(\.shortName).joined(separator: ", ") + "]\n"
            }
            if !plan.holidays.isEmpty {
                out += "  holidays:\n"
                for holiday in plan.holidays {
                    switch (holiday.from == holiday.to, holiday.name) {
                    case (true, nil): out += "    - \(holiday.from.iso)\n"
                    case (true, let name?): out += "    - { date: \(holiday.from.iso), name: \(Escape.yamlScalar(name, flow: true)) }\n"
                    case (false, nil): out += "    - { from: \(holiday.from.iso), to: \(holiday.to.iso) }\n"
                    case (false, let name?):
                        out += "    - { from: \(holiday.from.iso), to: \(holiday.to.iso), name: \(Escape.yamlScalar(name, flow: true)) }\n"
                    }
                }
            }
        }
        if !plan.teams.isEmpty {
            out += "teams:\n"
            for team in plan.teams { write(team, into: &out) }
        }
        if !plan.tasks.isEmpty {
            out += "tasks:\n"
            for task in plan.tasks { write(task, indent: 2, into: &out) }
        }
        return out
    }

    /// `qa: { name: Quality assurance, capacity: 2 }`, what the source said that planc cannot as
    /// comments above it.
    static func write(_ team: ImportedTeam, into out: inout String) {
        for line in team.comments { out += "  # " + comment(line) + "\n" }
        var fields: [String] = []
        if let name = team.name { fields.append("name: " + Escape.yamlScalar(name, flow: true)) }
        if let capacity = team.capacity { fields.append("capacity: \(capacity)") }
        if team.external { fields.append("external: true") }
        if let lead = team.lead { fields.append("lead: " + Escape.yamlScalar(lead, flow: true)) }
        if let workdays = team.workdays { fields.append("workdays: [" + workdays.map(\.shortName).joined(separator: ", ") + "]") }
        if !team.holidays.isEmpty {
            fields.append("holidays: [" + team.holidays.map { holiday in
                switch (holiday.from == holiday.to, holiday.name) {
                case (true, nil): return holiday.from.iso
                case (true, let name?): return "{ date: \(holiday.from.iso), name: \(Escape.yamlScalar(name, flow: true)) }"
                case (false, nil): return "{ from: \(holiday.from.iso), to: \(holiday.to.iso) }"
                case (false, let name?): return "{ from: \(holiday.from.iso), to: \(holiday.to.iso), name: \(Escape.yamlScalar(name, flow: true)) }"
                }
            }.joined(separator: ", ") + "]")
        }
        if !team.absences.isEmpty {
            fields.append("absences: [" + team.absences.map { absence in
                "{ from: \(absence.from.iso), to: \(absence.to.iso)" + (absence.units.map { ", units: \($0)" } ?? "")
                    + (absence.name.map { ", name: " + Escape.yamlScalar($0, flow: true) } ?? "") + " }"
            }.joined(separator: ", ") + "]")
        }
        out += "  \(Escape.yamlScalar(team.id)): " + (fields.isEmpty ? "{}" : "{ " + fields.joined(separator: ", ") + " }") + "\n"
    }

    static func write(_ task: ImportedTask, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        let keyPad = pad + "  "
        out += pad + "- id: " + Escape.yamlScalar(task.id) + "\n"
        for line in task.comments { out += keyPad + "# " + comment(line) + "\n" }
        if let title = task.title { out += keyPad + "title: " + Escape.yamlScalar(title) + "\n" }
        if let owner = task.owner { out += keyPad + "owner: " + Escape.yamlScalar(owner) + "\n" }
        if task.milestone { out += keyPad + "milestone: true\n" }
        if let duration = task.duration { out += keyPad + "duration: \(duration.amount)\(duration.elapsed ? "ed" : "d")\n" }
        if let effort = task.effort { out += keyPad + "effort: \(effort)d\n" }
        if !task.assign.isEmpty {
            let entries = task.assign.map { use -> String in
                guard let units = use.units else { return Escape.yamlScalar(use.team, flow: true) }
                return "{ team: " + Escape.yamlScalar(use.team, flow: true) + ", units: " + ResourceModel.format(milliUnits: Int((units * 1000).rounded())) + " }"
            }
            out += keyPad + "assign: [" + entries.joined(separator: ", ") + "]\n"
        }
        if !task.after.isEmpty {
            let entries = task.after.map { link -> String in
                if link.type == .finishToStart, link.lagDays == 0 { return Escape.yamlScalar(link.task, flow: true) }
                var fields = ["task: " + Escape.yamlScalar(link.task, flow: true)]
                if link.type != .finishToStart { fields.append("type: " + link.type.rawValue) }
                if link.lagDays != 0 { fields.append("lag: \(link.lagDays)d") }
                return "{ " + fields.joined(separator: ", ") + " }"
            }
            out += keyPad + "after: [" + entries.joined(separator: ", ") + "]\n"
        }
        if let deadline = task.deadline { out += keyPad + "deadline: " + deadline.iso + "\n" }
        if let notBefore = task.notBefore { out += keyPad + "not_before: " + notBefore.iso + "\n" }
        if let status = task.status { out += keyPad + "status: " + status + "\n" }
        if let progress = task.progress { out += keyPad + "progress: \(progress)%\n" }
        if let actualStart = task.actualStart { out += keyPad + "actual_start: " + actualStart.iso + "\n" }
        if let actualFinish = task.actualFinish { out += keyPad + "actual_finish: " + actualFinish.iso + "\n" }
        if let priority = task.priority { out += keyPad + "priority: \(priority)\n" }
        if !task.tags.isEmpty { out += keyPad + "tags: [" + task.tags.map { Escape.yamlScalar($0, flow: true) }.joined(separator: ", ") + "]\n" }
        if let notes = task.notes { out += keyPad + "notes: " + Escape.yamlScalar(notes) + "\n" }
        if !task.tasks.isEmpty {
            out += keyPad + "tasks:\n"
            for child in task.tasks { write(child, indent: indent + 4, into: &out) }
        }
    }

    /// A comment stays on its line: line breaks and control characters become spaces.
    static func comment(_ text: String) -> String {
        var out = ""
        Escape.forEachScalar(text) { scalar in
            if Escape.isLineBreak(scalar) || Escape.isControl(scalar) || Escape.isBidiControl(scalar) {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
