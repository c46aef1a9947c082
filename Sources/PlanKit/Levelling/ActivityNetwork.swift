/// One priority level's activities in compressed rows, ready for schedule generation: durations,
/// releases (already raised by the levelled starts of predecessors outside the level), demands,
/// the links inside the level as start-to-start lower bounds, and the free capacity the level
/// inherits (capacity less fixed work and higher levels). `mirrored()` is the same network on the
/// reversed time axis, so the backward pass is a forward pass there.
struct ActivityNetwork: Sendable {
    var count: Int
    var duration: [Int]
    var release: [Int]
    var demandOffsets: [Int]
    var demandResource: [Int]
    var demandUnits: [Int]
    var predecessorOffsets: [Int]
    var predecessors: [Int]
    var predecessorWeights: [Int]
    var successorOffsets: [Int]
    var successors: [Int]
    var successorWeights: [Int]
    var profiles: [ResourceProfile]
    /// Every link weight is 0 or more: then the starts of any schedule, ties broken by `rank`,
    /// are already a topological order (`order(byStarts:)`).
    var weightsNonNegative = true
    /// Each activity's position in one fixed topological order, and the activity at each position.
    var rank: [Int] = []
    var byRank: [Int] = []

    /// `edges`: start(to) >= start(from) + weight, among 0..<count.
    init(duration: [Int], release: [Int], demands: [[LevellingProblem.Demand]],
         edges: [(from: Int, to: Int, weight: Int)], profiles: [ResourceProfile]) {
        count = duration.count
        self.duration = duration
        self.release = release
        self.profiles = profiles
        // Milestones use nothing, whatever they ask for.
        demandOffsets = [0]
        demandResource = []
        demandUnits = []
        for index in 0..<count {
            if duration[index] > 0 {
                for demand in demands[index] where demand.units > 0 {
                    demandResource.append(demand.resource)
                    demandUnits.append(demand.units)
                }
            }
            demandOffsets.append(demandResource.count)
        }
        (predecessorOffsets, predecessors, predecessorWeights) = Self.rows(count, edges.map { ($0.to, $0.from, $0.weight) })
        (successorOffsets, successors, successorWeights) = Self.rows(count, edges.map { ($0.from, $0.to, $0.weight) })
        finishDerivedFields()
    }

    private mutating func finishDerivedFields() {
        weightsNonNegative = successorWeights.allSatisfy { $0 >= 0 }
        rank = [Int](repeating: 0, count: count)
        byRank = topologicalOrder(key: [Int](repeating: 0, count: count))
        for (position, activity) in byRank.enumerated() { rank[activity] = position }
    }

    private init(copying other: ActivityNetwork) { self = other }

    private static func rows(_ count: Int, _ entries: [(Int, Int, Int)]) -> ([Int], [Int], [Int]) {
        var offsets = [Int](repeating: 0, count: count + 1)
        for entry in entries { offsets[entry.0 + 1] += 1 }
        for index in 0..<count { offsets[index + 1] += offsets[index] }
        var fill = offsets
        var targets = [Int](repeating: 0, count: entries.count), weights = targets
        for entry in entries {
            targets[fill[entry.0]] = entry.1
            weights[fill[entry.0]] = entry.2
            fill[entry.0] += 1
        }
        return (offsets, targets, weights)
    }

    /// The network on the axis t -> -t - 1: an activity on `s..<s + d` lies on `-(s + d)..<-s`,
    /// every link is reversed (weight d_to + w - d_from), and every release is dropped (the
    /// backward pass gives its own).
    func mirrored() -> ActivityNetwork {
        var result = ActivityNetwork(copying: self)
        var edges: [(Int, Int, Int)] = []
        edges.reserveCapacity(successors.count)
        for from in 0..<count {
            for k in successorOffsets[from]..<successorOffsets[from + 1] {
                let to = successors[k]
                edges.append((to, from, duration[to] + successorWeights[k] - duration[from]))
            }
        }
        (result.predecessorOffsets, result.predecessors, result.predecessorWeights) = Self.rows(count, edges.map { ($0.1, $0.0, $0.2) })
        (result.successorOffsets, result.successors, result.successorWeights) = Self.rows(count, edges)
        result.profiles = profiles.map(\.mirrored)
        result.release = [Int](repeating: Int.min / 4, count: count)
        result.finishDerivedFields()
        return result
    }

    func hasLink(from a: Int, to b: Int) -> Bool {
        for k in successorOffsets[a]..<successorOffsets[a + 1] where successors[k] == b { return true }
        return false
    }

    /// A topological order of the activities, taking among the ready ones the smallest
    /// (key, index) first. Every activity must be on no cycle (checked before levelling).
    func topologicalOrder(key: [Int]) -> [Int] {
        var indegree = [Int](repeating: 0, count: count)
        for index in 0..<count { indegree[index] = predecessorOffsets[index + 1] - predecessorOffsets[index] }
        var heap = MinHeap(capacity: count)
        for index in 0..<count where indegree[index] == 0 { heap.push(key[index], index) }
        var order: [Int] = []
        order.reserveCapacity(count)
        while let next = heap.pop() {
            order.append(next)
            for k in successorOffsets[next]..<successorOffsets[next + 1] {
                let successor = successors[k]
                indegree[successor] -= 1
                if indegree[successor] == 0 { heap.push(key[successor], successor) }
            }
        }
        return order
    }

    /// The activities by their starts in a schedule that keeps every link (ties by `rank`): a
    /// topological order. With non-negative weights a sort (by counting when the starts lie
    /// close together, as a schedule's do), else Kahn's algorithm.
    func order(byStarts starts: [Int]) -> [Int] {
        let limit = Int.max / (4 * max(1, count))
        guard weightsNonNegative, starts.allSatisfy({ $0 > -limit && $0 < limit }) else { return topologicalOrder(key: starts) }
        guard let first = starts.min(), let last = starts.max() else { return [] }
        if last - first <= 4 * count + 64 {
            // Counted by start, filled in rank order: by (start, rank), in time linear in the span.
            var slots = [Int](repeating: 0, count: last - first + 2)
            for activity in 0..<count { slots[starts[activity] - first + 1] += 1 }
            for index in 1..<slots.count { slots[index] += slots[index - 1] }
            var order = [Int](repeating: 0, count: count)
            for activity in byRank {
                let slot = starts[activity] - first
                order[slots[slot]] = activity
                slots[slot] += 1
            }
            return order
        }
        var packed = [Int](repeating: 0, count: count)
        for activity in 0..<count { packed[activity] = starts[activity] * count + rank[activity] }
        packed.sort()
        return packed.map { byRank[(($0 % count) + count) % count] }
    }

    /// Earliest starts from releases and links alone, in `order` (topological).
    func earliestStarts(order: [Int]) -> [Int] {
        var start = release
        for activity in order {
            for k in predecessorOffsets[activity]..<predecessorOffsets[activity + 1] {
                start[activity] = max(start[activity], start[predecessors[k]] + predecessorWeights[k])
            }
        }
        return start
    }

    /// Latest finishes from `horizon` and links alone, ignoring resources: the LFT priority.
    func latestFinishes(order: [Int], horizon: Int) -> [Int] {
        var latestStart = [Int](repeating: 0, count: count)
        for activity in order.reversed() {
            var value = horizon - duration[activity]
            for k in successorOffsets[activity]..<successorOffsets[activity + 1] {
                value = min(value, latestStart[successors[k]] - successorWeights[k])
            }
            latestStart[activity] = value
        }
        return (0..<count).map { latestStart[$0] + duration[$0] }
    }
}
