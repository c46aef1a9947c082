import Foundation
import PlanKit
import PlanSyntax
import Testing

/// Portfolios: cross-plan links honoured to the day (across calendars), shared capacity counted
/// across plans, and each kind of bad input located.
@Suite struct PortfolioTests {
    func compile(_ files: [(String, String)]) throws -> (PlanFixture, PortfolioCompilation) {
        let fixture = try PlanFixture(files: files)
        return (fixture, PortfolioCompiler.compile(path: fixture.root))
    }

    func entry(_ compilation: PortfolioCompilation, plan: String, task: String) throws -> Schedule.Entry {
        let member = try #require(compilation.members.first { $0.plan?.id?.value == plan })
        let schedule = try #require(member.schedule)
        let index = try #require(member.network?.taskIndex(task))
        return schedule[index]
    }

    static let portfolio = "portfolio: pmo\nplans: [\"*.yaml\"]\nteams:\n  qa: { capacity: 2 }\n"

    @Test func crossPlanLinkWaitsForTheOtherPlanToTheDayWithTheLagInTheSuccessorsCalendar() throws {
        // options works Sunday to Thursday; go-live falls on Thursday 2027-01-14 (end of day).
        // campaign works Monday to Friday: FS+2d is Friday 15th + 2 of its working days → Tuesday 19th.
        let (fixture, compilation) = try compile([
            ("pmo.yaml", Self.portfolio),
            ("options.yaml", "plan: options\nstart: 2027-01-03\ncalendar: { workdays: [sun, mon, tue, wed, thu] }\ntasks:\n  - { id: build, duration: 10d, owner: qa }\n  - { id: go-live, milestone: true, after: [build] }\n"),
            ("campaign.yaml", "plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: prep, duration: 2d }\n  - { id: launch, duration: 3d, after: [prep, { task: options:go-live, lag: 2d }] }\n  - { id: briefing, duration: 1d, after: [options:go-live] }\n  - { id: mirror, duration: 1d, after: [{ task: options:build, type: SS }] }\n"),
        ])
        defer { fixture.remove() }
        #expect(compilation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(compilation.diagnostics.map(\.message))")
        #expect(try entry(compilation, plan: "options", task: "go-live").finish == Day(iso: "2027-01-14"))
        #expect(try entry(compilation, plan: "campaign", task: "briefing").start == Day(iso: "2027-01-15"))
        #expect(try entry(compilation, plan: "campaign", task: "launch").start == Day(iso: "2027-01-19"))
        // SS from a task starting on Sunday 3rd: the first of campaign's working days at or after it.
        #expect(try entry(compilation, plan: "campaign", task: "mirror").start == Day(iso: "2027-01-04"))
        #expect(!compilation.diagnostics.contains { $0.code == "W601" })
    }

    @Test func plansAreScheduledInDependencyOrderWhateverTheirNames() throws {
        // a waits for b, b for c: each link sees the final dates of the plan before it.
        let (fixture, compilation) = try compile([
            ("pmo.yaml", "portfolio: pmo\nplans: [a.yaml, b.yaml, c.yaml]\n"),
            ("a.yaml", "plan: a\nstart: 2027-01-04\ntasks:\n  - { id: x, duration: 1d, after: [b:y] }\n"),
            ("b.yaml", "plan: b\nstart: 2027-01-04\ntasks:\n  - { id: y, duration: 1d, after: [c:z] }\n  - { id: w, duration: 1d }\n"),
            ("c.yaml", "plan: c\nstart: 2027-01-04\ntasks:\n  - { id: z, duration: 5d, after: [b:w] }\n"),
        ])
        defer { fixture.remove() }
        #expect(compilation.diagnostics.filter { $0.severity == .error }.isEmpty)
        // w Mon 4th; z Tue 5th – Mon 11th; y Tue 12th; x Wed 13th.
        #expect(try entry(compilation, plan: "c", task: "z").start == Day(iso: "2027-01-05"))
        #expect(try entry(compilation, plan: "b", task: "y").start == Day(iso: "2027-01-12"))
        #expect(try entry(compilation, plan: "a", task: "x").start == Day(iso: "2027-01-13"))
    }

    @Test func sharedCapacityIsCountedAcrossPlansAndNamesThePlans() throws {
        let (fixture, compilation) = try compile([
            ("pmo.yaml", Self.portfolio),
            ("one.yaml", "plan: one\nstart: 2027-01-04\ntasks:\n  - { id: soak, duration: 5d, assign: [{ team: qa, units: 2 }] }\n"),
            ("two.yaml", "plan: two\nstart: 2027-01-06\ntasks:\n  - { id: check, duration: 2d, owner: qa }\n"),
        ])
        defer { fixture.remove() }
        let warnings = fixture.relative(compilation.diagnostics).filter { $0.code == "W501" }
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.file == "pmo.yaml" && warning.line == 4 && warning.column == 19)
        #expect(warning.message == "shared team 'qa' is over capacity 2027-01-06 – 2027-01-07 (2 working days) across plans one, two: 3 people needed, 2 available")
        #expect(warning.notes.map(\.file) == ["one.yaml", "two.yaml"])
        #expect(warning.notes.map(\.message) == ["'soak' of plan 'one' uses 2 of qa 2027-01-06 – 2027-01-07",
                                                  "'check' of plan 'two' uses 1 of qa 2027-01-06 – 2027-01-07"])
        // Neither plan alone is over: no per-plan W501 besides.
        #expect(compilation.members.allSatisfy { !$0.diagnostics.contains { $0.code == "W501" } })
    }

    @Test(arguments: [(100, 900), (900, 100)])
    func levelledTogetherTheHigherPriorityPlanIsServedFirst(priorities: (Int, Int)) throws {
        let (fixture, compilation) = try compile([
            ("pmo.yaml", "portfolio: pmo\nplans: [\"*.yaml\"]\nlevel: true\nteams:\n  qa: { capacity: 1 }\n"),
            ("a.yaml", "plan: a\npriority: \(priorities.0)\nstart: 2027-01-04\ntasks:\n  - { id: x, duration: 5d, owner: qa }\n"),
            ("b.yaml", "plan: b\npriority: \(priorities.1)\nstart: 2027-01-04\ntasks:\n  - { id: y, duration: 5d, owner: qa }\n"),
        ])
        defer { fixture.remove() }
        let first = Day(iso: "2027-01-04"), second = Day(iso: "2027-01-11")
        let aFirst = priorities.0 > priorities.1
        #expect(try entry(compilation, plan: "a", task: "x").start == (aFirst ? first : second))
        #expect(try entry(compilation, plan: "b", task: "y").start == (aFirst ? second : first))
        #expect(compilation.overloads.isEmpty)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.map(\.message))")
    }

    @Test func aMemberAloneTakesTheSharedTeamsAndSaysTheLinkWasNotChecked() throws {
        let fixture = try PlanFixture(files: [
            ("pmo.yaml", Self.portfolio),
            ("options.yaml", "plan: options\nstart: 2027-01-04\ntasks:\n  - { id: go-live, milestone: true }\n"),
            ("campaign.yaml", "plan: campaign\nstart: 2027-01-04\nteams:\n  growth: {}\ntasks:\n  - { id: launch, duration: 3d, owner: qa, after: [options:go-live] }\n"),
        ])
        defer { fixture.remove() }
        let compilation = Compiler.compile(path: fixture.directory + "/campaign.yaml")
        let diagnostics = fixture.relative(compilation.diagnostics)
        #expect(diagnostics.map(\.code) == ["W601"])
        #expect(diagnostics.first?.line == 6 && diagnostics.first?.column == 52)
        #expect(diagnostics.first?.help == "compile with --portfolio \(fixture.directory)/pmo.yaml (or run `planc check \(fixture.directory)/pmo.yaml`) to wait for that plan's dates")
        #expect(compilation.schedule != nil)
    }

    @Test func badPlansEntriesAreEachLocated() throws {
        let plan = "plan: options\nstart: 2027-01-04\ntasks:\n  - { id: a, duration: 1d }\n"
        let (fixture, compilation) = try compile([
            ("pmo.yaml", "portfolio: pmo\nplans:\n  - options.yaml\n  - options.yaml\n  - pmo.yaml\n  - ../x.yaml\n  - /etc/plan.yaml\n  - none/*.yaml\n  - optoins.yaml\n  - link.yaml\n"),
            ("options.yaml", plan),
        ])
        defer { fixture.remove() }
        let outside = NSTemporaryDirectory() + "planc-outside-" + UUID().uuidString + ".yaml"
        try plan.write(toFile: outside, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: fixture.directory + "/link.yaml", withDestinationPath: outside)
        let again = fixture.relative(PortfolioCompiler.compile(path: fixture.root).diagnostics).filter { $0.file == "pmo.yaml" }
        _ = compilation
        #expect(again.map { "\($0.line):\($0.code)" } == ["4:E603", "5:E603", "6:E602", "7:E602", "8:E601", "9:E601", "10:E602"])
        #expect(again.first { $0.line == 9 }?.help == "did you mean 'options.yaml'?")
    }

    @Test func crossPlanLinksToUnknownPlansAndIdsSuggestTheClosest() throws {
        let (fixture, compilation) = try compile([
            ("pmo.yaml", Self.portfolio),
            ("options.yaml", "plan: options\nstart: 2027-01-04\ntasks:\n  - { id: go-live, milestone: true }\n"),
            ("campaign.yaml", "plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: a, duration: 1d, after: [option:go-live] }\n  - { id: b, duration: 1d, after: [options:golive] }\n"),
        ])
        defer { fixture.remove() }
        let errors = fixture.relative(compilation.diagnostics).filter { $0.severity == .error }
        #expect(errors.map { "\($0.file):\($0.line):\($0.column) \($0.code)" } == ["campaign.yaml:4:36 E605", "campaign.yaml:5:36 E606"])
        #expect(errors.map(\.help) == ["did you mean 'options'?", "did you mean 'options:go-live'?"])
    }

    /// options' go-live is scheduled 2027-01-15 but its build may take up to 30 days; campaign's
    /// launch waits for it with 5 working days to its deadline: the slack alone is not thin, the
    /// forecast's P80 of go-live (about 11 working days later) is past it.
    func linkPage(estimate: String) throws -> PortfolioPage {
        let (fixture, compilation) = try compile([
            ("pmo.yaml", "portfolio: pmo\nplans: [\"*.yaml\"]\n"),
            ("options.yaml", "plan: options\nstart: 2027-01-04\nforecast: { iterations: 1000, seed: 3 }\ntasks:\n  - { id: build, duration: 10d\(estimate) }\n  - { id: go-live, milestone: true, after: [build] }\n"),
            ("campaign.yaml", "plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: launch, duration: 1d, after: [options:go-live], deadline: 2027-01-25 }\n"),
        ])
        defer { fixture.remove() }
        #expect(compilation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(compilation.diagnostics.map(\.message))")
        return PortfolioPage.build(compilation)
    }

    @Test func aCrossPlanLinkIsAtRiskWhenThePredecessorsP80IsPastItsSlack() throws {
        let page = try linkPage(estimate: ", estimate: { low: 10d, likely: 10d, high: 30d }")
        let link = try #require(page.links.first)
        #expect(link.slack == 5 && link.predecessorFinish == Day(iso: "2027-01-15"))
        // Triangular(10, 10, 30): 1 − (30 − x)²/400 = 0.8 at x = 30 − √80 ≈ 21.1 days, 11 past the
        // scheduled 10 (1,000 draws: ±2).
        let slip = try #require(link.p80Slip)
        #expect((9...13).contains(slip), "P80 slip \(slip)")
        var p80 = Day(iso: "2027-01-15")!, left = slip
        while left > 0 { p80 = p80.adding(days: 1); if p80.weekday != .saturday && p80.weekday != .sunday { left -= 1 } }
        #expect(link.predecessorP80 == p80)
        #expect(link.atRisk && link.p80Hits)
        #expect(page.health == .amber)
        #expect(page.healthReasons.contains("1 cross-plan link whose predecessor's P80 is past the slack"))
    }

    @Test func withoutUncertaintyUpstreamTheLinkHasNoP80AndAmpleSlackIsNotAtRisk() throws {
        let page = try linkPage(estimate: "")
        let link = try #require(page.links.first)
        #expect(link.predecessorP80 == nil && link.p80Slip == nil)
        #expect(!link.atRisk && page.health == .green)
    }
}
