import Foundation
import PlanKit
import PlanSyntax
import Testing

/// The report's Schedule confidence and the colour it adds: AMBER under 80%, never kinder.
@Suite struct ReportConfidenceTests {
    func report(deadline: String, estimate: String = ", estimate: { low: 8d, likely: 10d, high: 20d }") throws -> StatusReport {
        let plan = """
        plan: c
        start: 2027-02-01
        rules: { W301: off }
        forecast: { iterations: 500, seed: 5 }
        tasks:
          - { id: build, duration: 10d\(estimate) }
          - { id: launch, milestone: true, after: [build], deadline: \(deadline) }

        """
        let fixture = try PlanFixture(plan)
        defer { fixture.remove() }
        return try #require(StatusReport.build(compilation: fixture.compile()))
    }

    @Test func aDeadlineUnder80PercentIsAmberWithItsReason() throws {
        let amber = try report(deadline: "2027-02-18")  // deterministic 2027-02-12: 4 working days of margin
        #expect(amber.health == .amber)
        #expect(amber.healthReasons == ["'launch' meets its deadline 2027-02-18 in only 73.4% of the forecast (P80 2027-02-19)"])
        let confidence = try #require(amber.confidence)
        #expect(confidence.deadlines.map { "\($0.id) \($0.p50) \($0.p80) \(StatusReport.Confidence.percent($0.probability))" }
                == ["launch 2027-02-16 2027-02-19 73.4%"])
        #expect(confidence.drivers.map(\.id) == ["build"])
    }

    @Test func redStaysRedWithTheConfidenceReasonAfter() throws {
        let red = try report(deadline: "2027-02-10")
        #expect(red.health == .red)
        #expect(red.healthReasons.first == "'launch' is forecast 2 working days past its deadline 2027-02-10")
        #expect(red.healthReasons.last?.hasPrefix("'launch' meets its deadline 2027-02-10 in only 0.6% of the forecast") == true)
    }

    @Test func greenSaysWhatConfidenceItRestsOn() throws {
        let green = try report(deadline: "2027-03-31")
        #expect(green.health == .green)
        #expect(green.healthReasons.last == "'launch' meets its deadline in 100% of the forecast")
    }

    @Test func noUncertaintyNoSection() throws {
        let plain = try report(deadline: "2027-03-31", estimate: "")
        #expect(plain.confidence == nil)
        #expect(!plain.healthReasons.contains { $0.contains("forecast") && $0.contains("%") })
    }

    /// Three tasks and links (2 tasks, 1 link); `forecast:` and the gate only when asked.
    func budgeted(work: Int, forecast: String = "", gate: Bool = false) throws -> StatusReport {
        let plan = """
        plan: b
        start: 2027-02-01
        rules: { W301: off }
        \(forecast)
        tasks:
          - { id: build, duration: 10d, estimate: { low: 8d, likely: 10d, high: 20d } }
          - { id: launch, milestone: true, after: [build], deadline: 2027-03-31 }
        \(gate ? "gates: [{ id: review, after: [launch], criteria: [{ id: sure, confidence: { task: launch, min: 50% } }] }]" : "")

        """
        let fixture = try PlanFixture(plan)
        defer { fixture.remove() }
        return try #require(StatusReport.build(compilation: fixture.compile(), forecastWork: work))
    }

    @Test func theReportRunsFewerIterationsOnAPlanTooLargeForItsBudgetAndSaysHowMany() throws {
        let report = try budgeted(work: 3 * 2_500)  // 2,500 iterations of 3 tasks and links: 2 whole chunks
        let confidence = try #require(report.confidence)
        #expect(confidence.iterations == 2_000)
        #expect(confidence.budget.requested == 10_000 && confidence.budget.granted == 2_000 && confidence.budget.size == 3)
        #expect(confidence.deadlines.map(\.id) == ["launch"])
        #expect(report.health == .green)
    }

    @Test func underAThousandAffordableIterationsTheReportDoesNotSimulateAndKeepsItsColour() throws {
        let report = try budgeted(work: 2_999)
        let confidence = try #require(report.confidence)
        #expect(confidence.notSimulated && confidence.deadlines.isEmpty && confidence.unavailable == nil)
        #expect(report.health == .green)
        #expect(report.healthReasons.last == "no deadline's confidence was simulated: the plan is too large for the report's forecast")
    }

    @Test func explicitIterationsOrAConfidenceCriterionAlwaysGetTheFullCount() throws {
        let asked = try #require(try budgeted(work: 3, forecast: "forecast: { iterations: 3000 }").confidence)
        #expect(asked.iterations == 3_000 && !asked.budget.isReduced)
        // The gate's verdict must equal `planc gate`'s, which runs the plan's 10,000 iterations.
        let gated = try budgeted(work: 3, gate: true)
        #expect(try #require(gated.confidence).iterations == 10_000)
        #expect(gated.gates.first?.verdict == .go)
    }
}
