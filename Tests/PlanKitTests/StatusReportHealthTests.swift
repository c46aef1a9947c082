import Foundation
import PlanKit
import Testing

/// The report's colour and its reasons, as DESIGN.md "Status and health" decides them.
@Suite struct StatusReportHealthTests {
    static func report(_ text: String, horizon: Int = StatusReport.defaultHorizon) throws -> StatusReport {
        let fixture = try PlanFixture(text)
        defer { fixture.remove() }
        return try #require(StatusReport.build(compilation: fixture.compile(), horizon: horizon))
    }

    /// A review gate due in 3 working days and a launch gate 20 working days out.
    static let gated = """
        plan: p
        start: 2027-03-01
        as_of: 2027-02-26
        tasks:
          - { id: build, duration: 3d, owner: eng }
          - { id: soak, duration: 20d, after: [build], owner: eng }
        gates:
          - id: review
            title: Design review
            after: [build]
            owner: eng
            criteria:
              - { id: latency, title: p99 latency, metric: "p99_ms <= 5" }
              - { id: errors, metric: "error_pct <= 0.1" }
          - id: launch-go
            after: [soak]
            owner: eng
            criteria:
              - { id: soaked, done: [soak] }
        metrics:
        """

    @Test func aDueGateThatFailsIsRedWithTheFailingCriteria() throws {
        let report = try Self.report(Self.gated + "\n  p99_ms: 7\n  error_pct: 0.05\n")
        #expect(report.health == .red)
        #expect(report.healthReasons == ["gate 'review' (2027-03-03) is forecast NO-GO: 1 of 2 criteria fails (latency)"])
        let review = try #require(report.gates.first { $0.id == "review" })
        #expect(review.due && review.standing == .verdict(.noGo))
        #expect(review.open.map(\.id) == ["latency"])
        #expect(review.open.first?.reason == "p99_ms is 7, needs ≤ 5")
    }

    @Test func aTeamOverCapacityIsAmberWithTheTeamAndPeriod() throws {
        let plan = """
            plan: p
            start: 2027-03-01
            teams:
              qa: { capacity: 2 }
            tasks:
              - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }
              - { id: regression, duration: 3d, assign: [qa], not_before: 2027-03-03 }
            """
        let report = try Self.report(plan)
        #expect(report.health == .amber)
        #expect(report.healthReasons == ["team 'qa' is over capacity 2027-03-03 – 2027-03-05: 3 people needed, 2 available"])
        // Turning the warning off does not make the colour kinder.
        let quiet = try Self.report(plan + "\nrules:\n  W501: off\n")
        #expect(quiet.health == .amber)
        let fits = try Self.report(plan.replacingOccurrences(of: "capacity: 2", with: "capacity: 3"))
        #expect(fits.health == .green)
    }

    @Test func aDueGateWithMissingValuesIsAmber() throws {
        let report = try Self.report(Self.gated + "\n  p99_ms: 4\n")
        #expect(report.health == .amber)
        #expect(report.healthReasons == ["gate 'review' (2027-03-03) has 1 criterion without a value (errors)"])
    }

    @Test func aGateFurtherOutIsNotYetDueWithItsOpenCriteria() throws {
        let report = try Self.report(Self.gated + "\n  p99_ms: 4\n  error_pct: 0.05\n")
        #expect(report.health == .green)
        let launch = try #require(report.gates.first { $0.id == "launch-go" })
        #expect(!launch.due && launch.standing == .notYetDue && launch.verdict == .noGo)
        #expect(launch.open.map(\.id) == ["soaked"])
        #expect(report.milestones.first { $0.id == "launch-go" }?.gate == .notYetDue)
        #expect(report.healthReasons == ["no deadline set", "gate 'review' (2027-03-03) is GO", "no late work", "no open risk scores 15 or more"])
        // Brought into the horizon, the same gate decides the colour.
        let wide = try Self.report(Self.gated + "\n  p99_ms: 4\n  error_pct: 0.05\n", horizon: 30)
        #expect(wide.health == .red)
        #expect(wide.healthReasons == ["gate 'launch-go' (2027-03-31) is forecast NO-GO: 1 of 1 criterion fails (soaked)"])
    }

    @Test func greenSaysWhatItRestsOn() throws {
        let report = try Self.report("""
            plan: p
            start: 2027-03-01
            as_of: 2027-02-26
            tasks:
              - { id: build, duration: 3d, owner: eng }
              - { id: launch, milestone: true, after: [build], deadline: 2027-03-31 }
            """)
        #expect(report.health == .green)
        #expect(report.healthReasons == ["'launch' is due 2027-03-31 with 20 working days of margin", "no late work", "no open risk scores 15 or more"])
    }

    static func risks(_ status: String, likelihood: Int, impact: Int) -> String {
        """
        plan: p
        start: 2027-03-01
        tasks:
          - { id: build, duration: 3d, owner: eng }
        risks:
          - { id: outage, likelihood: \(likelihood), impact: \(impact), status: \(status), owner: eng, response: fail over }

        """
    }

    @Test func aSeriousRiskThatOccurredIsRed() throws {
        let serious = try Self.report(Self.risks("occurred", likelihood: 3, impact: 4))
        #expect(serious.health == .red)
        #expect(serious.healthReasons == ["serious risk 'outage' (score 12) has occurred"])
        let minor = try Self.report(Self.risks("occurred", likelihood: 2, impact: 5))
        #expect(minor.health == .green)
    }

    @Test func aHighOpenRiskIsAmber() throws {
        let high = try Self.report(Self.risks("open", likelihood: 3, impact: 5))
        #expect(high.health == .amber)
        #expect(high.healthReasons == ["risk 'outage' scores 15 and is open"])
        let serious = try Self.report(Self.risks("open", likelihood: 3, impact: 4))
        #expect(serious.health == .green)
    }

    @Test func aMissedDeadlineIsRedAndListedWithTheAmberReasons() throws {
        let report = try Self.report("""
            plan: p
            start: 2027-03-01
            as_of: 2027-03-03
            tasks:
              - { id: build, duration: 10d, owner: eng }
              - { id: launch, milestone: true, after: [build], deadline: 2027-03-10 }
            """)
        #expect(report.health == .red)
        #expect(report.healthReasons == ["'launch' is forecast 5 working days past its deadline 2027-03-10", "2 tasks are late"])
    }
}
