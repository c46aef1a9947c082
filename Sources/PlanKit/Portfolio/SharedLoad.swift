import PlanSyntax

/// A shared team's demand added up over every plan of a portfolio, day by day (each plan places
/// its tasks on its own calendar), against the team's capacity; one overload per maximal run of
/// the team's working days over capacity, as W501 counts them within a plan.
enum SharedLoad {
    /// `order` is the order the plans were served in: the capacity is read from the first plan
    /// that uses the team, which no other plan's holding has lowered.
    static func overloads(of teams: [Team], in members: [Compilation], order: [Int]) -> [PortfolioCompilation.SharedOverload] {
        var result: [PortfolioCompilation.SharedOverload] = []
        for team in teams where team.isConstrained {
            var demand: [Int: Int] = [:]
            var users: [Int: [(plan: Int, task: Int, milliUnits: Int)]] = [:]
            var reference: ResourceModel.TeamResource?
            for plan in order {
                let member = members[plan]
                guard let load = member.load, let network = member.network,
                      let teamLoad = load.teams.first(where: { $0.id == team.id.value }) else { continue }
                let resource = network.resources.teams[teamLoad.team]
                if reference == nil { reference = resource }
                for placement in teamLoad.placements where placement.first <= placement.last {
                    for index in placement.first...placement.last {
                        let ordinal = resource.calendar.day(at: index).ordinal
                        demand[ordinal, default: 0] += placement.milliUnits
                        users[ordinal, default: []].append((plan, placement.task, placement.milliUnits))
                    }
                }
            }
            guard let reference else { continue }
            let over = demand.keys.filter { demand[$0]! > reference.milliCapacity(on: $0) }.sorted()
            var runs: [[Int]] = []
            for ordinal in over {
                if let previous = runs.last?.last,
                   reference.calendar.workingDaysBefore(Day(ordinal: ordinal)) - reference.calendar.workingDaysBefore(Day(ordinal: previous)) <= 1 {
                    runs[runs.count - 1].append(ordinal)
                } else {
                    runs.append([ordinal])
                }
            }
            for run in runs {
                var spans: [Int: (plan: Int, task: Int, milliUnits: Int, from: Int, to: Int)] = [:]
                var order: [Int] = []
                for ordinal in run {
                    for user in users[ordinal] ?? [] {
                        let key = user.plan << 32 | user.task
                        if var span = spans[key] {
                            span.milliUnits = max(span.milliUnits, user.milliUnits)
                            span.to = ordinal
                            spans[key] = span
                        } else {
                            spans[key] = (user.plan, user.task, user.milliUnits, ordinal, ordinal)
                            order.append(key)
                        }
                    }
                }
                let contributions = order.sorted().map { key -> PortfolioCompilation.SharedOverload.Contribution in
                    let span = spans[key]!
                    return .init(plan: span.plan, task: span.task, milliUnits: span.milliUnits, from: Day(ordinal: span.from), to: Day(ordinal: span.to))
                }
                let peak = run.max { demand[$0]! < demand[$1]! }!
                result.append(.init(team: team.id.value, from: Day(ordinal: run.first!), to: Day(ordinal: run.last!), workingDays: run.count,
                                    peakMilliUnits: demand[peak]!, milliCapacity: reference.milliCapacity(on: peak),
                                    contributions: contributions))
            }
        }
        return result
    }

    /// What a plan's schedule uses of team `id`, by day (ordinal → milli-units).
    static func usage(of id: String, load: ResourceLoad, network: Network) -> [Int: Int] {
        guard let teamLoad = load.teams.first(where: { $0.id == id }) else { return [:] }
        let calendar = network.resources.teams[teamLoad.team].calendar
        var usage: [Int: Int] = [:]
        for placement in teamLoad.placements where placement.first <= placement.last {
            for index in placement.first...placement.last { usage[calendar.day(at: index).ordinal, default: 0] += placement.milliUnits }
        }
        return usage
    }

    /// `plan` with its shared teams' capacity lowered, day by day, by what plans served before it
    /// hold (`held`: team → ordinal → milli-units), as absences of whole people (a share of one
    /// holds the person), from the plan's start on.
    static func holding(_ held: [String: [Int: Int]], in plan: Plan) -> Plan {
        guard !held.isEmpty else { return plan }
        var plan = plan
        let start = plan.start?.value.ordinal ?? Int.min
        for index in plan.teams.indices {
            guard let days = held[plan.teams[index].id.value] else { continue }
            var runs: [(from: Int, to: Int, units: Int)] = []
            for ordinal in days.keys.sorted() where ordinal >= start {
                let units = (days[ordinal]! + ResourceModel.milli - 1) / ResourceModel.milli
                guard units > 0 else { continue }
                if let last = runs.last, last.to == ordinal - 1, last.units == units {
                    runs[runs.count - 1].to = ordinal
                } else {
                    runs.append((ordinal, ordinal, units))
                }
            }
            let location = plan.teams[index].id.location
            plan.teams[index].absences += runs.map {
                Absence(from: Day(ordinal: $0.from), to: Day(ordinal: $0.to), units: Located($0.units, at: location),
                        name: "held by plans of higher priority", location: location)
            }
        }
        return plan
    }

    /// One W501 per overload, at the shared team's capacity, with a note at each task (the largest
    /// first when there are many), each naming its plan.
    static func report(_ overloads: [PortfolioCompilation.SharedOverload], teams: [Team], members: [Compilation], sink: DiagnosticSink) {
        for overload in overloads {
            guard let team = teams.first(where: { $0.id.value == overload.team }) else { continue }
            let planIDs = overload.plans.map { members[$0].plan?.id?.value ?? members[$0].path }
            let message = "shared team '\(overload.team)' is over capacity \(OverAllocationRule.period(overload.from, overload.to)) (\(overload.workingDays) working day\(overload.workingDays == 1 ? "" : "s")) across plans \(planIDs.joined(separator: ", ")): "
                + "\(OverAllocationRule.people(overload.peakMilliUnits)) needed, \(ResourceModel.format(milliUnits: overload.milliCapacity)) available"
            var shown = overload.contributions
            if shown.count > OverAllocationRule.maxNotes {
                shown = Array(shown.sorted { (-$0.milliUnits, $0.plan, $0.task) < (-$1.milliUnits, $1.plan, $1.task) }.prefix(OverAllocationRule.maxNotes))
                    .sorted { ($0.plan, $0.task) < ($1.plan, $1.task) }
            }
            var notes: [(String, SourceLocation)] = shown.compactMap { contribution in
                guard let plan = members[contribution.plan].plan else { return nil }
                let task = plan.tasks[contribution.task]
                return ("'\(task.id.value)' of plan '\(plan.id?.value ?? "")' uses \(ResourceModel.format(milliUnits: contribution.milliUnits)) of \(overload.team) \(OverAllocationRule.period(contribution.from, contribution.to))",
                        task.id.location)
            }
            if overload.contributions.count > shown.count {
                let more = overload.contributions.count - shown.count
                notes.append(("and \(more) more task\(more == 1 ? "" : "s") use \(overload.team) in this period", team.capacityLocation ?? team.id.location))
            }
            sink.emit(OverAllocationRule.descriptor, message, at: team.capacityLocation ?? team.id.location,
                      help: "level the plans together (`level: true` in the portfolio, or --level): the plan of higher `priority` takes the team first; or raise the shared team's capacity",
                      notes: notes)
        }
    }
}
