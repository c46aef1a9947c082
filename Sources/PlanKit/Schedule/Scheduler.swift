import PlanSyntax

/// The critical path method over the whole plan, in working-day indices of the scheduling axis:
/// every day some task may work on (the plan's calendar, unless a team works days the plan does
/// not; see `ResourceModel.axis`).
///
/// Dates are handled as boundaries between working days: boundary `b` is the start of working day
/// `b` (the end of working day `b - 1`). A task starting on day `s` with `n` working days has start
/// boundary `s` and finish boundary `s + n`. A milestone is a point: one boundary for both its
/// start and finish, which is the start of a working day when a start drives it (the plan start,
/// `not_before`, the status date, an SS or SF link) and the end of one when a finish does (FS,
/// FF); a summary holding it back passes on the kind of its own driving link; on a tie the start
/// wins (`pointIsStart`). Its date is the day of
/// that point. Every link then reads "successor boundary ≥ predecessor boundary + lag": FS
/// finish→start, SS start→start, FF finish→finish, SF start→finish.
///
/// A task not yet started keeps its duration, so a finish-side link (FF, SF) pushes its start.
///
/// Team calendars: a leaf task works on its own calendar (`TaskCalendar.own`, the days every team
/// it uses works), a subset of the axis. Its start is the start of an own working day, its finish
/// the end of one, and a link into it converts the predecessor's point into own working days,
/// adds the lag (counted in own working days) and converts back: a start bound is the start of the
/// first own working day at or after the point, moved by the lag; a finish bound from a finish is
/// the end of the first own working day that ends at or after it (an FF successor never finishes
/// before its predecessor), from a start (SF) the end of the own working day before it; each moved
/// by the lag. Milestones and summaries use the plan's calendar: a link without lag keeps the
/// point it proposes; a lag moves it by that many of the plan's working days. When every task's
/// calendar is the axis (no team calendars) every conversion is the identity and is skipped
/// (`uniform`).
/// Both passes visit the plan's dependency graph once in topological order, without recursion, in
/// time linear in tasks plus dependencies.
public enum Scheduler {
    /// Schedules a plan that compiled without errors. `asOf` overrides the plan's `as_of`.
    /// Nil only when the dependency graph has a cycle (which the structural rules report).
    /// `parallelFrom`: from how many tasks the entries are built in two halves at once.
    public static func schedule(_ network: Network, asOf: Day? = nil,
                                parallelFrom: Int = ExecutionPolicy.default.parallelResolveTasks) -> Schedule? {
        var pass = SchedulePass(network: network, statusDate: asOf ?? network.plan.asOf?.value)
        pass.parallelEntriesFrom = parallelFrom
        guard pass.forward() else { return nil }
        pass.backward()
        return pass.result()
    }

    /// Schedules `plan` on a network built for it (tests, and plans changed after compiling).
    public static func schedule(_ plan: Plan, asOf: Day? = nil) -> Schedule? {
        schedule(Network(plan: plan), asOf: asOf)
    }

    /// The length the scheduler uses for a leaf task: its `duration`, else its `estimate.likely`,
    /// in working days or (`elapsed`) calendar days; at least 1. Milestones and summaries: 0.
    public static func length(of task: Task, calendar: WorkingCalendar) -> (amount: Int, elapsed: Bool) {
        guard task.kind == .task, !task.isSummary else { return (0, false) }
        guard let duration = task.duration?.value ?? task.estimate?.likely?.value else { return (1, false) }
        let amount = max(1, duration.amount)
        switch duration.unit {
        case .workingDays: return (amount, false)
        case .workingWeeks: return (calendar.workingDays(in: Duration(amount: amount, unit: .workingWeeks)), false)
        case .elapsedDays: return (amount, true)
        }
    }
}

/// The working state of one scheduling run: flat per-task and per-node arrays.
struct SchedulePass {
    enum Mode: UInt8 { case working, elapsed, milestone, summary }

    let plan: Plan
    let graph: DependencyGraph
    /// The axis: boundaries count its working days.
    let calendar: WorkingCalendar
    /// The plan's calendar (`Schedule.calendar`: what floats and margins are read in).
    let planCalendar: WorkingCalendar
    /// The distinct task calendars, and each task's (milestones and summaries: the plan's).
    let taskCalendars: [TaskCalendar]
    let calendarOf: [Int32]
    /// Per task: its calendar is the axis, so no conversion applies.
    let onAxis: [Bool]
    /// Every task's calendar is the axis (no team calendars): the integer fast path throughout.
    let uniform: Bool
    let statusDate: Day?
    let taskCount: Int

    // Per task.
    var mode: [Mode]
    var progress: [Schedule.Progress]
    var length: [Int]
    /// Earliest start boundary from the plan start and `not_before` (summaries pass theirs to children).
    var lowerBound: [Int]
    /// Latest finish boundary from `deadline` (Int.max: none).
    var deadlineBound: [Int]
    /// The `deadline` as a calendar ordinal (Int.max: none), for finishes that may fall on a
    /// non-working day.
    var deadlineDay: [Int]
    /// True when a task's start had to be placed before its finish-side links were known (a
    /// network where SS/SF links out of a task and FF/SF links into it loop); it then stretches.
    var stretched: [Bool]
    /// Calendar finish of elapsed and done tasks (ordinal); others derive theirs from boundaries.
    var finishOrdinal: [Int]
    var readyBoundary: [Int]
    /// The first working day after the status date (Int.min without one).
    let statusBoundary: Int
    let planStartBoundary: Int

    // Per node (2 per task) and per edge.
    var early: [Int]
    var late: [Int]
    var bound: [Int]
    var driverNode: [Int32]
    var driverEdge: [Int32]
    /// 1 on the finish node of a task whose calendar finish is a non-working day after its last
    /// working day (an elapsed soak ending on a Sunday): what finishes or is reached "no earlier"
    /// than it moves to the next working day, while FS successors still start on that day.
    var overhang: [UInt8]
    var boundOverhang: [UInt8]
    var order: [Int32] = []
    /// Per node: whether its early boundary is the start of a working day (a task's start, a
    /// start-driven milestone) rather than the end of the one before (a finish).
    var pointIsStart: [Bool] = []
    /// Per node: whether a start-kind candidate reaches `bound` (on a tie the start wins).
    var boundIsStart: [Bool] = []
    /// Per task: whether the point `readyBoundary` stands for is a start (milestones only).
    var readyIsStart: [Bool] = []
    var weight: [Int]
    let edgeKind: [UInt8]
    static let constraintEdge: UInt8 = 0, durationEdge: UInt8 = 1, holdBackEdge: UInt8 = 2, rollUpEdge: UInt8 = 3

    /// Levelling's hooks (nil: the plain critical path method).
    var hooks: LevelHooks?
    /// What cross-plan links demand of their successors: per node, a bound and whether it is the
    /// start of a working day.
    var externalBounds: [(node: Int, bound: Int, isStart: Bool)]

    /// From how many tasks `result` builds the entries in two halves at once (tests force both).
    var parallelEntriesFrom = ExecutionPolicy.default.parallelResolveTasks

    /// `graph` replaces the network's (the levelled network: its links plus the resource waits).
    init(network: Network, statusDate: Day?, graph levelled: DependencyGraph? = nil) {
        let plan = network.plan, graph = levelled ?? network.graph
        self.plan = plan
        self.graph = graph
        self.statusDate = statusDate
        let resources = network.resources
        let calendar = resources.axis
        self.calendar = calendar
        planCalendar = network.calendar
        taskCount = plan.tasks.count
        let taskCalendars = resources.calendars
        self.taskCalendars = taskCalendars
        let uniform = taskCalendars.allSatisfy(\.isAxis)
        self.uniform = uniform
        calendarOf = uniform ? [] : resources.taskCalendar
        onAxis = uniform ? [] : resources.taskCalendar.map { taskCalendars[Int($0)].isAxis }
        let nodeCount = 2 * taskCount
        let planStart = plan.start?.value ?? statusDate ?? Day(ordinal: 0)
        planStartBoundary = calendar.workingDaysBefore(planStart)
        statusBoundary = statusDate.map { calendar.workingDaysBefore($0.adding(days: 1)) } ?? Int.min

        mode = [Mode](repeating: .working, count: taskCount)
        progress = [Schedule.Progress](repeating: .planned, count: taskCount)
        length = [Int](repeating: 0, count: taskCount)
        lowerBound = [Int](repeating: planStartBoundary, count: taskCount)
        deadlineBound = [Int](repeating: Int.max, count: taskCount)
        deadlineDay = [Int](repeating: Int.max, count: taskCount)
        stretched = [Bool](repeating: false, count: taskCount)
        finishOrdinal = [Int](repeating: 0, count: taskCount)
        readyBoundary = [Int](repeating: Int.min, count: taskCount)
        early = [Int](repeating: Int.min, count: nodeCount)
        late = [Int](repeating: Int.max, count: nodeCount)
        bound = [Int](repeating: Int.min, count: nodeCount)
        driverNode = [Int32](repeating: -1, count: nodeCount)
        driverEdge = [Int32](repeating: -1, count: nodeCount)
        overhang = [UInt8](repeating: 0, count: nodeCount)
        boundOverhang = [UInt8](repeating: 0, count: nodeCount)

        for (index, task) in plan.tasks.enumerated() {
            if task.isSummary {
                mode[index] = .summary
            } else if task.isMilestone {
                mode[index] = .milestone
            } else {
                let own = uniform ? calendar : taskCalendars[Int(resources.taskCalendar[index])].own
                let (amount, elapsed) = Scheduler.length(of: task, calendar: own)
                length[index] = amount
                mode[index] = elapsed ? .elapsed : .working
            }
            if let notBefore = task.notBefore?.value {
                lowerBound[index] = max(planStartBoundary, calendar.workingDaysBefore(notBefore))
            }
            if let deadline = task.deadline?.value {
                deadlineBound[index] = calendar.workingDaysBefore(deadline.adding(days: 1))
                deadlineDay[index] = deadline.ordinal
            }
            guard statusDate != nil, mode[index] != .summary else { continue }
            switch task.status?.value {
            case .done? where task.actualFinish != nil:
                progress[index] = .done
            case .inProgress? where task.actualStart != nil && mode[index] != .milestone:
                progress[index] = .inProgress
            default:
                break
            }
        }

        var weight = [Int](repeating: 0, count: graph.targets.count)
        var edgeKind = [UInt8](repeating: Self.constraintEdge, count: graph.targets.count)
        for (edge, origin) in graph.origins.enumerated() {
            switch origin {
            case .duration: edgeKind[edge] = Self.durationEdge
            case .summaryStart: edgeKind[edge] = Self.holdBackEdge
            case .summaryFinish: edgeKind[edge] = Self.rollUpEdge
            case .resource: break  // the holder's finish to the waiting task's start, no lag
            case .dependency(let task, let number):
                // Fields read in place: copying a `Link` retains its strings (100k plans notice).
                let position = network.linkOffsets[task] + number
                weight[edge] = network.links[position].lag
                // The lags into a task count its own working days (weeks: its own working weeks).
                if !uniform, let written = network.links[position].writtenLag, written.unit == .workingWeeks {
                    weight[edge] = taskCalendars[Int(resources.taskCalendar[task])].own.workingDays(in: written)
                }
            }
        }
        self.weight = weight
        self.edgeKind = edgeKind
        externalBounds = []
        if !network.externalLinks.isEmpty { externalBounds = crossPlanBounds(network) }
    }

    // MARK: - Cross-plan links

    /// The bound each cross-plan link puts on its successor, from the predecessor's dates in the
    /// other plan, by the rules of a link within the plan: the predecessor's point read on this
    /// plan's axis, the lag counted in the successor's working days. A finish on a day this plan
    /// does not work proposes the start of its next working day (as an elapsed task's does).
    func crossPlanBounds(_ network: Network) -> [(node: Int, bound: Int, isStart: Bool)] {
        var result: [(node: Int, bound: Int, isStart: Bool)] = []
        for index in network.externalLinks {
            let link = network.links[index]
            guard let point = link.external else { continue }
            let fromFinish = link.type == .finishToStart || link.type == .finishToFinish
            let toFinish = link.type == .finishToFinish || link.type == .startToFinish
            let target = 2 * link.successor + (toFinish ? 1 : 0)
            var boundary: Int, isStart: Bool, overhangs = false
            if fromFinish {
                if point.milestone, point.reachedAtStart {
                    (boundary, isStart) = (calendar.workingDaysBefore(point.finish), true)
                } else {
                    boundary = calendar.workingDaysBefore(point.finish.adding(days: 1))
                    overhangs = !calendar.isWorkingDay(point.finish)
                    isStart = overhangs
                }
            } else if point.milestone, !point.reachedAtStart {
                (boundary, isStart) = (calendar.workingDaysBefore(point.start.adding(days: 1)), false)
            } else {
                (boundary, isStart) = (calendar.workingDaysBefore(point.start), true)
            }
            let extra = overhangs && toFinish && mode[link.successor] != .milestone ? 1 : 0
            if extra == 1 { isStart = false }
            var lag = link.lag
            if !uniform, let written = link.writtenLag, written.unit == .workingWeeks {
                lag = taskCalendars[Int(calendarOf[link.successor])].own.workingDays(in: written)
            }
            let bound = converts(link.successor)
                ? convertedBound(point: boundary, isStart: isStart && extra == 0, lag: lag, to: target, extra: extra, startKind: isStart)
                : boundary + lag + extra
            result.append((target, bound, isStart))
        }
        return result
    }

    /// Lays the cross-plan bounds into the forward pass's bounds, as links no node of this plan drives.
    mutating func seedExternalBounds() {
        for (node, value, isStart) in externalBounds where isMovable(node) {
            if value > bound[node] {
                bound[node] = value
                boundIsStart[node] = isStart
                driverNode[node] = -1
            } else if value == bound[node], isStart {
                boundIsStart[node] = true
            }
        }
    }

    /// Whether links into `node` still move it: a done task is fixed, a started task's start too.
    @inline(__always) func isMovable(_ node: Int) -> Bool {
        switch progress[node >> 1] {
        case .planned: return true
        case .inProgress: return node & 1 == 1
        case .done: return false
        }
    }

    /// Working days a link adds on top of its lag: a task's finish that waits for the calendar
    /// finish of an elapsed or done task ending on a non-working day (the overhang) falls no
    /// earlier than the next working day. (A milestone waiting for it is reached at the start of
    /// that day, as in MS Project: see `proposesStart`.)
    @inline(__always) func overhang(_ edge: Int, from node: Int, to target: Int) -> Int {
        guard overhang[node] != 0, edgeKind[edge] == Self.constraintEdge,
              target & 1 == 1, mode[target >> 1] != .milestone else { return 0 }
        return 1
    }

    /// Whether the point a link proposes for its target is the start of a working day: a calendar
    /// finish on a non-working day proposes the start of the next working day; any other link
    /// (a summary holding back its part included) the kind of the point it leaves from.
    @inline(__always) func proposesStart(_ edge: Int, from node: Int, overhang extra: Int) -> Bool {
        let kind = edgeKind[edge]
        if kind == Self.constraintEdge, overhang[node] != 0 { return extra == 0 }
        return extra == 0 && pointIsStart[node]
    }

    /// A task not started whose start and finish are placed together, after all links into either.
    @inline(__always) func placesAsWhole(_ task: Int) -> Bool {
        progress[task] == .planned && mode[task] != .summary && !stretched[task]
    }

    // MARK: - Team calendars (never called when `uniform`)

    /// Whether `task` needs conversions: its calendar is not the axis.
    @inline(__always) func converts(_ task: Int) -> Bool { !uniform && !onAxis[task] }

    @inline(__always) func ownCalendar(_ task: Int) -> TaskCalendar { taskCalendars[Int(calendarOf[task])] }

    /// Whether a task's (not a milestone's or summary's) own working days are converted.
    @inline(__always) func isLeafWork(_ task: Int) -> Bool { mode[task] == .working || mode[task] == .elapsed }

    /// The bound a link proposes for `target` (a task off the axis), from `node`'s early point:
    /// see the type's comment.
    func convertedBound(_ edge: Int, from node: Int, to target: Int, extra: Int, startKind: Bool) -> Int {
        convertedBound(point: early[node], isStart: pointIsStart[node], lag: weight[edge], to: target, extra: extra, startKind: startKind)
    }

    /// The same from a point given directly (a cross-plan link's predecessor).
    func convertedBound(point: Int, isStart: Bool, lag: Int, to target: Int, extra: Int, startKind: Bool) -> Int {
        let task = target >> 1, own = ownCalendar(task)
        guard isLeafWork(task) else {
            guard lag != 0 else { return point + extra }
            let k = own.ownBoundary(point + extra) + lag
            return startKind ? own.axisStart(k) : own.axisEnd(k)
        }
        if target & 1 == 0 { return own.axisStart(own.ownBoundary(point) + lag) }
        if isStart, extra == 0 { return own.axisEnd(own.ownBoundary(point) + lag) }
        return own.axisEnd(own.ownBoundary(point + extra - 1) + 1 + lag)
    }

    /// The latest early point of `node` whose `convertedBound` into `target` is at most `limit`
    /// (the mirror image, for the backward pass and free float).
    func convertedLatest(_ edge: Int, from node: Int, to target: Int, extra: Int, limit: Int) -> Int {
        let task = target >> 1, own = ownCalendar(task), lag = weight[edge]
        guard isLeafWork(task) else {
            guard lag != 0 else { return limit - extra }
            let startKind = proposesStart(edge, from: node, overhang: extra)
            let k = startKind ? own.ownBoundary(limit + 1) - 1 - lag : own.ownBoundary(limit) - lag
            return own.axisStart(k) - extra
        }
        if target & 1 == 0 { return own.axisStart(own.ownBoundary(limit + 1) - 1 - lag) }
        let finishIndex = own.ownBoundary(limit)
        if pointIsStart[node], extra == 0 { return own.axisStart(finishIndex - lag) }
        return own.axisEnd(finishIndex - lag) - extra
    }

    /// The start of `task`'s first own working day at or after axis boundary `b`.
    @inline(__always) func ownStart(_ task: Int, atOrAfter b: Int) -> Int {
        converts(task) ? ownCalendar(task).startAtOrAfter(b) : b
    }

    /// The start of `task`'s last own working day at or before axis boundary `b`.
    @inline(__always) func ownStart(_ task: Int, atOrBefore b: Int) -> Int {
        guard converts(task), b != Int.max, b != Int.min else { return b }
        let own = ownCalendar(task)
        return own.axisStart(own.ownBoundary(b + 1) - 1)
    }

    /// The end of `task`'s last own working day that ends at or before axis boundary `b`.
    @inline(__always) func ownFinish(_ task: Int, atOrBefore b: Int) -> Int {
        guard converts(task), b != Int.max, b != Int.min else { return b }
        let own = ownCalendar(task)
        return own.axisEnd(own.ownBoundary(b))
    }

    /// The finish of `days` own working days starting at `start` (the start of an own working day).
    @inline(__always) func ownFinish(_ task: Int, start: Int, days: Int) -> Int {
        guard converts(task) else { return start + days }
        let own = ownCalendar(task)
        return own.axisEnd(own.ownBoundary(start) + days)
    }

    /// The start `days` own working days before `finish` (the end of an own working day).
    @inline(__always) func ownStart(_ task: Int, finish: Int, days: Int) -> Int {
        guard converts(task) else { return finish - days }
        let own = ownCalendar(task)
        return own.axisStart(own.ownBoundary(finish) - days)
    }

    /// Working days of `task`'s own calendar (the plan's for milestones and summaries) before
    /// axis boundary `b`: differences of these count float.
    @inline(__always) func ownDays(_ task: Int, before b: Int) -> Int {
        converts(task) ? ownCalendar(task).ownBoundary(b) : b
    }

    // MARK: - Elapsed durations

    /// Finish boundary of an elapsed task of `days` calendar days starting on working day `start`.
    func elapsedFinish(start: Int, days: Int) -> Int {
        calendar.workingDaysBefore(calendar.day(at: start).adding(days: days))
    }

    /// The earliest start whose elapsed finish boundary reaches `finish`.
    func elapsedStart(finishingNoEarlierThan finish: Int, days: Int) -> Int {
        calendar.workingDaysBefore(calendar.day(at: finish - 1).adding(days: 1 - days))
    }

    /// The latest start of an elapsed task whose calendar finish is on or before `deadline`.
    func elapsedStart(finishingBy deadline: Day, days: Int) -> Int {
        calendar.workingDaysBefore(deadline.adding(days: 2 - days)) - 1
    }

    // MARK: - Forward pass

    /// Queues `node` once everything into it is placed (a task placed as a whole: its start, once
    /// only its own duration is left into its finish; else a stretch candidate).
    func offer(_ node: Int, _ remaining: [Int32], _ queue: inout ReadyQueue, _ queued: inout [Bool], _ candidates: inout [Int32]) {
        let task = node >> 1
        if placesAsWhole(task) {
            let start = 2 * task
            guard !queued[start], remaining[start] == 0 else { return }
            if remaining[start + 1] == 1 {
                queued[start] = true
                queue.push(Int32(start))
            } else {
                candidates.append(Int32(task))
            }
        } else if !queued[node], remaining[node] == 0, node & 1 == 0 || queued[node - 1] {
            queued[node] = true
            queue.push(Int32(node))
        }
    }

    /// Early dates for every node in topological order (Kahn's algorithm over the graph, with a
    /// task not started released only when the links into its start and its finish are known).
    /// False when the graph has a cycle.
    mutating func forward() -> Bool {
        let nodeCount = 2 * taskCount
        var remaining = [Int32](repeating: 0, count: nodeCount)
        for target in graph.targets { remaining[Int(target)] += 1 }
        var queue = ReadyQueue(capacity: nodeCount, rank: hooks?.rank)
        var queued = [Bool](repeating: false, count: nodeCount)
        var stretchCandidates: [Int32] = []
        order.reserveCapacity(nodeCount)
        pointIsStart = (0..<nodeCount).map { $0 & 1 == 0 }
        boundIsStart = [Bool](repeating: false, count: nodeCount)
        readyIsStart = [Bool](repeating: true, count: taskCount)
        if !externalBounds.isEmpty { seedExternalBounds() }

        for node in 0..<nodeCount { offer(node, remaining, &queue, &queued, &stretchCandidates) }
        var candidateHead = 0
        while order.count < nodeCount {
            if queue.isEmpty {
                // Only a loop through a task's own duration is left (SS/SF out of it, FF/SF into
                // it): place its start now and let later finish-side links stretch it.
                var released = false
                while candidateHead < stretchCandidates.count {
                    let task = Int(stretchCandidates[candidateHead])
                    candidateHead += 1
                    guard !queued[2 * task], placesAsWhole(task) else { continue }
                    stretched[task] = true
                    queued[2 * task] = true
                    queue.push(Int32(2 * task))
                    released = true
                    break
                }
                guard released else { return false }
            }
            let node = Int(queue.pop())
            let task = node >> 1
            let whole = placesAsWhole(task)
            place(node)
            if whole {
                place(node + 1)
                queued[node + 1] = true
            }
            for placed in node...(whole ? node + 1 : node) {
                for edge in graph.offsets[placed]..<graph.offsets[placed + 1] {
                    let target = Int(graph.targets[edge])
                    remaining[target] -= 1
                    relax(edge, from: placed, to: target)
                    if target >> 1 != task || !whole {
                        offer(target, remaining, &queue, &queued, &stretchCandidates)
                    }
                }
            }
        }
        return true
    }

    /// Raises the bound of `target` by the link `edge` out of `placed` (just placed).
    @inline(__always) mutating func relax(_ edge: Int, from placed: Int, to target: Int) {
        let kind = edgeKind[edge]
        guard kind != Self.durationEdge, isMovable(target) else { return }
        let extra = overhang(edge, from: placed, to: target)
        let startKind = proposesStart(edge, from: placed, overhang: extra)
        let candidate = converts(target >> 1)
            ? convertedBound(edge, from: placed, to: target, extra: extra, startKind: startKind)
            : early[placed] + weight[edge] + extra
        if candidate > bound[target] {
            bound[target] = candidate
            boundIsStart[target] = startKind
            driverNode[target] = Int32(placed)
            driverEdge[target] = Int32(edge)
            boundOverhang[target] = kind == Self.rollUpEdge ? overhang[placed] : 0
        } else if candidate == bound[target] {
            if startKind { boundIsStart[target] = true }
            if kind == Self.rollUpEdge { boundOverhang[target] = max(boundOverhang[target], overhang[placed]) }
        }
    }

    /// Sets `early[node]` from the bounds gathered so far.
    mutating func place(_ node: Int) {
        let task = node >> 1
        let isStart = node & 1 == 0
        let start = 2 * task, finish = start + 1
        order.append(Int32(node))
        switch progress[task] {
        case .done:
            let plannedTask = plan.tasks[task]
            let actualFinish = plannedTask.actualFinish!.value
            let finishBoundary = calendar.workingDaysBefore(actualFinish.adding(days: 1))
            finishOrdinal[task] = actualFinish.ordinal
            if mode[task] == .milestone { pointIsStart[node] = false }  // reached at the end of its day
            if isStart {
                if mode[task] == .milestone {
                    early[node] = finishBoundary
                } else if let actualStart = plannedTask.actualStart?.value {
                    early[node] = min(calendar.workingDaysBefore(actualStart), finishBoundary)
                } else {
                    early[node] = finishBoundary - length[task]
                }
            } else {
                early[node] = max(finishBoundary, early[start])
                overhang[node] = calendar.isWorkingDay(actualFinish) ? 0 : 1
            }
            driverNode[node] = -1
        case .inProgress:
            let plannedTask = plan.tasks[task]
            if isStart {
                early[node] = calendar.workingDaysBefore(plannedTask.actualStart!.value)
                driverNode[node] = -1
                return
            }
            // Remaining work, in exact integer arithmetic: ceil(length × (100 − progress) / 100),
            // with progress read to 1/1000 of a percent so that 70% of 10d leaves exactly 3d.
            let done = Int(((plannedTask.progress?.value ?? 0) * 1000).rounded())
            let remainingWork = (length[task] * (100_000 - done) + 99_999) / 100_000
            let resume = max(statusBoundary, early[start])
            var finishBoundary: Int
            if mode[task] == .elapsed {
                // Calendar days run on from the day after the status date, weekends included: a
                // soak on pace finishes on the day it was always going to.
                let statusOrdinal = statusDate?.ordinal ?? calendar.day(at: resume - 1).ordinal
                let resumeOrdinal = max(statusOrdinal + 1, plannedTask.actualStart!.value.ordinal)
                finishOrdinal[task] = remainingWork == 0 ? statusOrdinal : resumeOrdinal + remainingWork - 1
                finishBoundary = max(calendar.workingDaysBefore(Day(ordinal: finishOrdinal[task] + 1)), early[start])
            } else {
                finishBoundary = ownFinish(task, start: ownStart(task, atOrAfter: resume), days: remainingWork)
            }
            if bound[finish] > finishBoundary {
                finishBoundary = bound[finish]
                if mode[task] == .elapsed { finishOrdinal[task] = calendar.day(at: finishBoundary - 1).ordinal }
            } else {
                driverNode[node] = -1
            }
            early[node] = max(finishBoundary, early[start])
            if mode[task] == .elapsed, finishOrdinal[task] > calendar.day(at: early[node] - 1).ordinal { overhang[node] = 1 }
        case .planned:
            switch mode[task] {
            case .summary:
                if isStart {
                    early[node] = max(bound[node], lowerBound[task])
                    // The point its parts are held back to: the kind of the link that sets it
                    // (an FS link, the end of a day), the start of a day for its floor.
                    pointIsStart[node] = lowerBound[task] >= bound[node] || boundIsStart[node]
                    if lowerBound[task] >= bound[node] { driverNode[node] = -1 }
                } else if bound[node] == Int.min {
                    early[node] = early[start]
                    pointIsStart[node] = true
                    driverNode[node] = Int32(start)
                    driverEdge[node] = Int32(durationEdge(of: task))
                } else {
                    // Its parts' latest finish: parts done or started out of sequence may end
                    // before the summary's own predecessors let it start, and it still spans them.
                    early[node] = bound[node]
                    pointIsStart[node] = boundIsStart[node]
                    overhang[node] = boundOverhang[node]
                }
            case .working, .elapsed, .milestone:
                placeLeaf(task, node: node)
            }
        }
    }

    mutating func placeLeaf(_ task: Int, node: Int) {
        let start = 2 * task, finish = start + 1
        let floor = ownStart(task, atOrAfter: max(lowerBound[task], statusBoundary))
        let isMilestone = mode[task] == .milestone
        if node == finish {
            // The start was placed already: as a whole (finish follows from it) or stretched.
            let natural: Int
            switch mode[task] {
            case .elapsed: natural = elapsedFinish(start: early[start], days: length[task])
            case .milestone: natural = early[start]
            default: natural = ownFinish(task, start: early[start], days: length[task])
            }
            if isMilestone { pointIsStart[finish] = pointIsStart[start] }
            if stretched[task], bound[finish] > natural {
                early[finish] = bound[finish]
                if isMilestone { pointIsStart[finish] = boundIsStart[finish] }
            } else {
                early[finish] = natural
                driverNode[finish] = Int32(start)
                driverEdge[finish] = Int32(durationEdge(of: task))
            }
            if mode[task] == .elapsed {
                finishOrdinal[task] = early[finish] == natural
                    ? calendar.day(at: early[start]).ordinal + length[task] - 1
                    : calendar.day(at: early[finish] - 1).ordinal
                if finishOrdinal[task] > calendar.day(at: early[finish] - 1).ordinal { overhang[finish] = 1 }
            }
            return
        }
        // Start: the latest of the links into the start, the floor, and (placed as a whole) what
        // the links into the finish demand of the start.
        var value = bound[start]
        var startKind = boundIsStart[start]
        var fromFinish = Int.min
        if !stretched[task], bound[finish] != Int.min {
            switch mode[task] {
            case .elapsed: fromFinish = ownStart(task, atOrAfter: elapsedStart(finishingNoEarlierThan: bound[finish], days: length[task]))
            case .milestone: fromFinish = bound[finish]
            default: fromFinish = ownStart(task, finish: bound[finish], days: length[task])
            }
        }
        if fromFinish > value {
            value = fromFinish
            startKind = isMilestone && boundIsStart[finish]
            driverNode[start] = driverNode[finish]
            driverEdge[start] = driverEdge[finish]
        } else if fromFinish == value, fromFinish != Int.min, isMilestone, boundIsStart[finish] {
            startKind = true
        }
        if statusDate != nil, progress[task] == .planned {
            let lower = ownStart(task, atOrAfter: lowerBound[task])
            readyBoundary[task] = max(value, lower)
            readyIsStart[task] = lower >= value || startKind
        }
        // The floor (plan start, `not_before`, status date) is the start of a working day; a link
        // from a milestone that reaches it exactly still drives (a kickoff milestone heads the
        // critical path).
        if floor >= value {
            let milestoneDrives = floor == value && driverNode[start] >= 0 && mode[Int(driverNode[start]) >> 1] == .milestone
            if !milestoneDrives { driverNode[start] = -1 }
            value = floor
            startKind = true
        }
        if let hooks { value = level(task, start: value, hooks) }
        early[start] = value
        if isMilestone { pointIsStart[start] = startKind }
    }

    /// Levelling a task's start: held at its levelled start (the pass over the levelled network),
    /// or moved to the first start at which its teams have its units free, which it then takes
    /// (the serial pass). A start moved by either is driven by no link.
    mutating func level(_ task: Int, start value: Int, _ hooks: LevelHooks) -> Int {
        let start = 2 * task
        var value = value
        if let floors = hooks.floors, floors[task] > value, progress[task] == .planned, mode[task] != .summary {
            value = floors[task]
            driverNode[start] = -1
        }
        guard let gate = hooks.gate, progress[task] == .planned, isLeafWork(task) else { return value }
        let fitted = gate.fit(task, from: value, finish: { levelledFinish(task, start: $0) }, startAt: { ownStart(task, atOrAfter: $0) })
        if fitted > value {
            value = fitted
            driverNode[start] = -1
        }
        gate.reserve(task, from: value, to: levelledFinish(task, start: value))
        return value
    }

    /// The finish of a leaf task starting at `start`, for the capacity it holds.
    func levelledFinish(_ task: Int, start: Int) -> Int {
        mode[task] == .elapsed ? elapsedFinish(start: start, days: length[task]) : ownFinish(task, start: start, days: length[task])
    }

    @inline(__always) func durationEdge(of task: Int) -> Int {
        let start = 2 * task
        for edge in graph.offsets[start]..<graph.offsets[start + 1] where edgeKind[edge] == Self.durationEdge { return edge }
        return graph.offsets[start]
    }

    // MARK: - Backward pass

    /// Late dates, in reverse topological order, from the plan's finish and every deadline.
    ///
    /// An elapsed task's finish may fall on a non-working day, which a boundary cannot tell from
    /// the working day before it; so the late finish of elapsed tasks and of summaries (which
    /// pass theirs on to their parts) is worked out as a calendar day (`lateDay`), and an elapsed
    /// task's late start is the latest working day from which its calendar days end by it.
    mutating func backward() {
        var lateDay: [Int] = []
        backward(lateDay: &lateDay)
    }

    /// `backward()` with the per-task scratch of calendar-day late finishes passed in (the
    /// forecast's iterations reuse one).
    mutating func backward(lateDay: inout [Int]) {
        var planFinish = Int.min
        for task in 0..<taskCount { planFinish = max(planFinish, early[2 * task + 1]) }
        guard taskCount > 0 else { return }
        // The plan's finish as a calendar day: an elapsed or done task may end after the last
        // working day of the plan.
        var planFinishDay = calendar.day(at: planFinish - 1).ordinal
        for task in 0..<taskCount where mode[task] == .elapsed || progress[task] == .done {
            planFinishDay = max(planFinishDay, finishOrdinal[task])
        }
        if lateDay.count == taskCount {
            for task in 0..<taskCount { lateDay[task] = Int.max }
        } else {
            lateDay = [Int](repeating: Int.max, count: taskCount)
        }
        for position in stride(from: order.count - 1, through: 0, by: -1) {
            let node = Int(order[position])
            let task = node >> 1
            let start = 2 * task, finish = start + 1
            if progress[task] == .done {
                late[node] = early[node]
                continue
            }
            let calendarFinish = mode[task] == .elapsed || mode[task] == .summary
            if node == finish, calendarFinish {
                lateDay[task] = latestFinishDay(task, planFinishDay: planFinishDay, lateDay: lateDay)
            }
            if placesAsWhole(task) {
                guard node == finish else { continue }
                let startSide = latest(allowedBy: start)
                var latestStart: Int
                switch mode[task] {
                case .milestone:
                    latestStart = min(startSide, latest(allowedBy: finish), planFinish, deadlineLimit(task))
                case .elapsed:
                    latestStart = ownStart(task, atOrBefore: min(startSide, elapsedStart(finishingBy: Day(ordinal: lateDay[task]), days: length[task])))
                default:
                    let latestFinish = ownFinish(task, atOrBefore: min(latest(allowedBy: finish), planFinish, deadlineLimit(task)))
                    latestStart = min(ownStart(task, atOrBefore: startSide), ownStart(task, finish: latestFinish, days: length[task]))
                }
                late[start] = latestStart
                switch mode[task] {
                case .milestone: late[finish] = latestStart
                case .elapsed: late[finish] = elapsedFinish(start: latestStart, days: length[task])
                default: late[finish] = ownFinish(task, start: latestStart, days: length[task])
                }
                continue
            }
            if node == finish {
                late[node] = calendarFinish
                    ? calendar.workingDaysBefore(Day(ordinal: lateDay[task]).adding(days: 1))
                    : min(latest(allowedBy: finish), planFinish, deadlineLimit(task))
                if mode[task] == .working { late[node] = ownFinish(task, atOrBefore: late[node]) }
            } else if mode[task] == .summary {
                // Only its parts (through the hold-back links) and links out of its start bind
                // it; with its parts all done or started nothing does (Int.max: no bound).
                late[node] = latest(allowedBy: start)
            } else {
                var value = min(latest(allowedBy: start), late[finish])
                if progress[task] == .planned {
                    // A stretched task: its start may move only as far as its finish allows.
                    switch mode[task] {
                    case .milestone: break
                    case .elapsed: value = min(value, elapsedStart(finishingBy: Day(ordinal: lateDay[task]), days: length[task]))
                    default: value = min(value, ownStart(task, finish: late[finish], days: length[task]))
                    }
                }
                late[node] = mode[task] == .milestone ? value : ownStart(task, atOrBefore: value)
            }
        }
    }

    /// The latest calendar day (ordinal) `task` may finish on without delaying a successor, its
    /// summary, the plan's finish or its deadline. A link whose successor waits for the working
    /// day a finish falls on (FF into a task's finish) allows a finish on the non-working days
    /// after that working day; an FS successor, or a milestone, is at the first working point after
    /// the finish, so the finish must come before that day.
    func latestFinishDay(_ task: Int, planFinishDay: Int, lateDay: [Int]) -> Int {
        let finish = 2 * task + 1
        var value = min(planFinishDay, deadlineDay[task])
        var onWorkingDay = Int.max, beforeWorkingDay = Int.max
        for edge in graph.offsets[finish]..<graph.offsets[finish + 1] {
            let target = Int(graph.targets[edge])
            guard isMovable(target), late[target] != Int.max else { continue }
            switch edgeKind[edge] {
            case Self.rollUpEdge:
                value = min(value, lateDay[target >> 1])
            case Self.constraintEdge:
                if converts(target >> 1) {
                    value = min(value, convertedFinishDay(edge, from: finish, to: target))
                    continue
                }
                let bound = late[target] - weight[edge]
                if target & 1 == 1, mode[target >> 1] != .milestone {
                    onWorkingDay = min(onWorkingDay, bound)
                } else {
                    beforeWorkingDay = min(beforeWorkingDay, bound)
                }
            default:
                break
            }
        }
        // Finish f with working-day index w(f): "on" links need w(f) < bound, "before" links need
        // f before working day `bound`; the smaller bound decides (on a tie, the "on" link).
        if onWorkingDay != Int.max, onWorkingDay <= beforeWorkingDay {
            value = min(value, calendar.day(at: onWorkingDay - 1).ordinal)
        } else if beforeWorkingDay != Int.max {
            value = min(value, calendar.day(at: beforeWorkingDay).ordinal - 1)
        }
        return value
    }

    /// The latest calendar day a finish (elapsed, summary) at `node` may fall on for the link to
    /// `target`, a task off the axis: `convertedLatest` read as a calendar day. A finish on a day
    /// no one works reaches a milestone at the start of the next working day (a start-kind point).
    func convertedFinishDay(_ edge: Int, from node: Int, to target: Int) -> Int {
        let task = target >> 1, own = ownCalendar(task), limit = late[target], lag = weight[edge]
        if mode[node >> 1] == .summary {
            // A summary's finish is a point of a known kind: its latest point, read as a day the way
            // the plan-calendar path reads it (a finish waiting for it: the working day before).
            let latest = convertedLatest(edge, from: node, to: target, extra: 0, limit: limit)
            return target & 1 == 1 && mode[task] != .milestone ? calendar.day(at: latest - 1).ordinal : calendar.day(at: latest).ordinal - 1
        }
        if target & 1 == 1, mode[task] != .milestone {
            let latest = isLeafWork(task) || lag != 0 ? own.axisEnd(own.ownBoundary(limit) - lag) : limit
            return calendar.day(at: latest - 1).ordinal
        }
        if isLeafWork(task) {
            return calendar.day(at: convertedLatest(edge, from: node, to: target, extra: 0, limit: limit)).ordinal - 1
        }
        guard lag != 0 else { return calendar.day(at: limit).ordinal - 1 }
        let fromFinish = own.axisStart(own.ownBoundary(limit) - lag)
        let fromStart = own.axisStart(own.ownBoundary(limit + 1) - 1 - lag)
        // An elapsed finish on a day no one works is a start-kind point, on a working day a finish.
        return max(calendar.day(at: fromFinish - 1).ordinal, calendar.day(at: fromStart).ordinal - 1)
    }

    /// The latest boundary `task`'s finish may reach for its deadline: the end of the deadline's
    /// last working day; for a milestone reached at the start of a day, that day's start (its
    /// date must not pass the deadline either way).
    @inline(__always) func deadlineLimit(_ task: Int) -> Int {
        let limit = deadlineBound[task]
        guard limit != Int.max, mode[task] == .milestone, pointIsStart[2 * task + 1] else { return limit }
        return limit - 1
    }

    /// The latest boundary for `node` that keeps every link out of it (Int.max: none).
    @inline(__always) func latest(allowedBy node: Int) -> Int {
        var value = Int.max
        for edge in graph.offsets[node]..<graph.offsets[node + 1] where edgeKind[edge] != Self.durationEdge {
            let target = Int(graph.targets[edge])
            guard isMovable(target), late[target] != Int.max else { continue }
            let extra = overhang(edge, from: node, to: target)
            value = min(value, converts(target >> 1)
                        ? convertedLatest(edge, from: node, to: target, extra: extra, limit: late[target])
                        : late[target] - weight[edge] - extra)
        }
        return value
    }

    // MARK: - Result

    /// Task `task`'s entry (a summary's span and float are filled in from its parts by `result`).
    func entry(of task: Int) -> Schedule.Entry {
        let start = 2 * task, finish = start + 1
        let startDay: Day, finishDay: Day, duration: Int
        switch mode[task] {
        case .milestone:
            finishDay = progress[task] == .done ? Day(ordinal: finishOrdinal[task])
                : calendar.day(at: pointIsStart[finish] ? early[finish] : early[finish] - 1)
            startDay = finishDay
            duration = 0
        case .summary:
            // Filled in from the children below.
            startDay = Day(ordinal: Int.max)
            finishDay = calendar.day(at: early[finish] - 1)
            duration = 0
        case .working, .elapsed:
            if progress[task] == .done {
                startDay = plan.tasks[task].actualStart?.value ?? calendar.day(at: early[start])
                finishDay = Day(ordinal: finishOrdinal[task])
            } else {
                startDay = progress[task] == .inProgress ? plan.tasks[task].actualStart!.value : calendar.day(at: early[start])
                finishDay = mode[task] == .elapsed ? Day(ordinal: finishOrdinal[task]) : calendar.day(at: early[finish] - 1)
            }
            duration = converts(task)
                ? ownCalendar(task).own.workingDays(from: startDay, through: finishDay)
                : max(0, early[finish] - early[start])
        }
        let totalFloat: Int
        switch (progress[task], mode[task]) {
        case (.done, _), (_, .summary): totalFloat = 0  // a summary's: from its parts, below
        case (.inProgress, _): totalFloat = ownDays(task, before: late[finish]) - ownDays(task, before: early[finish])
        case (_, .milestone) where converts(task) && late[start] < early[start]:
            // Points a day apart that no plan working day separates (the end of a team's
            // Saturday and of the Friday before): still a day late, never 0 float.
            totalFloat = min(-1, ownDays(task, before: late[start]) - ownDays(task, before: early[start]))
        default: totalFloat = ownDays(task, before: late[start]) - ownDays(task, before: early[start])
        }
        var readyDate: Day?
        if readyBoundary[task] != Int.min {
            readyDate = calendar.day(at: mode[task] == .milestone && !readyIsStart[task] ? readyBoundary[task] - 1 : readyBoundary[task])
        }
        return Schedule.Entry(
            start: startDay, finish: finishDay, duration: duration, totalFloat: totalFloat, freeFloat: 0,
            critical: progress[task] != .done && totalFloat <= 0, progress: progress[task], readyDate: readyDate,
            reachedAtStart: mode[task] == .milestone && progress[task] != .done && pointIsStart[finish])
    }

    /// `lean` (the forecast's iterations): no free float and no critical path, which they never read.
    func result(lean: Bool = false) -> Schedule {
        // Each task's entry reads only the pass's arrays: a large plan's second half is built on
        // another thread (the caller's other core waits for this schedule).
        var entries: [Schedule.Entry]
        if taskCount >= parallelEntriesFrom, taskCount >= 2 {
            let half = taskCount / 2
            let second = BackgroundResult { (half..<taskCount).map(entry(of:)) }
            entries = (0..<half).map(entry(of:))
            entries.append(contentsOf: second.value)
        } else {
            entries = (0..<taskCount).map(entry(of:))
        }
        let taskIsSummary = mode.map { $0 == .summary }
        // Summaries span their children: children come after their parent in plan order. A
        // summary's total float is the least of its unfinished parts' (it slips when any of them
        // does); with every part done it is 0 and, done work being never critical, not critical.
        var earliestStart = [Int](repeating: Int.max, count: taskCount)
        var partFloat = [Int](repeating: Int.max, count: taskCount)
        for task in stride(from: taskCount - 1, through: 0, by: -1) {
            if taskIsSummary[task] {
                let first = earliestStart[task] == Int.max ? early[2 * task] : earliestStart[task]
                entries[task].duration = max(0, early[2 * task + 1] - first)
                let unfinished = partFloat[task] != Int.max
                entries[task].totalFloat = unfinished ? partFloat[task] : 0
                entries[task].critical = unfinished && partFloat[task] <= 0
            } else if progress[task] != .done {
                partFloat[task] = entries[task].totalFloat
            }
            let entry = entries[task]
            if let parent = plan.tasks[task].parent {
                partFloat[parent] = min(partFloat[parent], partFloat[task])
                entries[parent].start = min(entries[parent].start, entries[task].start)
                entries[parent].finish = max(entries[parent].finish, entry.finish)
                let childStart = mode[task] == .summary ? (earliestStart[task] == Int.max ? early[2 * task] : earliestStart[task]) : early[2 * task]
                earliestStart[parent] = min(earliestStart[parent], childStart)
            }
        }
        for task in 0..<taskCount where taskIsSummary[task] && entries[task].start.ordinal == Int.max {
            entries[task].start = calendar.day(at: early[2 * task])
        }
        if !lean { freeFloat(into: &entries) }

        let firstDay = uniform ? calendar.day(at: planStartBoundary) : planCalendar.firstWorkingDay(onOrAfter: calendar.day(at: planStartBoundary))
        let planStart = min(firstDay, entries.map(\.start).min() ?? firstDay)
        let planFinish = entries.map(\.finish).max() ?? planStart
        let schedule = Schedule(
            entries: entries, start: planStart, finish: planFinish, statusDate: statusDate, criticalPath: [],
            calendar: planCalendar, ownCalendars: uniform ? [] : taskCalendars.map(\.own), ownCalendarOf: calendarOf,
            graph: graph, taskIsSummary: taskIsSummary, driverNode: driverNode, driverEdge: driverEdge)
        if lean { return schedule }
        // The critical path ends at the latest-finishing task not yet done; on a tie, the one
        // placed last (a milestone after the task it waits for).
        var last = -1, lastFinish = Int.min
        for node in order.map(Int.init) where node & 1 == 1 {
            let task = node >> 1
            guard !taskIsSummary[task], progress[task] != .done, early[node] >= lastFinish else { continue }
            last = task
            lastFinish = early[node]
        }
        guard last >= 0 else { return schedule }
        return Schedule(
            entries: entries, start: planStart, finish: planFinish, statusDate: statusDate,
            // One critical path: the driving chain's critical tasks only, so the list, the table's
            // stars and the chart's bars agree (a task with float is never listed).
            criticalPath: schedule.drivingChain(to: last).filter { entries[$0].critical },
            calendar: planCalendar, ownCalendars: uniform ? [] : taskCalendars.map(\.own), ownCalendarOf: calendarOf,
            graph: graph, taskIsSummary: taskIsSummary, driverNode: driverNode, driverEdge: driverEdge)
    }

    /// How many of its own working days `node`'s task may slip before the link to `target` moves it.
    func convertedSlack(_ edge: Int, from node: Int, to target: Int) -> Int {
        let task = node >> 1, extra = overhang(edge, from: node, to: target)
        let latest = converts(target >> 1)
            ? convertedLatest(edge, from: node, to: target, extra: extra, limit: early[target])
            : early[target] - weight[edge] - extra
        let aligned = node & 1 == 0 && isLeafWork(task) ? ownStart(task, atOrBefore: latest) : latest
        return ownDays(task, before: aligned) - ownDays(task, before: early[node])
    }

    /// Free float: the least slack on any link out of the task; a part of a summary adds the
    /// summary's own free float to its slack against the summary's finish; a task with neither
    /// has until the plan's finish. Never more than its total float, never negative.
    func freeFloat(into entries: inout [Schedule.Entry]) {
        var planFinish = Int.min
        for task in 0..<taskCount { planFinish = max(planFinish, early[2 * task + 1]) }
        var free = [Int](repeating: 0, count: taskCount)
        for task in 0..<taskCount where progress[task] != .done {
            var value = Int.max
            var hasSuccessor = false
            for node in (2 * task)...(2 * task + 1) {
                for edge in graph.offsets[node]..<graph.offsets[node + 1] {
                    let kind = edgeKind[edge]
                    let target = Int(graph.targets[edge])
                    guard kind == Self.constraintEdge || kind == Self.rollUpEdge, isMovable(target) else { continue }
                    let slack = uniform ? early[target] - early[node] - weight[edge] - overhang(edge, from: node, to: target)
                        : convertedSlack(edge, from: node, to: target)
                    if kind == Self.rollUpEdge {
                        value = min(value, slack + free[target >> 1])
                    } else {
                        hasSuccessor = true
                        value = min(value, slack)
                    }
                }
            }
            if !hasSuccessor, plan.tasks[task].parent == nil {
                value = min(value, ownDays(task, before: planFinish) - ownDays(task, before: early[2 * task + 1]))
            }
            if value == Int.max { value = 0 }
            free[task] = max(0, min(value, entries[task].totalFloat))
            entries[task].freeFloat = free[task]
        }
    }
}
