import PlanSyntax

/// A team asked for more people than it has, on a run of its working days, with the cheapest fix
/// planc can prove: a move within free float, else the capacity, else levelling.
public struct OverAllocationRule: Rule {
    public static let needsSchedule = true

    public init() {}

    /// Notes at contributing tasks per warning, the largest first; the rest are counted.
    static let maxNotes = 10

    public func check(_ context: RuleContext) {
        guard let schedule = context.schedule, context.plan.teams.contains(where: \.isConstrained) else { return }
        let network = context.network
        let load = context.load ?? ResourceLoad(network: network, schedule: schedule)
        guard load.isOverAllocated else { return }
        let profiles = zip(load.teams, network.resources.teams).map { TeamProfile($0, $1) }
        // In a portfolio the shared teams' load is counted across all its plans, and reported there.
        let shared = context.portfolio?.countsSharedLoad == true ? context.portfolio!.sharedTeamIDs : []
        for team in load.teams where !shared.contains(team.id) {
            for overload in team.overloads {
                report(overload, of: team, load: load, profiles: profiles, schedule: schedule, context: context)
            }
        }
    }

    private func report(_ overload: ResourceLoad.Overload, of team: ResourceLoad.TeamLoad, load: ResourceLoad,
                        profiles: [TeamProfile], schedule: Schedule, context: RuleContext) {
        let plan = context.plan
        let declared = plan.teams[team.team]
        let period = Self.period(overload.from, overload.to)
        let message = "team '\(team.id)' is over capacity \(period) (\(overload.workingDays) working day\(overload.workingDays == 1 ? "" : "s")): "
            + "\(Self.people(overload.peakMilliUnits)) needed, \(ResourceModel.format(milliUnits: overload.milliCapacity)) available"
        // A note at each task, the largest first when there are many: a run over a big plan can
        // involve thousands, and one warning must stay readable in a CI log.
        var shown = overload.contributions
        if shown.count > Self.maxNotes {
            shown = Array(shown.sorted { (-$0.milliUnits, $0.from, $0.task) < (-$1.milliUnits, $1.from, $1.task) }.prefix(Self.maxNotes))
                .sorted { $0.task < $1.task }
        }
        var notes = shown.map { contribution in
            ("'\(plan.tasks[contribution.task].id.value)' uses \(ResourceModel.format(milliUnits: contribution.milliUnits)) of \(team.id) \(Self.period(contribution.from, contribution.to))",
             plan.tasks[contribution.task].id.location)
        }
        if overload.contributions.count > shown.count {
            let more = overload.contributions.count - shown.count
            notes.append(("and \(more) more task\(more == 1 ? "" : "s") use \(team.id) in this period (`planc schedule --format csv --load` lists the load)",
                          declared.capacityLocation ?? declared.id.location))
        }
        let help = moveWithinFloat(overload, of: team, load: load, profiles: profiles, schedule: schedule, context: context)
            ?? capacityFix(overload, of: team, profile: profiles[team.team], declared: declared)
            ?? Self.levelHelp
        context.emit(Self.descriptor, message, at: declared.capacityLocation ?? declared.id.location, help: help, notes: notes)
    }

    /// Tasks of the overload that can move past its end within their free float (so no successor,
    /// deadline or the finish moves), taking the run within capacity without overloading any team
    /// where they land; nil when no such set exists.
    private func moveWithinFloat(_ overload: ResourceLoad.Overload, of team: ResourceLoad.TeamLoad, load: ResourceLoad,
                                 profiles: [TeamProfile], schedule: Schedule, context: RuleContext) -> String? {
        // Moving at most `maxCandidates` tasks lowers the peak day's demand by at most their units:
        // when even the largest that many cannot cover the excess there, no move can (a run over
        // a big plan involves thousands of tasks; this skips reading their float).
        let largest = overload.contributions.map(\.milliUnits).sorted(by: >).prefix(Self.maxCandidates).reduce(0, +)
        guard largest >= overload.peakMilliUnits - overload.milliCapacity else { return nil }
        let network = context.network, resources = network.resources
        let profile = profiles[team.team]
        let runFirst = profile.calendar.workingDaysBefore(overload.from), runLast = profile.calendar.workingDaysBefore(overload.to)
        // Planned work only (started work never moves), in working days of its own calendar.
        var candidates: [(task: Int, delay: Int, float: Int)] = []
        for task in overload.tasks {
            let entry = schedule[task]
            guard entry.progress == .planned, network.plan.tasks[task].duration?.value.unit != .elapsedDays,
                  let span = ResourceLoad.occupiedDays(of: task, plan: network.plan, resources: resources, schedule: schedule) else { continue }
            let own = resources.calendar(of: task).own
            let delay = own.workingDaysBefore(overload.to.adding(days: 1)) - span.lowerBound
            if delay <= min(entry.freeFloat, entry.totalFloat) { candidates.append((task, delay, entry.freeFloat)) }
        }
        candidates.sort { ($0.delay, $0.task) < ($1.delay, $1.task) }
        // The cheapest set that works: fewest tasks, then fewest working days of delay, then the
        // earliest in plan order. Sets are drawn from the cheapest few candidates, so the search
        // stays small on any plan.
        let pool = Array(candidates.prefix(Self.maxCandidates))
        guard !pool.isEmpty else { return nil }
        // Taking work away only lowers demand: when moving the whole pool does not clear the run,
        // no part of it does.
        let all = pool.flatMap { candidate in team.placements(of: candidate.task).map { ($0.first, $0.last, -$0.milliUnits) } }
        guard profile.maxExcess(runFirst, runLast, adjustments: all) <= 0 else { return nil }
        var sets: [(mask: Int, size: Int, delay: Int)] = []
        for mask in 1..<(1 << pool.count) {
            var size = 0, delay = 0
            for bit in pool.indices where mask & (1 << bit) != 0 {
                size += 1
                delay += pool[bit].delay
            }
            sets.append((mask, size, delay))
        }
        sets.sort { ($0.size, $0.delay, $0.mask) < ($1.size, $1.delay, $1.mask) }
        for set in sets {
            let moved = pool.indices.filter { set.mask & (1 << $0) != 0 }.map { pool[$0] }
            var removal: [(first: Int, last: Int, milliUnits: Int)] = []
            for candidate in moved {
                for placement in team.placements(of: candidate.task) {
                    removal.append((placement.first, placement.last, -placement.milliUnits))
                }
            }
            guard profile.maxExcess(runFirst, runLast, adjustments: removal) <= 0,
                  lands(moved.map { ($0.task, $0.delay) }, load: load, profiles: profiles, schedule: schedule, network: network)
            else { continue }
            let plan = context.plan
            return moved.map { task, delay, float in
                "delay '\(plan.tasks[task].id.value)' \(delay) working day\(delay == 1 ? "" : "s"): it has \(float) of free float"
            }.joined(separator: "; ")
        }
        return nil
    }

    /// Whether the tasks, each moved later by its delay (own working days), fit where they land:
    /// no team they use goes over capacity on any day they land on.
    private func lands(_ moved: [(task: Int, delay: Int)], load: ResourceLoad, profiles: [TeamProfile], schedule: Schedule,
                       network: Network) -> Bool {
        let resources = network.resources
        var adjustments = [[(first: Int, last: Int, milliUnits: Int)]](repeating: [], count: load.teams.count)
        var landing = [[(first: Int, last: Int)]](repeating: [], count: load.teams.count)
        for (task, delay) in moved {
            guard let span = ResourceLoad.occupiedDays(of: task, plan: network.plan, resources: resources, schedule: schedule) else { continue }
            let own = resources.calendar(of: task).own
            for demand in ResourceLoad.demands(of: task, plan: network.plan, resources: resources, schedule: schedule) where demand.milliUnits > 0 {
                for placement in load.teams[demand.team].placements(of: task) {
                    adjustments[demand.team].append((placement.first, placement.last, -placement.milliUnits))
                }
                var shifted: [ResourceLoad.Placement] = []
                ResourceLoad.place(task, milliUnits: demand.milliUnits, ownDays: (span.lowerBound + delay)...(span.upperBound + delay),
                                   own: own, team: resources.teams[demand.team].calendar, into: &shifted)
                for placement in shifted {
                    adjustments[demand.team].append((placement.first, placement.last, placement.milliUnits))
                    landing[demand.team].append((placement.first, placement.last))
                }
            }
        }
        for (index, ranges) in landing.enumerated() {
            for range in ranges where profiles[index].maxExcess(range.first, range.last, adjustments: adjustments[index]) > 0 {
                return false
            }
        }
        return true
    }

    /// The capacity that removes the overload: on each day of the run, the demand plus the people
    /// away on that day. Nil when that cannot work: the whole team is away on a day with demand
    /// (more people would be away too), or it is beyond what a capacity can be.
    private func capacityFix(_ overload: ResourceLoad.Overload, of team: ResourceLoad.TeamLoad, profile: TeamProfile,
                             declared: Team) -> String? {
        guard let capacity = team.capacity else { return nil }
        let first = profile.calendar.workingDaysBefore(overload.from), last = profile.calendar.workingDaysBefore(overload.to)
        var needed = 0
        for day in profile.pieceStarts(first, last, []) {
            let demand = profile.milliDemand(at: day)
            guard demand > 0 else { continue }
            let date = profile.calendar.day(at: day)
            var away = 0
            for absence in declared.absences where absence.from <= date && date <= absence.to {
                guard let units = absence.units?.value else { return nil }
                away += units
            }
            needed = max(needed, (demand + ResourceModel.milli - 1) / ResourceModel.milli + away)
        }
        guard needed > capacity, needed <= 100_000 else { return nil }
        return "\(team.id) needs \(needed) people \(Self.period(overload.from, overload.to)); it has \(capacity): `--capacity \(team.id)=\(needed)` would remove this over-allocation"
    }

    /// How many of the cheapest movable tasks the fix search combines (2^n - 1 sets at most).
    static let maxCandidates = 8

    static let levelHelp = "level the plan (`level: true` or `--level`)"

    static func period(_ from: Day, _ to: Day) -> String {
        from == to ? "on \(from)" : "\(from) – \(to)"
    }

    static func people(_ milliUnits: Int) -> String {
        "\(ResourceModel.format(milliUnits: milliUnits)) \(milliUnits == ResourceModel.milli ? "person" : "people")"
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W501", name: "over-allocation", severity: .warning,
        summary: "on a run of its working days, a team's work needs more people than the team has",
        rationale: "A schedule that asks QA for five people when it has two will not happen as drawn: the tests queue, and the dates after them move. Demand is what the team's tasks use on each of its working days (`assign` units, else effort ÷ duration, else 1; done work uses nothing, started work only its remaining days); capacity is `capacity` less absences. One warning per maximal run of over-allocated working days, at the team's `capacity`, with a note at every task working in the run. The help gives the cheapest fix planc can prove: tasks whose free float lets them move past the run without moving a successor, a deadline or the finish and without overloading any team where they land; else the capacity that removes the run; else levelling. A team without `capacity`, or `external: true`, is never over-allocated.",
        triggering: [
            Example("plan: exchange\nstart: 2027-02-01\nteams:\n  qa: { capacity: ↓2 }\ntasks:\n  - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }\n  - { id: regression, duration: 5d, assign: [qa] }\n"),
        ],
        passing: [
            Example("plan: exchange\nstart: 2027-02-01\nteams:\n  qa: { capacity: 2 }\ntasks:\n  - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }\n  - { id: regression, duration: 5d, assign: [qa], after: [perf-test] }\n"),
            Example("plan: exchange\nstart: 2027-02-01\nteams:\n  qa: { capacity: 2, external: true }\ntasks:\n  - { id: perf-test, duration: 5d, assign: [{ team: qa, units: 2 }] }\n  - { id: regression, duration: 5d, assign: [qa] }\n"),
        ])
}
