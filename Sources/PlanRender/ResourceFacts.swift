import PlanKit

/// What levelling did and what every team carries, arranged for the writers (DESIGN.md "Resources
/// and levelling"): the leveller and the load builder compute the facts (`Levelling`,
/// `ResourceLoad`); this only groups and sums them, so that writers format and never compute.
public struct ResourceFacts: Sendable {
    /// A task levelling moved, with what it waited for itself (empty: its predecessors moved it).
    public struct Move: Sendable, Equatable {
        public var task: Int
        public var delay: Int
        public var waits: [Levelling.Wait]
    }

    /// The waits of one task for one team, merged: the blocking tasks in plan order.
    public struct TeamWait: Sendable, Equatable {
        public var teamID: String
        public var tasks: [Int]
    }

    /// One row of `planc schedule --format csv --load`: a run of days over which both a team's
    /// demand and its capacity are constant.
    public struct LoadRow: Sendable, Equatable {
        public var teamID: String
        public var from: Day
        public var to: Day
        public var milliUnits: Int
        /// Nil for a team that is never over-allocated (no `capacity`, or `external`).
        public var milliCapacity: Int?
        public var over: Bool { milliCapacity.map { milliUnits > $0 } ?? false }
    }

    /// One week (Monday to Sunday) of a team's load, counted on the team's working days.
    public struct Week: Sendable, Equatable {
        public var monday: Day
        /// Person-days asked of the team, in thousandths.
        public var demandMilliDays: Int
        /// Person-days the team has (nil: unconstrained), in thousandths.
        public var capacityMilliDays: Int?
        /// The most people asked for on one day of the week, in thousandths.
        public var peakMilliUnits: Int
        /// The capacity on that day (nil: unconstrained), in thousandths.
        public var peakMilliCapacity: Int?
        /// Some working day of the week is over capacity.
        public var overAllocated: Bool
    }

    /// A team's load week by week, from the first week it has work to the last.
    public struct TeamWeeks: Sendable {
        public var team: Int
        public var id: String
        public var name: String?
        public var capacity: Int?
        public var weeks: [Week]
        public var overloads: [ResourceLoad.Overload]
    }

    public let levelling: Levelling?
    public let load: ResourceLoad?
    /// The tasks levelling moved, in plan order.
    public let moves: [Move]
    /// The finish no schedule of the plan can beat. Levelled: the leveller's bound (the later of
    /// the critical path and the resource bound). Not levelled: the schedule's own finish, which is
    /// the critical-path bound and ignores capacity (docs/language.md "Output").
    public let finishLowerBound: Day

    public var isLevelled: Bool { levelling != nil }

    public init(schedule: Schedule, levelling: Levelling?, load: ResourceLoad?) {
        self.levelling = levelling
        self.load = load
        finishLowerBound = levelling?.finishLowerBound ?? schedule.finish
        var moves: [Move] = []
        if let levelling {
            for (task, delay) in levelling.delays.enumerated() where delay > 0 {
                moves.append(Move(task: task, delay: delay, waits: levelling.waits.indices.contains(task) ? levelling.waits[task] : []))
            }
        }
        self.moves = moves
    }

    /// Working days levelling moved `task` (0 when not levelled).
    @inline(__always) public func delay(_ task: Int) -> Int {
        guard let delays = levelling?.delays, delays.indices.contains(task) else { return 0 }
        return delays[task]
    }

    /// What `task` waited for, one entry per team in the order of its first wait.
    public func waitsFor(_ task: Int) -> [TeamWait] {
        guard let waits = levelling?.waits, waits.indices.contains(task), !waits[task].isEmpty else { return [] }
        var merged: [TeamWait] = []
        for wait in waits[task] {
            if let at = merged.firstIndex(where: { $0.teamID == wait.teamID }) {
                merged[at].tasks = Array(Set(merged[at].tasks + wait.tasks)).sorted()
            } else {
                merged.append(TeamWait(teamID: wait.teamID, tasks: wait.tasks))
            }
        }
        return merged
    }

    /// The resource-driven critical path (empty when not levelled).
    public var resourcePath: [Int] { levelling?.resourcePath ?? [] }

    /// The load as rows of constant demand and capacity: each segment split where an absence
    /// changes the team's capacity.
    public func loadRows(_ network: Network) -> [LoadRow] {
        guard let load else { return [] }
        let resources = network.resources
        var rows: [LoadRow] = []
        for team in load.teams {
            let resource = resources.teams.indices.contains(team.team) ? resources.teams[team.team] : nil
            let constrained = team.capacity != nil
            for segment in team.segments {
                var from = segment.from.ordinal
                let points = (resource?.changes ?? []).map(\.from).filter { $0 > segment.from.ordinal && $0 <= segment.to.ordinal }
                for end in points.map({ $0 - 1 }) + [segment.to.ordinal] {
                    let capacity = constrained ? resource.map { $0.milliCapacity(on: from) } ?? team.capacity! * ResourceModel.milli : nil
                    rows.append(LoadRow(teamID: team.id, from: Day(ordinal: from), to: Day(ordinal: end),
                                        milliUnits: segment.milliUnits, milliCapacity: capacity))
                    from = end + 1
                }
            }
        }
        return rows
    }

    /// Every team with work, week by week, in plan order.
    public func weeklyLoad(_ network: Network) -> [TeamWeeks] {
        guard let load else { return [] }
        let resources = network.resources, plan = network.plan
        var result: [TeamWeeks] = []
        for team in load.teams where !team.segments.isEmpty {
            guard resources.teams.indices.contains(team.team) else { continue }
            let resource = resources.teams[team.team]
            let calendar = resource.calendar
            let first = monday(of: team.segments[0].from), last = monday(of: team.segments[team.segments.count - 1].to)
            var weeks: [Week] = []
            var segment = 0
            var weekStart = first
            while weekStart <= last {
                let weekEnd = weekStart.adding(days: 6)
                var week = Week(monday: weekStart, demandMilliDays: 0, capacityMilliDays: team.capacity == nil ? nil : 0,
                                peakMilliUnits: 0, peakMilliCapacity: nil, overAllocated: false)
                var ordinal = weekStart.ordinal
                while ordinal <= weekEnd.ordinal {
                    let day = Day(ordinal: ordinal)
                    defer { ordinal += 1 }
                    guard calendar.isWorkingDay(day) else { continue }
                    while segment < team.segments.count, team.segments[segment].to < day { segment += 1 }
                    let demand = segment < team.segments.count && team.segments[segment].from <= day ? team.segments[segment].milliUnits : 0
                    let capacity: Int? = team.capacity == nil ? nil : resource.milliCapacity(on: ordinal)
                    week.demandMilliDays += demand
                    if let capacity { week.capacityMilliDays! += capacity }
                    if demand > week.peakMilliUnits || (demand == week.peakMilliUnits && week.peakMilliCapacity == nil && capacity != nil) {
                        week.peakMilliUnits = demand
                        week.peakMilliCapacity = capacity
                    }
                    if let capacity, demand > capacity { week.overAllocated = true }
                }
                weeks.append(week)
                weekStart = weekStart.adding(days: 7)
            }
            let declared = plan.teams.indices.contains(team.team) ? plan.teams[team.team].name : nil
            result.append(TeamWeeks(team: team.team, id: team.id, name: declared, capacity: team.capacity, weeks: weeks, overloads: team.overloads))
        }
        return result
    }

    /// What the report shows of the load: each team's weeks from the status date's week on (all of
    /// them without one), at most `weekLimit` per team.
    public struct ReportLoad: Sendable {
        public var teams: [TeamWeeks]
        /// Weeks left out after the limit, summed over the teams.
        public var hiddenWeeks: Int
        public var isEmpty: Bool { teams.isEmpty }
    }

    public static let reportWeekLimit = 26

    public func reportLoad(_ network: Network, statusDate: Day?, weekLimit: Int = reportWeekLimit) -> ReportLoad {
        let firstWeek = statusDate.map(monday(of:))
        var hidden = 0
        var teams: [TeamWeeks] = []
        for var team in weeklyLoad(network) {
            if let firstWeek { team.weeks.removeAll { $0.monday < firstWeek } }
            guard team.weeks.contains(where: { $0.demandMilliDays > 0 }) else { continue }
            if team.weeks.count > weekLimit {
                hidden += team.weeks.count - weekLimit
                team.weeks.removeLast(team.weeks.count - weekLimit)
            }
            teams.append(team)
        }
        return ReportLoad(teams: teams, hiddenWeeks: hidden)
    }

    func monday(of day: Day) -> Day { day.adding(days: -day.weekday.rawValue) }
}
