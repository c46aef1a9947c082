import PlanSyntax

extension ResourceLoad {
    /// The load of every declared team over `schedule` (DESIGN.md "Resources and levelling").
    ///
    /// A leaf task not done uses its units on every working day of its own calendar from its start
    /// (an in-progress task: from the first working day after the status date) to its finish. Work
    /// is placed on each team's own working-day axis, so a sweep over start and end events per team
    /// gives the segments, and a second sweep against the capacity change points the overloads:
    /// time O(tasks × log tasks), whatever the horizon.
    ///
    /// `parallelFrom`: from how many tasks the work is placed in two halves at once (the halves'
    /// placements are joined in plan order, so the load is the same).
    public init(network: Network, schedule: Schedule, parallelFrom: Int = ExecutionPolicy.default.parallelResolveTasks) {
        let resources = network.resources
        guard !resources.teams.isEmpty else {
            self.init(teams: [])
            return
        }
        var placements = [[Placement]](repeating: [], count: resources.teams.count)
        if !resources.teamsUsed.isEmpty {
            let count = network.plan.tasks.count
            if count >= parallelFrom, count >= 2 {
                let half = count / 2
                let second = BackgroundResult { ResourceLoad.placements(of: half..<count, plan: network.plan, resources: resources, schedule: schedule) }
                placements = ResourceLoad.placements(of: 0..<half, plan: network.plan, resources: resources, schedule: schedule)
                for (team, more) in second.value.enumerated() { placements[team].append(contentsOf: more) }
            } else {
                placements = ResourceLoad.placements(of: 0..<count, plan: network.plan, resources: resources, schedule: schedule)
            }
        }
        var teams: [TeamLoad] = []
        teams.reserveCapacity(resources.teams.count)
        for (index, team) in resources.teams.enumerated() {
            let segments = ResourceLoad.sweep(placements[index], calendar: team.calendar)
            let overloads = team.capacity == nil ? [] : ResourceLoad.overloads(segments, placements: placements[index], team: team)
            teams.append(TeamLoad(team: index, id: team.id, capacity: team.capacity, segments: segments, overloads: overloads,
                                  placements: placements[index]))
        }
        self.init(teams: teams)
    }

    /// What the tasks in `tasks` use of each team, per team in plan order.
    static func placements(of tasks: Range<Int>, plan: Plan, resources: ResourceModel, schedule: Schedule) -> [[Placement]] {
        var placements = [[Placement]](repeating: [], count: resources.teams.count)
        // Whether each task calendar has the same days as each team's: then work maps to the
        // team's days one to one (every task, without team calendars).
        let same = resources.calendars.map { calendar in resources.teams.map { calendar.own.sameDays(as: $0.calendar) } }
        for position in tasks where resources.teamOffsets[position] < resources.teamOffsets[position + 1] {
            guard let span = ResourceLoad.occupiedDays(of: position, plan: plan, resources: resources, schedule: schedule) else { continue }
            let calendar = Int(resources.taskCalendar[position])
            for demand in ResourceLoad.demands(of: position, plan: plan, resources: resources, schedule: schedule) where demand.milliUnits > 0 {
                ResourceLoad.place(position, milliUnits: demand.milliUnits, ownDays: span, own: resources.calendars[calendar].own,
                                   team: resources.teams[demand.team].calendar, sameDays: same[calendar][demand.team],
                                   into: &placements[demand.team])
            }
        }
        return placements
    }

    /// The own working days (indices in the task's calendar, inclusive) on which `task` still
    /// uses its teams; nil for done work, milestones, summaries and work with nothing left.
    static func occupiedDays(of task: Int, network: Network, schedule: Schedule) -> ClosedRange<Int>? {
        occupiedDays(of: task, plan: network.plan, resources: network.resources, schedule: schedule)
    }

    static func occupiedDays(of task: Int, plan: Plan, resources: ResourceModel, schedule: Schedule) -> ClosedRange<Int>? {
        let item = plan.tasks[task]
        guard item.kind == .task, !item.isSummary else { return nil }
        let entry = schedule[task]
        guard entry.progress != .done else { return nil }
        let own = resources.calendars[Int(resources.taskCalendar[task])].own
        var first = own.workingDaysBefore(entry.start)
        if entry.progress == .inProgress, let status = schedule.statusDate {
            first = max(first, own.workingDaysBefore(status.adding(days: 1)))
        }
        let last = own.workingPosition(onOrBefore: entry.finish)
        return first <= last ? first...last : nil
    }

    /// What `task` uses of each of its teams per working day. Effort is spread over the task's
    /// whole duration (an in-progress task keeps the rate it was planned at).
    public static func demands(of task: Int, network: Network, schedule: Schedule) -> [ResourceModel.Demand] {
        demands(of: task, plan: network.plan, resources: network.resources, schedule: schedule)
    }

    static func demands(of task: Int, plan: Plan, resources: ResourceModel, schedule: Schedule) -> [ResourceModel.Demand] {
        let item = plan.tasks[task]
        let own = resources.calendars[Int(resources.taskCalendar[task])].own
        let length: Int
        if let duration = item.duration?.value, duration.unit != .elapsedDays {
            length = own.workingDays(in: duration)
        } else {
            length = own.workingDays(from: schedule[task].start, through: schedule[task].finish)
        }
        return resources.demands(of: item, at: task, length: length)
    }

    /// Places `milliUnits` on the team's working days that are the task's own working days
    /// `ownDays`, as runs of consecutive team days. The task's calendar is a subset of each of its
    /// teams' (their common workdays, all their holidays); where they differ, bisection finds the
    /// gaps without walking every day.
    static func place(_ task: Int, milliUnits: Int, ownDays: ClosedRange<Int>, own: WorkingCalendar, team: WorkingCalendar,
                      sameDays: Bool? = nil, into placements: inout [Placement]) {
        func teamIndex(_ k: Int) -> Int { team.workingDaysBefore(own.day(at: k)) }
        func append(_ first: Int, _ last: Int) {
            if let previous = placements.last, previous.task == task, previous.last + 1 == first {
                placements[placements.count - 1].last = last
            } else {
                placements.append(Placement(task: task, first: first, last: last, milliUnits: milliUnits))
            }
        }
        func split(_ a: Int, _ b: Int, _ ta: Int, _ tb: Int) {
            if tb - ta == b - a {
                append(ta, tb)
                return
            }
            let middle = a + (b - a) / 2
            split(a, middle, ta, teamIndex(middle))
            split(middle + 1, b, teamIndex(middle + 1), tb)
        }
        let lower = ownDays.lowerBound, upper = ownDays.upperBound
        if sameDays ?? own.sameDays(as: team) {
            append(lower, upper)
        } else {
            split(lower, upper, teamIndex(lower), teamIndex(upper))
        }
    }

    /// Demand as constant segments over the team's working days: a sweep over start and end events.
    static func sweep(_ placements: [Placement], calendar: WorkingCalendar) -> [Segment] {
        guard !placements.isEmpty else { return [] }
        var events: [(day: Int, delta: Int)] = []
        events.reserveCapacity(placements.count * 2)
        for placement in placements {
            events.append((placement.first, placement.milliUnits))
            events.append((placement.last + 1, -placement.milliUnits))
        }
        events.sort { $0.day < $1.day }
        var segments: [Segment] = []
        var level = 0, index = 0
        var runStart = 0, runLevel = 0
        var runs: [(first: Int, last: Int, milliUnits: Int)] = []
        while index < events.count {
            let day = events[index].day
            while index < events.count, events[index].day == day {
                level += events[index].delta
                index += 1
            }
            if level == runLevel { continue }
            if runLevel > 0 { runs.append((runStart, day - 1, runLevel)) }
            runStart = day
            runLevel = level
        }
        segments.reserveCapacity(runs.count)
        for run in runs {
            segments.append(Segment(from: calendar.day(at: run.first), to: calendar.day(at: run.last), milliUnits: run.milliUnits))
        }
        return segments
    }

    /// Capacity as constant pieces over the team's working days: the change points of its
    /// absences, by index in its calendar (a change on a non-working day takes effect on the next
    /// working day). Before the first point the capacity is the team's full capacity.
    static func capacityPoints(_ team: ResourceModel.TeamResource) -> [(first: Int, milliUnits: Int)] {
        var points: [(first: Int, milliUnits: Int)] = []
        for change in team.changes {
            let first = team.calendar.workingDaysBefore(Day(ordinal: change.from))
            if let last = points.last, last.first == first {
                points[points.count - 1].milliUnits = change.milliUnits
            } else {
                points.append((first, change.milliUnits))
            }
        }
        return points
    }

    /// Every maximal run of the team's working days on which demand exceeds capacity, with the
    /// tasks that work in it.
    static func overloads(_ segments: [Segment], placements: [Placement], team: ResourceModel.TeamResource) -> [Overload] {
        guard let capacity = team.capacity, !segments.isEmpty else { return [] }
        let calendar = team.calendar
        let points = capacityPoints(team)
        /// Capacity from team index `day` on, and the next index where it changes.
        func capacityFrom(_ day: Int) -> (milliUnits: Int, until: Int) {
            var low = 0, high = points.count
            while low < high {
                let middle = (low + high) / 2
                if points[middle].first <= day { low = middle + 1 } else { high = middle }
            }
            let value = low == 0 ? capacity * ResourceModel.milli : points[low - 1].milliUnits
            return (value, low < points.count ? points[low].first : Int.max)
        }
        var runs: [(first: Int, last: Int, peak: Int, capacity: Int)] = []
        for segment in segments {
            var day = calendar.workingDaysBefore(segment.from)
            let last = calendar.workingDaysBefore(segment.to)
            while day <= last {
                let (available, until) = capacityFrom(day)
                let end = min(last, until - 1)
                if segment.milliUnits > available {
                    if let previous = runs.last, previous.last + 1 == day {
                        runs[runs.count - 1].last = end
                        if segment.milliUnits > previous.peak {
                            runs[runs.count - 1].peak = segment.milliUnits
                            runs[runs.count - 1].capacity = available
                        }
                    } else {
                        runs.append((day, end, segment.milliUnits, available))
                    }
                }
                day = end + 1
            }
        }
        guard !runs.isEmpty else { return [] }
        // Each placement joins every run it overlaps (runs are sorted and disjoint).
        var contributions = [[Contribution]](repeating: [], count: runs.count)
        for placement in placements {
            var low = 0, high = runs.count
            while low < high {
                let middle = (low + high) / 2
                if runs[middle].last < placement.first { low = middle + 1 } else { high = middle }
            }
            var run = low
            while run < runs.count, runs[run].first <= placement.last {
                let from = max(placement.first, runs[run].first), to = min(placement.last, runs[run].last)
                if let previous = contributions[run].last, previous.task == placement.task {
                    contributions[run][contributions[run].count - 1].to = calendar.day(at: to)
                } else {
                    contributions[run].append(Contribution(task: placement.task, milliUnits: placement.milliUnits,
                                                           from: calendar.day(at: from), to: calendar.day(at: to)))
                }
                run += 1
            }
        }
        return runs.enumerated().map { index, run in
            Overload(from: calendar.day(at: run.first), to: calendar.day(at: run.last), workingDays: run.last - run.first + 1,
                     peakMilliUnits: run.peak, milliCapacity: run.capacity, tasks: contributions[index].map(\.task),
                     contributions: contributions[index])
        }
    }
}

extension ResourceLoad.TeamLoad {
    /// The placements of `task` (placements are in plan order).
    func placements(of task: Int) -> ArraySlice<ResourceLoad.Placement> {
        var low = 0, high = placements.count
        while low < high {
            let middle = (low + high) / 2
            if placements[middle].task < task { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < placements.count, placements[end].task == task { end += 1 }
        return placements[low..<end]
    }
}

/// One team's demand and capacity by index in its calendar, for questions about ranges of days
/// ("would this move fit?"): built once per team, each question costs O(log segments) plus the
/// days' pieces it spans.
struct TeamProfile {
    let calendar: WorkingCalendar
    let capacity: Int?
    /// Demand segments as team calendar indices (first, last, milliUnits), sorted and disjoint.
    let segments: [(first: Int, last: Int, milliUnits: Int)]
    let points: [(first: Int, milliUnits: Int)]

    init(_ load: ResourceLoad.TeamLoad, _ team: ResourceModel.TeamResource) {
        calendar = team.calendar
        capacity = team.capacity
        segments = load.segments.map { (team.calendar.workingDaysBefore($0.from), team.calendar.workingDaysBefore($0.to), $0.milliUnits) }
        points = ResourceLoad.capacityPoints(team)
    }

    func milliCapacity(at day: Int) -> Int {
        var low = 0, high = points.count
        while low < high {
            let middle = (low + high) / 2
            if points[middle].first <= day { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? (capacity ?? 0) * ResourceModel.milli : points[low - 1].milliUnits
    }

    func milliDemand(at day: Int) -> Int {
        var low = 0, high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].last < day { low = middle + 1 } else { high = middle }
        }
        return low < segments.count && segments[low].first <= day ? segments[low].milliUnits : 0
    }

    /// The days in `first...last` where demand or capacity may change, with `adjustments`
    /// included: each piece between two of them is constant.
    func pieceStarts(_ first: Int, _ last: Int, _ adjustments: [(first: Int, last: Int, milliUnits: Int)]) -> [Int] {
        var starts = [first]
        var low = 0, high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].last < first { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < segments.count, segments[index].first <= last {
            starts.append(segments[index].first)
            starts.append(segments[index].last + 1)
            index += 1
        }
        for point in points where point.first >= first && point.first <= last { starts.append(point.first) }
        for adjustment in adjustments {
            starts.append(adjustment.first)
            starts.append(adjustment.last + 1)
        }
        return Set(starts.filter { $0 >= first && $0 <= last }).sorted()
    }

    /// The largest amount (thousandths) by which demand exceeds capacity on `first...last` once
    /// `adjustments` (units added over ranges of days, negative to take work away) are applied;
    /// at most 0 when the team has room on every day.
    func maxExcess(_ first: Int, _ last: Int, adjustments: [(first: Int, last: Int, milliUnits: Int)] = []) -> Int {
        guard capacity != nil else { return Int.min }
        var worst = Int.min
        for day in pieceStarts(first, last, adjustments) {
            var demand = milliDemand(at: day)
            for adjustment in adjustments where adjustment.first <= day && day <= adjustment.last { demand += adjustment.milliUnits }
            worst = max(worst, demand - milliCapacity(at: day))
        }
        return worst
    }
}
