import PlanKit
import PlanSyntax
import Testing

/// Disagreements with docs/language.md "Schedule semantics" that scripts/crosscheck.py found, each
/// pinned with exact dates, float and critical flags.
@Suite struct ScheduleRegressionTests {
    func summary(_ c: Compilation, _ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        guard let entry = c.entry(id, sourceLocation: sourceLocation) else { return "?" }
        return "\(entry.start)..\(entry.finish) d=\(entry.duration) tf=\(entry.totalFloat) ff=\(entry.freeFloat) crit=\(entry.critical)"
    }

    // MARK: summary-float: a summary's total float is the least total float of its unfinished parts

    @Test func summaryWithACriticalPartIsCritical() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - id: s
            tasks:
              - { id: a, duration: 1d }
          - { id: b, duration: 4d, after: [a] }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.entry("a")?.totalFloat == 0)
        #expect(summary(c, "s") == "2026-12-07..2026-12-07 d=1 tf=0 ff=0 crit=true")
    }

    @Test func summaryWhosePartMissesADeadlineHasItsNegativeFloat() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - id: s
            tasks:
              - { id: a, duration: 3d, deadline: 2026-12-07 }
          - { id: b, duration: 4d, after: [a] }
        """)
        #expect(c.entry("a")?.totalFloat == -2)
        #expect(c.entry("a")?.critical == true)
        #expect(summary(c, "s") == "2026-12-07..2026-12-09 d=3 tf=-2 ff=0 crit=true")
    }

    @Test func nestedSummaryTakesTheLeastFloatOfItsPartsAtAnyDepth() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - id: outer
            tasks:
              - { id: slack, duration: 1d }
              - id: inner
                tasks:
                  - { id: tight, duration: 2d }
          - { id: after-tight, duration: 3d, after: [tight] }
        """)
        #expect(c.entry("slack")?.totalFloat == 4)
        #expect(c.entry("tight")?.totalFloat == 0)
        #expect(c.entry("inner")?.totalFloat == 0)
        #expect(c.entry("inner")?.critical == true)
        #expect(c.entry("outer")?.totalFloat == 0)
        #expect(c.entry("outer")?.critical == true)
    }

    // MARK: elapsed-float: late dates of `Ned` tasks in calendar terms

    @Test func aLoneElapsedTaskIsCritical() {
        let c = compilePlan("""
        plan: t
        start: 2026-09-23
        tasks:
          - { id: t9, duration: 10ed }
        """)
        #expect(c.span("t9") == "2026-09-23..2026-10-02")
        #expect(c.entry("t9")?.totalFloat == 0)
        #expect(c.entry("t9")?.critical == true)
    }

    @Test func aMilestoneAfterAnElapsedSoakEndingOnANonWorkingDayIsReachedAtTheNextStart() {
        let c = compilePlan("""
        plan: t
        start: 2026-09-14
        calendar: { workdays: [mon, tue, wed, thu, fri, sat] }
        tasks:
          - { id: soak, duration: 7ed }
          - { id: m, milestone: true, after: [soak] }
        """)
        #expect(c.span("soak") == "2026-09-14..2026-09-20")
        // The soak ends on Sunday: the milestone is reached at the start of Monday 09-21, as in
        // MS Project (MPXJ's MS Project scheduler agrees), and work after it starts that day.
        #expect(c.span("m") == "2026-09-21..2026-09-21")
        #expect(c.schedule?[1].reachedAtStart == true)
        // Starting a day later it would end on Monday and move the milestone: no float.
        #expect(c.entry("soak")?.totalFloat == 0)
        #expect(c.entry("soak")?.critical == true)
        #expect(c.entry("m")?.totalFloat == 0)
    }

    @Test func elapsedSoakInASummaryFollowedByAMilestone() {
        let c = compilePlan("""
        plan: t
        start: 2026-09-14
        calendar: { workdays: [mon, tue, wed, thu, fri, sat] }
        tasks:
          - id: s
            tasks:
              - { id: soak, duration: 7ed }
          - { id: m, milestone: true, after: [s] }
        """)
        #expect(c.span("m") == "2026-09-21..2026-09-21")
        #expect(c.schedule?[2].reachedAtStart == true)
        #expect(c.entry("soak")?.totalFloat == 0)
        #expect(c.entry("s")?.totalFloat == 0)
    }

    // MARK: milestone-sf: an SF link drives a milestone by a start: it is reached at the start of
    // the predecessor's start moved L working days (docs/language.md: a milestone is a point in time)

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
        // The start of Monday 12-07 moved 1 working day.
        #expect(c.span("m") == "2026-12-08..2026-12-08")
        #expect(c.schedule?[2].reachedAtStart == true)
        #expect(c.span("b") == "2026-12-09..2026-12-11")
        // The start of Wednesday 12-09, lag 0.
        #expect(c.span("n") == "2026-12-09..2026-12-09")
        #expect(c.entry("n")?.totalFloat == 3)
    }

    // MARK: done-summary: done work is never critical

    @Test func summaryWhosePartsAreAllDoneIsNotCritical() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        as_of: 2026-12-09
        tasks:
          - id: s
            tasks:
              - { id: a, duration: 2d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-08 }
          - { id: b, duration: 3d, after: [s] }
        """)
        #expect(c.errors.isEmpty)
        #expect(summary(c, "s") == "2026-12-07..2026-12-08 d=2 tf=0 ff=0 crit=false")
        #expect(c.entry("b")?.critical == true)
    }

    // MARK: summary-span: a summary spans its parts, also when they ran out of sequence

    @Test func summaryWithOutOfSequencePartsSpansThemAndConstrainsItsSuccessorsByThem() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        as_of: 2026-12-11
        rules: { W301: off, W302: off }
        tasks:
          - { id: a, duration: 5d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-11 }
          - id: s
            after: [a]
            tasks:
              - { id: b, duration: 2d, status: done, actual_start: 2026-12-08, actual_finish: 2026-12-09 }
          - id: c
            duration: 5d
            status: in-progress
            actual_start: 2026-12-10
            progress: 80%
            after: [{ task: s, type: FF, lag: 2 }]
        """)
        #expect(summary(c, "s") == "2026-12-08..2026-12-09 d=2 tf=0 ff=0 crit=false")
        // FF lag 2 from the part's actual finish (Wednesday 12-09) allows Friday 12-11; the one
        // remaining day runs after the status date.
        #expect(c.span("c") == "2026-12-10..2026-12-14")
    }
}
