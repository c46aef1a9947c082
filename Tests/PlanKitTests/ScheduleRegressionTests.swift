import PlanKit
import PlanSyntax
import Testing

/// Disagreements with DESIGN.md "Schedule semantics" that scripts/crosscheck.py found, each
/// pinned with exact dates, float and critical flags.
@Suite struct ScheduleRegressionTests {
    func summary(_ c: Compilation, _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        guard let entry = c.entry(id, sourceLocation: sourceLocation) else { return "?" }
        return "\(entry.start)..\(entry.finish) d=\(entry.duration) tf=\(entry.totalFloat) ff=\(entry.freeFloat) crit=\(entry.critical)"
    }

    // MARK: milestone-sf: an SF link dates a milestone on the working day before the predecessor's start, moved L

    @Test func startToFinishIntoAMilestone() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: x, duration: 2d }
          - { id: a, duration: 3d }
          - { id: m, milestone: true, after: [{ task: a, type: SF, lag: 1 }] }
          - { id: b, duration: 3d, after: [x] }
          - { id: n, milestone: true, after: [{ task: b, type: SF }] }
        """)
        #expect(c.span("a") == "2026-12-07..2026-12-09")
        // Friday 12-04 moved 1 working day.
        #expect(c.span("m") == "2026-12-07..2026-12-07")
        #expect(c.span("b") == "2026-12-09..2026-12-11")
        // The working day before Wednesday 12-09, lag 0.
        #expect(c.span("n") == "2026-12-08..2026-12-08")
        #expect(c.entry("n")?.totalFloat == 3)
    }
}
