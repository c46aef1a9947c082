/// Teams as resources, resolved once per compilation (DESIGN.md "Resources and levelling"): each
/// team's calendar and capacity, the calendar each task works on, and what each leaf task demands
/// of each team.
///
/// Units are held in thousandths (`milli`): 1 person is 1000, `units: 0.5` is 500, effort 10d over
/// 3 days is 3333. Sums of integers are the same on every machine and in every order.
public struct ResourceModel: Sendable {
    public static let milli = 1000

    /// One team, by index in `plan.teams` order.
    public struct TeamResource: Sendable {
        public let id: String
        /// People on each working day (nil: never over-allocated — no `capacity`, or `external`).
        public let capacity: Int?
        /// The team's own working days: its `workdays` (else the plan's) less the plan's and its
        /// own holidays.
        public let calendar: WorkingCalendar
        /// Capacity in thousandths from each change point on, by calendar day (ordinal), sorted;
        /// before the first point and after the last the capacity is `capacity`. Empty without
        /// absences.
        public let changes: [(from: Int, milliUnits: Int)]

        /// Capacity in thousandths on calendar day `ordinal` (a working day of the team).
        public func milliCapacity(on ordinal: Int) -> Int {
            guard let capacity else { return Int.max }
            var low = 0, high = changes.count
            while low < high {
                let mid = (low + high) / 2
                if changes[mid].from <= ordinal { low = mid + 1 } else { high = mid }
            }
            return low == 0 ? capacity * ResourceModel.milli : changes[low - 1].milliUnits
        }
    }

    /// What one leaf task uses of one team on each day it works.
    public struct Demand: Sendable, Equatable {
        public let team: Int
        public let milliUnits: Int
        /// True when `units` is written; false when it comes from effort ÷ duration or is the
        /// default 1.
        public let explicit: Bool
    }

    /// A task whose teams have no working day in common (reported by E208).
    public struct CalendarConflict: Sendable {
        public let task: Int
        public let teams: [Int]
    }

    public let teams: [TeamResource]
    public let teamIndex: [String: Int]
    /// Every day some task may work on: every team's workdays and the plan's, less the plan's
    /// holidays. Equal to the plan's calendar when no team has workdays of its own.
    public let axis: WorkingCalendar
    /// Distinct task calendars; `calendars[0]` is the plan's.
    public let calendars: [TaskCalendar]
    /// Per task, the index of its calendar in `calendars` (milestones, summaries: 0).
    public let taskCalendar: [Int32]
    /// Per task, the teams it uses (`assign`, else its owner or its nearest summary's owner), as
    /// `teamsUsed[teamOffsets[t]..<teamOffsets[t + 1]]` (declared teams only; leaf tasks only).
    public let teamsUsed: [Int32]
    public let teamOffsets: [Int]
    public let conflicts: [CalendarConflict]
    /// Whether any team has workdays, holidays or absences of its own.
    public let hasTeamCalendars: Bool

    /// The calendar `task` works on.
    @inline(__always) public func calendar(of task: Int) -> TaskCalendar {
        calendars[Int(taskCalendar[task])]
    }

    /// The teams `task` uses, by index.
    public func teams(of task: Int) -> ArraySlice<Int32> {
        teamsUsed[teamOffsets[task]..<teamOffsets[task + 1]]
    }

    public init(plan: Plan, owner: (Int) -> String?) {
        let planCalendar = WorkingCalendar(plan.calendar)
        var index: [String: Int] = [:]
        for (position, team) in plan.teams.enumerated() where index[team.id.value] == nil {
            index[team.id.value] = position
        }
        teamIndex = index
        let planWorkdays = plan.calendar.workdays?.value ?? WorkingCalendar().workdays
        let planHolidays = plan.calendar.holidays.map { (from: $0.from, to: $0.to) }
        var hasOwn = false
        var axisWorkdays = Set(planWorkdays)
        let teams = plan.teams.map { team in
            let workdays = team.calendar.workdays?.value ?? planWorkdays
            axisWorkdays.formUnion(workdays)
            if team.calendar.workdays != nil || !team.calendar.holidays.isEmpty || !team.absences.isEmpty { hasOwn = true }
            let calendar = team.calendar.workdays == nil && team.calendar.holidays.isEmpty
                ? planCalendar
                : WorkingCalendar(workdays: workdays, holidays: planHolidays + team.calendar.holidays.map { (from: $0.from, to: $0.to) })
            return TeamResource(id: team.id.value, capacity: team.isConstrained ? team.capacity : nil, calendar: calendar,
                                changes: ResourceModel.capacityChanges(team))
        }
        self.teams = teams
        hasTeamCalendars = hasOwn
        let onPlanCalendar = teams.map { $0.calendar.sameDays(as: planCalendar) }
        let axis = axisWorkdays.count == planWorkdays.count
            ? planCalendar
            : WorkingCalendar(workdays: axisWorkdays.sorted { $0.rawValue < $1.rawValue }, holidays: planHolidays)
        self.axis = axis

        var calendars = [TaskCalendar(own: planCalendar, axis: axis)]
        var calendarKeys: [[Int32]: Int32] = [:]
        var taskCalendar = [Int32](repeating: 0, count: plan.tasks.count)
        var teamsUsed: [Int32] = []
        var offsets = [Int]()
        offsets.reserveCapacity(plan.tasks.count + 1)
        var conflicts: [CalendarConflict] = []
        let hasTeams = !index.isEmpty
        for (position, task) in plan.tasks.enumerated() {
            offsets.append(teamsUsed.count)
            guard hasTeams, task.kind == .task, !task.isSummary else { continue }
            let first = teamsUsed.count
            if task.assign.isEmpty {
                if let name = owner(position), let team = index[name] { teamsUsed.append(Int32(team)) }
            } else {
                for assignment in task.assign {
                    guard let team = index[assignment.team.value], !teamsUsed[first...].contains(Int32(team)) else { continue }
                    teamsUsed.append(Int32(team))
                }
            }
            guard hasOwn else { continue }
            let used = Array(teamsUsed[first...]).sorted()
            guard used.contains(where: { !onPlanCalendar[Int($0)] }) else { continue }
            if let known = calendarKeys[used] {
                taskCalendar[position] = known
                continue
            }
            var workdays = Set(Weekday.allCases)
            var holidays = planHolidays
            for team in used {
                let spec = plan.teams[Int(team)].calendar
                workdays.formIntersection(spec.workdays?.value ?? planWorkdays)
                holidays += spec.holidays.map { (from: $0.from, to: $0.to) }
            }
            var key: Int32 = 0
            if workdays.isEmpty {
                conflicts.append(CalendarConflict(task: position, teams: used.map(Int.init)))
            } else {
                let own = WorkingCalendar(workdays: workdays.sorted { $0.rawValue < $1.rawValue }, holidays: holidays)
                key = Int32(calendars.count)
                calendars.append(TaskCalendar(own: own, axis: axis))
            }
            calendarKeys[used] = key
            taskCalendar[position] = key
        }
        offsets.append(teamsUsed.count)
        self.calendars = calendars
        self.taskCalendar = taskCalendar
        self.teamsUsed = teamsUsed
        teamOffsets = offsets
        self.conflicts = conflicts
    }

    /// The capacity change points of a team's absences: overlapping absences add up (never below 0).
    static func capacityChanges(_ team: Team) -> [(from: Int, milliUnits: Int)] {
        guard let capacity = team.capacity, !team.absences.isEmpty else { return [] }
        var deltas: [Int: Int] = [:]
        for absence in team.absences {
            let away = (absence.units?.value ?? capacity) * milli
            deltas[absence.from.ordinal, default: 0] -= away
            deltas[absence.to.ordinal + 1, default: 0] += away
        }
        var level = capacity * milli
        var changes: [(from: Int, milliUnits: Int)] = []
        for day in deltas.keys.sorted() {
            level += deltas[day]!
            changes.append((day, max(0, min(level, capacity * milli))))
        }
        return changes
    }

    /// What `task` demands of each team it uses on each day it works, given the working days it
    /// occupies (`length`: its duration in its own working days). Milestones, summaries and tasks
    /// without a team demand nothing; done work is the caller's to leave out.
    public func demands(of task: Task, at position: Int, length: Int) -> [Demand] {
        let used = teams(of: position)
        guard !used.isEmpty else { return [] }
        var shared = ResourceModel.milli
        if let effort = task.effort?.value, length > 0 {
            let personDays = Double(effort.unit == .workingWeeks ? calendars[Int(taskCalendar[position])].own.workingDays(in: effort) : effort.amount)
            shared = Int((personDays / Double(length) / Double(used.count) * Double(ResourceModel.milli)).rounded())
            shared = max(1, shared)
        }
        return used.map { team in
            let id = teams[Int(team)].id
            if let units = task.assign.last(where: { $0.units != nil && $0.team.value == id })?.units?.value {
                return Demand(team: Int(team), milliUnits: Int((units * Double(ResourceModel.milli)).rounded()), explicit: true)
            }
            return Demand(team: Int(team), milliUnits: shared, explicit: false)
        }
    }

    /// Units in thousandths as people read them: `2`, `0.5`, `3.333`.
    public static func format(milliUnits: Int) -> String {
        let whole = milliUnits / milli, fraction = milliUnits % milli
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
