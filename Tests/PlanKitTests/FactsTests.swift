import PlanKit
import Testing

/// The facts the rules and the report share (Sources/PlanKit/Facts), each defined once.
@Suite struct FactsTests {
    let day = { (iso: String) in Day(iso: iso)! }

    @Test func deadlineMarginCountsWorkingDays() {
        let calendar = WorkingCalendar(holidays: [(from: Day(iso: "2027-03-10")!, to: Day(iso: "2027-03-10")!)])
        // Mon 03-08 to Fri 03-12 with Wednesday a holiday: three working days of margin.
        #expect(DeadlineMargin.workingDays(finish: day("2027-03-08"), deadline: day("2027-03-12"), calendar: calendar) == 3)
        #expect(DeadlineMargin.workingDays(finish: day("2027-03-12"), deadline: day("2027-03-08"), calendar: calendar) == -3)
        // A finish on a weekend counts from the Friday before it.
        #expect(DeadlineMargin.workingDays(finish: day("2027-03-14"), deadline: day("2027-03-12"), calendar: calendar) == 0)
        #expect(DeadlineMargin.lateness(finish: day("2027-03-14"), deadline: day("2027-03-12"), calendar: calendar) == 1)
        #expect(DeadlineMargin.lateness(finish: day("2027-03-15"), deadline: day("2027-03-12"), calendar: calendar) == 1)
        #expect(DeadlineMargin.lateness(finish: day("2027-03-12"), deadline: day("2027-03-12"), calendar: calendar) == nil)
    }

    @Test func riskThresholds() {
        #expect(RiskThresholds.serious == 12 && RiskThresholds.high == 15)
        #expect(RiskThresholds.isSerious(12) && !RiskThresholds.isSerious(10) && !RiskThresholds.isSerious(nil))
        #expect(RiskThresholds.isHigh(15) && !RiskThresholds.isHigh(12))
    }

    @Test func weeksAreTheCalendarsWorkingDays() {
        let fourDays = WorkingCalendar(workdays: [.monday, .tuesday, .wednesday, .thursday])
        #expect(fourDays.workingDays(in: Duration(amount: 2, unit: .workingWeeks)) == 8)
        #expect(WorkingCalendar().workingDays(in: Duration(amount: -1, unit: .workingWeeks)) == -5)
        #expect(fourDays.workingDays(in: Duration(amount: 3, unit: .workingDays)) == 3)
        #expect(fourDays.workingDays(in: Duration(amount: 7, unit: .elapsedDays)) == 7)
    }
}
