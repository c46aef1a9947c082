/// The forecast's per-iteration schedule: `SchedulePass`'s rules over arrays built once.
///
/// Everything an iteration does not change is worked out once per worker: the pass's per-task
/// modes, progress, calendars and link weights, and the order the reference pass placed the nodes
/// in. That order is Kahn's algorithm over the dependency graph with a first-come queue and
/// depends on the graph and the progress only, never on a length; so is the set of tasks whose
/// start had to be placed before their finish-side links were known (`stretched`). An iteration
/// then sets the drawn lengths, places the nodes in that order (`SchedulePass.place`, the same
/// rules: summaries, calendars including team calendars, every link type, lags, milestones,
/// elapsed work, progress, `not_before`, the status date), runs the backward pass, and reads
/// finishes and total float straight from the Int arrays: no `Schedule`, no dictionary, no
/// allocation. Its dates equal the reference pass's for any lengths (LeanScheduleTests).
///
/// Not for levelled plans: the serial pass orders nodes by priority and capacity, which the
/// lengths move (those iterations keep running `PlanLeveller`).
///
/// The plans `FastSchedule` takes (most: no team calendars, no elapsed work still to do, nothing
/// stretched) run there instead; this pass is the fallback for the rest.
struct LeanSchedule {
    /// The working pass; its length, weight and lowerBound arrays are the iteration's input.
    var pass: SchedulePass
    /// The reference pass's placement order (a task placed as a whole: its start, then its finish).
    let order: [Int32]
    /// The iteration-independent inputs, to restore what a risk changed.
    let baseLength: [Int]
    let baseWeight: [Int]
    let baseLowerBound: [Int]
    /// Per task: the `actual_start` (ordinal) of a task the status date finds started or done, else Int.min.
    let actualStart: [Int]
    /// Every summary's parts at any depth: `parts[partOffsets[task]..<partOffsets[task + 1]]`.
    let partOffsets: [Int]
    let parts: [Int32]
    /// The first working day the plan's calendar allows at the plan start (`SchedulePass.result`).
    let firstDay: Int
    private var lateDay: [Int] = []

    /// Nil when the graph has a cycle (the structural rules report it).
    init?(network: Network, statusDate: Day?) {
        var pass = SchedulePass(network: network, statusDate: statusDate)
        guard pass.forward() else { return nil }
        order = pass.order
        baseLength = pass.length
        baseWeight = pass.weight
        baseLowerBound = pass.lowerBound
        let tasks = network.plan.tasks
        actualStart = tasks.indices.map { task in
            pass.progress[task] == .planned ? Int.min : tasks[task].actualStart?.value.ordinal ?? Int.min
        }
        var count = [Int](repeating: 0, count: tasks.count + 1)
        for task in tasks.indices {
            var ancestor = tasks[task].parent
            while let above = ancestor { count[above + 1] += 1; ancestor = tasks[above].parent }
        }
        for task in tasks.indices { count[task + 1] += count[task] }
        var next = count, list = [Int32](repeating: 0, count: count[tasks.count])
        for task in tasks.indices {
            var ancestor = tasks[task].parent
            while let above = ancestor { list[next[above]] = Int32(task); next[above] += 1; ancestor = tasks[above].parent }
        }
        partOffsets = count
        parts = list
        let axis = pass.calendar
        firstDay = (pass.uniform ? axis.day(at: pass.planStartBoundary)
            : pass.planCalendar.firstWorkingDay(onOrAfter: axis.day(at: pass.planStartBoundary))).ordinal
        self.pass = pass
    }

    /// Lengths, lags and floors back to the plan's (before an iteration's draws and risks).
    mutating func restore(tasks: [Int], edges: [Int]) {
        for task in tasks {
            pass.length[task] = baseLength[task]
            pass.lowerBound[task] = baseLowerBound[task]
        }
        for edge in edges { pass.weight[edge] = baseWeight[edge] }
    }

    /// Schedules the pass's current lengths, lags and floors: the forward pass in the fixed order,
    /// then the backward pass.
    mutating func run() {
        let nodeCount = 2 * pass.taskCount
        for node in 0..<nodeCount {
            pass.early[node] = Int.min
            pass.late[node] = Int.max
            pass.bound[node] = Int.min
            pass.driverNode[node] = -1
            pass.driverEdge[node] = -1
            pass.overhang[node] = 0
            pass.boundOverhang[node] = 0
            pass.pointIsStart[node] = node & 1 == 0
            pass.boundIsStart[node] = false
        }
        for task in 0..<pass.taskCount {
            pass.readyIsStart[task] = true
            pass.readyBoundary[task] = Int.min
            pass.finishOrdinal[task] = 0
        }
        pass.order.removeAll(keepingCapacity: true)
        var position = 0
        while position < order.count {
            let node = Int(order[position])
            let whole = pass.placesAsWhole(node >> 1)
            pass.place(node)
            if whole { pass.place(node + 1) }
            for placed in node...(whole ? node + 1 : node) {
                for edge in pass.graph.offsets[placed]..<pass.graph.offsets[placed + 1] {
                    pass.relax(edge, from: placed, to: Int(pass.graph.targets[edge]))
                }
            }
            position += whole ? 2 : 1
        }
        pass.backward(lateDay: &lateDay)
    }

    // MARK: - Reading the result (what `SchedulePass.result` would put in `Schedule.Entry`)

    /// A task's finish day (ordinal), not a summary's.
    @inline(__always) func ownFinish(_ task: Int) -> Int {
        let finish = 2 * task + 1
        switch pass.mode[task] {
        case .milestone:
            if pass.progress[task] == .done { return pass.finishOrdinal[task] }
            return pass.calendar.day(at: pass.pointIsStart[finish] ? pass.early[finish] : pass.early[finish] - 1).ordinal
        case .summary:
            return pass.calendar.day(at: pass.early[finish] - 1).ordinal
        case .elapsed:
            return pass.finishOrdinal[task]
        case .working:
            return pass.progress[task] == .done ? pass.finishOrdinal[task] : pass.calendar.day(at: pass.early[finish] - 1).ordinal
        }
    }

    /// `Schedule.Entry.finish` of any task (a summary: the latest of its own and its parts').
    func finish(_ task: Int) -> Int {
        var value = ownFinish(task)
        guard pass.mode[task] == .summary else { return value }
        for k in partOffsets[task]..<partOffsets[task + 1] { value = max(value, ownFinish(Int(parts[k]))) }
        return value
    }

    /// `Schedule.Entry.start` of a task that is not a summary (a summary: Int.max).
    func start(_ task: Int) -> Int {
        switch pass.mode[task] {
        case .milestone: return ownFinish(task)
        case .summary: return Int.max
        case .working, .elapsed:
            if actualStart[task] != Int.min { return actualStart[task] }
            return pass.calendar.day(at: pass.early[2 * task]).ordinal
        }
    }

    /// `Schedule.Entry.totalFloat` of a task that is not a summary.
    func totalFloat(_ task: Int) -> Int {
        let start = 2 * task, finish = start + 1
        switch (pass.progress[task], pass.mode[task]) {
        case (.done, _): return 0
        case (.inProgress, _): return pass.ownDays(task, before: pass.late[finish]) - pass.ownDays(task, before: pass.early[finish])
        case (_, .milestone) where pass.converts(task) && pass.late[start] < pass.early[start]:
            return min(-1, pass.ownDays(task, before: pass.late[start]) - pass.ownDays(task, before: pass.early[start]))
        default: return pass.ownDays(task, before: pass.late[start]) - pass.ownDays(task, before: pass.early[start])
        }
    }

    /// `Schedule.Entry.critical` of a task that is not a summary.
    @inline(__always) func critical(_ task: Int) -> Bool {
        pass.progress[task] != .done && totalFloat(task) <= 0
    }

    /// The plan's first and last day (ordinals), as `Schedule.start` and `Schedule.finish`: a
    /// day is monotone in its working-day index, so the latest index is read as a day once.
    func span() -> (start: Int, finish: Int) {
        var lastIndex = Int.min, lastDay = Int.min, firstIndex = Int.max, first = firstDay
        for task in 0..<pass.taskCount {
            let startNode = 2 * task, finishNode = startNode + 1
            switch pass.mode[task] {
            case .summary:
                // Its start is its parts' earliest (a summary always has parts).
                lastIndex = max(lastIndex, pass.early[finishNode] - 1)
            case .milestone:
                if pass.progress[task] == .done {
                    lastDay = max(lastDay, pass.finishOrdinal[task])
                    first = min(first, pass.finishOrdinal[task])
                } else {
                    let index = pass.pointIsStart[finishNode] ? pass.early[finishNode] : pass.early[finishNode] - 1
                    lastIndex = max(lastIndex, index)
                    firstIndex = min(firstIndex, index)
                }
            case .working, .elapsed:
                if pass.progress[task] == .done || pass.mode[task] == .elapsed {
                    lastDay = max(lastDay, pass.finishOrdinal[task])
                } else {
                    lastIndex = max(lastIndex, pass.early[finishNode] - 1)
                }
                if actualStart[task] != Int.min {
                    first = min(first, actualStart[task])
                } else {
                    firstIndex = min(firstIndex, pass.early[startNode])
                }
            }
        }
        if firstIndex != Int.max { first = min(first, pass.calendar.day(at: firstIndex).ordinal) }
        let last = lastIndex == Int.min ? lastDay : max(lastDay, pass.calendar.day(at: lastIndex).ordinal)
        return (first, last == Int.min ? first : last)
    }
}
