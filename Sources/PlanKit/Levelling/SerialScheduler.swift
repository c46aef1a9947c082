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

    /// A search stream's scratch space: the timetables of the network and of its mirror.
    final class Workspace {
        var forward: Timetable
        var backward: Timetable
        init(_ scheduler: SerialScheduler) {
            forward = Timetable(profiles: scheduler.network.profiles, resources: scheduler.network.demandResource)
            backward = Timetable(profiles: scheduler.mirror.profiles, resources: scheduler.mirror.demandResource)
        }
        deinit {
            forward.deallocate()
            backward.deallocate()
        }
    }

    func makeWorkspace() -> Workspace { Workspace(self) }

    /// The schedule of `order` (forward), or the first activity that never fits and the resource
    /// that refuses it.
    func forward(_ order: [Int], in workspace: Workspace? = nil) -> (schedule: Schedule?, failure: (activity: Int, resource: Int)?) {
        guard let workspace else { return Self.generate(network, order: order, floor: nil) }
        return Self.generate(network, order: order, floor: nil, table: &workspace.forward)
    }

    /// Double justification of `schedule` until a round no longer shortens it. Returns the best
    /// schedule, its activity list (its starts in topological order) and the schedules generated.
    func justify(_ schedule: Schedule, rounds: Int = 4, in workspace: Workspace? = nil) -> (schedule: Schedule, order: [Int], generated: Int) {
        var best = schedule
        var generated = 0
        let count = network.count
        for _ in 0..<rounds {
            var mirrorKey = [Int](repeating: 0, count: count)
            for activity in 0..<count { mirrorKey[activity] = -(best.starts[activity] + network.duration[activity]) }
            let backwardOrder = mirror.order(byStarts: mirrorKey)
            let backwardSchedule = workspace.map { Self.generate(mirror, order: backwardOrder, floor: -best.finish, table: &$0.backward) }
                ?? Self.generate(mirror, order: backwardOrder, floor: -best.finish)
            guard let backward = backwardSchedule.schedule else { break }
            generated += 1
            var backwardStart = [Int](repeating: 0, count: count)
            for activity in 0..<count { backwardStart[activity] = -(backward.starts[activity] + network.duration[activity]) }
            guard let again = forward(network.order(byStarts: backwardStart), in: workspace).schedule else { break }
            generated += 1
            let shorter = again.finish < best.finish
            if again.finish <= best.finish { best = again }
            if !shorter { break }
        }
        return (best, network.order(byStarts: best.starts), generated)
    }

    /// Places `order` on `network`'s free capacity; `floor`, when given, replaces every release.
    /// On `table` when one is given and its window holds the schedule, else on the profiles: the
    /// same schedule either way.
    static func generate(_ network: ActivityNetwork, order: [Int], floor: Int?, table: inout Timetable) -> (schedule: Schedule?, failure: (activity: Int, resource: Int)?) {
        guard !table.overflowed else { return generate(network, order: order, floor: floor) }
        var starts = [Int](repeating: 0, count: network.count)
        let (placed, finish, failure) = place(network, order: order, floor: floor, on: &table, starts: &starts)
        for activity in order.prefix(placed) {
            for k in network.demandOffsets[activity]..<network.demandOffsets[activity + 1] {
                table.release(resource: network.demandResource[k], from: starts[activity], duration: network.duration[activity],
                              units: network.demandUnits[k])
            }
        }
        table.restored()
        if table.overflowed { return generate(network, order: order, floor: floor) }
        if let failure { return (nil, failure) }
        return (Schedule(starts: starts, finish: finish), nil)
    }

    /// The same on the profiles alone (each placement a split and an insertion in a copy).
    static func generate(_ network: ActivityNetwork, order: [Int], floor: Int?) -> (schedule: Schedule?, failure: (activity: Int, resource: Int)?) {
        var capacity = ProfileCapacity(profiles: network.profiles)
        var starts = [Int](repeating: 0, count: network.count)
        let (_, finish, failure) = place(network, order: order, floor: floor, on: &capacity, starts: &starts)
        if let failure { return (nil, failure) }
        return (Schedule(starts: starts, finish: finish), nil)
    }

    /// The serial scheme itself: `order` placed one activity at a time until one never fits.
    /// Returns how many were placed, the latest finish, and the one that never fits.
    private static func place<Capacity: FreeCapacity>(_ network: ActivityNetwork, order: [Int], floor: Int?, on capacity: inout Capacity,
                                                      starts: inout [Int]) -> (placed: Int, finish: Int, failure: (activity: Int, resource: Int)?) {
        var finish = Int.min
        for (placed, activity) in order.enumerated() {
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
                        guard let fit = capacity.earliestFit(resource: resource, from: start, duration: duration, units: network.demandUnits[k]) else {
                            return (placed, finish, (activity, resource))
                        }
                        if fit != start {
                            start = fit
                            settled = false
                        }
                    }
                }
                for k in demands {
                    capacity.occupy(resource: network.demandResource[k], from: start, duration: duration, units: network.demandUnits[k])
                }
            }
            starts[activity] = start
            finish = max(finish, start + duration)
        }
        return (order.count, finish, nil)
    }
}

/// What the serial scheme places activities on.
protocol FreeCapacity {
    /// As `ResourceProfile.earliestFit`.
    mutating func earliestFit(resource: Int, from t: Int, duration: Int, units: Int) -> Int?
    mutating func occupy(resource: Int, from start: Int, duration: Int, units: Int)
}

/// The network's profiles, copied for one schedule.
struct ProfileCapacity: FreeCapacity {
    var profiles: [ResourceProfile]

    func earliestFit(resource: Int, from t: Int, duration: Int, units: Int) -> Int? {
        profiles[resource].earliestFit(from: t, duration: duration, units: units)
    }

    mutating func occupy(resource: Int, from start: Int, duration: Int, units: Int) {
        profiles[resource].occupy(from: start, duration: duration, units: units)
    }
}
