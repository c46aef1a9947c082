/// Phrases the report and diff writers share, whatever their markup.
enum ReportText {
    /// "score 12", or "unscored" for a risk without likelihood and impact.
    static func score(_ score: Int?) -> String {
        score.map { "score \($0)" } ?? "unscored"
    }
}
