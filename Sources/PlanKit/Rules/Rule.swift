import PlanSyntax

/// A check over a loaded plan. Each rule lives in its own file with its descriptor (code, severity,
/// rationale, examples), which generates its documentation and drives its test.
public protocol Rule: Sendable {
    static var descriptor: DiagnosticDescriptor { get }
    init()
    func check(_ context: RuleContext)
    /// True for rules that read `context.schedule`: they run after scheduling.
    static var needsSchedule: Bool { get }
    /// True for rules that read `context.graph` or `context.cycles`, which the compiler builds on a
    /// second thread while the rules before them run.
    static var needsGraph: Bool { get }
}

extension Rule {
    public static var needsSchedule: Bool { false }
    public static var needsGraph: Bool { false }
}

/// An id in the plan's shared namespace, and what it names.
public enum Entity: Sendable, Equatable {
    case task(Int)
    case event(Int)
    case risk(Int)
}

/// The plan's shared namespace of ids: tasks, milestones, gates, events and risks.
public struct EntityIndex: Sendable {
    private var table: IDTable
    /// Each id defined more than once: the later definition and the first one.
    public private(set) var duplicates: [(entity: Entity, first: Entity)] = []

    init(plan: Plan) {
        table = IDTable(capacity: plan.tasks.count + plan.events.count + plan.risks.count)
        for index in plan.tasks.indices {
            add(plan.tasks[index].id.value, .task(index))
        }
        for index in plan.events.indices { add(plan.events[index].id.value, .event(index)) }
        for index in plan.risks.indices { add(plan.risks[index].id.value, .risk(index)) }
    }

    private mutating func add(_ id: String, _ entity: Entity) {
        guard !id.isEmpty else { return }
        if let earlier = table.insert(id, EntityIndex.encode(entity)) {
            duplicates.append((entity, EntityIndex.decode(earlier)))
        }
    }

    static func encode(_ entity: Entity) -> Int {
        switch entity {
        case .task(let index): return index << 2
        case .event(let index): return index << 2 | 1
        case .risk(let index): return index << 2 | 2
        }
    }

    static func decode(_ code: Int) -> Entity {
        switch code & 3 {
        case 0: return .task(code >> 2)
        case 1: return .event(code >> 2)
        default: return .risk(code >> 2)
        }
    }

    /// What `id` names; the first definition wins.
    public subscript(id: String) -> Entity? {
        table[id].map(EntityIndex.decode)
    }

    /// Every id, in the order first defined.
    public var keys: [String] { table.keys }
}

/// What rules share: the plan, its indexes, and the sink to report into.
public final class RuleContext: @unchecked Sendable {
    public let plan: Plan
    public let sink: DiagnosticSink
    /// Ids of tasks, milestones, gates, events and risks; the first definition wins.
    public let ids: EntityIndex
    /// Every `after:` entry resolved once: task `t`'s dependency `k` names
    /// `dependencyTargets[dependencyOffsets[t] + k]` (nil: an unknown id).
    public let dependencyOffsets: [Int]
    public let dependencyTargets: [Entity?]
    public let teamIDs: Set<String>
    public let phaseIDs: Set<String>
    public let dodListNames: Set<String>
    /// The status date: the compiler's `asOf` override, else the plan's `as_of`.
    public let statusDate: Day?
    /// The precedence network, built once for the cycle rule and the scheduler.
    public internal(set) lazy var graph = makeGraph()
    /// The graph's cycles (`DependencyGraph.cycles()`), found once.
    public internal(set) lazy var cycles: [[Int]] = graph.cycles()
    /// Set by the compiler once the structural rules found no errors; rules with
    /// `needsSchedule` run only then.
    public internal(set) var schedule: Schedule?
    /// The plan's metrics with any `--metrics` files over them.
    public internal(set) var metrics = MetricSet()

    public init(plan: Plan, sink: DiagnosticSink, asOf: Day? = nil) {
        self.plan = plan
        self.sink = sink
        statusDate = asOf ?? plan.asOf?.value
        let ids = EntityIndex(plan: plan)
        self.ids = ids
        (dependencyOffsets, dependencyTargets) = RuleContext.resolveDependencies(of: plan, ids: ids)
        teamIDs = Set(plan.teams.map(\.id.value))
        phaseIDs = Set(plan.phases.map(\.id.value))
        dodListNames = Set(plan.dodLists.map(\.name.value))
    }

    /// Resolves every `after:` entry against `ids`, in task order. The lookups only read the index,
    /// so a large plan's second half is resolved on another thread at the same time.
    static func resolveDependencies(of plan: Plan, ids: EntityIndex, parallelFrom: Int = parallelResolveTasks) -> (offsets: [Int], targets: [Entity?]) {
        func resolve(_ tasks: Range<Int>) -> (offsets: [Int], targets: [Entity?]) {
            var offsets: [Int] = []
            offsets.reserveCapacity(tasks.count + 1)
            var targets: [Entity?] = []
            targets.reserveCapacity(tasks.count * 2)
            for index in tasks {
                offsets.append(targets.count)
                for dependency in plan.tasks[index].after { targets.append(ids[dependency.target.value]) }
            }
            offsets.append(targets.count)
            return (offsets, targets)
        }
        let count = plan.tasks.count
        guard count >= parallelFrom, count >= 2 else { return resolve(0..<count) }
        let half = count / 2
        let second = BackgroundResult { resolve(half..<count) }
        var (offsets, targets) = resolve(0..<half)
        let (secondOffsets, secondTargets) = second.value
        let base = targets.count
        offsets.removeLast()
        offsets.append(contentsOf: secondOffsets.lazy.map { $0 + base })
        targets.append(contentsOf: secondTargets)
        return (offsets, targets)
    }

    /// Plans with this many tasks or more resolve their dependencies in two halves at once.
    static let parallelResolveTasks = 20_000

    /// Builds the precedence network; safe to call from another thread (it reads only `let`s).
    func makeGraph() -> DependencyGraph {
        DependencyGraph(plan: plan, dependencyOffsets: dependencyOffsets, dependencyTargets: dependencyTargets,
                        isAncestor: { [unowned self] in self.isAncestor($0, of: $1) })
    }

    /// What task `task`'s dependency number `number` names (nil: an unknown id).
    public func target(of task: Int, _ number: Int) -> Entity? {
        dependencyTargets[dependencyOffsets[task] + number]
    }

    /// The task task `task`'s dependency number `number` names (nil: unknown, or not a task).
    public func targetTask(of task: Int, _ number: Int) -> Int? {
        if case .task(let index)? = dependencyTargets[dependencyOffsets[task] + number] { return index }
        return nil
    }

    public func taskIndex(_ id: String) -> Int? {
        if case .task(let index)? = ids[id] { return index }
        return nil
    }

    public func location(of entity: Entity) -> SourceLocation {
        switch entity {
        case .task(let index): return plan.tasks[index].id.location
        case .event(let index): return plan.events[index].id.location
        case .risk(let index): return plan.risks[index].id.location
        }
    }

    public func describe(_ entity: Entity) -> String {
        switch entity {
        case .task(let index):
            let task = plan.tasks[index]
            switch task.kind {
            case .gate: return "gate"
            case .milestone: return "milestone"
            case .task: return task.isSummary ? "summary task" : "task"
            }
        case .event: return "event"
        case .risk: return "risk"
        }
    }

    /// Ids of schedulable items (tasks, milestones, gates), for did-you-mean on dependencies.
    public var schedulableIDs: some Sequence<String> {
        plan.tasks.lazy.map(\.id.value).filter { !$0.isEmpty }
    }

    /// True when `ancestor` contains `task` at any depth.
    public func isAncestor(_ ancestor: Int, of task: Int) -> Bool {
        var current = plan.tasks[task].parent
        while let index = current {
            if index == ancestor { return true }
            current = plan.tasks[index].parent
        }
        return false
    }

    public func emit(
        _ descriptor: DiagnosticDescriptor, _ message: String, at location: SourceLocation?,
        help: String? = nil, notes: [(String, SourceLocation)] = []
    ) {
        sink.emit(descriptor, message, at: location, help: help, notes: notes)
    }
}
