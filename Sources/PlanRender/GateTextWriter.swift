import PlanKit

/// What a release manager pastes into the Go/No-Go meeting: the verdict first, then the criteria
/// that stop the release, then the waived ones, then what passed.
public enum GateTextWriter {
    public static func write(_ results: [GateResult], plan: Plan, statusDate: Day?) -> String {
        var out = ""
        for (number, result) in results.enumerated() {
            if number > 0 { out += "\n" }
            let plain = { Escape.terminal($0) }
            let title = result.title.map { " — \(plain($0))" } ?? ""
            let date = result.date.map { " (\($0))" } ?? ""
            out += "\(result.verdict.spoken): \(plain(result.id))\(title)\(date)\n"
            out += "  \(plain(result.summary))\n"
            let width = result.criteria.map(\.id.count).max() ?? 0
            for criterion in ordered(result.criteria) {
                let mark: String
                switch criterion.status {
                case .pass: mark = "✓ PASS   "
                case .fail: mark = "✗ FAIL   "
                case .missing: mark = "? MISSING"
                case .waived: mark = "~ WAIVED "
                }
                let label = criterion.title.map { "\(plain($0)): " } ?? ""
                out += "  \(mark) \(plain(criterion.id).padding(width))  \(label)\(plain(criterion.reason))\n"
            }
        }
        var footer = "plan \(Escape.terminal(plan.id?.value ?? plan.file))"
        if let statusDate { footer += ", status date \(statusDate)" }
        return out + "\n" + footer + "\n"
    }

    /// Failing and missing first, then waived, then passing; in plan order within each.
    public static func ordered(_ criteria: [CriterionResult]) -> [CriterionResult] {
        let rank: [CriterionStatus: Int] = [.fail: 0, .missing: 0, .waived: 1, .pass: 2]
        return criteria.enumerated().sorted { (rank[$0.element.status]!, $0.offset) < (rank[$1.element.status]!, $1.offset) }.map(\.element)
    }
}
