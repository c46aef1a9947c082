import PlanKit
import PlanSyntax
import Testing

/// Team calendars in the schedule (DESIGN.md "Team calendars"): a leaf task works on the days
/// every team it uses works; its duration, the lags into it and its float count those days;
/// milestones and summaries keep the plan's calendar. January 2027: Mondays 4, 11, 18, 25;
/// Saturdays 2, 9, 16.
@Suite struct TeamCalendarTests {
    @Test func aTeamWorkingMondayToThursday() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          dev: { name: Development }
          qa: { name: QA, workdays: [mon, tue, wed, thu] }
        tasks:
          - { id: build, owner: dev, duration: 3d }
          - { id: test, owner: qa, duration: 3d, after: [build] }
          - { id: soak-week, owner: qa, duration: 1w, after: [build] }
          - { id: release, owner: dev, duration: 1d, after: [test] }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("build") == "2027-01-04..2027-01-06")
        // Thursday, then Friday is not a QA day: Monday and Tuesday.
        #expect(c.span("test") == "2027-01-07..2027-01-12")
        #expect(c.entry("test")?.duration == 3)
        // A week of a four-day team is four of its days.
        #expect(c.span("soak-week") == "2027-01-07..2027-01-13")
        #expect(c.entry("soak-week")?.duration == 4)
        #expect(c.span("release") == "2027-01-13..2027-01-13")
    }

    @Test func aTeamWorkingSaturdaysAndTheMilestoneAfterIt() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          ops: { name: Operations, workdays: [mon, tue, wed, thu, fri, sat] }
        tasks:
          - { id: deploy, owner: ops, duration: 6d }
          - { id: live, milestone: true, after: [deploy] }
          - { id: announce, duration: 1d, after: [live] }
          - { id: watch, owner: ops, duration: 1d, after: [live] }
          - { id: docs, duration: 6d }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("deploy") == "2027-01-04..2027-01-09")
        // At the end of Saturday, the day the work finished.
        #expect(c.span("live") == "2027-01-09..2027-01-09")
        #expect(c.entry("live")?.reachedAtStart == false)
        // The plan's calendar does not work Saturday or Sunday; Operations does not work Sunday.
        #expect(c.span("announce") == "2027-01-11..2027-01-11")
        #expect(c.span("watch") == "2027-01-11..2027-01-11")
        // Work on the plan's calendar still skips Saturday.
        #expect(c.span("docs") == "2027-01-04..2027-01-11")
        #expect(c.schedule?.finish == day("2027-01-11"))
    }

    @Test func teamHolidaysAddToThePlans() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        calendar:
          holidays: [2027-01-05]
        teams:
          qa: { name: QA, holidays: [2027-01-07, { from: 2027-01-11, to: 2027-01-12 }] }
        tasks:
          - { id: test, owner: qa, duration: 4d }
          - { id: docs, duration: 4d }
        """)
        #expect(c.errors.isEmpty)
        // 4, (5 plan holiday), 6, (7 QA holiday), 8, (11-12 QA holidays), 13.
        #expect(c.span("test") == "2027-01-04..2027-01-13")
        #expect(c.span("docs") == "2027-01-04..2027-01-08")
    }

    @Test func aTaskUsingTwoTeamsWorksTheirCommonDays() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          qa: { name: QA, workdays: [mon, tue, wed, thu] }
          ops: { name: Operations, workdays: [tue, wed, thu, fri, sat], holidays: [2027-01-06] }
        tasks:
          - { id: cutover, assign: [qa, { team: ops, units: 2 }], duration: 4d }
        """)
        #expect(c.errors.isEmpty)
        // Tuesday to Thursday, less the Operations holiday: 5, 7, 12, 13.
        #expect(c.span("cutover") == "2027-01-05..2027-01-13")
        #expect(c.entry("cutover")?.duration == 4)
    }

    @Test func lagsCountTheSuccessorsWorkingDays() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          qa: { name: QA, workdays: [mon, tue, wed, thu] }
          ops: { name: Operations, workdays: [mon, tue, wed, thu, fri, sat] }
        tasks:
          - { id: build, duration: 3d }
          - { id: fs, owner: qa, duration: 1d, after: [{ task: build, lag: 2d }] }
          - { id: ss, owner: qa, duration: 1d, after: [{ task: build, type: SS, lag: 4d }] }
          - { id: week, owner: qa, duration: 1d, after: [{ task: build, lag: 1w }] }
          - { id: saturday, owner: ops, duration: 6d }
          - { id: ff, duration: 2d, after: [{ task: saturday, type: FF }] }
          - { id: sf, owner: qa, duration: 1d, after: [{ task: saturday, type: SF, lag: 1d }] }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("build") == "2027-01-04..2027-01-06")
        // The first QA day after Wednesday is Thursday; 2 QA days later, Tuesday (the plan's
        // days would give Monday).
        #expect(c.span("fs") == "2027-01-12..2027-01-12")
        // Monday moved 4 QA days: Tue, Wed, Thu, Mon.
        #expect(c.span("ss") == "2027-01-11..2027-01-11")
        // A week of lag is a QA week: 4 QA days after Thursday 7.
        #expect(c.span("week") == "2027-01-14..2027-01-14")
        #expect(c.span("saturday") == "2027-01-04..2027-01-09")
        // FF: never finishes before its predecessor; the first of its days ending at or after
        // Saturday is Monday.
        #expect(c.span("ff") == "2027-01-08..2027-01-11")
        // SF: the QA day before Monday 4 (Thursday 12-31), moved 1 QA day: Monday 4.
        #expect(c.span("sf") == "2027-01-04..2027-01-04")
    }

    @Test func anElapsedTaskOnATeamCalendar() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          qa: { name: QA, workdays: [mon, tue, wed, thu] }
        tasks:
          - { id: build, duration: 4d }
          - { id: soak, owner: qa, duration: 5ed, after: [build] }
          - { id: sign-off, owner: qa, duration: 1d, after: [soak] }
        """)
        #expect(c.errors.isEmpty)
        // Starts on a QA day (Friday is not), runs 5 calendar days, finishes on a Friday.
        #expect(c.span("soak") == "2027-01-11..2027-01-15")
        #expect(c.entry("soak")?.duration == 4)
        #expect(c.span("sign-off") == "2027-01-18..2027-01-18")
    }

    @Test func floatCountsTheTasksOwnDays() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          qa: { name: QA, workdays: [mon, tue, wed, thu] }
        tasks:
          - { id: long, duration: 10d }
          - { id: short, owner: qa, duration: 2d }
          - { id: checked, owner: qa, duration: 2d, deadline: 2027-01-08 }
          - { id: done, milestone: true, after: [long, short] }
        """)
        #expect(c.errors.isEmpty)
        #expect(c.span("long") == "2027-01-04..2027-01-15")
        // Its latest finish is Thursday 14 (Friday is no QA day), so its latest start is
        // Wednesday 13: 6 QA days after Monday 4 (the plan's days would say 7).
        #expect(c.entry("short")?.totalFloat == 6)
        #expect(c.entry("short")?.freeFloat == 6)
        // A Friday deadline for a QA task is the end of Thursday.
        #expect(c.entry("checked")?.totalFloat == 2)
        #expect(c.entry("long")?.totalFloat == 0)
        #expect(c.entry("done")?.totalFloat == 0)
    }

    @Test func theStatusDateWithWorkInProgressOnATeamCalendar() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        as_of: 2027-01-07
        teams:
          qa: { name: QA, workdays: [mon, tue, wed, thu] }
        tasks:
          - { id: test, owner: qa, duration: 6d, status: in-progress, actual_start: 2027-01-04, progress: 50% }
          - { id: retest, owner: qa, duration: 1d }
          - { id: docs, duration: 1d }
        """)
        #expect(c.errors.isEmpty)
        // 3 QA days remain, from the first QA day after Thursday 7: 11, 12, 13.
        #expect(c.span("test") == "2027-01-04..2027-01-13")
        #expect(c.entry("test")?.progress == .inProgress)
        #expect(c.span("retest") == "2027-01-11..2027-01-11")
        #expect(c.span("docs") == "2027-01-08..2027-01-08")
    }

    @Test func lateWorkIsMeasuredAgainstItsOwnDays() throws {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        as_of: 2027-01-06
        teams:
          qa: { name: QA, workdays: [mon, tue, wed, thu] }
        tasks:
          - { id: test, owner: qa, duration: 5d, status: in-progress, actual_start: 2027-01-04, progress: 40% }
        """)
        let plan = try #require(c.plan), schedule = try #require(c.schedule)
        // 3 QA days remain: Thursday 7, Monday 11, Tuesday 12. Five QA days from Monday 4 allow
        // Monday 11 (the plan's days would allow Friday 8).
        #expect(c.span("test") == "2027-01-04..2027-01-12")
        #expect(Lateness.assess(0, plan: plan, schedule: schedule) == .behind(allowed: day("2027-01-11"), workingDays: 1))
    }

    @Test func teamsWithNoCommonWorkdayAreE208() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          qa: { name: QA, workdays: [mon, tue, wed] }
          ops: { name: Operations, workdays: [thu, fri] }
          legal: { name: Legal, workdays: [mon, wed, fri] }
        tasks:
          - { id: cutover, duration: 2d, assign: [qa, ops] }
          - { id: review, duration: 2d, assign: [qa, legal] }
          - { id: contract, duration: 2d, owner: ops, assign: [legal, ops, qa] }
        """)
        let found = c.diagnostics.filter { $0.code == "E208" }.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(found == [
            "8:43 task 'cutover' can never be worked: qa works mon–wed, ops works thu–fri",
            "10:56 task 'contract' can never be worked: qa works mon–wed, ops works thu–fri, legal works mon, wed and fri",
        ])
        #expect(c.diagnostics.first { $0.code == "E208" }?.notes.count == 2)
    }

    @Test func aTeamCalendarWithNoWorkingDayIsE102AtTheValue() {
        let c = compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          qa: { name: QA, workdays: [] }
        tasks:
          - { id: test, owner: qa, duration: 2d }
        """)
        #expect(c.errors.map { "\($0.line):\($0.column) \($0.code)" } == ["4:29 E102"])
    }

    @Test func withoutTeamCalendarsEveryTaskIsOnTheAxis() {
        let network = Network(plan: compilePlan("""
        plan: t
        start: 2027-01-04
        teams:
          qa: { name: QA, capacity: 2 }
        tasks:
          - { id: test, owner: qa, duration: 2d }
        """).plan!)
        let onAxis = network.resources.calendars.map(\.isAxis)
        #expect(onAxis == [true])
    }
}
