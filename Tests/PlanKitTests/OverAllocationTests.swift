import Foundation
import PlanKit
import PlanSyntax
import Testing

/// W501 (with its notes and each kind of fix), E502, E503 and the bad resource input the loader
/// refuses: exact codes, lines, columns and messages.
@Suite struct OverAllocationTests {
    func found(_ c: Compilation, _ code: String) -> [String] {
        c.diagnostics.filter { $0.code == code }.map { "\($0.line):\($0.column) \($0.message)" }
    }

    func helps(_ c: Compilation, _ code: String) -> [String] {
        c.diagnostics.filter { $0.code == code }.map { $0.help ?? "" }
    }

    func notes(_ c: Compilation, _ code: String) -> [[String]] {
        c.diagnostics.filter { $0.code == code }.map { $0.notes.map { "\($0.line):\($0.column) \($0.message)" } }
    }

    func compile(_ yaml: String, level: Bool?) -> Compilation {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planc-overload-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.yaml").path
        try! Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return Compiler.compile(path: path, resources: ResourceOptions(level: level))
    }

    static let parallelTests = """
    plan: t
    start: 2027-02-01
    teams:
      qa: { capacity: 2 }
      risk: { capacity: 3 }
    tasks:
      - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }
      - { id: regression, duration: 10d, assign: [qa] }
      - { id: soak, duration: 3d, assign: [qa] }
      - { id: stress, duration: 20d, assign: [risk] }
      - { id: launch, milestone: true, after: [regression, stress, perf-test, soak] }
    """

    @Test func moveWithinFreeFloatThatFitsWhereItLands() {
        let c = compilePlan(Self.parallelTests)
        #expect(found(c, "W501") == ["4:19 team 'qa' is over capacity 2027-02-01 – 2027-02-05 (5 working days): 4 people needed, 2 available"])
        #expect(notes(c, "W501") == [[
            "7:11 'perf-test' uses 2 of qa 2027-02-01 – 2027-02-05",
            "8:11 'regression' uses 1 of qa 2027-02-01 – 2027-02-05",
            "9:11 'soak' uses 1 of qa 2027-02-01 – 2027-02-03",
        ]])
        // Moving perf-test alone would clear the week but overload the next one (2 + regression's
        // 1); regression and soak together fit after it.
        #expect(helps(c, "W501") == ["delay 'regression' 5 working days: it has 10 of free float; delay 'soak' 5 working days: it has 17 of free float"])
        #expect(c.diagnostics.first { $0.code == "W501" }?.severity == .warning)
    }

    @Test func singleMoveWhenOneTaskSuffices() {
        let c = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 1 }
        tasks:
          - { id: regression, duration: 10d, assign: [qa] }
          - { id: smoke, duration: 2d, assign: [qa], not_before: 2027-02-03 }
          - { id: launch, milestone: true, after: [regression, smoke] }
        """)
        #expect(found(c, "W501") == ["4:19 team 'qa' is over capacity 2027-02-03 – 2027-02-04 (2 working days): 2 people needed, 1 available"])
        // Past the overload, smoke would meet regression again (it runs to the 12th): no move fits.
        #expect(helps(c, "W501") == ["qa needs 2 people 2027-02-03 – 2027-02-04; it has 1: `--capacity qa=2` would remove this over-allocation"])
        let fits = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 1 }
          ops: {}
        tasks:
          - { id: regression, duration: 4d, assign: [qa] }
          - { id: smoke, duration: 2d, assign: [qa], not_before: 2027-02-03 }
          - { id: runbook, duration: 10d, owner: ops }
          - { id: launch, milestone: true, after: [regression, smoke, runbook] }
        """)
        #expect(helps(fits, "W501") == ["delay 'smoke' 2 working days: it has 6 of free float"])
    }

    @Test func capacityWhenNothingCanMoveCountingPeopleAway() {
        let c = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          qa:
            capacity: 2
            absences:
              - { from: 2027-02-04, to: 2027-02-05, units: 1, name: conference }
        tasks:
          - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }
          - { id: regression, duration: 5d, assign: [qa] }
          - { id: launch, milestone: true, after: [perf-test, regression] }
        """)
        #expect(found(c, "W501") == ["5:15 team 'qa' is over capacity 2027-02-01 – 2027-02-05 (5 working days): 3 people needed, 2 available"])
        // Thursday and Friday one person is away: 3 needed + 1 away.
        #expect(helps(c, "W501") == ["qa needs 4 people 2027-02-01 – 2027-02-05; it has 2: `--capacity qa=4` would remove this over-allocation"])
    }

    @Test func levellingWhenTheWholeTeamIsAway() {
        let c = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          qa:
            capacity: 2
            absences:
              - { from: 2027-02-03, to: 2027-02-03, name: offsite }
        tasks:
          - { id: regression, duration: 5d, assign: [qa] }
        """)
        #expect(found(c, "W501") == ["5:15 team 'qa' is over capacity on 2027-02-03 (1 working day): 1 person needed, 0 available"])
        #expect(notes(c, "W501") == [["9:11 'regression' uses 1 of qa on 2027-02-03"]])
        #expect(helps(c, "W501") == ["level the plan (`level: true` or `--level`)"])
    }

    @Test func oneWarningPerRunPerTeamAndConfigurable() {
        let c = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 1 }
          risk: { capacity: 1 }
        tasks:
          - { id: a, duration: 2d, assign: [qa, risk] }
          - { id: b, duration: 2d, assign: [qa] }
          - { id: c, duration: 1d, assign: [qa], not_before: 2027-02-04 }
          - { id: d, duration: 1d, assign: [qa], not_before: 2027-02-04 }
          - { id: e, duration: 1d, assign: [risk] }
        """)
        #expect(found(c, "W501") == [
            "4:19 team 'qa' is over capacity 2027-02-01 – 2027-02-02 (2 working days): 2 people needed, 1 available",
            "4:19 team 'qa' is over capacity on 2027-02-04 (1 working day): 2 people needed, 1 available",
            "5:21 team 'risk' is over capacity on 2027-02-01 (1 working day): 2 people needed, 1 available",
        ])
        let off = compilePlan("plan: t\nstart: 2027-02-01\nrules:\n  over-allocation: off\nteams:\n  qa: { capacity: 1 }\ntasks:\n  - { id: a, duration: 2d, assign: [qa] }\n  - { id: b, duration: 2d, assign: [qa] }\n")
        #expect(found(off, "W501") == [])
        let asError = compilePlan("plan: t\nstart: 2027-02-01\nrules:\n  W501: error\nteams:\n  qa: { capacity: 1 }\ntasks:\n  - { id: a, duration: 2d, assign: [qa] }\n  - { id: b, duration: 2d, assign: [qa] }\n")
        #expect(asError.diagnostics.filter { $0.code == "W501" }.map(\.severity) == [.error])
    }

    @Test func externalAndUncappedTeamsAreNeverOverAllocated() {
        let c = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          vendor: { capacity: 1, external: true }
          ops: {}
        tasks:
          - { id: a, duration: 2d, assign: [{ team: vendor, units: 5 }, { team: ops, units: 5 }] }
        """)
        #expect(found(c, "W501") == [])
    }

    /// plans/exchange-listing.yaml: QA and operations over capacity as planned; the levelled
    /// schedule keeps every team within capacity by the load's own count.
    @Test func theExamplePlanConflictsUntilLevelled() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("plans/exchange-listing.yaml").path
        let planned = Compiler.compile(path: path)
        #expect(planned.errorCount == 0)
        #expect(planned.diagnostics.filter { $0.code == "W501" }.map { "\($0.line):\($0.column) \($0.help ?? "")" } == [
            "24:15 qa needs 5 people 2027-02-18 – 2027-02-24; it has 2: `--capacity qa=5` would remove this over-allocation",
            "32:42 delay 'ops-runbook' 3 working days: it has 4 of free float",
        ])
        let load = try #require(planned.load)
        #expect(load.teams.filter { !$0.overloads.isEmpty }.map(\.id) == ["qa", "ops"])
        let levelled = Compiler.compile(path: path, resources: ResourceOptions(level: true))
        #expect(levelled.errorCount == 0)
        #expect(try #require(levelled.load).isOverAllocated == false)
        #expect(levelled.diagnostics.filter { $0.code == "W501" }.isEmpty)
        let whatIf = Compiler.compile(path: path, resources: ResourceOptions(capacity: [("qa", 5)]))
        #expect(whatIf.diagnostics.filter { $0.code == "W501" }.map(\.line) == [32])
    }

    @Test func demandExceedsCapacityOnlyWhenLevelled() {
        let yaml = """
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 2 }
          risk: { capacity: 1 }
        tasks:
          - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 3 }] }
          - { id: stress, duration: 4d, effort: 10d, assign: [qa, risk] }
          - { id: review, duration: 2d, assign: [risk] }
        """
        let levelled = compile(yaml, level: true)
        #expect(found(levelled, "E502") == [
            "7:64 task 'perf-test' needs 3 of qa, which has 2: it can never be levelled within capacity",
            "8:41 task 'stress' needs 1.25 of risk (effort 10d over 4 working days), which has 1: it can never be levelled within capacity",
        ])
        #expect(helps(levelled, "E502") == [
            "lower `units` to at most 2, or raise the team's `capacity`",
            "lengthen the task so effort ÷ duration is at most 1, or raise the team's `capacity`",
        ])
        // An error: nothing is scheduled, so the leveller is never asked to place it.
        #expect(levelled.schedule == nil)
        #expect(found(compile(yaml, level: nil), "E502") == [])
        // Started work is where it is: the leveller never places it.
        let started = yaml.replacingOccurrences(of: "units: 3 }] }", with: "units: 3 }], status: in-progress, actual_start: 2027-02-01 }")
        #expect(found(compile("as_of: 2027-02-02\n" + started, level: true), "E502").count == 1)
        #expect(found(compile("level: true\n" + yaml, level: false), "E502") == [])
        #expect(found(compile("level: true\n" + yaml, level: nil), "E502").count == 2)
    }

    @Test func absenceBeforeThePlanStarts() {
        let c = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          qa:
            capacity: 2
            absences:
              - { from: 2026-02-01, to: 2026-02-05, name: offsite }
              - { from: 2027-01-25, to: 2027-02-01, units: 1 }
              - { from: 2026-12-21, to: 2027-01-29, units: 1 }
        tasks:
          - { id: regression, duration: 5d, assign: [qa] }
        """)
        #expect(found(c, "E503") == [
            "7:9 absence 'offsite' of team 'qa' ends 2026-02-05, before the plan starts 2027-02-01: it lowers no capacity",
            "9:9 an absence of team 'qa' ends 2027-01-29, before the plan starts 2027-02-01: it lowers no capacity",
        ])
    }

    @Test func badResourceInputIsAnErrorAtTheValue() {
        let c = compilePlan("""
        plan: t
        start: 2027-02-01
        teams:
          qa: { capacity: 0 }
          risk: { capacity: 2, workdays: [] }
          ops: { capacity: -1 }
        tasks:
          - { id: a, duration: 5d, assign: [{ team: risk, units: 0 }] }
          - { id: b, duration: 5d, assign: [{ team: risk, units: -2 }] }
        """)
        #expect(c.diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message)" } == [
            "4:19 E102 capacity (people) must be from 1 to 100000, found 0",
            "5:34 E102 a calendar needs at least one working day",
            "6:20 E102 capacity (people) must be from 1 to 100000, found -1",
            "8:58 E102 units must be above 0, found 0",
            "9:58 E102 units must be above 0, found -2",
        ])
    }

    /// A run with many tasks names the largest ten and counts the rest, so one warning stays a
    /// few lines long in a CI log.
    @Test func manyContributingTasksAreCappedAtTen() {
        var yaml = "plan: t\nstart: 2027-02-01\nteams:\n  qa: { capacity: 1 }\ntasks:\n"
        for number in 0..<14 { yaml += "  - { id: t\(number), duration: 2d, assign: [{ team: qa, units: \(number == 13 ? 3 : 1) }] }\n" }
        let c = compile(yaml, level: nil)
        let shown = notes(c, "W501")
        #expect(shown.count == 1)
        #expect(shown.first?.count == 11)
        // The 3-person task is among the ten; plan order otherwise.
        #expect(shown.first?.first == "6:11 't0' uses 1 of qa 2027-02-01 – 2027-02-02")
        #expect(shown.first?[9] == "19:11 't13' uses 3 of qa 2027-02-01 – 2027-02-02")
        #expect(shown.first?.last == "4:19 and 4 more tasks use qa in this period (`planc schedule --format csv --load` lists the load)")
    }
}
