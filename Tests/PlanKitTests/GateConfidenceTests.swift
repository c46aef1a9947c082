import Foundation
import PlanKit
import PlanSyntax
import Testing

/// The `confidence` gate criterion: the verdict from a seeded simulation, the numbers exact.
@Suite struct GateConfidenceTests {
    /// Compiles `plan`, simulates it when a criterion needs it (as `planc gate` does) and evaluates.
    func evaluate(_ plan: String, asOf: Day? = nil, forecast run: Bool = true) throws -> [CriterionResult] {
        let fixture = try PlanFixture(plan)
        defer { fixture.remove() }
        let compilation = Compiler.compile(path: fixture.root, asOf: asOf)
        #expect(!compilation.hasErrors, "\(positions(fixture.relative(compilation.diagnostics)))")
        let network = try #require(compilation.network)
        let forecast = run ? GateForecast.run(network: network, schedule: compilation.schedule, levels: false) : nil
        let evaluator = GateEvaluator(network: network, schedule: compilation.schedule, metrics: compilation.metrics,
                                      statusDate: asOf ?? network.plan.asOf?.value, forecast: forecast)
        return evaluator.evaluateAll().flatMap(\.criteria)
    }

    func line(_ result: CriterionResult) -> String {
        "\(result.id) \(result.status.rawValue) \(result.actual ?? "-") \(result.target ?? "-")"
    }

    static let plan = """
    plan: listing
    start: 2027-02-01
    rules: { W301: off }
    forecast: { iterations: 2000, seed: 7 }
    tasks:
      - { id: build, estimate: { low: 5d, likely: 8d, high: 15d } }
      - { id: launch, milestone: true, after: [build], deadline: 2027-02-12 }
    gates:
      - id: review
        after: [build]
        criteria:
          - { id: on-time, confidence: { task: launch, min: 80% } }
          - { id: by-the-19th, confidence: { task: build, by: 2027-02-19, min: 99.5% } }
          - { id: coin-flip, confidence: { task: launch, by: 2027-02-11, min: 50% } }

    """

    @Test func passAndFailWithTheProbabilityAsTheValue() throws {
        let results = try evaluate(Self.plan)
        #expect(results.map(line) == [
            "on-time FAIL 71.2% ≥ 80%",
            "by-the-19th PASS 100% ≥ 99.5%",
            "coin-flip PASS 56.8% ≥ 50%",
        ])
        #expect(results[0].kind == "confidence")
        #expect(results[0].reason == "'launch' finishes by 2027-02-12 in 71.2% of 2000 iterations (seed 7; P80 2027-02-15), needs ≥ 80%")
        #expect(results[2].reason == "'launch' finishes by 2027-02-11 in 56.8% of 2000 iterations (seed 7; P80 2027-02-15), meets ≥ 50%")
    }

    @Test func sameSeedSameVerdictAnotherSeedAnotherNumber() throws {
        #expect(try evaluate(Self.plan).map(line) == evaluate(Self.plan).map(line))
        let reseeded = Self.plan.replacingOccurrences(of: "seed: 7", with: "seed: 8")
        #expect(try evaluate(reseeded).map(line)[0] != "on-time FAIL 71.2% ≥ 80%")
    }

    @Test func aWaiverInForceTurnsTheFailIntoWaived() throws {
        let waived = Self.plan + "    waivers:\n      - { criterion: on-time, approved_by: COO, reason: the board accepts the risk, expires: 2027-03-01 }\n"
        let results = try evaluate(waived, asOf: Day(year: 2027, month: 2, day: 1)!)
        #expect(results.map(line)[0] == "on-time WAIVED 56.8% ≥ 80%")
    }

    /// Never GO on missing data: no simulation, or one that cannot run, is MISSING.
    @Test func noForecastIsMissing() throws {
        let results = try evaluate(Self.plan, forecast: false)
        #expect(results.map(line) == ["on-time MISSING - ≥ 80%", "by-the-19th MISSING - ≥ 99.5%", "coin-flip MISSING - ≥ 50%"])
        #expect(results[0].reason == "no forecast was run")
        let conflicting = Self.plan.replacingOccurrences(of: "tasks:\n", with: """
        tasks:
          - { id: a, estimate: { low: 1d, likely: 2d, high: 3d } }
          - { id: b, estimate: { low: 1d, likely: 2d, high: 3d } }
          - { id: c, estimate: { low: 1d, likely: 2d, high: 3d } }

        """).replacingOccurrences(of: "seed: 7 }", with: """
        seed: 7, correlations: [{ tasks: [a, b], coefficient: 0.9 }, { tasks: [b, c], coefficient: 0.9 }, { tasks: [a, c], coefficient: -0.9 }] }
        """)
        let broken = try evaluate(conflicting)
        #expect(broken.map(\.status) == [.missing, .missing, .missing])
        #expect(broken[0].reason.hasPrefix("no forecast: the correlations are not consistent"))
    }

    /// Without estimates or probable risks every iteration is the deterministic schedule: the
    /// chance is 100% when it meets the date and 0% when it does not.
    @Test func aDeterministicPlanIsAllOrNothing() throws {
        let plan = """
        plan: fixed
        start: 2027-02-01
        rules: { W301: off }
        forecast: { iterations: 100 }
        tasks:
          - { id: build, duration: 8d }
          - { id: launch, milestone: true, after: [build], deadline: 2027-02-12 }
        gates:
          - id: review
            after: [build]
            criteria:
              - { id: on-time, confidence: { task: launch, min: 100% } }
              - { id: early, confidence: { task: launch, by: 2027-02-09, min: 1% } }

        """
        #expect(try evaluate(plan).map(line) == ["on-time PASS 100% ≥ 100%", "early FAIL 0% ≥ 1%"])
    }

    @Test func badInputIsAnErrorAtTheValue() throws {
        let head = """
        plan: listing
        start: 2027-02-01
        rules: { W301: off }
        tasks:
          - { id: build, duration: 5d }
          - { id: launch, milestone: true, after: [build], deadline: 2027-02-12 }
        gates:
          - id: review
            criteria:

        """
        func errors(_ criterion: String) throws -> [String] {
            try diagnose(head + "      - " + criterion + "\n").filter { $0.severity == .error }
                .map { "\($0.line):\($0.column) \($0.code) \($0.message)\($0.help.map { " — \($0)" } ?? "")" }
        }
        #expect(try errors("{ id: a, confidence: { task: lanch, min: 80% } }") == [
            "10:38 E104 criterion 'a' of gate 'review' asks for confidence in unknown id 'lanch' — did you mean 'launch'?"])
        #expect(try errors("{ id: a, confidence: { task: build, min: 80% } }") == [
            "10:38 E407 criterion 'a' of gate 'review' asks for confidence in 'build', which has no deadline, and gives no `by` date — add `by: DATE` to the criterion, or a `deadline:` to 'build'"])
        #expect(try errors("{ id: a, confidence: { task: build, by: 2027-02-19, min: 80% } }") == [])
        #expect(try errors("{ id: a, confidence: { task: launch, min: 120% } }") == [
            "10:51 E102 the minimum confidence must be from 0% to 100%, found 120%"])
        #expect(try errors("{ id: a, confidence: { task: launch, min: -5% } }") == [
            "10:51 E102 the minimum confidence must be from 0% to 100%, found -5%"])
        #expect(try errors("{ id: a, confidence: { task: launch, by: 2027-02-30, min: 80% } }").map { String($0.prefix(10)) } == ["10:50 E102"])
        #expect(try errors("{ id: a, confidence: { task: launch } }") == [
            "10:30 E103 confidence needs `min` — write confidence: { task: go-live, min: 80% } (by: DATE, else the task's deadline)"])
    }
}
