import PlanSyntax

/// A check over a loaded plan. Each rule lives in its own file with its descriptor (code, severity,
/// rationale, examples), which generates its documentation and drives its test.
public protocol Rule: Sendable {
    static var descriptor: DiagnosticDescriptor { get }
    init()
    func check(_ context: RuleContext)
    /// True for rules that read `context.schedule`: they run after scheduling.
    static var needsSchedule: Bool { get }
}

extension Rule {
    public static var needsSchedule: Bool { false }
}

/// An id in the plan's shared namespace, and what it names.
public enum Entity: Sendable, Equatable {
    case task(Int)
    case event(Int)
    case risk(Int)
}

/// What rules share: the plan, its indexes, and the sink to report into.
public final class RuleContext: @unchecked Sendable {
    public let plan: Plan
    public let sink: DiagnosticSink
    /// Ids of tasks, milestones, gates, events and risks; the first definition wins.
    public let ids: [String: Entity]
    public let teamIDs: Set<String>
    public let phaseIDs: Set<String>
    public let dodListNames: Set<String>
    /// The status date: the compiler's `asOf` override, else the plan's `as_of`.
    public let statusDate: Day?
    /// The precedence network, built once for the cycle rule and the scheduler.
    public private(set) lazy var graph = DependencyGraph(plan: plan, ids: ids, isAncestor: { [unowned self] in self.isAncestor($0, of: $1) })
    /// Set by the compiler once the structural rules found no errors; rules with
    /// `needsSchedule` run only then.
    public internal(set) var schedule: Schedule?
    /// The plan's metrics with any `--metrics` files over them.
    public internal(set) var metrics = MetricSet()

    public init(plan: Plan, sink: DiagnosticSink, asOf: Day? = nil) {
        self.plan = plan
        self.sink = sink
        statusDate = asOf ?? plan.asOf?.value
        var ids: [String: Entity] = [:]
        ids.reserveCapacity(plan.tasks.count + plan.events.count + plan.risks.count)
        for (index, task) in plan.tasks.enumerated() where !task.id.value.isEmpty && ids[task.id.value] == nil {
            ids[task.id.value] = .task(index)
        }
        for (index, event) in plan.events.enumerated() where ids[event.id.value] == nil {
            ids[event.id.value] = .event(index)
        }
        for (index, risk) in plan.risks.enumerated() where ids[risk.id.value] == nil {
            ids[risk.id.value] = .risk(index)
        }
        self.ids = ids
        teamIDs = Set(plan.teams.map(\.id.value))
        phaseIDs = Set(plan.phases.map(\.id.value))
        dodListNames = Set(plan.dodLists.map(\.name.value))
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
