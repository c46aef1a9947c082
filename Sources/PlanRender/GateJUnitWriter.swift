import PlanKit

/// JUnit XML, so CI systems show a Go/No-Go like a test run: one test suite per gate, one test
/// case per criterion; FAIL and MISSING are failures carrying the reason, WAIVED is skipped.
public enum GateJUnitWriter {
    public static func write(_ results: [GateResult], plan: Plan, statusDate: Day?) -> String {
        let failures = results.reduce(0) { $0 + $1.criteria.filter { $0.status == .fail || $0.status == .missing }.count }
        let tests = results.reduce(0) { $0 + $1.criteria.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(escape("planc gates: " + (plan.id?.value ?? plan.file)))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\">\n"
        for result in results {
            let failed = result.criteria.filter { $0.status == .fail || $0.status == .missing }.count
            let skipped = result.criteria.filter { $0.status == .waived }.count
            let name = result.id + (result.title.map { ": " + $0 } ?? "")
            out += "  <testsuite name=\"\(escape(name))\" tests=\"\(result.criteria.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            out += "    <properties>\n"
            out += "      <property name=\"verdict\" value=\"\(result.verdict.rawValue)\"/>\n"
            if let date = result.date { out += "      <property name=\"date\" value=\"\(date)\"/>\n" }
            if let statusDate { out += "      <property name=\"as_of\" value=\"\(statusDate)\"/>\n" }
            out += "    </properties>\n"
            for criterion in result.criteria {
                let caseName = criterion.id + (criterion.title.map { ": " + $0 } ?? "")
                let open = "    <testcase classname=\"\(escape("planc.gate." + result.id))\" name=\"\(escape(caseName))\""
                switch criterion.status {
                case .pass:
                    out += open + "/>\n"
                case .fail, .missing:
                    out += open + ">\n"
                    out += "      <failure type=\"\(criterion.status.rawValue)\" message=\"\(escape(criterion.reason))\">\(escape(detail(criterion)))</failure>\n"
                    out += "    </testcase>\n"
                case .waived:
                    out += open + ">\n      <skipped message=\"\(escape(criterion.reason))\"/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func detail(_ criterion: CriterionResult) -> String {
        "\(criterion.status.rawValue): \(criterion.reason)\nactual: \(criterion.actual ?? "none")\ntarget: \(criterion.target ?? "-")"
    }

    /// XML text and attribute escaping: the HTML escaper, with line breaks kept as `&#10;` so
    /// a failure message attribute keeps them.
    public static func escape(_ text: String) -> String {
        Escape.markup(text, newline: "&#10;")
    }
}
