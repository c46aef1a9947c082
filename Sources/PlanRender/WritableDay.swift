import PlanKit

/// Writers are total: a date past 9999-12-31 (the last date planc writes; the loader caps
/// computed dates there) is clamped where a writer computes it, so no output crashes on one or
/// prints a five-digit year of its own making (a day after a finish, the next month of an axis).
extension Day {
    /// 9999-12-31.
    public static let lastWritable = Day(ordinal: 2_932_896)

    /// This day, or 9999-12-31 when it is later.
    public var writable: Day { min(self, .lastWritable) }
}
