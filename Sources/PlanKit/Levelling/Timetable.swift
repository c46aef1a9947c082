/// The free units of the resources one network uses, period by period, for the serial scheduler's
/// placement loop: a search generates thousands of schedules over the same profiles, and on a
/// plain array a fit is a scan of the periods it covers, a placement a few subtractions, where the
/// change-point profile pays a binary search and an insertion (and a copy) for each. Built lazily
/// from the profiles over the periods the schedules reach, and restored after every schedule.
///
/// Gives exactly the profile's answers. Where the profiles change far apart (an absence of years)
/// the window would grow past `maxCells`: the table then says `overflowed`, and the caller uses
/// the profiles instead (they jump a long gap in one step), for this schedule and every later one.
/// One per search stream: it is the stream's scratch space, never shared between threads. A value
/// (the placement loop reads it without the exclusivity checks a class's fields cost) that owns its
/// memory: the `SerialScheduler.Workspace` holding it frees it.
struct Timetable: FreeCapacity {
    static let maxCells = 1 << 20

    private let profiles: [ResourceProfile]
    /// Slot → resource, and resource → slot (-1 for a resource the network does not use).
    private let resources: [Int]
    private let slotOf: [Int]
    /// Per slot: from this period on the profile's free units never change (its last change point).
    private let settled: [Int]
    /// Per slot: the profile's free units from `settled` on.
    private let tail: [Int]

    /// Free units of slot `s` on period `t`: `free[s * length + t - origin]`, for `origin <= t < origin + length`.
    private var free: UnsafeMutablePointer<Int>
    private var origin = 0
    private var length = 0
    /// Periods from here on hold nothing placed since the last `restore` (only the profile).
    private var highWater = Int.min
    /// The window outgrew `maxCells`: the profiles are to be used from now on.
    private(set) var overflowed = false

    init(profiles: [ResourceProfile], resources used: [Int]) {
        self.profiles = profiles
        var slotOf = [Int](repeating: -1, count: profiles.count)
        var resources: [Int] = []
        for resource in used where slotOf[resource] < 0 {
            slotOf[resource] = resources.count
            resources.append(resource)
        }
        self.slotOf = slotOf
        self.resources = resources
        settled = resources.map { profiles[$0].times.count > 1 ? profiles[$0].times[profiles[$0].times.count - 1] : Int.min }
        tail = resources.map { profiles[$0].free[profiles[$0].free.count - 1] }
        free = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        overflowed = resources.isEmpty
    }

    func deallocate() { free.deallocate() }

    /// The earliest start at or after `t` where `units` of `resource` are free on each of
    /// `duration` periods, or nil when there is none (then also check `overflowed`).
    mutating func earliestFit(resource: Int, from t: Int, duration: Int, units: Int) -> Int? {
        let slot = slotOf[resource]
        var start = t
        let boundary = max(settled[slot], highWater)
        while true {
            // From the boundary on, nothing changes: the tail's units, for ever.
            if start >= boundary { return tail[slot] >= units && covers(start, start + duration) ? start : nil }
            guard covers(start, start + duration) else { return nil }
            let row = free + (slot * length - origin)
            var period = start + duration - 1
            while period >= start && row[period] >= units { period -= 1 }
            if period < start { return start }
            start = period + 1
        }
    }

    /// Takes `units` of `resource` on `start..<start + duration` (a fit found by `earliestFit`).
    mutating func occupy(resource: Int, from start: Int, duration: Int, units: Int) {
        let row = free + (slotOf[resource] * length - origin)
        for period in start..<(start + duration) { row[period] -= units }
        highWater = max(highWater, start + duration)
    }

    /// Gives back what `occupy` took; after every placement of a schedule is given back, the
    /// table is the profiles again.
    func release(resource: Int, from start: Int, duration: Int, units: Int) {
        let row = free + (slotOf[resource] * length - origin)
        for period in start..<(start + duration) { row[period] += units }
    }

    /// Marks the table the profiles again (every placement given back).
    mutating func restored() { highWater = Int.min }

    /// Whether the window holds `from..<to`, after growing it if need be (false: it cannot).
    @inline(__always)
    private mutating func covers(_ from: Int, _ to: Int) -> Bool {
        from >= origin && to <= origin + length || grow(from, to)
    }

    /// Makes the window hold `from..<to` (grown to at least twice its size, for fewer copies), or
    /// returns false when that would pass `maxCells`.
    @inline(never)
    private mutating func grow(_ from: Int, _ to: Int) -> Bool {
        var low = length > 0 ? min(origin, from) : from, high = length > 0 ? max(origin + length, to) : to
        let grown = min(max(high - low, 2 * length, 64), Self.maxCells / resources.count)
        if grown < high - low {
            overflowed = true
            return false
        }
        // Grow on the side that asked (both when both did).
        if length > 0 {
            let extra = grown - (high - low)
            if from < origin && to > origin + length {
                low -= extra / 2
                high += extra - extra / 2
            } else if from < origin {
                low -= extra
            } else {
                high += extra
            }
        } else {
            high = low + grown
        }
        let newLength = high - low
        let table = UnsafeMutablePointer<Int>.allocate(capacity: newLength * resources.count)
        for (slot, resource) in resources.enumerated() {
            let row = table + slot * newLength
            // The profile on every period, then the periods already held, with their placements.
            var fill = low
            var k = profiles[resource].segment(containing: low)
            let times = profiles[resource].times
            while fill < high {
                let end = k + 1 < times.count ? min(times[k + 1], high) : high
                (row + (fill - low)).update(repeating: profiles[resource].free[k], count: end - fill)
                fill = end
                k += 1
            }
            if length > 0 { (row + (origin - low)).update(from: free + slot * length, count: length) }
        }
        free.deallocate()
        free = table
        origin = low
        length = newLength
        return true
    }
}
