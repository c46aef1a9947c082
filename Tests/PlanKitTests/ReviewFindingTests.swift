import PlanKit
import PlanSyntax
import Testing

/// Cases a code review found: a cycle switched off in `rules:`, and partial three-point estimates.
@Suite struct ReviewFindingTests {
    @Test func aCycleCannotBeSwitchedOff() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        rules: { E201: off }
        tasks:
          - { id: design, duration: 5d, owner: x, after: [review] }
          - { id: review, duration: 2d, owner: x, after: [design] }
        """)
        // The setting is an error at its entry, and the cycle is still reported.
        #expect(positions(diagnostics) == ["plan.yaml:3:10 E113", "plan.yaml:5:51 E201"])
        #expect(diagnostics.first?.message == "E201 (dependency-cycle) cannot be reconfigured: the plan could not be compiled without fixing it")
    }

    @Test func aPartialEstimateNamesWhatIsMissing() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        tasks:
          - { id: a, owner: x, estimate: { low: 2d, likely: 3d } }
          - { id: b, owner: x, estimate: { likely: 3d } }
          - { id: c, owner: x, estimate: { low: 2d, likely: 3d, high: 5d } }
        """)
        // One error each, at the estimate; no second "has no duration" error.
        #expect(positions(diagnostics) == ["plan.yaml:4:34 E103", "plan.yaml:5:34 E103"])
        #expect(diagnostics.map(\.message) == [
            "an estimate needs low, likely and high: 'high' is missing",
            "an estimate needs low, likely and high: 'low' and 'high' are missing",
        ])
    }

    @Test func estimatePointsMustBeInOrder() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2026-12-07
        tasks:
          - { id: a, owner: x, estimate: { low: 5d, likely: 3d, high: 8d } }
          - { id: b, owner: x, estimate: { low: 1w, likely: 2w, high: 1w } }
          - { id: c, owner: x, estimate: { low: 3d, likely: 3d, high: 3d } }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:4:34 E102", "plan.yaml:5:34 E102"])
        #expect(diagnostics.first?.message == "an estimate needs low <= likely <= high, found 5d, 3d, 8d")
    }

    @Test func theLargestNegativeLagIsAnErrorNotACrash() throws {
        let diagnostics = try diagnose("""
        plan: p
        start: 2027-01-04
        tasks:
          - { id: a, duration: 1d, owner: p }
          - { id: c, duration: 1d, owner: p, after: [{ task: a, lag: -9223372036854775808 }] }
        events:
          - { id: e, date: 2027-02-01, requires: [a], lead: -9223372036854775808 }
        """)
        #expect(positions(diagnostics) == ["plan.yaml:5:62 E102", "plan.yaml:7:53 E102"])
    }

    @Test func aLongCycleShowsItsEndsOnly() throws {
        let ring = (0..<30).map { "  - { id: t\($0), duration: 1d, owner: x, after: [t\(($0 + 29) % 30)] }" }.joined(separator: "\n")
        let diagnostics = try diagnose("plan: p\nstart: 2027-01-04\ntasks:\n" + ring + "\n")
        #expect(positions(diagnostics) == ["plan.yaml:4:47 E201"])
        let cycle = try #require(diagnostics.first)
        #expect(cycle.notes.count == 20)
        #expect(cycle.message == "dependency cycle: t29 → t0 → t1 → t2 → t3 → t4 → t5 → t6 → t7 → t8 → t9 → … 10 more … → t20 → t21 → t22 → t23 → t24 → t25 → t26 → t27 → t28 → t29")
        #expect(cycle.help == "remove or reverse one of these 30 dependencies to break the cycle (the first and last 10 are shown, 10 more in between)")
    }

    @Test func onlyTheFirstUnknownReferencesGetADidYouMean() throws {
        // Each did-you-mean compares against every id; a hostile plan with tens of thousands of
        // unknown references would take minutes. The first 200 get one, the rest the general help.
        let tasks = (0..<201).map { "  - { id: t\($0), duration: 1d, owner: x, after: [launc] }" }.joined(separator: "\n")
        let diagnostics = try diagnose("plan: p\nstart: 2027-01-04\ntasks:\n  - { id: launch, milestone: true, owner: x }\n" + tasks + "\n")
        let helps = diagnostics.filter { $0.code == "E104" }.map(\.help)
        #expect(helps.count == 201)
        #expect(helps.prefix(200).allSatisfy { $0 == "did you mean 'launch'?" })
        #expect(helps.last == "define it, or check the spelling against the plan's ids")
    }
}
