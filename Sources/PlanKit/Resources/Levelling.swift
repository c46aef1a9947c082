/// What levelling did to a plan (DESIGN.md "Resources and levelling"): the levelled schedule is
/// the compilation's schedule; this says how it differs from the unlevelled one and why.
public struct Levelling: Sendable {
    /// One wait of a task for a team: the days it could have started but the team was busy.
    public struct Wait: Sendable, Equatable {
        /// Index in `plan.teams`.
        public var team: Int
        public var teamID: String
        /// The tasks that held the team on those days, in plan order: all of them, or the ten that
        /// held it longest when more did (`moreTasks` counts the rest).
        public var tasks: [Int]
        public var moreTasks: Int = 0
        /// The first and last day of the wait.
        public var from: Day
        public var to: Day
        /// Working days (of the waiting task's calendar) it waited.
        public var days: Int
    }

    /// Per task: working days levelling moved its start (its finish, for a milestone) later than
    /// in the unlevelled schedule; 0 for work it did not move.
    public var delays: [Int]
    /// Per task: what it waited for itself (empty for a task moved only by its predecessors).
    public var waits: [[Wait]]
    /// No schedule of the plan can finish before this day: the later of the unlevelled finish
    /// (the critical path) and the resource bound.
    public var finishLowerBound: Day
    /// The resource-driven critical path: dependencies and resource waits that drive the finish,
    /// first task first.
    public var resourcePath: [Int]
    /// The schedule before levelling.
    public var unlevelled: Schedule

    public init(delays: [Int], waits: [[Wait]], finishLowerBound: Day, resourcePath: [Int], unlevelled: Schedule) {
        self.delays = delays
        self.waits = waits
        self.finishLowerBound = finishLowerBound
        self.resourcePath = resourcePath
        self.unlevelled = unlevelled
    }
}
