/// What every team carries over the schedule, day by day, and where that exceeds its capacity
/// (DESIGN.md "Resources and levelling"). Computed once from a schedule (levelled or not); the
/// W501 rule, the report's load section, the JSON `teams` and `--load` read it.
public struct ResourceLoad: Sendable {
    /// A run of calendar days over which a team's demand is constant (`to` inclusive).
    public struct Segment: Sendable, Equatable {
        public var from: Day
        public var to: Day
        public var milliUnits: Int
    }

    /// A maximal run of the team's working days on which demand exceeds capacity.
    public struct Overload: Sendable, Equatable {
        public var from: Day
        public var to: Day
        /// The team's working days in the run.
        public var workingDays: Int
        /// The highest demand in the run, in thousandths.
        public var peakMilliUnits: Int
        /// The capacity on the day of the peak, in thousandths.
        public var milliCapacity: Int
        /// Every task that works for the team on some day of the run, in plan order.
        public var tasks: [Int]
    }

    public struct TeamLoad: Sendable {
        /// Index in `plan.teams` (and `ResourceModel.teams`).
        public var team: Int
        public var id: String
        /// People (nil: unconstrained — no `capacity`, or `external`).
        public var capacity: Int?
        /// Demand over time; days without demand are left out.
        public var segments: [Segment]
        public var overloads: [Overload]
    }

    /// Every declared team, in plan order.
    public var teams: [TeamLoad]

    public var isOverAllocated: Bool { teams.contains { !$0.overloads.isEmpty } }

    public init(teams: [TeamLoad]) {
        self.teams = teams
    }
}
