import PlanKit

/// The schedule as aligned text columns (terminal) or a Markdown table; critical work is marked.
public enum ScheduleTableWriter {
    static let headers = ["", "id", "title", "owner", "start", "finish", "days", "float"]

    /// Rows of cells, plan text already put through `escape` (the indent is ours).
    static func rows(_ facts: ScheduleFacts, indent: String, escape: (String) -> String) -> [[String]] {
        let plan = facts.plan, schedule = facts.schedule
        return plan.tasks.indices.map { index in
            let task = plan.tasks[index], entry = schedule[index]
            let mark = entry.critical ? "*" : (entry.progress == .done ? "✓" : "")
            let kind = task.kind == .gate ? "◆ " : (task.kind == .milestone ? "◇ " : "")
            return [escape(mark),
                    String(repeating: indent, count: facts.depth(index)) + escape(kind + task.id.value),
                    escape(task.title ?? ""),
                    escape(facts.owner(index) ?? ""),
                    entry.start.iso,
                    entry.finish.iso,
                    task.isMilestone ? "-" : String(entry.duration),
                    String(entry.totalFloat)]
        }
    }

    public static func text(_ facts: ScheduleFacts) -> String {
        let rows = [headers] + rows(facts, indent: "  ", escape: { Escape.terminal($0) })
        var widths = [Int](repeating: 0, count: headers.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let numeric: Set<Int> = [6, 7]
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
        return out + "\n" + facts.summaryLine + "\n"
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
        var out = "| | id | title | owner | start | finish | days | float |\n|---|---|---|---|---|---|--:|--:|\n"
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
        out += "\n" + MarkdownText.inline(facts.summaryLine) + "\n"
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
