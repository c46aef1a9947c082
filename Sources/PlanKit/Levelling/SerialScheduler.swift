/// The serial schedule generation scheme over one level's network: activities are placed one at a
/// time, in a topological activity list, each at the earliest period its release, its placed
/// predecessors and the free capacity allow. Forward–backward improvement (double justification)
/// runs the same scheme on the mirrored network, right-justifying every activity against the
/// finish, then again forward in the order of those right-justified starts.
struct SerialScheduler: Sendable {
    struct Schedule: Sendable {
        var starts: [Int]
        var finish: Int
    }

    let network: ActivityNetwork
    let mirror: ActivityNetwork

    init(network: ActivityNetwork) {
        self.network = network
        mirror = network.mirrored()
    }

    /// The schedule of `order` (forward), or the first activity that never fits and the resource
    /// that refuses it.
    func forward(_ order: [Int]) -> (schedule: Schedule?, failure: (activity: Int, resource: Int)?) {
        Self.generate(network, order: order, floor: nil)
    }

    /// Double justification of `schedule` until a round no longer shortens it. Returns the best
    /// schedule, its activity list (its starts in topological order) and the schedules generated.
    func justify(_ schedule: Schedule, rounds: Int = 4) -> (schedule: Schedule, order: [Int], generated: Int) {
        var best = schedule
        var generated = 0
        let count = network.count
        for _ in 0..<rounds {
            var mirrorKey = [Int](repeating: 0, count: count)
            for activity in 0..<count { mirrorKey[activity] = -(best.starts[activity] + network.duration[activity]) }
            let backwardOrder = mirror.order(byStarts: mirrorKey)
            guard let backward = Self.generate(mirror, order: backwardOrder, floor: -best.finish).schedule else { break }
            generated += 1
            var backwardStart = [Int](repeating: 0, count: count)
            for activity in 0..<count { backwardStart[activity] = -(backward.starts[activity] + network.duration[activity]) }
            guard let again = Self.generate(network, order: network.order(byStarts: backwardStart), floor: nil).schedule else { break }
            generated += 1
            let shorter = again.finish < best.finish
            if again.finish <= best.finish { best = again }
            if !shorter { break }
        }
        return (best, network.order(byStarts: best.starts), generated)
    }

    /// Places `order` on `network`'s free capacity; `floor`, when given, replaces every release.
    static func generate(_ network: ActivityNetwork, order: [Int], floor: Int?) -> (schedule: Schedule?, failure: (activity: Int, resource: Int)?) {
        var profiles = network.profiles
        var starts = [Int](repeating: 0, count: network.count)
        var finish = Int.min
        for activity in order {
            var start = floor ?? network.release[activity]
            for k in network.predecessorOffsets[activity]..<network.predecessorOffsets[activity + 1] {
                start = max(start, starts[network.predecessors[k]] + network.predecessorWeights[k])
            }
            let duration = network.duration[activity]
            let demands = network.demandOffsets[activity]..<network.demandOffsets[activity + 1]
            if !demands.isEmpty {
                var settled = false
                while !settled {
                    settled = true
                    for k in demands {
                        let resource = network.demandResource[k]
                        guard let fit = profiles[resource].earliestFit(from: start, duration: duration, units: network.demandUnits[k]) else {
                            return (nil, (activity, resource))
                        }
                        if fit != start {
                            start = fit
                            settled = false
                        }
                    }
                }
                for k in demands {
                    profiles[network.demandResource[k]].occupy(from: start, duration: duration, units: network.demandUnits[k])
                }
            }
            starts[activity] = start
            finish = max(finish, start + duration)
        }
        return (Schedule(starts: starts, finish: finish), nil)
    }
}
