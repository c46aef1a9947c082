/// The computed schedule of a plan: dates, durations and float for every task in plan order, the
/// plan's start and finish, and its critical path. A value: writers and rules read it, never
/// recompute it.
public struct Schedule: Sendable {
    /// One task's place in the schedule.
    public struct Entry: Sendable, Equatable {
        /// First working day of work (a milestone: its date; done: `actual_start`).
        public var start: Day
        /// Last day of work, inclusive (a milestone: its date; elapsed: may be a non-working day).
        public var finish: Day
        /// Working days from start to finish (a milestone: 0; elapsed: the working days it spans).
        public var duration: Int
        /// Working days the task can slip without moving the plan's finish or breaking a deadline.
        public var totalFloat: Int
        /// Working days the task can slip without moving any successor.
        public var freeFloat: Int
        public var critical: Bool
        /// How the status date treated the task.
        public var progress: Progress
        /// For a task not started at the status date: the day its predecessors, `not_before` and the
        /// plan start would have let it start (a milestone: be reached), had the status date not
        /// held it back. Nil without a status date and for started, done and summary tasks.
        public var readyDate: Day?
        /// A milestone is a point in time: true when it is reached at the start of its day (a
        /// start drives it: the plan start, `not_before`, the status date, an SS or SF link), false
        /// at the end (a finish drives it, or it is done). False for other tasks.
        public var reachedAtStart = false
    }

    public enum Progress: String, Sendable {
        /// Scheduled from its dependencies (and, with a status date, after it).
        case planned
        /// Started at `actual_start`; its remaining work runs after the status date.
        case inProgress = "in-progress"
        /// Fixed at its actual dates.
        case done
    }

    /// Per task, in plan order.
    public let entries: [Entry]
    /// The first working day on or after the plan's `start` (earlier if work actually started earlier).
    public let start: Day
    /// The latest finish of any task.
    public let finish: Day
    /// The status date used (the `asOf` argument, else the plan's `as_of`).
    public let statusDate: Day?
    /// Leaf tasks and milestones on the chain of driving links that ends at the latest-finishing
    /// task not yet done, first task first. Summaries are passed through, not listed.
    public let criticalPath: [Int]
    /// The plan's calendar: what deadline margins and lateness are counted in.
    public let calendar: WorkingCalendar
    /// Distinct own calendars of tasks on team calendars, and each task's index into them (empty
    /// when no task has a team calendar).
    let ownCalendars: [WorkingCalendar]
    let ownCalendarOf: [Int32]

    /// The days `task` works on: its team calendar (the days every team it uses works), else the
    /// plan's.
    public func calendar(of task: Int) -> WorkingCalendar {
        ownCalendarOf.isEmpty ? calendar : ownCalendars[Int(ownCalendarOf[task])]
    }

    let graph: DependencyGraph
    let taskIsSummary: [Bool]
    /// Per graph node: the node and edge that set its early date (-1: a bound did — plan start,
    /// `not_before`, the status date or actual dates).
    let driverNode: [Int32]
    let driverEdge: [Int32]

    init(entries: [Entry], start: Day, finish: Day, statusDate: Day?, criticalPath: [Int], calendar: WorkingCalendar,
         ownCalendars: [WorkingCalendar] = [], ownCalendarOf: [Int32] = [],
         graph: DependencyGraph, taskIsSummary: [Bool], driverNode: [Int32], driverEdge: [Int32]) {
        self.ownCalendars = ownCalendars
        self.ownCalendarOf = ownCalendarOf
        self.entries = entries
        self.start = start
        self.finish = finish
        self.statusDate = statusDate
        self.criticalPath = criticalPath
        self.calendar = calendar
        self.graph = graph
        self.taskIsSummary = taskIsSummary
        self.driverNode = driverNode
        self.driverEdge = driverEdge
    }

    public subscript(task: Int) -> Entry { entries[task] }

    /// The links that drive `task`'s finish, earliest first: dependencies and summary containment
    /// (a summary holding back a child, or finishing with its last child).
    public func drivingLinks(to task: Int) -> [DependencyGraph.EdgeOrigin] {
        var links: [DependencyGraph.EdgeOrigin] = []
        var node = DependencyGraph.finish(task)
        while driverNode[node] >= 0 {
            let origin = graph.origins[Int(driverEdge[node])]
            if case .duration = origin {} else { links.append(origin) }
            node = Int(driverNode[node])
        }
        return links.reversed()
    }

    /// The leaf tasks and milestones whose dates drive `task`'s finish, ending with `task` itself
    /// (when it is not a summary); done tasks end the chain, as they no longer move.
    public func drivingChain(to task: Int) -> [Int] {
        var chain: [Int] = []
        var node = DependencyGraph.finish(task)
        while true {
            let current = node / 2
            if entries[current].progress == .done, current != task { break }
            if !taskIsSummary[current], chain.last != current { chain.append(current) }
            guard driverNode[node] >= 0 else { break }
            node = Int(driverNode[node])
        }
        return chain.reversed()
    }
}
