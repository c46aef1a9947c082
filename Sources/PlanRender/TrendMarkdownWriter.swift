import PlanKit

/// `planc trend --format markdown`: the table (commits down, milestones across), a Mermaid
/// `xychart-beta` with one line per milestone (forecast as days after the earliest date shown,
/// against each scheduled commit's status date), and the slips with their causes. Plan text and
/// commit subjects are escaped for Markdown tables and text; the chart holds only dates and numbers.
public enum TrendMarkdownWriter {
    /// The chart's line colours, in series order, and the square that names each in the key.
    static let palette: [(color: String, key: String)] = [
        ("#1f6feb", "🟦"), ("#e36209", "🟧"), ("#2da44e", "🟩"), ("#cf222e", "🟥"),
        ("#8250df", "🟪"), ("#8b4513", "🟫"), ("#d4a72c", "🟨"), ("#24292f", "⬛"),
    ]

    public static func write(_ trend: Trend) -> String {
        let cell = { (text: String) in Escape.markdownCell(text) }
        var out = "## " + TrendTextWriter.headline(trend, escape: { Escape.markdown($0) }) + "\n\n"
        for note in TrendTextWriter.notes(trend) { out += Escape.markdown(note) + "\n\n" }
        guard !trend.revisions.isEmpty else { return out }
        if let chart = chart(trend) { out += chart + "\n" }
        out += "| commit | author date | status date | " + trend.series.map { "`" + cell($0.id) + "`" }.joined(separator: " | ") + " |\n"
        out += "|---|---|---|" + String(repeating: "---|", count: trend.series.count) + "\n"
        for (index, revision) in trend.revisions.enumerated() {
            out += "| \(cell(revision.shortCommit)) | \(revision.authorDay) | \(revision.statusDate.iso) | "
            if let failure = revision.failure {
                out += "not scheduled: " + cell(failure) + " |" + String(repeating: " |", count: max(0, trend.series.count - 1)) + "\n"
            } else {
                out += trend.series.map { series in
                    let text = TrendTextWriter.cell(series, at: index, in: trend)
                    let slipped = trend.slips.contains { $0.revision == index && $0.id == series.id }
                    return slipped ? "**\(text.replacingOccurrences(of: "*", with: "\\*"))**" : text.replacingOccurrences(of: "*", with: "\\*")
                }.joined(separator: " | ") + " |\n"
            }
        }
        out += "| deadline | | | " + trend.series.map { $0.deadline?.iso ?? "—" }.joined(separator: " | ") + " |\n"
        out += "\n\\* after its deadline at that commit; **bold**: slipped in that commit.\n"
        if !trend.slips.isEmpty {
            out += "\n### Slips\n\n"
            for slip in trend.slips {
                out += "- " + TrendTextWriter.slipLine(slip, in: trend, escape: { Escape.markdown($0) }) + "\n"
                for cause in slip.causes.prefix(5) {
                    out += "  - " + TrendTextWriter.phrase(cause, escape: { Escape.markdown($0) }) + "\n"
                }
                if slip.causes.count > 5 { out += "  - … \(slip.causes.count - 5) more changes on its chain\n" }
                if slip.causes.isEmpty { out += "  - no change on its driving chain found\n" }
            }
        }
        return out
    }

    /// The Mermaid block, or nil when fewer than two commits were scheduled or nothing is tracked.
    static func chart(_ trend: Trend) -> String? {
        let columns = trend.revisions.indices.filter { trend.revisions[$0].scheduled }
        let shown = Array(trend.series.prefix(palette.count))
        guard columns.count >= 2, !shown.isEmpty else { return nil }
        let days = shown.flatMap { series in columns.compactMap { series.forecasts[$0] } }
        guard let low = days.min(), let high = days.max() else { return nil }
        var out = "```mermaid\n---\nconfig:\n  themeVariables:\n    xyChart:\n      plotColorPalette: \""
        out += shown.indices.map { palette[$0].color }.joined(separator: ", ") + "\"\n---\n"
        out += "xychart-beta\n    title \"Milestone trend\"\n"
        out += "    x-axis \"status date\" [" + columns.map { "\"\(trend.revisions[$0].statusDate.iso)\"" }.joined(separator: ", ") + "]\n"
        out += "    y-axis \"forecast, days after \(low.iso)\" 0 --> \(max(1, high.ordinal - low.ordinal))\n"
        for series in shown {
            // A milestone not yet in the plan at a commit is drawn at its first forecast there.
            let first = columns.lazy.compactMap { series.forecasts[$0] }.first ?? low
            var last = first
            let values = columns.map { column -> String in
                if let day = series.forecasts[column] { last = day }
                return String(last.ordinal - low.ordinal)
            }
            out += "    line [" + values.joined(separator: ", ") + "]\n"
        }
        out += "```\n\n"
        out += shown.enumerated().map { index, series in "\(palette[index].key) `\(Escape.markdownCell(series.id))`" }.joined(separator: " · ")
        if trend.series.count > shown.count { out += " · \(trend.series.count - shown.count) more in the table" }
        out += "\n"
        return out
    }
}
