/// A task of another plan as that plan scheduled it, for a cross-plan link into this one: its
/// first and last day, and whether it is a milestone reached at the start of its day. The link's
/// lag is then counted in the successor's working days, as within a plan.
public struct CrossPlanPoint: Sendable, Equatable, Hashable {
    public var start: Day
    public var finish: Day
    /// A milestone reached at the start of its day (a start drove it): an FS successor may start
    /// that same day.
    public var reachedAtStart: Bool
    /// A milestone: its start and finish are one point.
    public var milestone: Bool

    public init(start: Day, finish: Day, reachedAtStart: Bool = false, milestone: Bool = false) {
        self.start = start
        self.finish = finish
        self.reachedAtStart = reachedAtStart
        self.milestone = milestone
    }

    public init(_ entry: Schedule.Entry, milestone: Bool) {
        self.init(start: entry.start, finish: entry.finish, reachedAtStart: entry.reachedAtStart, milestone: milestone)
    }
}
