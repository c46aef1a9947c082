import PlanKit
import PlanSyntax
import Testing

/// Hand-checked schedules. December 2026 Mondays: 7, 14, 21, 28; January 2027: 4, 11, 18, 25.
@Suite struct SchedulerTests {
    @Test func everyLinkTypeWithLagsAndLeads() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: a, duration: 5d }
          - { id: fs, duration: 2d, after: [a] }
          - { id: fs-lag, duration: 2d, after: [{ task: a, lag: 2d }] }
          - { id: fs-lead, duration: 2d, after: [{ task: a, lag: -2d }] }
          - { id: ss, duration: 3d, after: [{ task: a, type: SS, lag: 2d }] }
          - { id: ss-week, duration: 1d, after: [{ task: a, type: SS, lag: 1w }] }
          - { id: ff, duration: 3d, after: [{ task: a, type: FF, lag: 1d }] }
          - { id: ff-lead, duration: 2d, after: [{ task: a, type: FF, lag: -1 }] }
          - { id: sf, duration: 2d, after: [{ task: a, type: SF, lag: 3d }] }
          - { id: lead-before-start, duration: 1d, after: [{ task: a, type: SS, lag: -3d }] }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("a") == "2026-12-07..2026-12-11")
        #expect(c.span("fs") == "2026-12-14..2026-12-15")
        #expect(c.span("fs-lag") == "2026-12-16..2026-12-17")
        #expect(c.span("fs-lead") == "2026-12-10..2026-12-11")
        #expect(c.span("ss") == "2026-12-09..2026-12-11")
        #expect(c.span("ss-week") == "2026-12-14..2026-12-14")
        // FF: finish no earlier than Friday + 1 working day, so Monday; 3 days back from it.
        #expect(c.span("ff") == "2026-12-10..2026-12-14")
        #expect(c.span("ff-lead") == "2026-12-09..2026-12-10")
        // SF: finish no earlier than (Friday 12-04, the working day before 12-07) + 3 = Wednesday.
        #expect(c.span("sf") == "2026-12-08..2026-12-09")
        // A lead never moves work before the plan's start.
        #expect(c.span("lead-before-start") == "2026-12-07..2026-12-07")
        #expect(c.entry("ff")?.duration == 3)
    }

    @Test func holidaysSingleAndRanges() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-21
        calendar:
          holidays:
            - 2026-12-25
            - { date: 2027-01-01, name: New Year }
            - { from: 2026-12-28, to: 2026-12-30, name: Year-end freeze }
            - { from: 2027-01-09, to: 2027-01-12 }
        tasks:
          - { id: a, duration: 5d }
          - { id: b, duration: 2d, after: [a] }
          - { id: c, duration: 2d, after: [b] }
        """)
        #expect(c.errors.isEmpty)
        // 21, 22, 23, 24, (25, 28-30 off), 31.
        #expect(c.span("a") == "2026-12-21..2026-12-31")
        #expect(c.entry("a")?.duration == 5)
        // Next working day after the 31st: the 1st is a holiday, so Monday the 4th.
        #expect(c.span("b") == "2027-01-04..2027-01-05")
        #expect(c.span("c") == "2027-01-06..2027-01-07")
    }

    @Test func holidayRangeOverWeekendAndTasksAcrossIt() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-07
        calendar:
          holidays:
            - { from: 2027-01-08, to: 2027-01-12 }
        tasks:
          - { id: a, duration: 3d }
        """)
        // Thu 7, (Fri 8, Mon 11, Tue 12 off), Wed 13, Thu 14.
        #expect(c.span("a") == "2027-01-07..2027-01-14")
    }

    @Test func sundayToThursdayWeek() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-11
        calendar:
          workdays: [sun, mon, tue, wed, thu]
        tasks:
          - { id: a, duration: 5d }
          - { id: b, duration: 1w, after: [a] }
          - { id: m, milestone: true, after: [b] }
          - { id: c, duration: 1d, after: [m] }
        """)
        #expect(c.errors.isEmpty)
        // Friday the 11th is off: work starts Sunday the 13th.
        #expect(c.span("a") == "2026-12-13..2026-12-17")
        #expect(c.span("b") == "2026-12-20..2026-12-24")
        #expect(c.span("m") == "2026-12-24..2026-12-24")
        #expect(c.span("c") == "2026-12-27..2026-12-27")
        #expect(c.schedule?.start == day("2026-12-13"))
        #expect(c.schedule?.finish == day("2026-12-27"))
    }

    @Test func elapsedDurationEndingOnAWeekend() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: soak, duration: 6ed }
          - { id: next, duration: 1d, after: [soak] }
          - { id: reached, milestone: true, after: [soak] }
          - { id: ff, duration: 3d, after: [{ task: soak, type: FF }] }
          - { id: short-soak, duration: 3ed, after: [next] }
          - { id: after-reached, duration: 1d, after: [reached] }
        """)
        #expect(c.errors.isEmpty)
        // Monday + 6 calendar days - 1 = Saturday; it spans 5 working days.
        #expect(c.span("soak") == "2026-12-07..2026-12-12")
        #expect(c.entry("soak")?.duration == 5)
        #expect(c.span("next") == "2026-12-14..2026-12-14")
        // Reached when the soak is over: the start of the next working day (as in MS Project),
        // so work after it starts that Monday, like work right after the soak.
        #expect(c.span("reached") == "2026-12-14..2026-12-14")
        #expect(c.span("after-reached") == "2026-12-14..2026-12-14")
        // FF: finishes no earlier than the soak, which ends on Saturday: so on Monday.
        #expect(c.span("ff") == "2026-12-10..2026-12-14")
        #expect(c.span("short-soak") == "2026-12-15..2026-12-17")
        // short-soak ends the plan, driven by next. The soak may start a day later and still end
        // over the weekend, before next starts on Monday: it has 1 day of float, so it is not on
        // the critical path though it drives next (one critical path: only critical tasks).
        #expect(c.entry("next")?.totalFloat == 0)
        #expect(c.entry("soak")?.totalFloat == 1)
        #expect(c.entry("soak")?.critical == false)
        #expect(c.ids(c.schedule?.criticalPath ?? []) == ["next", "short-soak"])
    }

    @Test func nestedSummariesWithTheirOwnAfter() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: design, duration: 5d }
          - id: engine
            after: [design]
            tasks:
              - { id: core, duration: 3d }
              - id: tuning
                not_before: 2026-12-16
                tasks:
                  - { id: perf, duration: 2d }
                  - { id: failover, duration: 2d, after: [perf] }
          - { id: qa, duration: 1d, after: [engine] }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("design") == "2026-12-07..2026-12-11")
        #expect(c.span("core") == "2026-12-14..2026-12-16")
        #expect(c.span("perf") == "2026-12-16..2026-12-17")
        #expect(c.span("failover") == "2026-12-18..2026-12-21")
        #expect(c.span("tuning") == "2026-12-16..2026-12-21")
        #expect(c.span("engine") == "2026-12-14..2026-12-21")
        #expect(c.span("qa") == "2026-12-22..2026-12-22")
        #expect(c.entry("engine")?.duration == 6)
        #expect(c.entry("core")?.totalFloat == 3)
        #expect(c.entry("core")?.freeFloat == 3)
        // Design may finish two days late: the engine's parts start on the 16th anyway.
        #expect(c.entry("design")?.totalFloat == 2)
        #expect(c.entry("design")?.critical == false)
        #expect(c.entry("perf")?.critical == true)
        #expect(c.ids(c.schedule?.criticalPath ?? []) == ["perf", "failover", "qa"])
    }

    @Test func milestonesWithAndWithoutPredecessors() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-05
        tasks:
          - { id: kickoff, milestone: true }
          - { id: a, duration: 2d, after: [kickoff] }
          - { id: m, milestone: true, after: [a] }
          - { id: b, duration: 1d, after: [m] }
          - { id: m2, milestone: true, after: [m] }
          - { id: c, duration: 1d, after: [{ task: m, type: SS }] }
        gates:
          - { id: go, after: [b] }
        """)
        #expect(c.errors.isEmpty)
        // Saturday start: the first working day is Monday the 7th.
        #expect(c.span("kickoff") == "2026-12-07..2026-12-07")
        // The kickoff is reached at the start of the plan's first day, and work after it starts then.
        #expect(c.schedule?[0].reachedAtStart == true)
        #expect(c.span("a") == "2026-12-07..2026-12-08")
        // A milestone after a finish is reached at the end of that day.
        #expect(c.span("m") == "2026-12-08..2026-12-08")
        #expect(c.schedule?[2].reachedAtStart == false)
        #expect(c.entry("m")?.duration == 0)
        #expect(c.span("b") == "2026-12-09..2026-12-09")
        #expect(c.span("m2") == "2026-12-08..2026-12-08")
        // m is reached at the end of its day: an SS successor starts the next day.
        #expect(c.span("c") == "2026-12-09..2026-12-09")
        #expect(c.span("go") == "2026-12-09..2026-12-09")
        #expect(c.ids(c.schedule?.criticalPath ?? []) == ["kickoff", "a", "m", "b", "go"])
    }

    @Test func deadlineGivesNegativeFloatAndE301() throws {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: design, duration: 5d }
          - { id: build, duration: 10d, after: [design] }
          - id: launch
            milestone: true
            after: [build]
            deadline: 2026-12-22
          - { id: docs, duration: 2d, after: [design] }
        """)
        #expect(c.span("build") == "2026-12-14..2026-12-25")
        #expect(c.span("launch") == "2026-12-25..2026-12-25")
        #expect(c.entry("launch")?.totalFloat == -3)
        #expect(c.entry("build")?.totalFloat == -3)
        #expect(c.entry("design")?.totalFloat == -3)
        #expect(c.entry("design")?.critical == true)
        #expect(c.entry("docs")?.totalFloat == 8)
        #expect(c.entry("docs")?.freeFloat == 8)
        let e301 = c.diagnostics.filter { $0.code == "E301" }
        try #require(e301.count == 1)
        #expect(e301[0].line == 9 && e301[0].column == 15)
        #expect(e301[0].severity == .error)
        #expect(e301[0].message == "milestone 'launch' misses its deadline 2026-12-22: forecast 2026-12-25, 3 working days late; driven by design → build → launch")
        #expect(e301[0].notes.map { "\($0.line):\($0.column)" } == ["5:41", "8:13"])
        #expect(c.schedule != nil)
    }

    @Test func deadlineOnATaskThatIsMet() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: design, duration: 5d, deadline: 2026-12-15 }
          - { id: build, duration: 2d, after: [design] }
        """)
        #expect(c.errors.isEmpty)
        // Plan finish Tuesday the 15th binds tighter than the deadline (also the 15th... of build).
        #expect(c.entry("design")?.totalFloat == 0)
        #expect(c.entry("build")?.totalFloat == 0)
    }

    @Test func notBeforeMovesToTheNextWorkingDay() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: a, duration: 1d }
          - { id: b, duration: 2d, after: [a], not_before: 2026-12-12 }
          - { id: m, milestone: true, not_before: 2026-12-19 }
        """)
        #expect(c.span("b") == "2026-12-14..2026-12-15")
        #expect(c.span("m") == "2026-12-21..2026-12-21")
        // The plan finishes with m at the start of the 21st: b may finish on the 18th (start on the
        // 17th), a finish on the 16th.
        #expect(c.entry("a")?.totalFloat == 7)
    }

    @Test func elapsedWorkInProgressRunsOnFromTheDayAfterTheStatusDate() {
        // A 10-calendar-day soak started Monday 01-04, half done on Friday 01-08: its remaining
        // 5 days run Saturday to Wednesday 01-13, the day it was always going to end. It is not
        // behind, and the launch after it does not move.
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        as_of: 2027-01-08
        tasks:
          - { id: soak, duration: 10ed, owner: qa, status: in-progress, actual_start: 2027-01-04, progress: 50% }
          - { id: launch, milestone: true, after: [soak], owner: qa, deadline: 2027-01-13 }
          - { id: short, duration: 3ed, owner: qa, status: in-progress, actual_start: 2027-01-07, progress: 67% }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("soak") == "2027-01-04..2027-01-13")
        #expect(c.span("launch") == "2027-01-13..2027-01-13")
        #expect(c.entry("launch")?.totalFloat == 0)
        // 3ed from Thursday at 67% on Friday: ceil(0.99) = 1 calendar day left, Saturday.
        #expect(c.span("short") == "2027-01-07..2027-01-09")
        #expect(!c.diagnostics.contains { $0.code == "W302" }, "\(c.diagnostics.map(\.message))")
    }

    @Test func aMilestoneHeldBackByTheStatusDateFallsAtTheStartOfTheNextWorkingDay() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        as_of: 2027-01-08
        rules: { W302: off }
        tasks:
          - { id: review, milestone: true, owner: pmo }
          - { id: work, duration: 2d, after: [review], owner: pmo }
        """)
        // Friday's status date: both the milestone and the work after it fall on Monday.
        #expect(c.span("review") == "2027-01-11..2027-01-11")
        #expect(c.schedule?[0].reachedAtStart == true)
        #expect(c.span("work") == "2027-01-11..2027-01-12")
        #expect(c.ids(c.schedule?.criticalPath ?? []) == ["review", "work"])
    }

    @Test func aSummaryHoldingBackAMilestonePassesOnTheKindOfItsLink() {
        // The summary waits (FS) for a, which ends on Tuesday: its opening milestone is reached at
        // the end of Tuesday, as the summary's link says (MS Project dates it there too), and the
        // work after it starts on Wednesday. Held back SS, it is reached at the start of a day.
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        tasks:
          - { id: a, duration: 2d, owner: x }
          - id: s
            after: [a]
            owner: x
            tasks:
              - { id: open, milestone: true }
              - { id: work, duration: 1d, after: [open] }
          - id: t
            after: [{ task: a, type: SS, lag: 1d }]
            owner: x
            tasks:
              - { id: kick, milestone: true }
        """)
        #expect(c.span("open") == "2027-01-05..2027-01-05")
        #expect(c.schedule?[2].reachedAtStart == false)
        #expect(c.span("work") == "2027-01-06..2027-01-06")
        #expect(c.span("kick") == "2027-01-05..2027-01-05")
        #expect(c.schedule?[5].reachedAtStart == true)
    }

    @Test func progressWithStatusDate() {
        let yaml = """
        plan: t
        start: 2026-12-07
        as_of: 2026-12-16
        tasks:
          - { id: done-a, duration: 5d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-14 }
          - { id: b, duration: 10d, after: [done-a], status: in-progress, actual_start: 2026-12-15, progress: 70% }
          - { id: c, duration: 2d, after: [done-a] }
          - { id: d, duration: 2d, after: [b] }
          - { id: m, milestone: true, after: [done-a], status: done, actual_finish: 2026-12-14 }
          - { id: e, duration: 1d, after: [{ task: b, type: FF, lag: 2d }] }
          - { id: f, duration: 3d, status: in-progress, actual_start: 2026-12-14, progress: 50% }
          - { id: g, duration: 4d, after: [{ task: f, type: FF, lag: 4d }], status: in-progress, actual_start: 2026-12-15, progress: 75% }
          - { id: later, milestone: true }
        """
        let c = compilePlan(yaml)
        #expect(c.errors.isEmpty)
        #expect(c.span("done-a") == "2026-12-07..2026-12-14")
        #expect(c.entry("done-a")?.progress == .done)
        #expect(c.entry("done-a")?.critical == false)
        #expect(c.entry("done-a")?.totalFloat == 0)
        // 10d at 70%: exactly 3 days left, from Thursday the 17th.
        #expect(c.span("b") == "2026-12-15..2026-12-21")
        #expect(c.entry("b")?.duration == 5)
        // g ends the plan on the 24th; d and e, after b, end on the 23rd.
        #expect(c.entry("b")?.totalFloat == 1)
        #expect(c.entry("b")?.critical == false)
        #expect(c.entry("d")?.freeFloat == 1)
        // Not started: after the status date, though done-a finished on the 14th.
        #expect(c.span("c") == "2026-12-17..2026-12-18")
        #expect(c.entry("c")?.readyDate == day("2026-12-15"))
        #expect(c.span("d") == "2026-12-22..2026-12-23")
        #expect(c.span("m") == "2026-12-14..2026-12-14")
        #expect(c.span("e") == "2026-12-23..2026-12-23")
        // 3d at 50%: ceil(1.5) = 2 days left.
        #expect(c.span("f") == "2026-12-14..2026-12-18")
        // 4d at 75% leaves 1 day, but FF f + 4 holds its finish to Thursday the 24th.
        #expect(c.span("g") == "2026-12-15..2026-12-24")
        #expect(c.entry("g")?.totalFloat == 0)
        #expect(c.entry("f")?.totalFloat == 0)
        #expect(c.entry("f")?.critical == true)
        #expect(c.ids(c.schedule?.criticalPath ?? []) == ["f", "g"])
        // A milestone with nothing before it, not done: after the status date.
        #expect(c.span("later") == "2026-12-17..2026-12-17")

        let moved = compilePlan(yaml, asOf: day("2026-12-21"))
        #expect(moved.schedule?.statusDate == day("2026-12-21"))
        #expect(moved.span("c") == "2026-12-22..2026-12-23")
        // 3 days left from the 22nd.
        #expect(moved.span("b") == "2026-12-15..2026-12-24")
    }

    @Test func withoutStatusDateProgressIsIgnored() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: a, duration: 5d, status: in-progress, actual_start: 2026-12-07, progress: 50% }
          - { id: b, duration: 2d, after: [a] }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.entry("a")?.progress == .planned)
        #expect(c.span("a") == "2026-12-07..2026-12-11")
        #expect(c.span("b") == "2026-12-14..2026-12-15")
    }

    @Test func estimateOnlyTaskUsesLikely() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: sizing, estimate: { low: 2d, likely: 3d, high: 6d } }
          - { id: weeks, duration: 2w, after: [sizing] }
        """)
        #expect(c.span("sizing") == "2026-12-07..2026-12-09")
        #expect(c.span("weeks") == "2026-12-10..2026-12-23")
        #expect(c.entry("weeks")?.duration == 10)
    }

    @Test func dependencyOnASummaryWaitsForAllItsParts() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - id: build
            tasks:
              - { id: short, duration: 1d }
              - { id: long, duration: 4d }
          - { id: ship, duration: 1d, after: [build] }
          - { id: docs, duration: 1d, after: [{ task: build, type: SS, lag: 1d }] }
        """)
        #expect(c.span("build") == "2026-12-07..2026-12-10")
        #expect(c.span("ship") == "2026-12-11..2026-12-11")
        #expect(c.span("docs") == "2026-12-08..2026-12-08")
        #expect(c.entry("short")?.totalFloat == 3)
        #expect(c.entry("short")?.freeFloat == 3)
        #expect(c.ids(c.schedule?.criticalPath ?? []) == ["long", "ship"])
    }

    @Test func finishToFinishIntoAStartedTaskStretchesItsRemainingWork() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: a, duration: 3d, after: [{ task: b, type: SS }] }
          - { id: b, duration: 2d, after: [{ task: a, type: FF }] }
        """)
        // SS one way and FF the other: b starts first; a waits for b's start, b's finish for a's.
        #expect(c.errors.isEmpty)
        #expect(c.span("b") == "2026-12-07..2026-12-09")
        #expect(c.span("a") == "2026-12-07..2026-12-09")
    }
}
