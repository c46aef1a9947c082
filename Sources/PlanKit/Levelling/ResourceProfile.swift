/// The free units of one resource over time, as sorted change points: `free[k]` applies from
/// `times[k]` until `times[k + 1]` (the last forever; `times[0]` is `Int.min`). Searching and
/// occupying cost the number of change points in the way, never the length of the horizon.
struct ResourceProfile: Sendable {
    private(set) var times: [Int]
    private(set) var free: [Int]

    init(capacity: [LevellingProblem.CapacityChange]) {
        times = [Int.min]
        free = [capacity.first?.units ?? 0]
        for change in capacity.dropFirst() {
            if change.from == times[times.count - 1] {
                free[free.count - 1] = change.units
            } else if change.units != free[free.count - 1] {
                times.append(change.from)
                free.append(change.units)
            }
        }
    }

    private init(times: [Int], free: [Int]) {
        self.times = times
        self.free = free
    }

    /// The index of the segment holding period `t`.
    func segment(containing t: Int) -> Int {
        var low = 0, high = times.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if times[middle] <= t { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The earliest start at or after `t` where `units` are free on each of `duration` periods,
    /// or nil when there is none (the free units stay below `units` for ever after some point).
    /// Jumps from a short segment straight to the next one that has enough.
    func earliestFit(from t: Int, duration: Int, units: Int) -> Int? {
        var start = t
        var k = segment(containing: t)
        search: while true {
            var m = k
            while true {
                if free[m] < units {
                    var next = m + 1
                    while next < times.count && free[next] < units { next += 1 }
                    if next == times.count { return nil }
                    start = times[next]
                    k = next
                    continue search
                }
                if m + 1 == times.count || times[m + 1] >= start + duration { return start }
                m += 1
            }
        }
    }

    /// Takes `units` on the periods `start..<start + duration`.
    mutating func occupy(from start: Int, duration: Int, units: Int) {
        guard duration > 0, units != 0 else { return }
        let first = split(at: start)
        let end = split(at: start + duration)
        for k in first..<end { free[k] -= units }
    }

    /// The free units on period `t`.
    func units(at t: Int) -> Int { free[segment(containing: t)] }

    /// The segment starting exactly at `t`, made by splitting the one holding it if needed.
    private mutating func split(at t: Int) -> Int {
        let k = segment(containing: t)
        if times[k] == t { return k }
        times.insert(t, at: k + 1)
        free.insert(free[k], at: k + 1)
        return k + 1
    }

    /// The profile on the mirrored axis, where period t becomes period -t - 1 (for the backward pass).
    var mirrored: ResourceProfile {
        var mirroredTimes = [Int.min], mirroredFree = [free[free.count - 1]]
        var k = times.count - 1
        while k > 0 {
            mirroredTimes.append(-times[k])
            mirroredFree.append(free[k - 1])
            k -= 1
        }
        return ResourceProfile(times: mirroredTimes, free: mirroredFree)
    }

    /// The first period by which the free units from `start` on add up to `work` (negative free
    /// counts as none), or nil when they never do.
    func periodsToAccumulate(_ work: Int, from start: Int) -> Int? {
        if work <= 0 { return start }
        var remaining = work
        var k = segment(containing: start)
        var t = start
        while true {
            let rate = max(0, free[k])
            if k + 1 == times.count {
                if rate == 0 { return nil }
                return t + (remaining + rate - 1) / rate
            }
            let length = times[k + 1] - t
            if rate > 0 && rate * length >= remaining { return t + (remaining + rate - 1) / rate }
            remaining -= rate * length
            t = times[k + 1]
            k += 1
        }
    }
}
