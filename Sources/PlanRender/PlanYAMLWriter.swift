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
            for team in plan.teams { out += "  \(Escape.yamlScalar(team)): {}\n" }
        }
        if !plan.tasks.isEmpty {
            out += "tasks:\n"
            for task in plan.tasks { write(task, indent: 2, into: &out) }
        }
        return out
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

extension Escape {
    /// A YAML scalar that reads back as exactly `text`, as a string: plain when nothing in it
    /// could mean anything else to YAML, else double-quoted with escapes for `"`, `\`, line
    /// breaks, control and bidirectional-control characters. `flow`: inside `{ }` or `[ ]`,
    /// where `,` `[` `]` `{` `}` are special too.
    public static func yamlScalar(_ text: String, flow: Bool = false) -> String {
        if isPlainYAML(text, flow: flow) { return text }
        var out = "\""
        forEachScalar(text) { scalar in
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isControl(scalar) || isLineBreak(scalar) || isBidiControl(scalar) || scalar.value == 0xFEFF {
                    out += scalar.value <= 0xFF ? String(format: "\\x%02X", scalar.value) : String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func isPlainYAML(_ text: String, flow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        // Must start with a letter (no indicator, digit, quote or sign) and not end in a space.
        guard first.properties.isAlphabetic, last != " " else { return false }
        let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"]
        if reserved.contains(text.lowercased()) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        for scalar in text.unicodeScalars {
            if isControl(scalar) || isLineBreak(scalar) || isBidiControl(scalar) || scalar == "\t" || scalar.value == 0xFEFF { return false }
            if scalar.isASCII {
                let plain = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || " _.-()/'&+:#?;=%@!$*<>^~|".unicodeScalars.contains(scalar) || (!flow && ",[]{}".unicodeScalars.contains(scalar))
                if !plain { return false }
            }
        }
        return true
    }
}
