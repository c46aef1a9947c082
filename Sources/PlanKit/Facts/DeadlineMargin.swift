/// Working days between a forecast finish and a deadline, counted on the plan's calendar: positive
/// is margin, negative is lateness. The one definition the report, the writers and the rules use.
public enum DeadlineMargin {
    public static func workingDays(finish: Day, deadline: Day, calendar: WorkingCalendar) -> Int {
        calendar.workingPosition(onOrBefore: deadline) - calendar.workingPosition(onOrBefore: finish)
    }

    /// Working days late (at least 1) when `finish` is after `deadline`, else nil.
    public static func lateness(finish: Day, deadline: Day, calendar: WorkingCalendar) -> Int? {
        guard finish > deadline else { return nil }
        return max(1, -workingDays(finish: finish, deadline: deadline, calendar: calendar))
    }
}
