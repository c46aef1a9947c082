/// What each delayed activity waited for, read from the levelled schedule: for every resource it
/// uses, the periods between its precedence-feasible start and its start where the others' usage
/// left less than it needs, and the activities using the resource in those periods. Only fixed
/// work and work at least as urgent counts: less urgent work was placed after it, in the gaps it
/// could not use, and held nothing up.
enum LevellingWaits {
    static func explain(_ problem: LevellingProblem, starts: [Int], earliest: [Int], priority: [Int]) -> [[LevellingWait]] {
        let activities = problem.activities
        // Each resource's users by start, and the longest of them: the users overlapping a window
        // start within the longest duration before it, found by binary search.
        var users = [[Int]](repeating: [], count: problem.resources.count)
        var longest = [Int](repeating: 0, count: problem.resources.count)
        for (index, activity) in activities.enumerated() where activity.duration > 0 {
            for demand in activity.demands where demand.units > 0 && users[demand.resource].last != index {
                users[demand.resource].append(index)
                longest[demand.resource] = max(longest[demand.resource], activity.duration)
            }
        }
        for resource in users.indices { users[resource].sort { (starts[$0], $0) < (starts[$1], $1) } }
        let capacities = problem.resources.map { ResourceProfile(capacity: $0.capacity) }
        var waits = [[LevellingWait]](repeating: [], count: activities.count)
        for (index, activity) in activities.enumerated() where activity.fixedStart == nil && activity.duration > 0 && starts[index] > earliest[index] {
            let window = earliest[index]..<starts[index]
            for demand in activity.demands where demand.units > 0 {
                var busy: [(activity: Int, from: Int, to: Int, units: Int)] = []
                let list = users[demand.resource]
                var low = 0, high = list.count
                while low < high {
                    let middle = (low + high) / 2
                    if starts[list[middle]] + longest[demand.resource] <= window.lowerBound { low = middle + 1 } else { high = middle }
                }
                for other in list[low...] {
                    let from = starts[other], to = starts[other] + activities[other].duration
                    if from >= window.upperBound { break }
                    guard other != index, activities[other].fixedStart != nil || priority[other] >= priority[index] else { continue }
                    if to > window.lowerBound {
                        let units = activities[other].demands.reduce(0) { $0 + ($1.resource == demand.resource ? max(0, $1.units) : 0) }
                        busy.append((other, max(from, window.lowerBound), min(to, window.upperBound), units))
                    }
                }
                // The window cut at every start, end and capacity change in it; usage per segment
                // by differences, blocked segments counted by prefix so each user is tested once.
                var points = [window.lowerBound, window.upperBound]
                for entry in busy {
                    points.append(entry.from)
                    points.append(entry.to)
                }
                let capacity = capacities[demand.resource]
                var change = capacity.segment(containing: window.lowerBound) + 1
                while change < capacity.times.count && capacity.times[change] < window.upperBound {
                    points.append(capacity.times[change])
                    change += 1
                }
                points.sort()
                var cuts: [Int] = []
                for point in points where cuts.last != point { cuts.append(point) }
                func position(_ time: Int) -> Int {
                    var low = 0, high = cuts.count - 1
                    while low < high {
                        let middle = (low + high) / 2
                        if cuts[middle] < time { low = middle + 1 } else { high = middle }
                    }
                    return low
                }
                var usage = [Int](repeating: 0, count: cuts.count)
                for entry in busy {
                    usage[position(entry.from)] += entry.units
                    usage[position(entry.to)] -= entry.units
                }
                var blockedBefore = [Int](repeating: 0, count: cuts.count)
                var used = 0
                var first: Int?, last = 0
                for segment in 0..<(cuts.count - 1) {
                    used += usage[segment]
                    let blocked = used + demand.units > capacity.units(at: cuts[segment])
                    blockedBefore[segment + 1] = blockedBefore[segment] + (blocked ? 1 : 0)
                    if blocked {
                        if first == nil { first = cuts[segment] }
                        last = cuts[segment + 1]
                    }
                }
                var blockers: [Int] = []
                for entry in busy where blockedBefore[position(entry.to)] - blockedBefore[position(entry.from)] > 0 { blockers.append(entry.activity) }
                blockers.sort()
                if let first {
                    waits[index].append(LevellingWait(resource: demand.resource, activities: blockers, from: first, to: last))
                }
            }
        }
        return waits
    }
}
