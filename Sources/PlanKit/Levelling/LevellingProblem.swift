/// An abstract resource-constrained scheduling problem on one integer time axis (periods are
/// working days): what the leveller optimises. The plan side builds one from the network and the
/// teams, and reads the starts back; the engine knows nothing of plans, calendars or dates.
public struct LevellingProblem: Sendable {
    public struct Activity: Sendable, Equatable {
        /// Periods it occupies; 0 is a milestone, which uses nothing.
        public var duration: Int
        /// What it uses on every period it occupies.
        public var demands: [Demand]
        /// Earliest start (the plan's start, `not_before`, the status date).
        public var release: Int
        /// Started or done work: it keeps this start and counts against capacity before anything else.
        public var fixedStart: Int?
        /// 1...1000; higher is served first and never waits for lower.
        public var priority: Int

        public init(duration: Int, demands: [Demand] = [], release: Int = 0, fixedStart: Int? = nil, priority: Int = 500) {
            self.duration = duration
            self.demands = demands
            self.release = release
            self.fixedStart = fixedStart
            self.priority = priority
        }
    }

    /// Units of a resource in milli-units (one person is 1000).
    public struct Demand: Sendable, Equatable {
        public var resource: Int
        public var units: Int
        public init(resource: Int, units: Int) {
            self.resource = resource
            self.units = units
        }
    }

    /// The successor's point (start for FS/SS, finish for FF/SF) is at least the predecessor's
    /// point plus `lag` periods; the lag may be negative.
    public struct Link: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var type: DependencyType
        public var lag: Int
        public init(from: Int, to: Int, type: DependencyType = .finishToStart, lag: Int = 0) {
            self.from = from
            self.to = to
            self.type = type
            self.lag = lag
        }
    }

    /// A piecewise constant capacity: `units` from period `from` on, until the next change.
    public struct CapacityChange: Sendable, Equatable {
        public var from: Int
        public var units: Int
        public init(from: Int, units: Int) {
            self.from = from
            self.units = units
        }
    }

    public struct Resource: Sendable, Equatable {
        /// Sorted by `from`; before the first change the first change's units apply. Empty is no
        /// capacity at all.
        public var capacity: [CapacityChange]
        public init(capacity: [CapacityChange]) { self.capacity = capacity }
        /// The same units on every period.
        public init(units: Int) { self.capacity = [CapacityChange(from: 0, units: units)] }

        /// The most the resource ever has.
        public var maximumUnits: Int { capacity.map(\.units).max() ?? 0 }
    }

    public var activities: [Activity]
    public var links: [Link]
    public var resources: [Resource]

    public init(activities: [Activity], links: [Link] = [], resources: [Resource]) {
        self.activities = activities
        self.links = links
        self.resources = resources
    }

    /// The link as a lower bound on the successor's start: start(to) >= start(from) + weight.
    func startWeight(of link: Link) -> Int {
        let from = activities[link.from].duration, to = activities[link.to].duration
        switch link.type {
        case .finishToStart: return from + link.lag
        case .startToStart: return link.lag
        case .finishToFinish: return from + link.lag - to
        case .startToFinish: return link.lag - to
        }
    }
}
