import PlanKit

/// The schedule as aligned text columns (terminal) or a Markdown table; critical work is marked.
/// A levelled plan gains a `delay` column (when levelling moved anything) and a levelling section:
/// why each moved task moved, the resource-driven path and the finish beside its lower bound.
public enum ScheduleTableWriter {
    static let baseHeaders = ["", "id", "title", "owner", "start", "finish", "days", "float"]

    static func headers(_ facts: ScheduleFacts) -> [String] {
        facts.resources.moves.isEmpty ? baseHeaders : baseHeaders + ["delay"]
    }

    /// Rows of cells, plan text already put through `escape` (the indent is ours).
    static func rows(_ facts: ScheduleFacts, indent: String, escape: (String) -> String) -> [[String]] {
        let plan = facts.plan, schedule = facts.schedule
        let delays = !facts.resources.moves.isEmpty
        return plan.tasks.indices.map { index in
            let task = plan.tasks[index], entry = schedule[index]
            let mark = entry.critical ? "*" : (entry.progress == .done ? "✓" : "")
            let kind = task.kind == .gate ? "◆ " : (task.kind == .milestone ? "◇ " : "")
            let row = [escape(mark),
                       String(repeating: indent, count: facts.depth(index)) + escape(kind + task.id.value),
                       escape(task.title ?? ""),
                       escape(facts.owner(index) ?? ""),
                       entry.start.iso,
                       entry.finish.iso,
                       task.isMilestone ? "-" : String(entry.duration),
                       String(entry.totalFloat)]
            return delays ? row + [LevellingText.delayCell(facts.resources.delay(index))] : row
        }
    }

    public static func text(_ facts: ScheduleFacts) -> String {
        let headers = headers(facts)
        let rows = [headers] + rows(facts, indent: "  ", escape: { Escape.terminal($0) })
        var widths = [Int](repeating: 0, count: headers.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let numeric: Set<Int> = [6, 7, 8]
        var out = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                line += numeric.contains(column) ? pad + cell : cell + pad
                if column < row.count - 1 { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        out += "\n* critical  ✓ done  ◆ gate  ◇ milestone\n"
        if !facts.events.isEmpty {
            out += "\nevents\n"
            let rows = facts.events.map { eventRow($0, facts) }
            let width = rows.map(\.0.count).max() ?? 0
            for (id, rest) in rows { out += "  " + id.padding(width) + "  " + rest + "\n" }
        }
        out += levellingText(facts)
        out += "\n" + facts.summaryLine + "\n"
        if let whatIf = facts.capacityWhatIf { out += "what if: \(whatIf.sentence(escape: { Escape.terminal($0) }))\n" }
        return out
    }

    /// The levelling section and the teams over capacity, as terminal text ("" when there is neither).
    static func levellingText(_ facts: ScheduleFacts) -> String {
        let escape: (String) -> String = { Escape.terminal($0) }
        var out = ""
        let resources = facts.resources
        if resources.isLevelled {
            out += "\nlevelling: \(LevellingText.finish(facts))\n"
            if !resources.resourcePath.isEmpty { out += "  resource-driven path: \(LevellingText.path(facts, escape: escape))\n" }
            let ids = resources.moves.map { escape(facts.plan.tasks[$0.task].id.value) }
            let width = ids.map(\.count).max() ?? 0
            for (move, id) in zip(resources.moves, ids) {
                out += "  \(id.padding(width))  \(LevellingText.delayCell(move.delay))  \(LevellingText.reason(move, plan: facts.plan, escape: escape))\n"
            }
            if resources.moves.isEmpty { out += "  no task had to wait for a team\n" }
        }
        let over = overloadLines(facts, escape: escape)
        if !over.isEmpty {
            out += "\nover capacity\n"
            for line in over { out += "  \(line)\n" }
        }
        return out
    }

    static func overloadLines(_ facts: ScheduleFacts, escape: (String) -> String) -> [String] {
        var lines: [String] = []
        for team in facts.resources.load?.teams ?? [] {
            for overload in team.overloads {
                lines.append(LevellingText.overload(overload, team: team.id, plan: facts.plan, escape: escape))
            }
        }
        return lines
    }

    /// The levelling section and the teams over capacity, as Markdown ("" when there is neither).
    static func levellingMarkdown(_ facts: ScheduleFacts) -> String {
        let escape: (String) -> String = { Escape.markdown($0) }
        let resources = facts.resources
        var out = ""
        if resources.isLevelled {
            out += "\n**Levelling:** \(LevellingText.finish(facts)).\n"
            if !resources.resourcePath.isEmpty { out += "\nResource-driven path: \(LevellingText.path(facts, escape: escape))\n" }
            if resources.moves.isEmpty {
                out += "\nNo task had to wait for a team.\n"
            } else {
                out += "\n| task | delay | why |\n|---|--:|---|\n"
                for move in resources.moves {
                    out += "| \(Escape.markdownCell(facts.plan.tasks[move.task].id.value)) | \(LevellingText.delayCell(move.delay)) | \(LevellingText.reason(move, plan: facts.plan, escape: Escape.markdownCell)) |\n"
                }
            }
        }
        let over = overloadLines(facts, escape: escape)
        if !over.isEmpty {
            out += "\n**Over capacity:**\n\n"
            for line in over { out += "- \(line)\n" }
        }
        return out
    }

    static func eventRow(_ timing: EventTiming, _ facts: ScheduleFacts) -> (String, String) {
        let event = facts.plan.events[timing.event]
        var rest = event.date?.value.iso ?? "no date"
        if let earliest = timing.earliest, let margin = timing.margin {
            rest += margin < 0 ? "  AHEAD by \(-margin) working day\(margin == -1 ? "" : "s") (earliest \(earliest))" : "  margin \(margin) (earliest \(earliest))"
        }
        if let title = event.title { rest += "  " + Escape.terminal(title) }
        return (Escape.terminal(event.id.value), rest)
    }

    public static func markdown(_ facts: ScheduleFacts) -> String {
        var out = facts.resources.moves.isEmpty
            ? "| | id | title | owner | start | finish | days | float |\n|---|---|---|---|---|---|--:|--:|\n"
            : "| | id | title | owner | start | finish | days | float | delay |\n|---|---|---|---|---|---|--:|--:|--:|\n"
        for row in rows(facts, indent: "&nbsp;&nbsp;", escape: Escape.markdownCell) {
            out += "| " + row.joined(separator: " | ") + " |\n"
        }
        if !facts.events.isEmpty {
            out += "\n| event | date | requires | earliest | margin (working days) |\n|---|---|---|---|--:|\n"
            for timing in facts.events {
                let event = facts.plan.events[timing.event]
                out += "| \(MarkdownText.cell(event.title ?? event.id.value)) | \(event.date?.value.iso ?? "—") | \(MarkdownText.cell(event.requires.map(\.value).joined(separator: ", "))) | \(timing.earliest?.iso ?? "—") | \(timing.margin.map { $0 < 0 ? "**\($0)**" : String($0) } ?? "—") |\n"
            }
        }
        out += levellingMarkdown(facts)
        out += "\n" + MarkdownText.inline(facts.summaryLine) + "\n"
        if let whatIf = facts.capacityWhatIf { out += "\n**What if:** \(whatIf.sentence(escape: MarkdownText.inline))\n" }
        return out
    }
}

/// Escaping for user text placed in Markdown, so a title cannot break a table, inject markup or
/// mention anyone (see `Escape.markdown`).
public enum MarkdownText {
    /// A table cell: `|` escaped, line breaks folded, markup characters escaped.
    public static func cell(_ text: String) -> String {
        Escape.markdownCell(text)
    }

    public static func inline(_ text: String) -> String {
        Escape.markdown(text)
    }
}
