import PlanKit
import Testing

@Suite struct WorkingCalendarTests {
    /// The calendar walked day by day, to check the O(log n) arithmetic against.
    func naiveWorkingDays(_ calendar: WorkingCalendar, from: Day, through: Day) -> [Day] {
        var days: [Day] = []
        var current = from
        while current <= through {
            if calendar.isWorkingDay(current) { days.append(current) }
            current = current.adding(days: 1)
        }
        return days
    }

    @Test func defaultWeekIsMondayToFriday() {
        let calendar = WorkingCalendar()
        #expect(calendar.workdaysPerWeek == 5)
        #expect(calendar.isWorkingDay(day("2026-12-07")))
        #expect(!calendar.isWorkingDay(day("2026-12-12")))
        #expect(calendar.firstWorkingDay(onOrAfter: day("2026-12-12")) == day("2026-12-14"))
        #expect(calendar.lastWorkingDay(onOrBefore: day("2026-12-13")) == day("2026-12-11"))
        #expect(calendar.adding(workingDays: 5, to: day("2026-12-07")) == day("2026-12-14"))
        #expect(calendar.adding(workingDays: -1, to: day("2026-12-07")) == day("2026-12-04"))
        #expect(calendar.workingDays(from: day("2026-12-07"), through: day("2026-12-18")) == 10)
        #expect(calendar.index(of: day("2026-12-13")) == nil)
        #expect(calendar.nextWorkingDay(after: day("2026-12-11")) == day("2026-12-14"))
    }

    @Test func indexAndDayAreInverseAroundHolidays() {
        let calendar = WorkingCalendar(
            workdays: [.sunday, .monday, .tuesday, .wednesday, .thursday],
            holidays: [(day("2026-12-24"), day("2026-12-24")), (day("2026-12-27"), day("2027-01-03")),
                       (day("2027-01-01"), day("2027-01-10")), (day("2027-02-16"), day("2027-02-20"))])
        let days = naiveWorkingDays(calendar, from: day("2026-11-01"), through: day("2027-04-30"))
        let first = calendar.index(of: days[0])!
        for (offset, workingDay) in days.enumerated() {
            #expect(calendar.index(of: workingDay) == first + offset)
            #expect(calendar.day(at: first + offset) == workingDay)
        }
        #expect(!calendar.isWorkingDay(day("2027-01-05")))
        #expect(calendar.firstWorkingDay(onOrAfter: day("2026-12-27")) == day("2027-01-11"))
        #expect(calendar.workdaysPerWeek == 5)
    }

    @Test func datesBeforeTheEpochAndYearsOut() {
        let calendar = WorkingCalendar(workdays: [.monday, .wednesday], holidays: [(day("1969-12-29"), day("1969-12-29"))])
        let days = naiveWorkingDays(calendar, from: day("1969-11-01"), through: day("1970-03-01"))
        let first = calendar.index(of: days[0])!
        for (offset, workingDay) in days.enumerated() {
            #expect(calendar.day(at: first + offset) == workingDay)
        }
        let far = day("9999-12-29")
        #expect(calendar.day(at: calendar.workingDaysBefore(far)) >= far)
    }

    @Test func aCenturyOfHolidaysOnEveryWeekdayDoesNotHang() {
        // Monday to Friday are holidays from 2000 to 2100; Saturday stays a working day.
        let weekdays = (0..<1_000).map { Day(ordinal: day("2000-01-03").ordinal + 7 * $0) }
        let holidays = weekdays.map { (from: $0, to: $0.adding(days: 4)) } + [(from: day("2019-03-04"), to: day("2100-12-31"))]
        let calendar = WorkingCalendar(workdays: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday], holidays: holidays)
        #expect(calendar.firstWorkingDay(onOrAfter: day("2001-01-01")) == day("2001-01-06"))
        #expect(calendar.adding(workingDays: 1, to: day("2001-01-06")) == day("2001-01-13"))
        #expect(calendar.workingDays(from: day("2000-01-01"), through: day("2000-01-31")) == 5)
        // The last range covers every day: the next working day comes after it, found at once.
        #expect(calendar.firstWorkingDay(onOrAfter: day("2026-12-07")) == day("2101-01-01"))
        #expect(calendar.adding(workingDays: 2, to: day("2026-12-07")) == day("2101-01-04"))
        #expect(calendar.day(at: calendar.workingDaysBefore(day("2101-01-01")) - 1) == day("2019-03-02"))
        let closed = WorkingCalendar(workdays: [.monday], holidays: [(day("2026-01-01"), day("2099-12-31"))])
        #expect(closed.firstWorkingDay(onOrAfter: day("2026-12-07")) == day("2100-01-04"))
    }

    @Test func planCalendarSpecWithHolidayRanges() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        calendar:
          workdays: [mon, tue, wed, thu, fri]
          holidays:
            - 2026-12-25
            - { from: 2027-02-16, to: 2027-02-20, name: Lunar New Year }
        tasks:
          - { id: a, duration: 1d }
        """)
        let calendar = WorkingCalendar(c.plan!.calendar)
        #expect(!calendar.isWorkingDay(day("2026-12-25")))
        #expect(!calendar.isWorkingDay(day("2027-02-18")))
        #expect(calendar.adding(workingDays: 1, to: day("2027-02-15")) == day("2027-02-22"))
        #expect(calendar.workingDays(from: day("2027-02-15"), through: day("2027-02-22")) == 2)
    }
}
