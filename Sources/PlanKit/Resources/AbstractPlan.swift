/// The plan as an abstract levelling problem: an activity per leaf task and milestone, two
/// zero-length ones per summary (its start and its finish), a link per edge of the network.
struct AbstractPlan {
    let problem: LevellingProblem
    /// Per task, the activity of its start.
    let activity: [Int]

    init(network: Network, positions: Positions, demands: [[(team: Int, units: Int)]], effective: [Int]) {
        let plan = network.plan, graph = network.graph, axis = network.resources.axis
        let count = plan.tasks.count
        var activities: [LevellingProblem.Activity] = []
        var activity = [Int](repeating: -1, count: count)
        var nodeActivity = [Int](repeating: -1, count: 2 * count)
        var nodeIsFinish = [Bool](repeating: false, count: 2 * count)
        let planStart = axis.workingDaysBefore(plan.start?.value ?? positions.start.min().map { axis.day(at: $0) } ?? Day(ordinal: 0))
        for index in 0..<count {
            let task = plan.tasks[index]
            var release = planStart
            if let notBefore = task.notBefore?.value { release = max(release, axis.workingDaysBefore(notBefore)) }
            if positions.resume != Int.min { release = max(release, positions.resume) }
            if task.isSummary {
                activity[index] = activities.count
                nodeActivity[2 * index] = activities.count
                activities.append(.init(duration: 0, release: release, priority: effective[index]))
                nodeActivity[2 * index + 1] = activities.count
                activities.append(.init(duration: 0, release: release, priority: effective[index]))
                continue
            }
            activity[index] = activities.count
            nodeActivity[2 * index] = activities.count
            nodeActivity[2 * index + 1] = activities.count
            nodeIsFinish[2 * index + 1] = !task.isMilestone
            let units = demands[index].map { LevellingProblem.Demand(resource: $0.team, units: $0.units) }
            switch positions.progress[index] {
            case .done:
                activities.append(.init(duration: max(0, positions.finish[index] - positions.start[index]),
                                        fixedStart: positions.start[index], priority: effective[index]))
            case .inProgress:
                let resume = max(positions.resume, positions.start[index])
                activities.append(.init(duration: max(0, positions.finish[index] - resume), demands: units,
                                        fixedStart: resume, priority: effective[index]))
            case .planned:
                let duration = task.isMilestone ? 0 : max(0, positions.finish[index] - positions.start[index])
                activities.append(.init(duration: duration, demands: duration > 0 ? units : [], release: release, priority: effective[index]))
            }
        }
        var links: [LevellingProblem.Link] = []
        for node in 0..<graph.nodeCount {
            for edge in graph.offsets[node]..<graph.offsets[node + 1] {
                let target = Int(graph.targets[edge])
                var lag = 0
                switch graph.origins[edge] {
                case .duration: continue
                case .dependency(let task, let number): lag = network.link(task, number).lag
                default: break
                }
                let type: DependencyType
                switch (nodeIsFinish[node], nodeIsFinish[target]) {
                case (true, false): type = .finishToStart
                case (false, false): type = .startToStart
                case (true, true): type = .finishToFinish
                case (false, true): type = .startToFinish
                }
                links.append(.init(from: nodeActivity[node], to: nodeActivity[target], type: type, lag: lag))
            }
        }
        problem = LevellingProblem(activities: activities, links: links, resources: network.resources.teams.map {
            LevellingProblem.Resource(capacity: PlanLeveller.axisCapacity($0, axis: axis))
        })
        self.activity = activity
    }
}
