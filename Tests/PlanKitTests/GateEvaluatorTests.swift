import Foundation
import PlanKit
import PlanSyntax
import Testing

/// Compiles `plan` (and optional metrics files) and evaluates its gates.
private func gates(_ plan: String, metrics files: [(String, String)] = [], asOf: Day? = nil) throws -> [GateResult] {
    let fixture = try PlanFixture(files: [("plan.yaml", plan)] + files)
    defer { fixture.remove() }
    let compilation = Compiler.compile(path: fixture.root, asOf: asOf, metricsFiles: files.map { fixture.directory + "/" + $0.0 })
    #expect(!compilation.hasErrors, "\(positions(fixture.relative(compilation.diagnostics)))")
    let network = try #require(compilation.network)
    let evaluator = GateEvaluator(network: network, schedule: compilation.schedule, metrics: compilation.metrics,
                                  statusDate: asOf ?? network.plan.asOf?.value)
    return evaluator.evaluateAll()
}

private func states(_ result: GateResult) -> [String] {
    result.criteria.map { "\($0.id) \($0.status.rawValue)" }
}

private let goLive = """
plan: perp-v2
start: 2027-03-01
as_of: 2027-03-05
rules: { W301: off }
tasks:
  - { id: drill-circuit-breaker, duration: 2d, status: done, actual_start: 2027-03-01, actual_finish: 2027-03-02 }
  - { id: drill-emergency-cancel, duration: 2d }
risks:
  - { id: rebate-exploit, likelihood: 3, impact: 5, owner: risk, response: Freeze rebates, status: mitigated }
  - { id: thin-liquidity, likelihood: 3, impact: 4, owner: mm, response: Backup MMs }
metrics:
  support: { trained_pct: 100 }
gates:
  - id: go-live
    after: [drill-circuit-breaker]
    criteria:
      - { id: stability, metric: "stability.error_rate_pct <= 0.1" }
      - { id: support, metric: "support.trained_pct >= 100" }
      - { id: drills, done: [drill-circuit-breaker, drill-emergency-cancel] }
      - { id: risks, no_open_risks: { min_score: 15 } }
      - { id: legal, signoff: legal }
    signoffs:
      - { team: legal, by: Claire Dubois, date: 2027-03-04 }
    waivers:
      - { criterion: drills, approved_by: Wei Zhang (CTO), reason: Cancel-all drill runs on launch eve, expires: 2027-03-09 }

"""

@Suite struct GateEvaluatorTests {
    @Test func missingMetricIsNeverAPass() throws {
        let result = try #require(try gates(goLive).first)
        #expect(states(result) == ["stability MISSING", "support PASS", "drills WAIVED", "risks PASS", "legal PASS"])
        #expect(result.verdict == .noGo)
        #expect(result.criteria[0].reason == "no value for stability.error_rate_pct; add it to the plan's `metrics:` or pass --metrics FILE")
        #expect(result.criteria[0].target == "≤ 0.1" && result.criteria[0].actual == nil)
        #expect(result.summary == "0 failed, 1 missing data: stability")
    }

    @Test func metricsFileWinsAndWaiverMakesItConditional() throws {
        let result = try #require(try gates(goLive, metrics: [("m.json", #"{"stability": {"error_rate_pct": 0.05}, "support": {"trained_pct": 97}}"#)]).first)
        #expect(states(result) == ["stability PASS", "support FAIL", "drills WAIVED", "risks PASS", "legal PASS"])
        #expect(result.criteria[1].reason == "support.trained_pct is 97, needs ≥ 100")
        #expect(result.criteria[1].actual == "97")
        #expect(result.criteria[2].reason == "waived by Wei Zhang (CTO) until 2027-03-09: Cancel-all drill runs on launch eve (not done: drill-emergency-cancel (forecast 2027-03-09))")
        let passing = try #require(try gates(goLive, metrics: [("m.yaml", "stability: { error_rate_pct: 0.05 }\n")]).first)
        #expect(passing.verdict == .conditional)
        #expect(passing.summary == "every criterion passes except 1 waived: drills")
    }

    @Test func expiredWaiverNoLongerCounts() throws {
        let result = try #require(try gates(goLive, metrics: [("m.yaml", "stability: { error_rate_pct: 0.05 }\n")],
                                            asOf: Day(iso: "2027-03-10")).first)
        #expect(result.criteria[2].status == .fail)
        #expect(result.criteria[2].reason.hasSuffix("; the waiver by Wei Zhang (CTO) expired on 2027-03-09"))
        #expect(result.verdict == .noGo)
    }

    /// Risks are plan-wide and worked out once per threshold: each gate gets its own threshold's answer.
    @Test func eachGateJudgesOpenRisksAtItsOwnThreshold() throws {
        let plan = """
        plan: p
        start: 2027-03-01
        rules: { W301: off, W302: off, E401: off }
        tasks:
          - { id: build, duration: 2d }
        risks:
          - { id: thin-liquidity, likelihood: 3, impact: 4, owner: mm, response: Backup MMs }
          - { id: rebate-exploit, likelihood: 4, impact: 5, owner: risk, response: Freeze rebates, status: mitigated }
        gates:
          - { id: strict, after: [build], criteria: [{ id: risks, no_open_risks: { min_score: 12 } }] }
          - { id: lenient, after: [build], criteria: [{ id: risks, no_open_risks: { min_score: 13 } }] }
          - { id: strict-again, after: [build], criteria: [{ id: risks, no_open_risks: { min_score: 12 } }] }
        """
        let results = try gates(plan)
        #expect(results.map { $0.criteria[0].status } == [.fail, .pass, .fail])
        #expect(results[0].criteria[0].reason == "open: thin-liquidity (score 12, open)")
        #expect(results[0].criteria[0].actual == "1 open")
        #expect(results[1].criteria[0].reason == "no open risk scores 13 or more")
        #expect(results[2].criteria[0].reason == results[0].criteria[0].reason)
        let unscored = try gates(plan.replacingOccurrences(of: "likelihood: 3, impact: 4, ", with: ""))
        #expect(unscored.map { $0.criteria[0].status } == [.missing, .missing, .missing])
        #expect(unscored[1].criteria[0].reason == "cannot score: thin-liquidity (no likelihood or impact)")
    }

    @Test func everythingPassingIsGo() throws {
        let plan = goLive.replacingOccurrences(of: "  - { id: drill-emergency-cancel, duration: 2d }",
                                               with: "  - { id: drill-emergency-cancel, duration: 2d, status: done, actual_start: 2027-03-03, actual_finish: 2027-03-04 }")
        let result = try #require(try gates(plan, metrics: [("m.yaml", "stability.error_rate_pct: 0.1\n")]).first)
        #expect(result.verdict == .go)
        #expect(result.criteria.allSatisfy { $0.status == .pass })
        #expect(result.criteria[4].reason == "legal signed off by Claire Dubois on 2027-03-04")
        // Not done yet: scheduled on the first working day after the status date (Friday 5 March).
        #expect(result.date == Day(iso: "2027-03-08"))
    }

    @Test func openHighRiskAndLateSignoffFail() throws {
        let plan = goLive.replacingOccurrences(of: "status: mitigated", with: "status: occurred")
            .replacingOccurrences(of: "date: 2027-03-04 }", with: "date: 2027-03-08 }")
        let result = try #require(try gates(plan).first)
        #expect(result.criteria[3].status == .fail)
        #expect(result.criteria[3].reason == "open: rebate-exploit (score 15, occurred)")
        #expect(result.criteria[4].status == .fail)
        #expect(result.criteria[4].reason == "the signoff of legal is dated 2027-03-08, after the status date 2027-03-05")
    }

    @Test func waiverWithoutAStatusDateIsNotApplied() throws {
        let plan = goLive.replacingOccurrences(of: "as_of: 2027-03-05\n", with: "")
            .replacingOccurrences(of: ", status: done, actual_start: 2027-03-01, actual_finish: 2027-03-02", with: "")
        let result = try #require(try gates(plan).first)
        #expect(result.criteria[2].status == .fail)
        #expect(result.criteria[2].reason.hasSuffix("; the waiver by Wei Zhang (CTO) is not applied without a status date (set as_of or --as-of)"))
    }

    @Test func gateWithoutCriteriaIsNoGo() throws {
        let fixture = try PlanFixture("plan: p\nstart: 2027-03-01\nrules: { W406: off }\ngates:\n  - { id: go-live }\n")
        defer { fixture.remove() }
        let compilation = fixture.compile()
        let result = GateEvaluator(network: try #require(compilation.network), schedule: compilation.schedule, metrics: compilation.metrics, statusDate: nil).evaluate(0)
        #expect(result.verdict == .noGo)
        #expect(result.summary == "the gate has no criteria, so nothing authorises the release")
    }

    @Test func badMetricsFileGetsLocatedErrors() throws {
        let fixture = try PlanFixture(files: [("plan.yaml", "plan: p\nstart: 2027-03-01\n"),
                                              ("m.yaml", "stability:\n  error_rate_pct: low\n  p99: [1]\nbad key: 1\n")])
        defer { fixture.remove() }
        let compilation = Compiler.compile(path: fixture.root, metricsFiles: [fixture.directory + "/m.yaml"])
        #expect(positions(fixture.relative(compilation.diagnostics)) == ["m.yaml:2:19 E101", "m.yaml:3:8 E101", "m.yaml:4:1 E102"])
        #expect(compilation.diagnostics.first?.message == "expected metric 'stability.error_rate_pct' as a number, found 'low'")
    }

    @Test func percentagesInMetricsFilesReadAsNumbers() throws {
        let result = try #require(try gates(goLive, metrics: [("m.yaml", "stability.error_rate_pct: 0.05\nsupport.trained_pct: 99.5%\n")]).first)
        #expect(result.criteria[1].reason == "support.trained_pct is 99.5, needs ≥ 100")
    }
}

@Suite struct EventTimingTests {
    @Test func eventMarginsCountWorkingDays() throws {
        let fixture = try PlanFixture("""
        plan: p
        start: 2026-12-07
        rules: { W301: off, E403: off }
        tasks:
          - { id: build, duration: 5d }
          - { id: launch, milestone: true, after: [build] }
        events:
          - { id: on-time, date: 2026-12-15, requires: [launch], lead: 1d }
          - { id: weekend, date: 2026-12-12, requires: [launch] }
          - { id: early, date: 2026-12-10, requires: [launch], lead: 1d }
          - { id: free, date: 2026-12-01 }
        """)
        defer { fixture.remove() }
        let compilation = fixture.compile()
        let timings = EventTiming.all(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
        // launch is reached at the end of Fri 11 Dec; a 1-day lead makes Mon 14 the last day to be after.
        #expect(timings.map { "\($0.notBefore?.iso ?? "-") \($0.earliest?.iso ?? "-") \($0.margin.map(String.init) ?? "-")" } == [
            "2026-12-14 2026-12-15 0", "2026-12-11 2026-12-14 0", "2026-12-14 2026-12-15 -3", "- - -",
        ])
    }
}

@Suite struct WhatIfTests {
    @Test func delayGrowsTasksAndHoldsBackMilestones() throws {
        let fixture = try PlanFixture("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: build, duration: 5d }
          - { id: review, duration: 2w, after: [build] }
          - { id: launch, milestone: true, after: [review] }
          - { id: kickoff, milestone: true }
        risks:
          - { id: slip, likelihood: 2, impact: 2, affects: [build, review, launch, kickoff], delay: 3d }
        """)
        defer { fixture.remove() }
        let compilation = fixture.compile()
        let changed = try WhatIf.assuming(risk: "slip", in: try #require(compilation.network)).get()
        #expect(changed.tasks[0].duration?.value == Duration(amount: 8, unit: .workingDays))
        #expect(changed.tasks[1].duration?.value == Duration(amount: 13, unit: .workingDays))
        #expect(changed.tasks[2].after[0].lag?.value == Duration(amount: 3, unit: .workingDays))
        #expect(changed.tasks[3].notBefore?.value == Day(iso: "2026-12-10"))
        let schedule = try #require(Scheduler.schedule(changed))
        // No holidays in this calendar. build 8d: 7-16 Dec; review 13d: 17 Dec - 4 Jan; launch
        // is reached 3 working days after review's finish: 7 Jan.
        #expect(schedule[2].finish == Day(iso: "2027-01-07"))
    }

    /// A three-point delay (the forecast draws it) is assumed at its likely value.
    @Test func aThreePointDelayIsAssumedAtItsLikelyValue() throws {
        let fixture = try PlanFixture("""
        plan: p
        start: 2026-12-07
        tasks:
          - { id: build, duration: 5d }
          - { id: launch, milestone: true, after: [build] }
        risks:
          - { id: slip, likelihood: 2, impact: 2, affects: [build, launch], delay: { low: 2d, likely: 4d, high: 9d } }
          - { id: vague, likelihood: 2, impact: 2, affects: [build] }
        """)
        defer { fixture.remove() }
        let network = try #require(fixture.compile().network)
        let changed = try WhatIf.assuming(risk: "slip", in: network).get()
        #expect(changed.tasks[0].duration?.value == Duration(amount: 9, unit: .workingDays))
        #expect(changed.tasks[1].after[0].lag?.value == Duration(amount: 4, unit: .workingDays))
        let delay = try #require(WhatIf.assumedDelay(of: network.plan.risks[0]))
        #expect(delay.duration == Duration(amount: 4, unit: .workingDays) && delay.likely)
        #expect(WhatIf.assumedDelay(of: network.plan.risks[1]) == nil)
        #expect(throws: WhatIfProblem.self) { try WhatIf.assuming(risk: "vague", in: network).get() }
    }
}
