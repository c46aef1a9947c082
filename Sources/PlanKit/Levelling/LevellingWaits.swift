/// What each delayed activity waited for, read from the levelled schedule: for every resource it
/// uses, the periods between its precedence-feasible start and its start where the others' usage
/// left less than it needs, and the activities using the resource in those periods. Only fixed
/// work and work at least as urgent counts: less urgent work was placed after it, in the gaps it
/// could not use, and held nothing up.
enum LevellingWaits {
    static func explain(_ problem: LevellingProblem, starts: [Int], earliest: [Int], priority: [Int]) -> [[LevellingWait]] {
        let activities = problem.activities
        var users = [[Int]](repeating: [], count: problem.resources.count)
        for (index, activity) in activities.enumerated() where activity.duration > 0 {
            for demand in activity.demands where demand.units > 0 { users[demand.resource].append(index) }
        }
        let capacities = problem.resources.map { ResourceProfile(capacity: $0.capacity) }
        var waits = [[LevellingWait]](repeating: [], count: activities.count)
        for (index, activity) in activities.enumerated() where activity.fixedStart == nil && activity.duration > 0 && starts[index] > earliest[index] {
            let window = earliest[index]..<starts[index]
            for demand in activity.demands where demand.units > 0 {
                var busy: [(activity: Int, from: Int, to: Int, units: Int)] = []
                for other in users[demand.resource] where other != index && (activities[other].fixedStart != nil || priority[other] >= priority[index]) {
                    let from = starts[other], to = starts[other] + activities[other].duration
                    if from < window.upperBound && to > window.lowerBound {
                        let units = activities[other].demands.reduce(0) { $0 + ($1.resource == demand.resource ? max(0, $1.units) : 0) }
                        busy.append((other, max(from, window.lowerBound), min(to, window.upperBound), units))
                    }
                }
                var points = Set([window.lowerBound, window.upperBound])
                for entry in busy {
                    points.insert(entry.from)
                    points.insert(entry.to)
                }
                let capacity = capacities[demand.resource]
                for time in capacity.times.dropFirst() where window.contains(time) { points.insert(time) }
                let sorted = points.sorted()
                var blockers = Set<Int>()
                var first: Int?, last = 0
                for (segmentStart, segmentEnd) in zip(sorted, sorted.dropFirst()) {
                    let present = busy.filter { $0.from <= segmentStart && $0.to > segmentStart }
                    let used = present.reduce(0) { $0 + $1.units }
                    guard used + demand.units > capacity.units(at: segmentStart) else { continue }
                    blockers.formUnion(present.map(\.activity))
                    if first == nil { first = segmentStart }
                    last = segmentEnd
                }
                if let first {
                    waits[index].append(LevellingWait(resource: demand.resource, activities: blockers.sorted(), from: first, to: last))
                }
            }
        }
        return waits
    }
}
