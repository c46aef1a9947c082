@testable import PlanKit
import PlanSyntax
import Testing

/// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same plans.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random valid plans: tasks, milestones and summaries (dependencies only on earlier items that
/// are neither ancestors nor descendants), every link type with lags and leads, holidays.
struct RandomPlan {
    var yaml = ""
    var hasDeadlines = false

    init(seed: UInt64, count: Int, deadlines: Bool = false, statusDate: Bool = false, elapsed: Bool = false) {
        var rng = SeededGenerator(state: seed)
        yaml = "plan: random\nstart: 2026-12-0\(Int.random(in: 1...9, using: &rng))\n"
        if statusDate { yaml += "as_of: 2026-12-1\(Int.random(in: 0...9, using: &rng))\n" }
        yaml += "calendar:\n  holidays:\n    - 2026-12-25\n    - { from: 2027-01-01, to: 2027-01-05 }\n"
        if Bool.random(using: &rng) { yaml += "  workdays: [sun, mon, tue, wed, thu]\n" }
        yaml += "tasks:\n"
        var ids: [String] = []
        var isSummary: [Bool] = []
        var ancestors: [[Int]] = []
        var open: [(index: Int, left: Int)] = []
        for index in 0..<count {
            while let last = open.last, last.left == 0 { open.removeLast() }
            let depth = open.count
            let indent = String(repeating: "    ", count: depth)
            if !open.isEmpty { open[open.count - 1].left -= 1 }
            let id = "t\(index)"
            ids.append(id)
            ancestors.append(open.map(\.index))
            let roll = Int.random(in: 0..<10, using: &rng)
            let summary = roll == 0 && depth < 3 && index < count - 3
            let milestone = !summary && roll == 1
            isSummary.append(summary)
            var line = "\(indent)  - id: \(id)\n"
            if milestone { line += "\(indent)    milestone: true\n" }
            if !summary && !milestone {
                if elapsed && Int.random(in: 0..<4, using: &rng) == 0 {
                    line += "\(indent)    duration: \(Int.random(in: 1...9, using: &rng))ed\n"
                } else if Int.random(in: 0..<8, using: &rng) == 0 {
                    line += "\(indent)    duration: \(Int.random(in: 1...2, using: &rng))w\n"
                } else {
                    line += "\(indent)    duration: \(Int.random(in: 1...8, using: &rng))d\n"
                }
            }
            if Int.random(in: 0..<12, using: &rng) == 0 {
                line += "\(indent)    not_before: 2026-12-\(Int.random(in: 10...28, using: &rng))\n"
            }
            if deadlines, Int.random(in: 0..<10, using: &rng) == 0 {
                line += "\(indent)    deadline: 2027-01-\(Int.random(in: 10...28, using: &rng))\n"
                hasDeadlines = true
            }
            var links: [String] = []
            let candidates = (0..<index).filter { !ancestors[index].contains($0) }
            for _ in 0..<Int.random(in: 0...3, using: &rng) where !candidates.isEmpty {
                let target = candidates.randomElement(using: &rng)!
                var types = summary ? ["FS", "SS"] : ["FS", "SS", "FF", "SF"]
                if isSummary[target] { types = types.filter { $0 == "FS" || $0 == "FF" } }
                let type = types.randomElement(using: &rng)!
                let lag = Int.random(in: -3...4, using: &rng)
                links.append("{ task: \(ids[target]), type: \(type), lag: \(lag)d }")
            }
            if !links.isEmpty { line += "\(indent)    after: [\(links.joined(separator: ", "))]\n" }
            if summary {
                line += "\(indent)    tasks:\n"
                open.append((index, Int.random(in: 2...6, using: &rng)))
            }
            yaml += line
        }
        // A summary left without children would need a duration: give it one last part.
        while let last = open.last {
            open.removeLast()
            if last.left > 0, ids.count == last.index + 1 {
                yaml += String(repeating: "    ", count: open.count + 1) + "  - { id: tail, duration: 1d }\n"
            }
        }
    }
}

@Suite struct SchedulePropertyTests {
    /// A task's start and finish as boundaries between working days (see `Scheduler`).
    func boundaries(_ entry: Schedule.Entry, milestone: Bool, _ calendar: WorkingCalendar) -> (start: Int, finish: Int) {
        if milestone {
            // A point: the start of its day when a start drives it, else the end.
            let point = calendar.workingDaysBefore(entry.finish) + (entry.reachedAtStart ? 0 : 1)
            return (point, point)
        }
        return (calendar.workingDaysBefore(entry.start), calendar.workingDaysBefore(entry.finish.adding(days: 1)))
    }

    func check(_ random: RandomPlan, elapsed: Bool) throws {
        let c = compilePlan(random.yaml)
        // Random deadlines are often missed: E301 is the only error they may cause.
        try #require(c.errors.allSatisfy { $0.code == "E301" && random.hasDeadlines }, "\(c.errors.map { "\($0.line):\($0.column) \($0.message)" })\n\(random.yaml)")
        let plan = try #require(c.plan)
        let schedule = try #require(c.schedule)
        let calendar = schedule.calendar
        var points = plan.tasks.indices.map { boundaries(schedule[$0], milestone: plan.tasks[$0].isMilestone, calendar) }
        // A summary spans its parts' points (its date range cannot tell a milestone's start-of-day
        // point from an end-of-day one); parts come after their summary in plan order.
        for index in plan.tasks.indices.reversed() where plan.tasks[index].isSummary {
            let parts = plan.tasks[index].children
            points[index] = (parts.map { points[$0].start }.min()!, parts.map { points[$0].finish }.max()!)
        }
        let statusBound = schedule.statusDate.map { calendar.workingDaysBefore($0.adding(days: 1)) } ?? Int.min
        let planStart = calendar.workingDaysBefore(plan.start!.value)

        // Every link holds, for the task and (a summary's own `after`) for its parts.
        var tight = [Bool](repeating: false, count: plan.tasks.count)
        func ancestorsAndSelf(_ task: Int) -> [Int] {
            var chain = [task]
            while let parent = plan.tasks[chain.last!].parent { chain.append(parent) }
            return chain
        }
        for (index, task) in plan.tasks.enumerated() where !task.isSummary {
            var floor = max(planStart, statusBound)
            for holder in ancestorsAndSelf(index) {
                if let notBefore = plan.tasks[holder].notBefore?.value { floor = max(floor, calendar.workingDaysBefore(notBefore)) }
                for (number, dependency) in plan.tasks[holder].after.enumerated() {
                    guard let predecessor = c.network!.link(holder, number).predecessor else { continue }
                    let lag = dependency.lag.map { $0.value.unit == .workingWeeks ? $0.value.amount * calendar.workdaysPerWeek : $0.value.amount } ?? 0
                    let from = dependency.type == .startToStart || dependency.type == .startToFinish ? points[predecessor].start : points[predecessor].finish
                    let onFinish = dependency.type == .finishToFinish || dependency.type == .startToFinish
                    // A summary's FF/SF bind its finish, not its parts.
                    if holder != index && onFinish { continue }
                    let to = onFinish ? points[index].finish : points[index].start
                    // A milestone is a point: every link reads boundary ≥ boundary + lag, as for tasks.
                    let extra = 0
                    #expect(to >= from + lag + extra, "\(task.id.value) after \(dependency.target.value) \(dependency.type)\n\(random.yaml)")
                    if to == from + lag + extra { tight[index] = true }
                }
            }
            let first = floor
            #expect(points[index].start >= first)
            // Not at a bound: some link drives it with zero slack.
            if !elapsed, points[index].start > first {
                #expect(tight[index], "\(task.id.value) starts late without a driving link: \(schedule[index]) floor \(calendar.day(at: first))")
            }
        }
        for (index, task) in plan.tasks.enumerated() {
            let entry = schedule[index]
            if !random.hasDeadlines { #expect(entry.totalFloat >= 0, "\(task.id.value)") }
            #expect(entry.freeFloat >= 0)
            #expect(entry.freeFloat <= max(0, entry.totalFloat))
            #expect(entry.critical == (entry.totalFloat <= 0))
            #expect(entry.start <= entry.finish || task.isSummary)
        }
        // The critical path: a connected chain of zero-float work ending at the plan's finish.
        let path = schedule.criticalPath
        try #require(!path.isEmpty)
        #expect(schedule[path.last!].finish == schedule.finish || plan.tasks[path.last!].isMilestone)
        for task in path where !random.hasDeadlines && !elapsed {
            #expect(schedule[task].totalFloat == 0, "\(plan.tasks[task].id.value)\n\(random.yaml)")
        }
        for (before, after) in zip(path, path.dropFirst()) {
            let linked = ancestorsAndSelf(after).contains { holder in
                c.network!.links(of: holder).contains { $0.predecessor.map { ancestorsAndSelf(before).contains($0) } ?? false }
            }
            #expect(linked, "\(plan.tasks[before].id.value) → \(plan.tasks[after].id.value)")
        }
    }

    @Test(arguments: 1...40)
    func randomPlansKeepEveryLink(seed: Int) throws {
        try check(RandomPlan(seed: UInt64(seed), count: 60), elapsed: false)
    }

    @Test(arguments: 1...15)
    func randomPlansWithStatusDate(seed: Int) throws {
        try check(RandomPlan(seed: UInt64(1000 + seed), count: 50, statusDate: true), elapsed: false)
    }

    @Test(arguments: 1...15)
    func randomPlansWithElapsedDurationsAndDeadlines(seed: Int) throws {
        try check(RandomPlan(seed: UInt64(2000 + seed), count: 50, deadlines: true, elapsed: true), elapsed: true)
    }

    /// A large plan's entries are built in two halves at once: the schedule is the same as in one pass.
    @Test(arguments: 1...12)
    func entriesInHalvesEqualEntriesInOnePass(seed: Int) throws {
        let random = RandomPlan(seed: UInt64(3000 + seed), count: 50, deadlines: true, statusDate: seed % 2 == 0, elapsed: seed % 3 == 0)
        let network = try #require(compilePlan(random.yaml).network)
        let halves = try #require(Scheduler.schedule(network, parallelFrom: 0))
        let whole = try #require(Scheduler.schedule(network, parallelFrom: .max))
        #expect(halves.entries == whole.entries)
        #expect(halves.criticalPath == whole.criticalPath && halves.start == whole.start && halves.finish == whole.finish)
    }
}
