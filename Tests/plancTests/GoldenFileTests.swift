import Foundation
import Testing

/// Every output format of the example plan, compared byte for byte with Tests/Golden/. A changed
/// output fails the test; re-record on purpose with `PLANC_RECORD_GOLDEN=1 swift test` and review
/// the diff in git.
@Suite struct GoldenFileTests {
    static let golden = Planc.repository.appendingPathComponent("Tests/Golden")
    static let plan = "plans/perp-v2-launch.yaml"
    static let passing = "plans/metrics/perp-v2-2027-03-08.yaml"
    static let weekEarlier = "plans/metrics/perp-v2-2027-03-01.json"

    static let cases: [(name: String, arguments: [String])] = [
        ("schedule.txt", ["schedule", "--format", "table", plan]),
        ("schedule.md", ["schedule", "--format", "markdown", plan]),
        ("schedule.json", ["schedule", "--format", "json", plan]),
        ("schedule.csv", ["schedule", "--format", "csv", plan]),
        ("schedule.ics", ["schedule", "--format", "ics", plan]),
        ("schedule.mmd", ["schedule", "--format", "mermaid", plan]),
        ("schedule.xml", ["schedule", "--format", "mspdi", plan]),
        ("schedule-assume-regulatory-notice.txt", ["schedule", "--assume-risk", "regulatory-notice", plan]),
        ("gate-go.txt", ["gate", plan, "go-live", "--metrics", passing]),
        ("gate-no-go.txt", ["gate", plan, "--metrics", weekEarlier]),
        ("gate-no-go.md", ["gate", plan, "--format", "markdown", "--metrics", weekEarlier]),
        ("gate-no-go.json", ["gate", plan, "--format", "json", "--metrics", weekEarlier]),
        ("gate-no-go.xml", ["gate", plan, "--format", "junit", "--metrics", weekEarlier]),
        ("report.md", ["report", plan, "--metrics", passing]),
        ("report.html", ["report", plan, "--format", "html", "--metrics", passing]),
        ("report.eml", ["report", plan, "--format", "email", "--from", "Perp V2 PMO <pmo@exchange.example>",
                        "--to", "leadership@exchange.example", "--metrics", passing, "--date", "2027-03-07T08:00:00Z"]),
        // The eve of go-live a week earlier: the gate fails on three criteria, so the report is RED.
        ("report-red.md", ["report", plan, "--metrics", weekEarlier]),
        ("report-red.html", ["report", plan, "--format", "html", "--metrics", weekEarlier]),
        ("report-red.eml", ["report", plan, "--format", "email", "--from", "Perp V2 PMO <pmo@exchange.example>",
                            "--to", "leadership@exchange.example", "--metrics", weekEarlier, "--date", "2027-03-07T08:00:00Z"]),
        // No metrics exported yet: the gate due tomorrow has criteria without a value, so AMBER.
        ("report-amber.md", ["report", plan]),
        ("schedule-milestones.txt", ["schedule", "Tests/Golden/milestones.yaml"]),
        ("schedule-milestones.json", ["schedule", "--format", "json", "Tests/Golden/milestones.yaml"]),
        ("schedule-milestones.xml", ["schedule", "--format", "mspdi", "Tests/Golden/milestones.yaml"]),
        // qa over capacity, levelled end to end: the delay column and why each task moved.
        ("schedule-levelling.txt", ["schedule", "Tests/Golden/levelling.yaml"]),
        ("schedule-team-calendars.txt", ["schedule", "Tests/Golden/team-calendars.yaml"]),
        ("schedule-team-calendars.json", ["schedule", "--format", "json", "Tests/Golden/team-calendars.yaml"]),
        // Estimates and a risk with a probability: the report's Schedule confidence section, AMBER on
        // a deadline met in under 80% of the forecast, and a gate's confidence criterion.
        ("report-confidence.md", ["report", "Tests/Golden/confidence.yaml"]),
        ("report-confidence.html", ["report", "--format", "html", "Tests/Golden/confidence.yaml"]),
        ("report-confidence.eml", ["report", "--format", "email", "--from", "PMO <pmo@example.com>", "--to", "lead@example.com",
                                   "--date", "2027-02-01T08:00:00Z", "Tests/Golden/confidence.yaml"]),
        ("gate-confidence.json", ["gate", "--format", "json", "Tests/Golden/confidence.yaml"]),
        ("gate-confidence.xml", ["gate", "--format", "junit", "Tests/Golden/confidence.yaml"]),
        ("check-broken.txt", ["check", "Tests/Golden/broken-plan.yaml"]),
        ("check-broken.json", ["check", "--format", "json", "Tests/Golden/broken-plan.yaml"]),
        ("check-broken.github", ["check", "--format", "github", "Tests/Golden/broken-plan.yaml"]),
        ("check-broken.sarif", ["check", "--format", "sarif", "Tests/Golden/broken-plan.yaml"]),
        // The example portfolio: two launches on shared teams, a cross-plan link with thin slack.
        ("portfolio.txt", ["portfolio", "plans/portfolio/pmo.yaml"]),
        ("portfolio.md", ["portfolio", "--format", "markdown", "plans/portfolio/pmo.yaml"]),
        ("portfolio.json", ["portfolio", "--format", "json", "plans/portfolio/pmo.yaml"]),
        ("portfolio.html", ["portfolio", "--format", "html", "plans/portfolio/pmo.yaml"]),
        ("portfolio.eml", ["portfolio", "--format", "email", "--from", "PMO <pmo@exchange.example>", "--to", "leadership@exchange.example",
                           "--date", "2027-03-07T08:00:00Z", "plans/portfolio/pmo.yaml"]),
        ("check-portfolio.txt", ["check", "plans/portfolio"]),
    ]

    @Test(arguments: cases.map(\.name))
    func outputMatchesItsGoldenFile(name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let result = try Planc.run(arguments)
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PLANC_RECORD_GOLDEN"] == "1" {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(result.stdout == expected, "\(name) differs from Tests/Golden/\(name); if the change is intended, re-record with PLANC_RECORD_GOLDEN=1 swift test")
    }
}
