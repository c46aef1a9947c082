/// What every team carries over the schedule, day by day, and where that exceeds its capacity
/// (DESIGN.md "Resources and levelling"). Computed once from a schedule (levelled or not); the
/// W501 rule, the report's load section, the JSON `teams` and `--load` read it.
public struct ResourceLoad: Sendable {
    /// A run over which a team's demand is constant: `milliUnits` on every working day of the team
    /// in `from...to` (both working days of the team; its non-working days in between carry
    /// nothing, so a task over a weekend is one segment).
    public struct Segment: Sendable, Equatable {
        public var from: Day
        public var to: Day
        public var milliUnits: Int

        public init(from: Day, to: Day, milliUnits: Int) {
            self.from = from
            self.to = to
            self.milliUnits = milliUnits
        }
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
        /// What each of `tasks` uses of the team within the run, in the same order.
        public var contributions: [Contribution]

        public init(from: Day, to: Day, workingDays: Int, peakMilliUnits: Int, milliCapacity: Int, tasks: [Int],
                    contributions: [Contribution] = []) {
            self.from = from
            self.to = to
            self.workingDays = workingDays
            self.peakMilliUnits = peakMilliUnits
            self.milliCapacity = milliCapacity
            self.tasks = tasks
            self.contributions = contributions
        }
    }

    /// One task's share of an overload: its units and its first and last day within the run.
    public struct Contribution: Sendable, Equatable {
        public var task: Int
        public var milliUnits: Int
        public var from: Day
        public var to: Day

        public init(task: Int, milliUnits: Int, from: Day, to: Day) {
            self.task = task
            self.milliUnits = milliUnits
            self.from = from
            self.to = to
        }
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
        /// What each task uses of the team: its units over runs of the team's working days (by
        /// index in the team's calendar), in plan order. The W501 fix reads it to move work.
        public var placements: [Placement]

        public init(team: Int, id: String, capacity: Int?, segments: [Segment], overloads: [Overload], placements: [Placement] = []) {
            self.team = team
            self.id = id
            self.capacity = capacity
            self.segments = segments
            self.overloads = overloads
            self.placements = placements
        }
    }

    /// One task's units over consecutive working days of one team (indices in the team's calendar,
    /// inclusive).
    public struct Placement: Sendable, Equatable {
        public var task: Int
        public var first: Int
        public var last: Int
        public var milliUnits: Int

        public init(task: Int, first: Int, last: Int, milliUnits: Int) {
            self.task = task
            self.first = first
            self.last = last
            self.milliUnits = milliUnits
        }
    }

    /// Every declared team, in plan order.
    public var teams: [TeamLoad]

    public var isOverAllocated: Bool { teams.contains { !$0.overloads.isEmpty } }

    public init(teams: [TeamLoad]) {
        self.teams = teams
    }
}
