import PlanKit

/// Gate verdicts for a pull request comment, a wiki page or the weekly report.
public enum GateMarkdownWriter {
    public static func write(_ results: [GateResult], plan: Plan, statusDate: Day?) -> String {
        var out = ""
        for result in results {
            let title = result.title.map { " — " + MarkdownText.inline($0) } ?? ""
            out += "### \(MarkdownText.inline(result.id))\(title): **\(result.verdict.spoken)**\n\n"
            if let date = result.date { out += "Gate date \(date). " }
            out += MarkdownText.inline(result.summary) + ".\n\n"
            out += "| | criterion | status | actual | target | reason |\n|---|---|---|---|---|---|\n"
            for criterion in GateTextWriter.ordered(result.criteria) {
                let mark: String
                switch criterion.status {
                case .pass: mark = "✅"
                case .fail: mark = "❌"
                case .missing: mark = "❓"
                case .waived: mark = "⚠️"
                }
                let name = MarkdownText.cell(criterion.title ?? criterion.id)
                out += "| \(mark) | \(name) | \(criterion.status.rawValue) | \(MarkdownText.cell(criterion.actual ?? "—")) | \(MarkdownText.cell(criterion.target ?? "—")) | \(MarkdownText.cell(criterion.reason)) |\n"
            }
            out += "\n"
        }
        if let statusDate { out += "_Status date \(statusDate)._\n" }
        return out
    }
}
