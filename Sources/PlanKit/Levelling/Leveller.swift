import PlanSyntax

/// Levels a `LevellingProblem`: every activity placed within capacity on every period, after its
/// release and its predecessors, fixed work first and unmoved; priority levels one after the
/// other, highest first, each searched for the shortest finish with the levels above it fixed.
public enum Leveller {
    /// `explain: false` leaves `waits` empty (the plan side finds its own waits on the real calendars).
    public static func level(_ given: LevellingProblem, budget: LevellingBudget = .default, explain: Bool = true) -> LevellingResult {
        let problem = merged(given)
        let activities = problem.activities
        let count = activities.count
        if let refusal = overdemands(problem) { return .refused(refusal) }

        // Links as lower bounds on starts; a link into fixed work binds nothing (it has happened).
        var successorEdges = [[(to: Int, weight: Int)]](repeating: [], count: count)
        var predecessorEdges = [[(from: Int, weight: Int)]](repeating: [], count: count)
        for link in problem.links where activities[link.to].fixedStart == nil {
            let weight = problem.startWeight(of: link)
            successorEdges[link.from].append((link.to, weight))
            predecessorEdges[link.to].append((link.from, weight))
        }
        guard let order = topologicalOrder(successorEdges, predecessorEdges) else {
            return .refused(.cycle(activities: cycle(successorEdges, predecessorEdges)))
        }

        // Effective priority: a predecessor of urgent work is as urgent as the work it holds up.
        var effective = activities.map(\.priority)
        for activity in order.reversed() where activities[activity].fixedStart == nil {
            for edge in successorEdges[activity] { effective[activity] = max(effective[activity], effective[edge.to]) }
        }

        var starts = [Int](repeating: 0, count: count)
        var earliest = [Int](repeating: 0, count: count)
        for activity in order {
            if let fixed = activities[activity].fixedStart {
                earliest[activity] = fixed
                continue
            }
            var start = activities[activity].release
            for edge in predecessorEdges[activity] { start = max(start, earliest[edge.from] + edge.weight) }
            earliest[activity] = start
        }
        let criticalPath = (0..<count).map { earliest[$0] + activities[$0].duration }.max() ?? 0

        var profiles = problem.resources.map { ResourceProfile(capacity: $0.capacity) }
        for (index, activity) in activities.enumerated() {
            guard let fixed = activity.fixedStart else { continue }
            starts[index] = fixed
            for demand in activity.demands where demand.units > 0 {
                profiles[demand.resource].occupy(from: fixed, duration: activity.duration, units: demand.units)
            }
        }
        let resourceBound = self.resourceBound(problem, earliest: earliest, free: profiles)
        let bound = LevellingBound(criticalPath: criticalPath, resource: resourceBound)

        var generated = 0
        var byLevel: [Int: [Int]] = [:]
        for activity in 0..<count where activities[activity].fixedStart == nil { byLevel[effective[activity], default: []].append(activity) }
        for level in byLevel.keys.sorted(by: >) {
            let members = byLevel[level]!
            var local = [Int: Int](minimumCapacity: members.count)
            for (position, activity) in members.enumerated() { local[activity] = position }
            var release = members.map { activities[$0].release }
            var edges: [(from: Int, to: Int, weight: Int)] = []
            for (position, activity) in members.enumerated() {
                for edge in predecessorEdges[activity] {
                    if let from = local[edge.from] {
                        edges.append((from, position, edge.weight))
                    } else {
                        // Links go from higher or equal effective priority only: this one is placed.
                        release[position] = max(release[position], starts[edge.from] + edge.weight)
                    }
                }
            }
            let network = ActivityNetwork(duration: members.map { activities[$0].duration }, release: release,
                                          demands: members.map { activities[$0].demands }, edges: edges, profiles: profiles)
            let outcome = search(network, budget: budget, share: members.count, of: count)
            switch outcome {
            case .failure(let position, let resource):
                return .refused(.neverFits(activity: members[position], resource: resource), bound: bound)
            case .success(let schedule, let schedules):
                generated += schedules
                for (position, activity) in members.enumerated() {
                    starts[activity] = schedule.starts[position]
                    for demand in activities[activity].demands where demand.units > 0 && activities[activity].duration > 0 {
                        profiles[demand.resource].occupy(from: starts[activity], duration: activities[activity].duration, units: demand.units)
                    }
                }
            }
        }

        // The earliest start each activity's release and its predecessors' levelled starts allow.
        var precedenceStart = starts
        for activity in 0..<count where activities[activity].fixedStart == nil {
            var start = activities[activity].release
            for edge in predecessorEdges[activity] { start = max(start, starts[edge.from] + edge.weight) }
            precedenceStart[activity] = start
        }
        let finish = (0..<count).map { starts[$0] + activities[$0].duration }.max() ?? 0
        let waits = explain ? LevellingWaits.explain(problem, starts: starts, earliest: precedenceStart, priority: effective)
            : [[LevellingWait]](repeating: [], count: count)
        return LevellingResult(refusal: nil, starts: starts, finish: finish, bound: bound, earliestStarts: precedenceStart,
                               waits: waits, schedules: generated)
    }

    private enum LevelOutcome {
        case success(SerialScheduler.Schedule, schedules: Int)
        case failure(activity: Int, resource: Int)
    }

    /// One level: its own lower bound, then the streams (fixed seeds, fixed split of the budget),
    /// the best by (finish, stream) whichever thread ends first.
    private static func search(_ network: ActivityNetwork, budget: LevellingBudget, share: Int, of total: Int) -> LevelOutcome {
        let scheduler = SerialScheduler(network: network)
        let topological = network.topologicalOrder(key: [Int](repeating: 0, count: network.count))
        let earliest = network.earliestStarts(order: topological)
        let criticalPath = (0..<network.count).map { earliest[$0] + network.duration[$0] }.max() ?? 0
        let lowerBound = max(criticalPath, levelResourceBound(network, earliest: earliest))
        let lft = network.latestFinishes(order: topological, horizon: criticalPath)
        let lftOrder = network.topologicalOrder(key: lft)
        let first = scheduler.forward(lftOrder)
        guard let start = first.schedule else {
            let failure = first.failure!
            return .failure(activity: failure.activity, resource: failure.resource)
        }
        let schedules = max(1, min(budget.schedules * max(1, share / 30), budget.placements / max(1, total)))
        let single = budget.search == .priorityRule || budget.search == .justified
        let streams = single ? 1 : min(budget.streams, max(1, schedules / 100))
        let perStream = max(1, schedules / streams)
        func run(_ stream: Int) -> ActivityListSearch.Outcome {
            let search = ActivityListSearch(scheduler: scheduler, lowerBound: lowerBound, budget: perStream, search: budget.search,
                                            seed: SplitMix64(seed: budget.seed &+ UInt64(stream) &* 0x9E37_79B9_7F4A_7C15))
            return search.run(from: start, lft: lft)
        }
        var outcomes: [ActivityListSearch.Outcome]
        if budget.threaded && streams > 1 {
            let others = (1..<streams).map { stream in BackgroundResult { run(stream) } }
            outcomes = [run(0)]
            outcomes += others.map(\.value)
        } else {
            outcomes = (0..<streams).map(run)
        }
        var best = 0
        for stream in outcomes.indices where outcomes[stream].schedule.finish < outcomes[best].schedule.finish { best = stream }
        return .success(outcomes[best].schedule, schedules: outcomes.reduce(0) { $0 + $1.generated })
    }

    /// The problem with each activity's demands on one resource added up (two entries for one team
    /// use both at once) and demands of no units dropped.
    private static func merged(_ problem: LevellingProblem) -> LevellingProblem {
        var result = problem
        for index in result.activities.indices {
            let demands = result.activities[index].demands
            guard demands.count > 1 || demands.contains(where: { $0.units <= 0 }) else { continue }
            var total: [Int: Int] = [:]
            for demand in demands where demand.units > 0 { total[demand.resource, default: 0] += demand.units }
            result.activities[index].demands = total.keys.sorted().map { LevellingProblem.Demand(resource: $0, units: total[$0]!) }
        }
        return result
    }

    /// Activities that need more of a resource than it ever has (milestones need nothing).
    private static func overdemands(_ problem: LevellingProblem) -> LevellingRefusal? {
        var found: [LevellingRefusal.Overdemand] = []
        for (index, activity) in problem.activities.enumerated() where activity.duration > 0 && activity.fixedStart == nil {
            for demand in activity.demands where demand.units > 0 {
                let maximum = problem.resources[demand.resource].maximumUnits
                if demand.units > maximum {
                    found.append(.init(activity: index, resource: demand.resource, units: demand.units, maximumCapacity: maximum))
                }
            }
        }
        return found.isEmpty ? nil : .demandOverCapacity(found)
    }

    /// Per resource, the period by which its free capacity from the earliest start of any work on
    /// it adds up to all that work; the largest of them.
    private static func resourceBound(_ problem: LevellingProblem, earliest: [Int], free: [ResourceProfile]) -> Int {
        var work = [Int](repeating: 0, count: problem.resources.count)
        var from = [Int](repeating: .max, count: problem.resources.count)
        for (index, activity) in problem.activities.enumerated() where activity.fixedStart == nil && activity.duration > 0 {
            for demand in activity.demands where demand.units > 0 {
                work[demand.resource] += demand.units * activity.duration
                from[demand.resource] = min(from[demand.resource], earliest[index])
            }
        }
        var bound = Int.min
        for resource in work.indices where work[resource] > 0 {
            bound = max(bound, free[resource].periodsToAccumulate(work[resource], from: from[resource]) ?? .max)
        }
        return bound == Int.min ? 0 : bound
    }

    private static func levelResourceBound(_ network: ActivityNetwork, earliest: [Int]) -> Int {
        var work = [Int](repeating: 0, count: network.profiles.count)
        var from = [Int](repeating: .max, count: network.profiles.count)
        for activity in 0..<network.count {
            for k in network.demandOffsets[activity]..<network.demandOffsets[activity + 1] {
                work[network.demandResource[k]] += network.demandUnits[k] * network.duration[activity]
                from[network.demandResource[k]] = min(from[network.demandResource[k]], earliest[activity])
            }
        }
        var bound = Int.min
        for resource in work.indices where work[resource] > 0 {
            bound = max(bound, network.profiles[resource].periodsToAccumulate(work[resource], from: from[resource]) ?? .max)
        }
        return bound
    }

    /// Kahn's algorithm, smallest index first among the ready; nil when a cycle remains.
    private static func topologicalOrder(_ successors: [[(to: Int, weight: Int)]], _ predecessors: [[(from: Int, weight: Int)]]) -> [Int]? {
        var indegree = predecessors.map(\.count)
        var heap = MinHeap(capacity: successors.count)
        for index in indegree.indices where indegree[index] == 0 { heap.push(index, index) }
        var order: [Int] = []
        order.reserveCapacity(successors.count)
        while let next = heap.pop() {
            order.append(next)
            for edge in successors[next] {
                indegree[edge.to] -= 1
                if indegree[edge.to] == 0 { heap.push(edge.to, edge.to) }
            }
        }
        return order.count == successors.count ? order : nil
    }

    /// One cycle, in link order from its smallest activity: walk predecessors among the activities
    /// Kahn's algorithm could not order until one repeats.
    private static func cycle(_ successors: [[(to: Int, weight: Int)]], _ predecessors: [[(from: Int, weight: Int)]]) -> [Int] {
        var indegree = predecessors.map(\.count)
        var ready = indegree.indices.filter { indegree[$0] == 0 }
        var ordered = [Bool](repeating: false, count: successors.count)
        while let next = ready.popLast() {
            ordered[next] = true
            for edge in successors[next] {
                indegree[edge.to] -= 1
                if indegree[edge.to] == 0 { ready.append(edge.to) }
            }
        }
        guard var current = ordered.firstIndex(of: false) else { return [] }
        var seen = [Int: Int]()
        var walk: [Int] = []
        while seen[current] == nil {
            seen[current] = walk.count
            walk.append(current)
            current = predecessors[current].map(\.from).filter { !ordered[$0] }.min()!
        }
        let loop = Array(walk[seen[current]!...].reversed())
        let smallest = loop.indices.min { loop[$0] < loop[$1] }!
        return Array(loop[smallest...] + loop[..<smallest])
    }
}
