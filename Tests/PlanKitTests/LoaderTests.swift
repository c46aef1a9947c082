import Foundation
import PlanKit
import PlanSyntax
import Testing

@Suite struct LoaderTests {
    @Test func examplePlanCompilesCleanAndIsALaunchPlan() throws {
        let compilation = Compiler.compile(path: repositoryRoot + "/plans/perp-v2-launch.yaml")
        #expect(compilation.diagnostics.isEmpty, "\(positions(compilation.diagnostics))")
        let plan = try #require(compilation.plan)
        let leaves = plan.tasks.filter { $0.kind == .task && !$0.isSummary }
        #expect(leaves.count >= 60)
        #expect(plan.phases.map(\.id.value) == ["mvp", "internal-testing", "public-testing", "launch"])
        #expect(plan.gates.contains { plan.tasks[$0.task].id.value == "go-live" })
        #expect(plan.teams.contains { $0.external })
        #expect(plan.events.count >= 3 && plan.risks.count >= 5)
    }

    @Test func unknownDependencySuggestsTheClosestID() throws {
        let diagnostics = try diagnose("""
        plan: perp-v2
        start: 2026-12-07
        tasks:
          - { id: risk-slippage, duration: 10d, owner: risk }
          - id: mm-integration
            owner: mm
            duration: 10d
            after: [design, risk-slipage]
          - { id: design, duration: 5d, owner: core }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:8:21 E104"])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "task 'mm-integration' depends on unknown id 'risk-slipage'")
        #expect(diagnostic.help == "did you mean 'risk-slippage'?")
        #expect(diagnostic.length == 12)
        #expect(diagnostic.sourceLine == "    after: [design, risk-slipage]")
    }

    @Test func cycleIsReportedOnceWithEveryHop() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: design, duration: 5d, after: [review] }
          - { id: build, duration: 10d, after: [design] }
          - { id: review, duration: 2d, after: [build] }
          - { id: docs, duration: 2d, after: [review] }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:5:41 E201"])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "dependency cycle: review → design → build → review")
        #expect(diagnostic.notes.map { "\($0.line):\($0.column) \($0.message)" } == [
            "5:41 'design' depends on 'review'",
            "6:41 'build' depends on 'design'",
            "7:41 'review' depends on 'build'",
        ])
    }

    @Test func cycleThroughASummaryIsFound() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - id: engine
            after: [qa]
            tasks:
              - { id: engine-core, duration: 15d }
          - { id: qa, duration: 5d, after: [engine-core] }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:6:13 E201"])
        #expect(diagnostics.first?.message == "dependency cycle: qa → engine → engine-core → qa")
        #expect(diagnostics.first?.notes.count == 3)
    }

    @Test func twoSeparateCyclesAreTwoDiagnostics() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: a, duration: 1d, after: [b] }
          - { id: b, duration: 1d, after: [a] }
          - { id: c, duration: 1d, after: [d] }
          - { id: d, duration: 1d, after: [c] }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:5:36 E201", "plan.yaml:7:36 E201"])
    }

    @Test func selfAncestorAndDescendantDependencies() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - id: engine
            after: [engine-perf]
            tasks:
              - { id: engine-core, duration: 15d, after: [engine, engine-core] }
              - { id: engine-perf, duration: 5d }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:6:13 E202", "plan.yaml:8:51 E202", "plan.yaml:8:59 E202"])
        #expect(diagnostics.map(\.message) == [
            "summary 'engine' depends on 'engine-perf', one of its own parts",
            "'engine-core' depends on 'engine', a summary that contains it",
            "'engine-core' depends on itself",
        ])
    }

    @Test func duplicateIDNamesBothPlaces() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: launch, duration: 1d }
        risks:
          - { id: launch, likelihood: 2, impact: 2 }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:7:11 E105"])
        #expect(diagnostics.first?.message == "duplicate id 'launch': this risk has the id of the task on line 5")
        #expect(diagnostics.first?.notes.first.map { "\($0.line):\($0.column)" } == "5:11")
    }

    @Test func valuesAreCheckedWithTheExpectedForm() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        as_of: 15/01/2027
        rules: { W301: off }
        tasks:
          - id: a
            duration: 5
            deadline: 2027-02-30
            progress: 140%
            status: finished
            not_before: 2027-13-01
          - { id: b, duration: 3d, after: [{ task: a, type: XS, lag: soon }] }
          - { id: c, milestone: yes }
        """)
        let messages = diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message)" }
        #expect(messages == [
            "3:8 E102 expected the status date as a date like 2027-03-15, found '15/01/2027'",
            "7:15 E102 expected a duration like 5d (working days), 2w (working weeks) or 7ed (elapsed days), found '5'",
            "8:15 E102 '2027-02-30' is not a date: February 2027 has 28 days, not 30",
            "9:15 E102 progress must be from 0% to 100%, found 140%",
            "10:13 E102 'finished' is not a valid status; use one of: not-started, in-progress, done",
            "11:17 E102 '2027-13-01' is not a date: there is no month 13",
            "12:53 E102 'XS' is not a dependency type; use FS, SS, FF or SF",
            "12:62 E102 expected a lag in working days like 2d, -1d or 1w, found 'soon'",
            "13:25 E102 expected milestone as true or false, found 'yes'",
        ])
        #expect(diagnostics[1].help == "add a unit: 5d for 5 working days")
    }

    @Test func unknownKeysSuggestAndListTheKnownOnes() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        calender: { workdays: [mon] }
        x-defaults: { anything: goes }
        tasks:
          - { id: a, duration: 1d, owner: qa, dependson: [b], zzz: 1 }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:3:1 E100", "plan.yaml:6:39 E100", "plan.yaml:6:55 E100"])
        #expect(diagnostics[0].help == "did you mean 'calendar'?")
        #expect(diagnostics[2].help?.hasPrefix("the keys of a task are: id, title, owner") == true)
    }

    @Test func wrongShapesSayWhatWasExpected() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        tasks:
          design: { duration: 5d }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:4:3 E101"])
        #expect(diagnostics.first?.message == "expected a list of tasks, found a mapping")
    }

    @Test func missingPlanAndStartAreReported() throws {
        let diagnostics = try diagnose("title: Untitled\n")
        #expect(diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message)" } == [
            "1:1 E103 the plan has no `plan:` id",
            "1:1 E103 the plan has no `start:` date",
        ])
    }

    @Test func invalidIDSuggestsASpelling() throws {
        let diagnostics = try diagnose("plan: p\nstart: 2026-12-07\ntasks:\n  - { id: Risk Slippage!, duration: 1d }\n")
        #expect(positions(diagnostics) == ["plan.yaml:4:11 E106"])
        #expect(diagnostics.first?.help == "write 'risk-slippage'")
    }

    @Test func teamsAreCheckedOnlyOnceDeclared() throws {
        let undeclared = try diagnose("plan: p\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 1d, owner: anyone }\n")
        #expect(undeclared.isEmpty)
        let declared = try diagnose("""
        plan: p
        start: 2026-12-07
        teams: { risk: { name: Risk control } }
        tasks:
          - { id: a, duration: 1d, owner: risc, assign: [risk, ops] }
        gates:
          - { id: go, after: [a], approvers: [risk, legal] }
        """)
        #expect(positions(declared) == ["plan.yaml:5:35 E107", "plan.yaml:5:56 E107", "plan.yaml:7:11 W406", "plan.yaml:7:45 E107"])
    }

    @Test func childTasksInheritTheirSummarysOwner() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        tasks:
          - id: engine
            owner: core
            tasks:
              - { id: engine-core, duration: 15d }
          - { id: orphan, duration: 1d }
          - { id: done, milestone: true }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:8:11 W301"])
    }

    @Test func ruleSettingsChangeSeveritiesAndCannotSilenceSyntax() throws {
        let promoted = try diagnose("plan: p\nstart: 2026-12-07\nrules: { missing-owner: error }\ntasks:\n  - { id: a, duration: 1d }\n")
        #expect(promoted.map { "\($0.code) \($0.severity)" } == ["W301 error"])
        let silenced = try diagnose("plan: p\nstart: 2026-12-07\nrules: { W301: off }\ntasks:\n  - { id: a, duration: 1d }\n")
        #expect(silenced.isEmpty)
        let invalid = try diagnose("plan: p\nstart: 2026-12-07\nrules: { E100: off, W999: off, E104: maybe }\n")
        #expect(invalid.map { "\($0.line):\($0.column) \($0.code)" } == ["3:10 E113", "3:21 E113", "3:38 E102"])
    }

    @Test func holidaysRangesAndWorkdays() throws {
        let fixture = try PlanFixture("""
        plan: p
        start: 2026-12-07
        calendar:
          workdays: [sun, mon, tue, wed, thu]
          holidays:
            - 2026-12-25
            - { date: 2027-01-01, name: New Year }
            - { from: 2027-02-16, to: 2027-02-20, name: Lunar New Year }
            - { from: 2027-03-02, to: 2027-03-01 }
        """)
        defer { fixture.remove() }
        let compilation = fixture.compile()
        #expect(positions(fixture.relative(compilation.diagnostics)) == ["plan.yaml:9:31 E102"])
        let calendar = try #require(compilation.plan?.calendar)
        #expect(calendar.workdays?.value == [.monday, .tuesday, .wednesday, .thursday, .sunday])
        #expect(calendar.holidays.map { "\($0.from)..\($0.to) \($0.name ?? "-")" } == [
            "2026-12-25..2026-12-25 -", "2027-01-01..2027-01-01 New Year", "2027-02-16..2027-02-20 Lunar New Year",
        ])
    }

    @Test func gatesBecomeMilestonesAfterAllTasks() throws {
        let fixture = try PlanFixture(files: [
            ("plan.yaml", """
            plan: p
            start: 2026-12-07
            include: [more.yaml]
            gates:
              - id: go-live
                after: [a, b]
                criteria:
                  - { id: stability, metric: "stability.error_rate_pct <= 0.1" }
                  - { id: drills, done: [a] }
                  - { id: risks, no_open_risks: { min_score: 15 } }
                  - { id: risk-signoff, signoff: risk }
                waivers:
                  - { criterion: stability, approved_by: COO, reason: Known noise, expires: 2027-03-20 }
            tasks:
              - { id: a, duration: 1d, owner: x }
            """),
            ("more.yaml", "tasks:\n  - { id: b, duration: 2d, owner: x }\n"),
        ])
        defer { fixture.remove() }
        let compilation = fixture.compile()
        #expect(compilation.diagnostics.isEmpty, "\(positions(compilation.diagnostics))")
        let plan = try #require(compilation.plan)
        #expect(plan.tasks.map(\.id.value) == ["a", "b", "go-live"])
        #expect(plan.tasks[2].kind == .gate && plan.tasks[2].gate == 0 && plan.gates[0].task == 2)
        #expect(plan.gates[0].criteria.count == 4)
        guard case .metric(let condition) = plan.gates[0].criteria[0].kind else {
            Issue.record("expected a metric criterion")
            return
        }
        #expect(condition.value == MetricCondition(metric: "stability.error_rate_pct", comparison: .lessOrEqual, target: 0.1, targetText: "0.1"))
    }

    @Test func criterionNeedsExactlyOneKind() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        gates:
          - id: go
            criteria:
              - { id: both, metric: "a.b >= 1", signoff: risk }
              - { id: none }
              - { id: bad, metric: "error rate is low" }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:6:15 E103", "plan.yaml:7:15 E103", "plan.yaml:8:28 E102"])
    }

    @Test func metricsFlattenToDottedNames() throws {
        let fixture = try PlanFixture("plan: p\nstart: 2026-12-07\nmetrics:\n  stability: { error_rate_pct: 0.05, uptime: { pct: 99.99 } }\n  matching.p99_ms: 3\n")
        defer { fixture.remove() }
        let plan = try #require(fixture.compile().plan)
        #expect(plan.metrics.map { "\($0.name)=\($0.value)" } == ["stability.error_rate_pct=0.05", "stability.uptime.pct=99.99", "matching.p99_ms=3.0"])
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseSpellingsOnly() {
        #expect(Suggestion.closest(to: "risk-slipage", in: ["risk-slippage", "design"]) == "risk-slippage")
        #expect(Suggestion.closest(to: "deadine", in: PlanKitTaskKeys.all) == "deadline")
        #expect(Suggestion.closest(to: "tilte", in: ["title", "tags"]) == "title")  // a transposition
        #expect(Suggestion.closest(to: "b", in: ["a", "c"]) == nil)
        #expect(Suggestion.closest(to: "marketing", in: ["design", "engine"]) == nil)
    }
}

enum PlanKitTaskKeys {
    static let all = ["id", "title", "owner", "deadline", "duration", "after"]
}
