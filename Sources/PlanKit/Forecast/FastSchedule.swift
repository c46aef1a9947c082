/// The forecast's fast pass: `LeanSchedule`'s rules for the plans most forecasts run, folded into
/// per-step constants over raw buffers.
///
/// It takes a plan when every task is on the axis (no team calendars), nothing is levelled, no
/// cross-plan link bounds a task, no task is stretched and no task still to finish counts calendar
/// days (`elapsed`). For
/// such a plan the reference pass's rules reduce to integer maxima and minima over working-day
/// indices: a link's bound is the predecessor's point plus its lag, a task's finish its start plus
/// its length, a done task's dates and a started task's start never move (so does the overhang of
/// a done task finishing on a day the plan does not work; a summary's finish rolls it up), and a
/// summary's late
/// finish read as a calendar day and back is the least of the bounds on it. So, once per worker:
/// the steps in the reference pass's placement order (a task placed as a whole is one step), the
/// links into and out of every node that moves as CSR lists with their lags, and the dates of the
/// nodes that never move. Per iteration: a forward pass that pulls each node's bound from its
/// predecessors (the start-of-day kind only where a milestone or summary reads it), a backward
/// pass that counts each critical task as it goes, and the finishes read from the indices with
/// one calendar lookup per target. Plans outside it run `LeanSchedule` (LeanScheduleTests
/// demands both equal `SchedulePass` on random and example plans).
final class FastSchedule {
    private static let work: UInt8 = 0, milestone: UInt8 = 1, summaryStart: UInt8 = 2, summaryFinish: UInt8 = 3,
                        startedFinish: UInt8 = 4, fixed: UInt8 = 5

    let taskCount: Int
    private let stepCount: Int
    private let stepTask: UnsafeMutablePointer<Int32>
    private let stepKind: UnsafeMutablePointer<UInt8>
    /// Links into each moving node (non-duration edges): `inSource[inOffsets[node]..<inOffsets[node + 1]]`.
    private let inOffsets: UnsafeMutablePointer<Int32>
    private let inSource: UnsafeMutablePointer<Int32>
    private let inWeight: Narrow
    /// Per link into a node: what an overhanging predecessor changes (`SchedulePass.relax`).
    private let inFlags: UnsafeMutablePointer<UInt8>
    private static let constraintLink: UInt8 = 1, intoFinish: UInt8 = 2, rollUpLink: UInt8 = 4
    /// Per node: some link into it may come from an overhanging point (a done task finishing on a
    /// day the plan does not work, or a summary rolling one up), so its bound reads the overhang.
    private let readsOverhang: UnsafeMutablePointer<Bool>
    /// Per node: done tasks' overhang (fixed), summaries' finishes (per iteration).
    private let overhang: UnsafeMutablePointer<UInt8>
    /// Links out of each node into a moving node, for the backward pass.
    private let outOffsets: UnsafeMutablePointer<Int32>
    private let outTarget: UnsafeMutablePointer<Int32>
    private let outWeight: Narrow
    /// Per node.
    private let early: Narrow
    private let late: Narrow
    private let pointIsStart: UnsafeMutablePointer<Bool>
    /// Per task.
    private let length: Narrow
    private let lowerBound: Narrow
    private let deadlineBound: UnsafeMutablePointer<Int>
    /// A started task's work left per 100,000 of its length (`SchedulePass.place`).
    private let leftPer100k: UnsafeMutablePointer<Int>
    private let isMilestone: UnsafeMutablePointer<Bool>
    /// Per task: its step kind (a summary: `summaryFinish`; a done task: `fixed`).
    private let taskKind: [UInt8]
    /// Iterations in which each task was critical (since `takeCritical`, once per chunk).
    private let criticalCount: UnsafeMutablePointer<Int32>
    private let buffers: [UnsafeMutableRawPointer]

    /// Each edge's places in the in- and out-lists (-1: none), for the lags a risk changes.
    private let inPosition: [Int32]
    private let outPosition: [Int32]
    private let baseLength: [Int]
    private let baseWeight: [Int]
    private let baseLowerBound: [Int]
    private let partOffsets: [Int]
    /// A done task's finish day (ordinal), else Int.min.
    private let fixedFinish: [Int]
    private let parts: [Int32]
    private let calendar: WorkingCalendar
    private let statusBoundary: Int
    /// What the nodes that never move contribute: to the plan's finish boundary, to the first and
    /// last working-day index, and (as calendar days) to the first and last day.
    private let fixedPlanFinish: Int
    private let fixedFirstIndex: Int
    private let fixedLastIndex: Int
    private let fixedFirstDay: Int
    private let fixedLastDay: Int
    /// The latest iteration's plan finish boundary and first and last working-day index.
    private var planFinish = Int.min
    private var firstIndex = Int.max
    private var lastIndex = Int.min

    /// Nil when the plan is outside the fast pass (see the type's comment).
    init?(_ lean: LeanSchedule) {
        let pass = lean.pass
        guard pass.uniform, pass.externalBounds.isEmpty, pass.hooks == nil, !pass.stretched.contains(true) else { return nil }
        let taskCount = pass.taskCount, nodeCount = 2 * taskCount
        for task in 0..<taskCount where pass.mode[task] == .elapsed && pass.progress[task] != .done { return nil }
        self.taskCount = taskCount
        let graph = pass.graph
        let tasks = pass.plan.tasks
        func moves(_ node: Int) -> Bool { pass.isMovable(node) }

        // Steps, in the reference pass's order.
        var steps: [(task: Int32, kind: UInt8)] = []
        var position = 0
        while position < lean.order.count {
            let node = Int(lean.order[position]), task = node >> 1
            let whole = pass.placesAsWhole(task)
            position += whole ? 2 : 1
            switch (pass.progress[task], pass.mode[task]) {
            case (.done, _): continue
            case (.inProgress, _):
                if node & 1 == 1 { steps.append((Int32(task), Self.startedFinish)) }
            case (.planned, .summary):
                steps.append((Int32(task), node & 1 == 0 ? Self.summaryStart : Self.summaryFinish))
            case (.planned, .milestone):
                steps.append((Int32(task), Self.milestone))
            case (.planned, _):
                steps.append((Int32(task), Self.work))
            }
        }
        stepCount = steps.count
        var taskKind = [UInt8](repeating: Self.fixed, count: taskCount)
        for step in steps where step.kind != Self.summaryStart { taskKind[Int(step.task)] = step.kind }
        self.taskKind = taskKind

        var buffers: [UnsafeMutableRawPointer] = []
        func allocate<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
            pointer.initialize(repeating: value, count: max(1, count))
            buffers.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        stepTask = allocate(steps.count, 0)
        stepKind = allocate(steps.count, 0)
        for (i, step) in steps.enumerated() { stepTask[i] = step.task; stepKind[i] = step.kind }

        // The links that move a node: not a task's own duration, into a node that moves.
        let edgeCount = graph.targets.count
        var inCount = [Int32](repeating: 0, count: nodeCount + 1), outCount = [Int32](repeating: 0, count: nodeCount + 1)
        var sourceOf = [Int32](repeating: -1, count: edgeCount)
        for node in 0..<nodeCount {
            for edge in graph.offsets[node]..<graph.offsets[node + 1] {
                let target = Int(graph.targets[edge])
                sourceOf[edge] = Int32(node)
                guard pass.edgeKind[edge] != SchedulePass.durationEdge, moves(target) else { continue }
                inCount[target + 1] += 1
                outCount[node + 1] += 1
            }
        }
        for node in 0..<nodeCount { inCount[node + 1] += inCount[node]; outCount[node + 1] += outCount[node] }
        inOffsets = allocate(nodeCount + 1, 0)
        outOffsets = allocate(nodeCount + 1, 0)
        for node in 0...nodeCount { inOffsets[node] = inCount[node]; outOffsets[node] = outCount[node] }
        let linkCount = Int(inCount[nodeCount])
        inSource = allocate(linkCount, 0)
        inWeight = Narrow(allocate(linkCount, 0))
        inFlags = allocate(linkCount, 0)
        outTarget = allocate(linkCount, 0)
        outWeight = Narrow(allocate(linkCount, 0))
        var inNext = inCount, outNext = outCount
        var inPosition = [Int32](repeating: -1, count: edgeCount), outPosition = [Int32](repeating: -1, count: edgeCount)
        for edge in 0..<edgeCount {
            let node = Int(sourceOf[edge]), target = Int(graph.targets[edge])
            guard pass.edgeKind[edge] != SchedulePass.durationEdge, moves(target) else { continue }
            let i = Int(inNext[target]), o = Int(outNext[node])
            inNext[target] += 1
            outNext[node] += 1
            inSource[i] = Int32(node)
            inWeight[i] = pass.weight[edge]
            let kind = pass.edgeKind[edge]
            inFlags[i] = (kind == SchedulePass.constraintEdge ? Self.constraintLink : 0)
                | (target & 1 == 1 && pass.mode[target >> 1] != .milestone ? Self.intoFinish : 0)
                | (kind == SchedulePass.rollUpEdge ? Self.rollUpLink : 0)
            outTarget[o] = Int32(target)
            outWeight[o] = pass.weight[edge]
            inPosition[edge] = Int32(i)
            outPosition[edge] = Int32(o)
        }
        self.inPosition = inPosition
        self.outPosition = outPosition

        // Per node: the reference pass's dates and kinds (those of the nodes that never move stay).
        early = Narrow(allocate(nodeCount, 0))
        late = Narrow(allocate(nodeCount, Int32.max))
        pointIsStart = allocate(nodeCount, false)
        for node in 0..<nodeCount { early[node] = pass.early[node]; pointIsStart[node] = pass.pointIsStart[node] }
        // Which points may overhang: done tasks' (fixed), and summaries' finishes that roll one up.
        overhang = allocate(nodeCount, 0)
        readsOverhang = allocate(nodeCount, false)
        var mayOverhang = [Bool](repeating: false, count: nodeCount)
        for node in lean.order.map(Int.init) {
            let task = node >> 1
            if pass.progress[task] == .done {
                overhang[node] = pass.overhang[node]
                mayOverhang[node] = pass.overhang[node] != 0
                continue
            }
            for k in Int(inOffsets[node])..<Int(inOffsets[node + 1]) where mayOverhang[Int(inSource[k])] {
                readsOverhang[node] = true
                if pass.mode[task] == .summary, node & 1 == 1, inFlags[k] & Self.rollUpLink != 0 { mayOverhang[node] = true }
            }
        }
        length = Narrow(allocate(taskCount, 0))
        lowerBound = Narrow(allocate(taskCount, 0))
        deadlineBound = allocate(taskCount, Int.max)
        leftPer100k = allocate(taskCount, 0)
        isMilestone = allocate(taskCount, false)
        criticalCount = allocate(taskCount, 0)
        for task in 0..<taskCount {
            length[task] = lean.baseLength[task]
            lowerBound[task] = lean.baseLowerBound[task]
            deadlineBound[task] = pass.deadlineBound[task]
            isMilestone[task] = pass.mode[task] == .milestone
            if pass.progress[task] == .inProgress {
                leftPer100k[task] = 100_000 - Int(((tasks[task].progress?.value ?? 0) * 1000).rounded())
            }
        }
        self.buffers = buffers
        baseLength = lean.baseLength
        baseWeight = lean.baseWeight
        baseLowerBound = lean.baseLowerBound
        partOffsets = lean.partOffsets
        fixedFinish = (0..<taskCount).map { pass.progress[$0] == .done ? pass.finishOrdinal[$0] : Int.min }
        parts = lean.parts
        calendar = pass.calendar
        statusBoundary = pass.statusBoundary

        // What never moves: done tasks, and a started task's start (`LeanSchedule.span`).
        var planFinish = Int.min, firstIndex = Int.max, lastIndex = Int.min, firstDay = lean.firstDay, lastDay = Int.min
        for task in 0..<taskCount {
            let start = 2 * task, finish = start + 1
            switch (pass.progress[task], pass.mode[task]) {
            case (.done, .milestone):
                planFinish = max(planFinish, pass.early[finish])
                lastDay = max(lastDay, pass.finishOrdinal[task])
                firstDay = min(firstDay, pass.finishOrdinal[task])
            case (.done, _):
                planFinish = max(planFinish, pass.early[finish])
                lastDay = max(lastDay, pass.finishOrdinal[task])
                if lean.actualStart[task] != Int.min { firstDay = min(firstDay, lean.actualStart[task]) }
                else { firstIndex = min(firstIndex, pass.early[start]) }
            case (.inProgress, _):
                firstDay = min(firstDay, lean.actualStart[task])
            default:
                break
            }
        }
        fixedPlanFinish = planFinish
        fixedFirstIndex = firstIndex
        fixedLastIndex = lastIndex
        fixedFirstDay = firstDay
        fixedLastDay = lastDay
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    // MARK: - An iteration's input

    /// Lengths, lags and floors back to the plan's (before an iteration's draws and risks).
    func restore(tasks: [Int], edges: [Int]) {
        for task in tasks {
            length[task] = baseLength[task]
            lowerBound[task] = baseLowerBound[task]
        }
        for edge in edges { setWeight(edge, baseWeight[edge]) }
    }

    @inline(__always) func setLength(_ task: Int, _ value: Int) { length[task] = value }

    func delay(tasks: [Int], edges: [Int], milestones: [Int], by days: Int) {
        for task in tasks { length[task] += days }
        for edge in edges { setWeight(edge, weight(edge) + days) }
        for milestone in milestones { lowerBound[milestone] += days }
    }

    private func weight(_ edge: Int) -> Int {
        let i = Int(inPosition[edge])
        return i >= 0 ? inWeight[i] : baseWeight[edge]
    }

    private func setWeight(_ edge: Int, _ value: Int) {
        let i = Int(inPosition[edge]), o = Int(outPosition[edge])
        if i >= 0 { inWeight[i] = value }
        if o >= 0 { outWeight[o] = value }
    }

    // MARK: - The passes

    /// The latest bound the links into `node` put on it (Int.min: none).
    @inline(__always) private func bound(_ node: Int) -> Int {
        if readsOverhang[node] { return overhangingBound(node).0 }
        var value = Int.min
        for k in Int(inOffsets[node])..<Int(inOffsets[node + 1]) {
            value = max(value, early[Int(inSource[k])] &+ inWeight[k])
        }
        return value
    }

    /// The same, and whether a start-of-day point reaches it (on a tie the start wins).
    @inline(__always) private func kindedBound(_ node: Int) -> (Int, Bool) {
        if readsOverhang[node] {
            let (value, isStart, _) = overhangingBound(node)
            return (value, isStart)
        }
        var value = Int.min, isStart = false
        for k in Int(inOffsets[node])..<Int(inOffsets[node + 1]) {
            let source = Int(inSource[k])
            let candidate = early[source] &+ inWeight[k]
            if candidate > value {
                value = candidate
                isStart = pointIsStart[source]
            } else if candidate == value, pointIsStart[source] {
                isStart = true
            }
        }
        return (value, isStart)
    }

    /// `kindedBound` where a predecessor may overhang: a link from an overhanging point into a
    /// task's finish waits a working day more and proposes the end of a day, any other link from
    /// one proposes the start of a day; a summary's finish takes the overhang of the parts that
    /// reach it (`SchedulePass.relax`).
    private func overhangingBound(_ node: Int) -> (Int, Bool, UInt8) {
        var value = Int.min, isStart = false, carried: UInt8 = 0
        for k in Int(inOffsets[node])..<Int(inOffsets[node + 1]) {
            let source = Int(inSource[k]), flags = inFlags[k], sourceOverhang = overhang[source]
            var candidate = early[source] &+ inWeight[k], startKind = pointIsStart[source]
            if sourceOverhang != 0, flags & Self.constraintLink != 0 {
                let extra = flags & Self.intoFinish != 0 ? 1 : 0
                candidate += extra
                startKind = extra == 0
            }
            let rolled = flags & Self.rollUpLink != 0 ? sourceOverhang : 0
            if candidate > value {
                value = candidate
                isStart = startKind
                carried = rolled
            } else if candidate == value {
                if startKind { isStart = true }
                carried = max(carried, rolled)
            }
        }
        return (value, isStart, carried)
    }

    /// The latest boundary for `node` that keeps every link out of it (Int.max: none).
    @inline(__always) private func latest(_ node: Int) -> Int {
        var value = Int.max
        for k in Int(outOffsets[node])..<Int(outOffsets[node + 1]) {
            let limit = late.slots[Int(outTarget[k])]
            if limit != Int32.max { value = min(value, Int(limit) &- outWeight[k]) }
        }
        return value
    }

    /// Schedules the current lengths, lags and floors: the forward pass, then the backward pass
    /// (counting the critical tasks).
    func run() {
        var planFinish = fixedPlanFinish, firstIndex = fixedFirstIndex, lastIndex = fixedLastIndex
        for step in 0..<stepCount {
            let task = Int(stepTask[step]), start = 2 * task, finish = start + 1
            switch stepKind[step] {
            case Self.work:
                let days = length[task]
                var value = bound(start)
                let fromFinish = bound(finish)
                if fromFinish != Int.min { value = max(value, fromFinish - days) }
                value = max(value, lowerBound[task], statusBoundary)
                early[start] = value
                early[finish] = value + days
                planFinish = max(planFinish, value + days)
                lastIndex = max(lastIndex, value + days - 1)
                firstIndex = min(firstIndex, value)
            case Self.milestone:
                var (value, isStart) = kindedBound(start)
                let (fromFinish, finishIsStart) = kindedBound(finish)
                if fromFinish > value {
                    value = fromFinish
                    isStart = finishIsStart
                } else if fromFinish == value, fromFinish != Int.min, finishIsStart {
                    isStart = true
                }
                let floor = max(lowerBound[task], statusBoundary)
                if floor >= value {
                    value = floor
                    isStart = true
                }
                early[start] = value
                early[finish] = value
                pointIsStart[start] = isStart
                pointIsStart[finish] = isStart
                planFinish = max(planFinish, value)
                let point = isStart ? value : value - 1
                lastIndex = max(lastIndex, point)
                firstIndex = min(firstIndex, point)
            case Self.summaryStart:
                let (value, isStart) = kindedBound(start)
                let floor = lowerBound[task]
                early[start] = max(value, floor)
                pointIsStart[start] = floor >= value || isStart
            case Self.summaryFinish:
                var (value, isStart) = (Int.min, false), carried: UInt8 = 0
                if readsOverhang[finish] { (value, isStart, carried) = overhangingBound(finish) } else { (value, isStart) = kindedBound(finish) }
                if value == Int.min {
                    early[finish] = early[start]
                    pointIsStart[finish] = true
                    overhang[finish] = 0
                } else {
                    early[finish] = value
                    pointIsStart[finish] = isStart
                    overhang[finish] = carried
                }
                planFinish = max(planFinish, early[finish])
                lastIndex = max(lastIndex, early[finish] - 1)
            default:  // startedFinish
                let left = (length[task] * leftPer100k[task] + 99_999) / 100_000
                var value = max(statusBoundary, early[start]) + left
                value = max(value, bound(finish))
                early[finish] = max(value, early[start])
                planFinish = max(planFinish, early[finish])
                lastIndex = max(lastIndex, early[finish] - 1)
            }
        }
        self.planFinish = planFinish
        self.firstIndex = firstIndex
        self.lastIndex = lastIndex

        var step = stepCount - 1
        while step >= 0 {
            let task = Int(stepTask[step]), start = 2 * task, finish = start + 1
            switch stepKind[step] {
            case Self.work:
                let days = length[task]
                let latestFinish = min(latest(finish), planFinish, deadlineBound[task])
                let latestStart = min(latest(start), latestFinish - days)
                late[start] = latestStart
                late[finish] = latestStart + days
                if latestStart <= early[start] { criticalCount[task] &+= 1 }
            case Self.milestone:
                var deadline = deadlineBound[task]
                if deadline != Int.max, pointIsStart[finish] { deadline -= 1 }
                let latestStart = min(latest(start), latest(finish), planFinish, deadline)
                late[start] = latestStart
                late[finish] = latestStart
                if latestStart <= early[start] { criticalCount[task] &+= 1 }
            case Self.summaryStart:
                let value = latest(start)
                late.slots[start] = value == Int.max ? Int32.max : Int32(truncatingIfNeeded: value)
            case Self.summaryFinish:
                late[finish] = min(latest(finish), planFinish, deadlineBound[task])
            default:  // startedFinish
                let value = min(latest(finish), planFinish, deadlineBound[task])
                late[finish] = value
                if value <= early[finish] { criticalCount[task] &+= 1 }
            }
            step -= 1
        }
    }

    // MARK: - Reading the result

    /// The working-day index of a task's own finish day (`LeanSchedule.ownFinish` as an index).
    @inline(__always) private func finishIndex(_ task: Int) -> Int {
        let finish = 2 * task + 1
        return isMilestone[task] && pointIsStart[finish] ? early[finish] : early[finish] - 1
    }

    /// `Schedule.Entry.finish` of any task (a summary: the latest of its own and its parts'); a
    /// done task's is its actual finish, which may be a day the plan does not work.
    func finish(_ task: Int) -> Int {
        var index = Int.min, day = fixedFinish[task]
        if day == Int.min { index = finishIndex(task) }
        for k in partOffsets[task]..<partOffsets[task + 1] {
            let part = Int(parts[k])
            if fixedFinish[part] == Int.min { index = max(index, finishIndex(part)) } else { day = max(day, fixedFinish[part]) }
        }
        return index == Int.min ? day : max(day, calendar.day(at: index).ordinal)
    }

    /// The plan's first and last day (ordinals), as `Schedule.start` and `Schedule.finish`.
    func span() -> (start: Int, finish: Int) {
        let first = firstIndex == Int.max ? fixedFirstDay : min(fixedFirstDay, calendar.day(at: firstIndex).ordinal)
        let last = lastIndex == Int.min ? fixedLastDay : max(fixedLastDay, calendar.day(at: lastIndex).ordinal)
        return (first, last == Int.min ? first : last)
    }

    /// Adds the iterations in which each of `tasks` was critical to `counts` (one per task) and
    /// starts counting again.
    func takeCritical(_ tasks: [Int], into counts: inout [Int]) {
        for (i, task) in tasks.enumerated() { counts[i] += Int(criticalCount[task]) }
        criticalCount.update(repeating: 0, count: max(1, taskCount))
    }

    /// `Schedule.Entry.totalFloat` of a task that is not a summary, in the latest iteration (tests:
    /// the simulation only counts the critical tasks).
    func totalFloat(_ task: Int) -> Int {
        let start = 2 * task, finish = start + 1
        switch taskKind[task] {
        case Self.work, Self.milestone: return late[start] - early[start]
        case Self.startedFinish: return late[finish] - early[finish]
        default: return 0
        }
    }
}

/// Ints kept as Int32 (working-day indices and lags, far inside its range): half the cache a
/// 10,000-task plan's iteration sweeps. `late` marks "no bound" as Int32.max, written and read
/// through `slots`.
struct Narrow {
    let slots: UnsafeMutablePointer<Int32>

    init(_ slots: UnsafeMutablePointer<Int32>) { self.slots = slots }

    @inline(__always) subscript(_ i: Int) -> Int {
        get { Int(slots[i]) }
        nonmutating set { slots[i] = Int32(truncatingIfNeeded: newValue) }
    }
}
