import PlanKit

/// The schedule as aligned text columns (terminal) or a Markdown table; critical work is marked.
public enum ScheduleTableWriter {
    static let headers = ["", "id", "title", "owner", "start", "finish", "days", "float"]

    static func rows(_ facts: ScheduleFacts, indent: String) -> [[String]] {
        let plan = facts.plan, schedule = facts.schedule
        return plan.tasks.indices.map { index in
            let task = plan.tasks[index], entry = schedule[index]
            let mark = entry.critical ? "*" : (entry.progress == .done ? "✓" : "")
            let kind = task.kind == .gate ? "◆ " : (task.kind == .milestone ? "◇ " : "")
            return [mark,
                    String(repeating: indent, count: facts.depth(index)) + kind + task.id.value,
                    task.title ?? "",
                    facts.owner(index) ?? "",
                    entry.start.iso,
                    entry.finish.iso,
                    task.isMilestone ? "-" : String(entry.duration),
                    String(entry.totalFloat)]
        }
    }

    public static func text(_ facts: ScheduleFacts) -> String {
        let rows = [headers] + rows(facts, indent: "  ")
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
        out += "\n* critical  ✓ done  ◆ gate  ◇ milestone\n" + facts.summaryLine + "\n"
        return out
    }

    public static func markdown(_ facts: ScheduleFacts) -> String {
        var out = "| | id | title | owner | start | finish | days | float |\n|---|---|---|---|---|---|--:|--:|\n"
        for row in rows(facts, indent: "&nbsp;&nbsp;") {
            out += "| " + row.map(MarkdownText.cell).joined(separator: " | ") + " |\n"
        }
        out += "\n" + MarkdownText.inline(facts.summaryLine) + "\n"
        return out
    }
}

/// Escaping for user text placed in Markdown, so a title cannot break a table or inject markup.
public enum MarkdownText {
    /// A table cell: `|` escaped, line breaks folded, markup characters escaped.
    public static func cell(_ text: String) -> String {
        inline(text).replacingAll("|", with: "\\|")
    }

    public static func inline(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n", "\r": out += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        // `&nbsp;` used for indentation is ours; any other `&` from plan text is escaped.
        return out.replacingOccurrencesOfAmpersands()
    }
}

extension String {
    func replacingOccurrencesOfAmpersands() -> String {
        var out = ""
        var rest = Substring(self)
        while let index = rest.firstIndex(of: "&") {
            out += rest[..<index]
            if rest[index...].hasPrefix("&nbsp;") {
                out += "&nbsp;"
                rest = rest[rest.index(index, offsetBy: 6)...]
            } else {
                out += "&amp;"
                rest = rest[rest.index(after: index)...]
            }
        }
        return out + rest
    }
}
