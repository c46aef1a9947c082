/// Team capacity during a levelled scheduling pass (PlanLeveller): what is still free on each axis
/// period, who holds it, and the waits it caused. A task holds its teams over its whole span on
/// the axis (the days of that span on which its own calendar does not work included: a
/// conservative reservation that keeps every team within capacity whatever the calendars).
final class ResourceGate {
    struct Reservation {
        var task: Int
        var from: Int
        var to: Int
    }

    struct Wait {
        var team: Int
        var from: Int
        var to: Int
        /// The tasks holding the team during the wait when the task was placed, the longest
        /// holders first at most `ResourceGate.shownHolders` of them, in plan order.
        var holders: [Int]
        /// How many more held it.
        var moreHolders: Int
        /// The holders whose release let the task start: the latest to finish by its start.
        var releasing: [Int]
    }

    static let shownHolders = 10

    private var free: [ResourceProfile]
    /// Per team, reservations sorted by `from` (for "busy with …").
    private var held: [[Reservation]]
    private var longest: [Int]
    /// Per task, its demand on constrained teams: (team, thousandths).
    let demands: [[(team: Int, units: Int)]]
    /// Per task, the teams that made it wait in the last `fit`, and from when to when.
    private(set) var waits: [[Wait]]

    init(free: [ResourceProfile], demands: [[(team: Int, units: Int)]]) {
        self.free = free
        self.demands = demands
        held = free.map { _ in [] }
        longest = free.map { _ in 0 }
        waits = demands.map { _ in [] }
    }

    /// The earliest start at or after `start` at which every team `task` uses has its units free
    /// for the whole span `finish(start) - start`; `startAt` moves a candidate to the start of the
    /// task's next working day. A task that can never fit (more units than a team ever has: E502
    /// refuses such plans first) keeps `start`.
    func fit(_ task: Int, from start: Int, finish: (Int) -> Int, startAt: (Int) -> Int) -> Int {
        guard !demands[task].isEmpty else { return start }
        var candidate = start
        var pushedBy: [Int: Int] = [:]
        while true {
            let span = max(0, finish(candidate) - candidate)
            var next = candidate
            for (team, units) in demands[task] {
                guard let fits = free[team].earliestFit(from: candidate, duration: span, units: units) else { return start }
                if fits > next {
                    next = fits
                    if pushedBy[team] == nil { pushedBy[team] = candidate }
                }
            }
            if next == candidate { break }
            candidate = max(candidate + 1, startAt(next))
        }
        if candidate > start {
            waits[task] = pushedBy.keys.sorted().map { team in
                let all = holders(of: team, from: start, to: candidate, except: task)
                let latest = all.map(\.to).filter { $0 <= candidate }.max()
                let shown = all.count <= Self.shownHolders ? all
                    : Array(all.sorted { (min($0.to, candidate) - max($0.from, start), -$0.task) > (min($1.to, candidate) - max($1.from, start), -$1.task) }
                        .prefix(Self.shownHolders))
                return Wait(team: team, from: start, to: candidate, holders: shown.map(\.task).sorted(),
                            moreHolders: all.count - shown.count, releasing: all.filter { $0.to == latest }.map(\.task).sorted())
            }
        }
        return candidate
    }

    /// Takes `task`'s units on `from..<to`.
    func reserve(_ task: Int, from: Int, to: Int) {
        guard to > from else { return }
        for (team, units) in demands[task] {
            free[team].occupy(from: from, duration: to - from, units: units)
            var low = 0, high = held[team].count
            while low < high {
                let mid = (low + high) / 2
                if held[team][mid].from <= from { low = mid + 1 } else { high = mid }
            }
            held[team].insert(Reservation(task: task, from: from, to: to), at: low)
            longest[team] = max(longest[team], to - from)
        }
    }

    /// The reservations of `team` on some period of `from..<to` (one per task: its longest), by task.
    func holders(of team: Int, from: Int, to: Int, except task: Int) -> [Reservation] {
        let list = held[team]
        var low = 0, high = list.count
        let earliest = from - longest[team]
        while low < high {
            let mid = (low + high) / 2
            if list[mid].from < earliest { low = mid + 1 } else { high = mid }
        }
        var found: [Int: Reservation] = [:]
        var index = low
        while index < list.count, list[index].from < to {
            let reservation = list[index]
            if reservation.to > from, reservation.task != task,
               found[reservation.task].map({ $0.to - $0.from < reservation.to - reservation.from }) ?? true {
                found[reservation.task] = reservation
            }
            index += 1
        }
        return found.values.sorted { $0.task < $1.task }
    }
}
