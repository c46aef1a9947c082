import PlanKit

/// The report's "Trend" lines (`planc report --trend`): one per deadline task, from the plan's
/// git history — "launch slipped 3 times in 4 weeks, 6 working days in all". Each report format
/// asks for its own rendering here, so the report writers hold one line each.
public enum TrendReportWriter {
    public static func markdown(_ facts: ScheduleFacts) -> String {
        guard let lines = lines(facts) else { return "" }
        return "\n**Trend** (git history):\n\n" + lines.map { "- " + Escape.markdown($0) + "\n" }.joined()
    }

    public static func html(_ facts: ScheduleFacts) -> String {
        guard let lines = lines(facts) else { return "" }
        return "<p class=\"headline\">Trend (git history):</p>\n<ul class=\"trend\">\n" + lines.map { "<li>\(Escape.markup($0))</li>\n" }.joined() + "</ul>\n"
    }

    public static func plain(_ facts: ScheduleFacts?) -> String {
        guard let facts, let lines = lines(facts) else { return "" }
        return "Trend (git history):\n" + lines.map { "  * " + Escape.terminal($0) + "\n" }.joined()
    }

    /// Nil when the report was not asked for a trend; a line saying so when no task has a deadline.
    static func lines(_ facts: ScheduleFacts) -> [String]? {
        guard let summaries = facts.trend else { return nil }
        if summaries.isEmpty { return ["no task has a deadline to follow"] }
        return summaries.map(TrendTextWriter.summary)
    }
}
