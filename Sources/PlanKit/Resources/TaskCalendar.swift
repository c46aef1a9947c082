/// The working days of one leaf task (the days every team it uses works) as seen from the
/// scheduler's axis: the axis is a calendar that holds every day any task may work on (the plan's
/// workdays and every team's, less the plan's holidays), and every task's own calendar is a subset
/// of it. Boundaries are axis boundaries: `b` is the start of axis day `b`, the end of axis day
/// `b - 1` (see `Scheduler`).
///
/// When a task's own calendar is the axis (a plan without team calendars: every task), every
/// conversion is the identity, and `isAxis` lets the scheduler skip them.
public struct TaskCalendar: Sendable {
    public let own: WorkingCalendar
    public let axis: WorkingCalendar
    public let isAxis: Bool

    public init(own: WorkingCalendar, axis: WorkingCalendar) {
        self.own = own
        self.axis = axis
        isAxis = own.sameDays(as: axis)
    }

    /// Own working days strictly before axis boundary `b` (a start point): the own index of the
    /// first own working day on or after axis day `b`.
    @inline(__always) public func ownBoundary(_ b: Int) -> Int {
        isAxis ? b : own.workingDaysBefore(axis.day(at: b))
    }

    /// The axis boundary at the start of own working day `k`.
    @inline(__always) public func axisStart(_ k: Int) -> Int {
        isAxis ? k : axis.workingDaysBefore(own.day(at: k))
    }

    /// The axis boundary at the end of own working day `k - 1` (own boundary `k` as a finish).
    @inline(__always) public func axisEnd(_ k: Int) -> Int {
        isAxis ? k : axis.workingDaysBefore(own.day(at: k - 1)) + 1
    }

    /// The start of the first own working day at or after axis boundary `b`.
    @inline(__always) public func startAtOrAfter(_ b: Int) -> Int {
        isAxis ? b : axisStart(ownBoundary(b))
    }

    /// The end of the first own working day that ends at or after axis boundary `b` (a finish
    /// point).
    @inline(__always) public func finishAtOrAfter(_ b: Int) -> Int {
        isAxis ? b : axisEnd(ownBoundary(b - 1) + 1)
    }
}

extension WorkingCalendar {
    /// Whether both calendars have the same working days (the same workdays and the same
    /// holidays on them).
    public func sameDays(as other: WorkingCalendar) -> Bool {
        workdays == other.workdays && holidayRanges == other.holidayRanges
    }
}
