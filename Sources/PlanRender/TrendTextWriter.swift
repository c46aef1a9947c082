import PlanKit

/// `planc trend` as a text table: one row per commit (oldest first) with its status date and each
/// milestone's, gate's and deadline task's forecast, the deadlines, then the slips with the commit
/// and the change that drove each. The phrasing here is shared by the other trend writers.
public enum TrendTextWriter {
    public static func write(_ trend: Trend) -> String {
        var out = headline(trend, escape: { Escape.terminal($0) }) + "\n"
        for note in notes(trend) { out += note + "\n" }
        guard !trend.revisions.isEmpty else { return out }
        out += "\n"
        let ids = trend.series.map { Escape.terminal($0.id) }
        var header = ["commit", "author date", "status date"] + ids
        var rows: [[String]] = []
        for (index, revision) in trend.revisions.enumerated() {
            var row = [Escape.terminal(revision.shortCommit), revision.authorDay, revision.statusDate.iso]
            if let failure = revision.failure {
                row.append("not scheduled: " + Escape.terminal(failure))
            } else {
                row += trend.series.map { cell($0, at: index, in: trend) }
            }
            rows.append(row)
        }
        rows.append(["deadline", "", ""] + trend.series.map { $0.deadline?.iso ?? "-" })
        header = header.map { $0 }
        let columns = header.count
        var widths = header.map(\.count)
        for row in rows where row.count == columns {
            for (column, text) in row.enumerated() { widths[column] = max(widths[column], text.count) }
        }
        func line(_ row: [String]) -> String {
            var text = ""
            for (column, cell) in row.enumerated() {
                let last = column == row.count - 1
                text += last ? cell : cell + String(repeating: " ", count: max(0, widths[column] - cell.count)) + "  "
            }
            return text + "\n"
        }
        out += line(header)
        for row in rows { out += line(row) }
        if !trend.slips.isEmpty {
            out += "\nSlips\n"
            for slip in trend.slips {
                out += "  " + slipLine(slip, in: trend, escape: { Escape.terminal($0) }) + "\n"
                for cause in slip.causes.prefix(3) {
                    out += "    " + phrase(cause, escape: { Escape.terminal($0) }) + "\n"
                }
                if slip.causes.count > 3 { out += "    … \(slip.causes.count - 3) more changes on its chain\n" }
                if slip.causes.isEmpty { out += "    no change on its driving chain found\n" }
            }
        }
        return out
    }

    /// A forecast cell: the date, `*` after it when it misses that revision's deadline, `-` absent.
    static func cell(_ series: Trend.Series, at index: Int, in trend: Trend) -> String {
        guard let day = series.forecasts[index] else { return "-" }
        if let deadline = series.deadlines[index], day > deadline { return day.iso + "*" }
        return day.iso
    }

    // MARK: - Shared phrasing

    /// "Trend of perp-v2 (plans/perp-v2-launch.yaml): 4 commits, 2 slips".
    public static func headline(_ trend: Trend, escape: (String) -> String) -> String {
        let name = trend.plan.map { "\(escape($0)) (\(escape(trend.path)))" } ?? escape(trend.path)
        let count = trend.revisions.count
        var text = "Trend of \(name): \(count) commit\(count == 1 ? "" : "s")"
        let failed = trend.revisions.filter { !$0.scheduled }.count
        if failed > 0 { text += ", \(failed) not scheduled" }
        text += ", \(trend.slips.count) slip\(trend.slips.count == 1 ? "" : "s")"
        return text
    }

    /// What the reader should know about the walk itself.
    public static func notes(_ trend: Trend) -> [String] {
        var notes: [String] = []
        if trend.revisions.isEmpty { notes.append("No commit has the plan yet.") }
        if trend.truncated { notes.append("Older commits were left out (--max-commits).") }
        if trend.shallow { notes.append("Shallow clone: the history starts at its oldest commit (`git fetch --unshallow` for all of it).") }
        if trend.unchangedCommits > 0 {
            notes.append("\(trend.unchangedCommits) commit\(trend.unchangedCommits == 1 ? "" : "s") changed other files in the plan's folder only, not shown.")
        }
        if trend.revisions.contains(where: { !$0.statusFromPlan }) {
            notes.append("Status date: the plan's as_of, else the commit date (UTC).")
        }
        return notes
    }

    /// "launch 2027-03-08 → 2027-03-16, +6 working days, in 85a9037 2026-11-22 “subject”".
    public static func slipLine(_ slip: Trend.Slip, in trend: Trend, escape: (String) -> String) -> String {
        let revision = trend.revisions[slip.revision]
        return "\(escape(slip.id)) \(slip.from.iso) → \(slip.to.iso), +\(slip.workingDays) working day\(slip.workingDays == 1 ? "" : "s"), "
            + "in \(escape(revision.shortCommit)) \(revision.authorDay) “\(escape(revision.subject))”"
    }

    /// "full-rollout: duration 1d → 7d".
    public static func phrase(_ cause: Trend.Cause, escape: (String) -> String) -> String {
        switch cause.kind {
        case .changed:
            let field = escape(cause.field ?? "")
            return "\(escape(cause.task ?? "")): \(field) \(escape(cause.base ?? "(not set)")) → \(escape(cause.head ?? "(not set)"))"
        case .added:
            return "\(escape(cause.task ?? "")): new on its chain"
        case .statusDate:
            return "status date \(cause.base ?? "") → \(cause.head ?? ""): unfinished work moved with it"
        }
    }

    /// "launch slipped 3 times in 4 weeks, 6 working days in all" (or "has not slipped in 4 weeks").
    public static func summary(_ summary: Trend.Summary) -> String {
        let span = "\(summary.weeks) week\(summary.weeks == 1 ? "" : "s")"
        guard summary.slips > 0 else { return "\(summary.id) has not slipped in \(span)" }
        let times = summary.slips == 1 ? "once" : (summary.slips == 2 ? "twice" : "\(summary.slips) times")
        return "\(summary.id) slipped \(times) in \(span), \(summary.workingDays) working day\(summary.workingDays == 1 ? "" : "s") in all"
    }
}
