import Foundation
import Testing
@testable import PlanKit

/// The parts of MSPDI → planc that are values: ids from names, durations, the calendar.
@Suite struct MSPDIImportTests {
    @Test(arguments: [
        ("Design: \"API\" #1", "design-api-1"),
        ("Réunion d'équipe", "reunion-d-equipe"),
        ("  --Kick-off--  ", "kick-off"),
        ("qa.perf_2", "qa.perf_2"),
        ("_.hidden", "hidden"),
        ("设计评审", ""),
        ("Migrate every customer account from the old ledger to the new one", "migrate-every-customer-account-from-the"),
    ])
    func idsFromNames(name: String, id: String) {
        #expect(MSPDIImport.slug(name) == id)
    }

    @Test func repeatedAndEmptyNamesGetUniqueStableIds() throws {
        var project = MSPDIProject()
        project.startDate = "2027-01-04T08:00:00"
        for (uid, name) in [(1, "Build"), (2, "Build"), (3, "设计"), (4, "Build-2"), (5, "Build")] {
            project.tasks.append(MSPDIProject.Task(uid: uid, name: name, outlineLevel: 1, duration: "PT8H0M0S"))
        }
        let plan = try #require(MSPDIImport.convert(project, fileName: "x.xml").plan)
        #expect(plan.tasks.map(\.id) == ["build", "build-2", "task-3", "build-2-2", "build-3"])
    }

    @Test(arguments: [
        ("PT8H0M0S", 480), ("PT0H0M0S", 0), ("PT12H30M0S", 750), ("P1DT2H", 26 * 60), ("PT0.5H", 30), ("-PT8H", -480),
    ])
    func durations(text: String, minutes: Int) {
        #expect(MSPDIImport.durationMinutes(text) == minutes)
    }

    @Test(arguments: ["", "8H", "PTH", "PT8X", "P"])
    func malformedDurationsAreNil(text: String) {
        #expect(MSPDIImport.durationMinutes(text) == nil)
    }

    @Test func outlineLevelsNestAndLinksKeepTypeAndLag() throws {
        var project = MSPDIProject()
        project.startDate = "2027-01-04T08:00:00"
        project.tasks = [
            MSPDIProject.Task(uid: 0, name: "Project", outlineLevel: 0),
            MSPDIProject.Task(uid: 1, name: "Phase", outlineLevel: 1, summary: true),
            MSPDIProject.Task(uid: 2, name: "Work", outlineLevel: 2, duration: "PT16H0M0S"),
            MSPDIProject.Task(uid: 3, name: "Deep", outlineLevel: 2, summary: true),
            MSPDIProject.Task(uid: 4, name: "Deeper", outlineLevel: 3, duration: "PT120H0M0S", durationFormat: 8,
                              links: [MSPDIProject.Link(predecessorUID: 2, type: 3, lag: 3 * 4800)]),
            MSPDIProject.Task(uid: 5, name: "Done", outlineLevel: 1, milestone: true,
                              links: [MSPDIProject.Link(predecessorUID: 1, type: 0, lag: -4800)]),
        ]
        let outcome = MSPDIImport.convert(project, fileName: "p.xml")
        #expect(outcome.diagnostics == [])
        let plan = try #require(outcome.plan)
        #expect(plan.tasks.map(\.id) == ["phase", "done"])
        #expect(plan.tasks[0].tasks.map(\.id) == ["work", "deep"])
        let deeper = plan.tasks[0].tasks[1].tasks[0]
        #expect(deeper.id == "deeper")
        #expect(deeper.duration?.amount == 5 && deeper.duration?.elapsed == true)
        #expect(deeper.after == [ImportedLink(task: "work", type: .startToStart, lagDays: 3)])
        #expect(plan.tasks[1].after == [ImportedLink(task: "phase", type: .finishToFinish, lagDays: -1)])
        #expect(plan.tasks[0].tasks[0].duration?.amount == 2)
    }

    @Test func calendarWorkdaysAndHolidays() throws {
        var project = MSPDIProject()
        project.startDate = "2027-01-04T08:00:00"
        project.calendarUID = 2
        var base = MSPDIProject.Calendar(uid: 1, isBaseCalendar: true)
        base.weekDays = (1...7).map { MSPDIProject.WeekDay(dayType: $0, dayWorking: $0 != 1 && $0 != 7) }
        var derived = MSPDIProject.Calendar(uid: 2, baseCalendarUID: 1)
        derived.weekDays = [MSPDIProject.WeekDay(dayType: 6, dayWorking: false), MSPDIProject.WeekDay(dayType: 1, dayWorking: true)]
        derived.exceptions = [
            MSPDIProject.Exception(from: "2027-12-24T00:00:00", to: "2027-12-26T00:00:00", name: "Christmas"),
            MSPDIProject.Exception(from: "2027-05-01T00:00:00", to: "2027-05-01T23:59:00"),
        ]
        project.calendars = [base, derived]
        let plan = try #require(MSPDIImport.convert(project, fileName: "c.xml").plan)
        // Sunday on, Friday off (day type 6), the rest from the base calendar.
        #expect(plan.workdays == [.monday, .tuesday, .wednesday, .thursday, .sunday])
        #expect(plan.holidays == [
            ImportedPlan.Holiday(from: Day(iso: "2027-12-24")!, to: Day(iso: "2027-12-25")!, name: "Christmas"),
            ImportedPlan.Holiday(from: Day(iso: "2027-05-01")!, to: Day(iso: "2027-05-01")!, name: nil),
        ])
    }

    /// MPXJ writes each holiday twice, as an old-style day type 0 and as an Exception: once in the plan.
    @Test func holidaysWrittenInBothFormsAreReadOnce() throws {
        var project = MSPDIProject()
        project.startDate = "2027-01-04T08:00:00"
        var calendar = MSPDIProject.Calendar(uid: 1, isBaseCalendar: true)
        calendar.weekDays = [MSPDIProject.WeekDay(dayType: 0, dayWorking: false, from: "2027-02-28T00:00:00", to: "2027-02-28T23:59:00")]
        calendar.exceptions = [MSPDIProject.Exception(from: "2027-02-28T00:00:00", to: "2027-02-28T23:59:00", name: "Holiday")]
        project.calendars = [calendar]
        let plan = try #require(MSPDIImport.convert(project, fileName: "c.xml").plan)
        #expect(plan.holidays == [ImportedPlan.Holiday(from: Day(iso: "2027-02-28")!, to: Day(iso: "2027-02-28")!, name: "Holiday")])
    }

    @Test func oldStyleExceptionsAloneAreHolidays() throws {
        var project = MSPDIProject()
        project.startDate = "2027-01-04T08:00:00"
        var calendar = MSPDIProject.Calendar(uid: 1, isBaseCalendar: true)
        calendar.weekDays = [MSPDIProject.WeekDay(dayType: 0, dayWorking: false, from: "2027-02-28T00:00:00", to: "2027-03-01T23:59:00")]
        project.calendars = [calendar]
        let plan = try #require(MSPDIImport.convert(project, fileName: "c.xml").plan)
        #expect(plan.holidays == [ImportedPlan.Holiday(from: Day(iso: "2027-02-28")!, to: Day(iso: "2027-03-01")!, name: nil)])
    }

    @Test func twoLinksFromOnePredecessorAreKeptAndAnExactRepeatIsNoted() throws {
        var project = MSPDIProject()
        project.startDate = "2027-01-04T08:00:00"
        project.tasks = [
            MSPDIProject.Task(line: 3, uid: 1, name: "A", outlineLevel: 1, duration: "PT16H0M0S"),
            MSPDIProject.Task(line: 4, uid: 2, name: "B", outlineLevel: 1, duration: "PT16H0M0S", links: [
                MSPDIProject.Link(line: 5, column: 3, predecessorUID: 1, type: 1),
                MSPDIProject.Link(line: 6, column: 3, predecessorUID: 1, type: 3, lag: 3 * 4800),
                MSPDIProject.Link(line: 7, column: 3, predecessorUID: 1, type: 1, lag: 0),
            ]),
        ]
        let outcome = MSPDIImport.convert(project, fileName: "l.xml")
        let plan = try #require(outcome.plan)
        #expect(plan.tasks[1].after == [ImportedLink(task: "a", type: .finishToStart, lagDays: 0),
                                        ImportedLink(task: "a", type: .startToStart, lagDays: 3)])
        #expect(outcome.diagnostics == [ImportDiagnostic(.warning, line: 7, column: 3, "task 'b': the same link from 'a' twice; imported once")])
        #expect(plan.tasks[1].comments == ["the same link from 'a' twice; imported once"])
    }

    @Test func resourcesBecomeTeamsAndAssignmentsOwnersAndAssign() throws {
        var project = MSPDIProject()
        project.startDate = "2027-01-04T08:00:00"
        project.calendars = [
            MSPDIProject.Calendar(line: 3, uid: 1, name: "Standard", isBaseCalendar: true, baseCalendarUID: -1),
            MSPDIProject.Calendar(line: 5, uid: 2, name: "Weekend crew", baseCalendarUID: 1,
                                  weekDays: [MSPDIProject.WeekDay(dayType: 7, dayWorking: true)],
                                  exceptions: [MSPDIProject.Exception(from: "2027-01-07T00:00:00", to: "2027-01-07T23:59:00")]),
        ]
        project.tasks = [
            MSPDIProject.Task(uid: 1, name: "Phase", outlineLevel: 1, summary: true),
            MSPDIProject.Task(uid: 2, name: "Build", outlineLevel: 2, duration: "PT16H0M0S"),
            MSPDIProject.Task(uid: 3, name: "Test", outlineLevel: 2, duration: "PT16H0M0S"),
            MSPDIProject.Task(uid: 4, name: "Ship", outlineLevel: 1, milestone: true),
        ]
        project.resources = [
            MSPDIProject.Resource(line: 20, column: 9, uid: 0, name: "Unassigned"),
            MSPDIProject.Resource(line: 21, column: 9, uid: 1, name: "QA", type: 1, maxUnits: "2.00", notes: "Quality assurance",
                                  availability: [MSPDIProject.Availability(from: "2027-01-11T00:00:00", to: "2027-01-12T23:59:00", units: "1")]),
            MSPDIProject.Resource(line: 22, column: 9, uid: 2, name: "Ops", type: 1, maxUnits: "0.5", calendarUID: 2),
            MSPDIProject.Resource(line: 23, column: 9, uid: 3, name: "Vendor", type: 1, maxUnits: "3", canLevel: false),
            MSPDIProject.Resource(line: 24, column: 9, uid: 4, name: "Concrete", type: 0),
        ]
        project.assignments = [
            MSPDIProject.Assignment(line: 30, column: 9, taskUID: 1, resourceUID: 1, units: "1"),
            MSPDIProject.Assignment(line: 31, column: 9, taskUID: 2, resourceUID: 1, units: "1"),
            MSPDIProject.Assignment(line: 32, column: 9, taskUID: 3, resourceUID: 2, units: "1"),
            MSPDIProject.Assignment(line: 33, column: 9, taskUID: 3, resourceUID: 1, units: "0.5"),
            MSPDIProject.Assignment(line: 34, column: 9, taskUID: 4, resourceUID: 3, units: "1"),
            MSPDIProject.Assignment(line: 35, column: 9, taskUID: 4, resourceUID: -65535, units: "1"),
        ]
        let outcome = MSPDIImport.convert(project, fileName: "r.xml")
        #expect(outcome.diagnostics == [
            ImportDiagnostic(.warning, line: 22, column: 9, "team 'ops': max units 50% not imported; planc's capacity is whole people, so the team is never over-allocated"),
            ImportDiagnostic(.warning, line: 24, column: 9, "material resource 'Concrete' not imported; planc's teams are work resources"),
            ImportDiagnostic(.warning, line: 30, column: 9, "task 'phase': assignment of 'qa' to the summary not imported; planc's summaries use no team"),
        ])
        let plan = try #require(outcome.plan)
        #expect(plan.teams.map(\.id) == ["qa", "ops", "vendor"])
        #expect(plan.teams.map(\.name) == ["Quality assurance", "Ops", "Vendor"])
        #expect(plan.teams.map(\.capacity) == [2, nil, 3])
        #expect(plan.teams.map(\.external) == [false, false, true])
        #expect(plan.teams[1].workdays == [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday])
        #expect(plan.teams[1].holidays.map(\.from.iso) == ["2027-01-07"])
        #expect(plan.teams[0].absences.map { "\($0.from.iso) \($0.to.iso) \($0.units ?? 0)" } == ["2027-01-11 2027-01-12 1"])
        let build = plan.tasks[0].tasks[0], test = plan.tasks[0].tasks[1], ship = plan.tasks[1]
        #expect(plan.tasks[0].owner == nil && plan.tasks[0].assign.isEmpty)
        #expect(build.owner == "qa" && build.assign.isEmpty)
        #expect(test.owner == "ops" && test.assign == [ImportedAssignment(team: "ops", units: nil), ImportedAssignment(team: "qa", units: 0.5)])
        #expect(ship.owner == "vendor" && ship.assign.isEmpty)
    }
}
