import Foundation
import PlanKit
import PlanSyntax
import Testing

/// Values that would pass a gate, waive a criterion or break an output whatever the plan says:
/// infinities and NaN, empty approvers and reasons, dates past 9999-12-31.
@Suite struct ValueLimitTests {
    static func compile(_ plan: String, metrics: [(String, String)] = []) throws -> (Compilation, [Diagnostic]) {
        let fixture = try PlanFixture(files: [("plan.yaml", plan)] + metrics)
        defer { fixture.remove() }
        let compilation = Compiler.compile(path: fixture.root, metricsFiles: metrics.map { fixture.directory + "/" + $0.0 })
        return (compilation, fixture.relative(compilation.diagnostics))
    }

    static let gatePlan = """
    plan: p
    start: 2026-12-07
    rules: { W301: off }
    tasks:
      - { id: build, duration: 5d }
    gates:
      - id: go-live
        after: [build]
        criteria:
          - { id: errors, metric: "stability.error_rate_pct <= 0.1" }

    """

    @Test func infiniteAndNaNMetricsAreRefusedWhereTheyAreWritten() throws {
        let (compilation, diagnostics) = try Self.compile(Self.gatePlan + "metrics:\n  stability: { error_rate_pct: -.inf }\n  a: 1e400\n  b: -nan\n  c: .NaN\n")
        #expect(positions(diagnostics) == ["plan.yaml:12:32 E102", "plan.yaml:13:6 E102", "plan.yaml:14:6 E102", "plan.yaml:15:6 E102"])
        #expect(diagnostics.first?.message == "metric 'stability.error_rate_pct' is -.inf, which is not a finite number")
        #expect(compilation.metrics["stability.error_rate_pct"] == nil)
    }

    @Test func aMetricsFileOfMinusInfinityCannotPassALessOrEqualGate() throws {
        let (compilation, diagnostics) = try Self.compile(
            Self.gatePlan, metrics: [("m.yaml", "stability:\n  error_rate_pct: -1e400\n"), ("n.json", "{\"stability\": {\"error_rate_pct\": -Infinity}}")])
        #expect(positions(diagnostics) == ["m.yaml:2:19 E102", "n.json:1:34 E102"])
        #expect(compilation.metrics["stability.error_rate_pct"] == nil)
        let network = try #require(compilation.network)
        let result = GateEvaluator(network: network, schedule: compilation.schedule, metrics: compilation.metrics, statusDate: nil).evaluateAll()
        #expect(result.first?.verdict != .go)
    }

    @Test func aTargetBeyondADoubleIsRefused() throws {
        let plan = Self.gatePlan.replacingOccurrences(of: "<= 0.1", with: "<= 1e400")
        let (_, diagnostics) = try Self.compile(plan + "metrics:\n  stability: { error_rate_pct: 0.05 }\n")
        #expect(positions(diagnostics) == ["plan.yaml:10:31 E102", "plan.yaml:12:32 W311"])
        #expect(diagnostics.first?.message == "the target of 'stability.error_rate_pct <= 1e400' is not a finite number")
    }

    @Test func aWaiverWithoutAnApproverOrAReasonWaivesNothing() throws {
        let plan = Self.gatePlan + """
            waivers:
              - { criterion: errors, approved_by: "", reason: "  ", expires: 2027-03-20 }
            signoffs:
              - { team: core, by: "", date: 2026-12-08 }
        teams: { core: {} }

        """
        let (compilation, diagnostics) = try Self.compile(plan)
        #expect(positions(diagnostics) == ["plan.yaml:12:43 E102", "plan.yaml:12:55 E102", "plan.yaml:14:27 E102"])
        #expect(diagnostics.map(\.message) == ["the approver is empty", "the reason is empty", "the signer is empty"])
        #expect(compilation.plan?.gates.first?.waivers.isEmpty == true)
    }

    @Test func aScheduleThatRunsPastTheYear9999IsALocatedError() throws {
        let (_, diagnostics) = try Self.compile("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: a, duration: 999999d }
          - { id: b, duration: 999999d, after: [a] }
          - { id: c, duration: 999999d, after: [b] }
          - { id: d, duration: 5d, after: [c] }

        """)
        #expect(positions(diagnostics) == ["plan.yaml:7:24 E207"])
        #expect(diagnostics.first?.message == "task 'c' would finish after 9999-12-31, the last date planc can schedule; 1 more task would end after it")
    }

    @Test func progressWrittenAsAFractionAndInProgressAtOneHundredPercentAreWarned() throws {
        let (_, diagnostics) = try Self.compile("""
        plan: p
        start: 2026-12-07
        as_of: 2026-12-09
        rules: { W301: off, W302: off }
        tasks:
          - { id: a, duration: 5d, status: in-progress, actual_start: 2026-12-07, progress: 0.5 }
          - { id: b, duration: 5d, status: in-progress, actual_start: 2026-12-07, progress: 100% }
          - { id: c, duration: 5d, status: in-progress, actual_start: 2026-12-07, progress: 1 }

        """)
        #expect(positions(diagnostics) == ["plan.yaml:6:85 W303", "plan.yaml:7:85 W304"])
        #expect(diagnostics.first?.help == "did you mean 50%? progress is a percentage from 0% to 100%, not a fraction")
    }

    @Test func aMetricsFileKeyNoCriterionReadsIsWarnedInThatFileWithASuggestion() throws {
        let (_, diagnostics) = try Self.compile(Self.gatePlan, metrics: [("m.yaml", "stability:\n  eror_rate_pct: 0.05\n")])
        #expect(positions(diagnostics) == ["m.yaml:2:18 W311"])
        #expect(diagnostics.first?.help == "did you mean 'stability.error_rate_pct'?")
        #expect(diagnostics.first?.sourceLine == "  eror_rate_pct: 0.05")
    }
}
