/// Levels a plan (DESIGN.md "Resources and levelling"). The search runs on an abstract problem
/// (`Leveller`: one axis of working days, every task a block of periods); the schedule itself comes
/// from the plan's own scheduling rules — calendars, milestones, summaries, progress — placing
/// tasks one at a time in the order the search found, each at the earliest start at which its
/// teams have its units free (a serial schedule generation over the real network, `ResourceGate`).
/// A second pass over the network plus the resource waits it found (the levelled network) gives
/// the levelled float, the driving chain and the resource-driven critical path.
public enum PlanLeveller {
    public static func level(_ network: Network, schedule unlevelled: Schedule,
                             budget: LevellingBudget = .default) -> (schedule: Schedule, levelling: Levelling) {
        let plan = network.plan
        let resources = network.resources
        let axis = resources.axis
        let count = plan.tasks.count
        let statusDate = unlevelled.statusDate
        func unchanged() -> (schedule: Schedule, levelling: Levelling) {
            (unlevelled, Levelling(delays: [Int](repeating: 0, count: count), waits: [[Levelling.Wait]](repeating: [], count: count),
                                   finishLowerBound: unlevelled.finish, resourcePath: unlevelled.criticalPath, unlevelled: unlevelled))
        }
        // What every task not done demands of the teams that have a capacity.
        var demands = [[(team: Int, units: Int)]](repeating: [], count: count)
        var anyDemand = false
        for index in 0..<count {
            let task = plan.tasks[index]
            guard unlevelled[index].progress != .done, task.kind == .task, !task.isSummary else { continue }
            let length = Scheduler.length(of: task, calendar: resources.calendar(of: index).own).amount
            for demand in resources.demands(of: task, at: index, length: length)
            where resources.teams[demand.team].capacity != nil && demand.milliUnits > 0 {
                demands[index].append((demand.team, demand.milliUnits))
                anyDemand = true
            }
        }
        guard anyDemand, count > 0 else { return unchanged() }

        let positions = Positions(network: network, schedule: unlevelled)
        let profiles = resources.teams.map { ResourceProfile(capacity: axisCapacity($0, axis: axis)) }
        let effective = effectivePriorities(network)

        // The search on the abstract problem, then the latest-start rule as a second candidate (and
        // the only one when the search refuses: a loop only start and finish links together make).
        let abstract = AbstractPlan(network: network, positions: positions, demands: demands, effective: effective)
        let searched = Leveller.level(abstract.problem, budget: budget, explain: false)
        var candidates: [[Int]] = []
        if searched.refusal == nil {
            candidates.append((0..<count).map { abstract.activity[$0] >= 0 ? searched.starts[abstract.activity[$0]] : positions.start[$0] })
        }
        candidates.append((0..<count).map { positions.start[$0] + max(0, unlevelled[$0].totalFloat) })

        var best: Decoded?
        for keys in candidates {
            let decoded = decode(network, statusDate: statusDate, rank: ranks(effective: effective, keys: keys),
                                 demands: demands, profiles: profiles, positions: positions)
            if best == nil || decoded.finish < best!.finish { best = decoded }
        }
        let chosen = best!

        // The levelled network: the plan's links plus "waited for" links from each task that held
        // a team to the task that waited for it; every task held at its levelled start.
        var extra: [(from: Int, to: Int, origin: DependencyGraph.EdgeOrigin)] = []
        var waits = [[Levelling.Wait]](repeating: [], count: count)
        for task in 0..<count {
            for wait in chosen.gate.waits[task] {
                let holders = wait.holders
                for holder in wait.releasing {
                    extra.append((DependencyGraph.finish(holder), DependencyGraph.start(task), .resource(task: task, holder: holder)))
                }
                let own = resources.calendar(of: task)
                let days = own.ownBoundary(wait.to) - own.ownBoundary(wait.from)
                guard days > 0 else { continue }
                waits[task].append(Levelling.Wait(
                    team: wait.team, teamID: resources.teams[wait.team].id, tasks: holders, moreTasks: wait.moreHolders,
                    from: axis.day(at: own.startAtOrAfter(wait.from)), to: axis.day(at: own.axisEnd(own.ownBoundary(wait.to)) - 1), days: days))
            }
        }
        let levelledGraph = network.graph.adding(extra)
        var pass = SchedulePass(network: network, statusDate: statusDate, graph: levelledGraph)
        pass.hooks = LevelHooks(floors: chosen.starts)
        guard pass.forward() else { return unchanged() }
        pass.backward()
        let levelled = pass.result()

        var delays = [Int](repeating: 0, count: count)
        for task in 0..<count where unlevelled[task].progress == .planned && !plan.tasks[task].isSummary {
            let own = resources.calendar(of: task).own
            let before = plan.tasks[task].isMilestone ? unlevelled[task].finish : unlevelled[task].start
            let after = plan.tasks[task].isMilestone ? levelled[task].finish : levelled[task].start
            guard after > before else { continue }
            let calendar = plan.tasks[task].isMilestone ? network.calendar : own
            delays[task] = max(0, calendar.workingDaysBefore(after) - calendar.workingDaysBefore(before))
        }
        var lowerBound = unlevelled.finish
        if searched.refusal == nil, searched.bound.value > 0 {
            lowerBound = max(lowerBound, network.calendar.lastWorkingDay(onOrBefore: axis.day(at: searched.bound.value - 1)))
        }
        lowerBound = min(lowerBound, levelled.finish)
        return (levelled, Levelling(delays: delays, waits: waits, finishLowerBound: lowerBound,
                                    resourcePath: levelled.criticalPath, unlevelled: unlevelled))
    }

    /// A team's capacity in thousandths over the axis: its people, less its absences from the day
    /// each starts; a team without capacity never runs out.
    static func axisCapacity(_ team: ResourceModel.TeamResource, axis: WorkingCalendar) -> [LevellingProblem.CapacityChange] {
        guard let capacity = team.capacity else { return [.init(from: Int.min, units: Int.max / 4)] }
        return [.init(from: Int.min, units: capacity * ResourceModel.milli)]
            + team.changes.map { .init(from: axis.workingDaysBefore(Day(ordinal: $0.from)), units: $0.milliUnits) }
    }

    // MARK: - Priorities and order

    /// Per task: its `priority` (else its nearest summary's, else 500), raised to that of any work
    /// that waits for it through the network, so that urgent work never waits for lower-priority
    /// work holding up its predecessors.
    static func effectivePriorities(_ network: Network) -> [Int] {
        let plan = network.plan, graph = network.graph, count = plan.tasks.count
        var own = [Int](repeating: 500, count: count)
        for index in 0..<count {
            var current: Int? = index
            while let task = current {
                if let priority = plan.tasks[task].priority?.value { own[index] = priority; break }
                current = plan.tasks[task].parent
            }
        }
        var node = (0..<(2 * count)).map { own[$0 >> 1] }
        for at in topologicalNodes(graph).reversed() {
            for edge in graph.offsets[at]..<graph.offsets[at + 1] { node[at] = max(node[at], node[Int(graph.targets[edge])]) }
        }
        return (0..<count).map { max(node[2 * $0], node[2 * $0 + 1]) }
    }

    /// Kahn's order of the graph's nodes (the graph has no cycle once the plan has a schedule).
    static func topologicalNodes(_ graph: DependencyGraph) -> [Int] {
        var remaining = [Int32](repeating: 0, count: graph.nodeCount)
        for target in graph.targets { remaining[Int(target)] += 1 }
        var order = (0..<graph.nodeCount).filter { remaining[$0] == 0 }
        order.reserveCapacity(graph.nodeCount)
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            for edge in graph.offsets[node]..<graph.offsets[node + 1] {
                let target = Int(graph.targets[edge])
                remaining[target] -= 1
                if remaining[target] == 0 { order.append(target) }
            }
        }
        return order
    }

    /// The order tasks are placed in: higher effective priority first, then by `keys` (the
    /// search's starts), then plan order.
    static func ranks(effective: [Int], keys: [Int]) -> [Int32] {
        let sorted = effective.indices.sorted { (-effective[$0], keys[$0], $0) < (-effective[$1], keys[$1], $1) }
        var rank = [Int32](repeating: 0, count: effective.count)
        for (position, task) in sorted.enumerated() { rank[task] = Int32(position) }
        return rank
    }

    // MARK: - Decoding

    struct Decoded {
        let gate: ResourceGate
        /// Per task, its start boundary on the axis in this pass (Int.min: not a leaf task placed by it).
        let starts: [Int]
        let finish: Int
    }

    /// One serial pass in `rank` order with the teams' capacity, fixed work reserved first.
    static func decode(_ network: Network, statusDate: Day?, rank: [Int32], demands: [[(team: Int, units: Int)]],
                       profiles: [ResourceProfile], positions: Positions) -> Decoded {
        let gate = ResourceGate(free: profiles, demands: demands)
        for task in positions.start.indices where positions.progress[task] == .inProgress {
            gate.reserve(task, from: max(positions.resume, positions.start[task]), to: positions.finish[task])
        }
        var pass = SchedulePass(network: network, statusDate: statusDate)
        pass.hooks = LevelHooks(rank: rank, gate: gate)
        _ = pass.forward()
        var starts = [Int](repeating: Int.min, count: rank.count)
        var finish = Int.min
        for task in rank.indices {
            starts[task] = pass.early[2 * task]
            finish = max(finish, pass.early[2 * task + 1])
        }
        return Decoded(gate: gate, starts: starts, finish: finish)
    }
}
