extension Duration {
    /// Weeks → days, in one place: the length in working days (a week is the calendar's working days per week), or calendar
    /// days for an elapsed duration. Negative amounts (leads) keep their sign.
    public func days(workdaysPerWeek: Int) -> Int {
        unit == .workingWeeks ? amount * workdaysPerWeek : amount
    }
}
