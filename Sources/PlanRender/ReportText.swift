import PlanKit

/// Phrases the report and diff writers share, whatever their markup.
enum ReportText {
    /// "score 12", or "unscored" for a risk without likelihood and impact.
    static func score(_ score: Int?) -> String {
        score.map { "score \($0)" } ?? "unscored"
    }

    /// What a gate's line says after its title: "NO-GO: 3 of 9 criteria do not pass",
    /// "not yet due: 4 of 6 criteria still open", "GO (done): all 6 criteria pass".
    static func gateSummary(_ gate: StatusReport.GateLine) -> String {
        "\(gate.standing.spoken)\(gate.done ? " (done)" : ""): \(gateCount(gate))"
    }

    /// "3 of 9 criteria do not pass", "4 of 6 criteria still open", "all 9 criteria pass".
    static func gateCount(_ gate: StatusReport.GateLine) -> String {
        let open = gate.open.count, all = gate.criteriaCount
        if all == 0 { return "no criteria" }
        if open == 0 { return all == 1 ? "its criterion passes" : "all \(all) criteria pass" }
        let of = "\(open) of \(all) criteri\(all == 1 ? "on" : "a")"
        if gate.standing == .notYetDue { return "\(of) still open" }
        return "\(of) \(open == 1 ? "does" : "do") not pass"
    }

    /// "FAIL", "MISSING", "WAIVED": how a criterion that does not pass is marked.
    static func status(_ criterion: CriterionResult) -> String { criterion.status.rawValue }

    /// "Error rate during grayscale soak: stability.error_rate_pct is 0.34, needs ≤ 0.1".
    static func criterion(_ criterion: CriterionResult) -> String {
        (criterion.title.map { "\($0): " } ?? "") + criterion.reason
    }

    /// The gate's date phrase: "2027-03-08, deadline 2027-03-12".
    static func gateDate(_ gate: StatusReport.GateLine) -> String {
        gate.deadline.map { "\(gate.date), deadline \($0)" } ?? gate.date.iso
    }
}
