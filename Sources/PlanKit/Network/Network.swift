import PlanSyntax

/// The resolved plan, built once per compilation from the model: the shared namespace of ids,
/// the task tree's ancestry, the plan calendar, every `after:` entry resolved into a `Link`, and
/// the precedence graph built from those links. Rules, the scheduler, gates, the report, diff and
/// the writers read it; nothing below the rules depends on them.
///
/// Immutable: a class only so that the compiler's threads share one copy. The graph is built the
/// first time anyone asks for it (see `BuiltOnce`).
public final class Network: Sendable {
    public let plan: Plan
    /// Ids of tasks, milestones, gates, events and risks; the first definition wins.
    public let ids: EntityIndex
    public let calendar: WorkingCalendar
    /// Every `after:` entry, in task order and then in the order written.
    public let links: [Link]
    /// Task `t`'s links are `links[linkOffsets[t]..<linkOffsets[t + 1]]`.
    public let linkOffsets: [Int]
    /// Indices into `links` of the cross-plan links whose predecessor's dates are known.
    public let externalLinks: [Int]
    public let teamIDs: Set<String>
    public let phaseIDs: Set<String>
    public let dodListNames: Set<String>

    private let builtGraph: BuiltOnce<DependencyGraph>
    private let builtResources: BuiltOnce<ResourceModel>

    /// `policy` says from how many tasks the links are resolved in two halves at once.
    /// `crossPlan` holds, by qualified id (`options:go-live`), the dates other plans of a portfolio
    /// scheduled for the tasks this plan's cross-plan links name.
    public init(plan: Plan, policy: ExecutionPolicy = .default, crossPlan: [String: CrossPlanPoint] = [:]) {
        self.plan = plan
        let ids = EntityIndex(plan: plan)
        self.ids = ids
        let calendar = WorkingCalendar(plan.calendar)
        self.calendar = calendar
        let (linkOffsets, resolved) = Network.resolveLinks(of: plan, ids: ids, calendar: calendar, parallelFrom: policy.parallelResolveTasks)
        var links = resolved, externalLinks: [Int] = []
        if !crossPlan.isEmpty {
            for index in links.indices where links[index].exclusion == .crossPlan {
                guard let point = crossPlan[links[index].targetID.value] else { continue }
                links[index].external = point
                externalLinks.append(index)
            }
        }
        self.externalLinks = externalLinks
        self.linkOffsets = linkOffsets
        self.links = links
        teamIDs = Set(plan.teams.map(\.id.value))
        phaseIDs = Set(plan.phases.map(\.id.value))
        dodListNames = Set(plan.dodLists.map(\.name.value))
        let resolvedLinks = links, resolvedOffsets = linkOffsets
        builtGraph = BuiltOnce { DependencyGraph(plan: plan, linkOffsets: resolvedOffsets, links: resolvedLinks) }
        builtResources = BuiltOnce { ResourceModel(plan: plan) { Network.owner(of: $0, in: plan) } }
    }

    /// Teams as resources: team calendars, the calendar each task works on, demand and capacity
    /// (built the first time anyone asks).
    public var resources: ResourceModel { builtResources.value }

    /// The precedence graph, built from `links` the first time anyone asks (another thread may be
    /// building it: then this waits for it).
    public var graph: DependencyGraph { builtGraph.value }

    // MARK: - Links

    /// Task `task`'s links, in the order written.
    public func links(of task: Int) -> ArraySlice<Link> {
        links[linkOffsets[task]..<linkOffsets[task + 1]]
    }

    /// Task `task`'s link number `number` (its `after:` entry at that position).
    public func link(_ task: Int, _ number: Int) -> Link {
        links[linkOffsets[task] + number]
    }

    /// Resolves every `after:` entry in task order. The lookups only read the index, so a large
    /// plan's second half is resolved on another thread at the same time.
    static func resolveLinks(of plan: Plan, ids: EntityIndex, calendar: WorkingCalendar,
                             parallelFrom: Int = ExecutionPolicy.default.parallelResolveTasks) -> (offsets: [Int], links: [Link]) {
        func resolve(_ tasks: Range<Int>) -> (offsets: [Int], links: [Link]) {
            var offsets: [Int] = []
            offsets.reserveCapacity(tasks.count + 1)
            var links: [Link] = []
            links.reserveCapacity(tasks.count * 2)
            for index in tasks {
                offsets.append(links.count)
                for (number, dependency) in plan.tasks[index].after.enumerated() {
                    links.append(link(dependency, of: index, number: number))
                }
            }
            offsets.append(links.count)
            return (offsets, links)
        }
        func link(_ dependency: Dependency, of task: Int, number: Int) -> Link {
            let target = ids[dependency.target.value]
            var predecessor: Int?
            let exclusion: Link.Exclusion?
            switch target {
            case nil where dependency.target.value.utf8.contains(UInt8(ascii: ":")): exclusion = .crossPlan
            case nil: exclusion = .unknownID
            case .event?, .risk?: exclusion = .notATask
            case .task(let index)?:
                if index == task {
                    exclusion = .itself
                } else if isAncestor(index, of: task, in: plan) {
                    exclusion = .ancestor
                } else if isAncestor(task, of: index, in: plan) {
                    exclusion = .descendant
                } else {
                    exclusion = nil
                    predecessor = index
                }
            }
            return Link(successor: task, number: number, target: target, predecessor: predecessor, exclusion: exclusion,
                        type: dependency.type, lag: dependency.lag.map { calendar.workingDays(in: $0.value) } ?? 0,
                        writtenLag: dependency.lag?.value, targetID: dependency.target, location: dependency.location)
        }
        let count = plan.tasks.count
        guard count >= parallelFrom, count >= 2 else { return resolve(0..<count) }
        let half = count / 2
        let second = BackgroundResult { resolve(half..<count) }
        var (offsets, links) = resolve(0..<half)
        let (secondOffsets, secondLinks) = second.value
        let base = links.count
        offsets.removeLast()
        offsets.append(contentsOf: secondOffsets.lazy.map { $0 + base })
        links.append(contentsOf: secondLinks)
        return (offsets, links)
    }


    // MARK: - Ids

    /// The task (milestone, gate) `id` names; nil when it names nothing or something else.
    public func taskIndex(_ id: String) -> Int? {
        if case .task(let index)? = ids[id] { return index }
        return nil
    }

    /// Where `entity`'s id is written.
    public func location(of entity: Entity) -> SourceLocation {
        switch entity {
        case .task(let index): return plan.tasks[index].id.location
        case .event(let index): return plan.events[index].id.location
        case .risk(let index): return plan.risks[index].id.location
        }
    }

    /// What `entity` is, in words: `task`, `summary task`, `milestone`, `gate`, `event`, `risk`.
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

    // MARK: - Ancestry

    /// True when `ancestor` contains `task` at any depth.
    public func isAncestor(_ ancestor: Int, of task: Int) -> Bool {
        Network.isAncestor(ancestor, of: task, in: plan)
    }

    static func isAncestor(_ ancestor: Int, of task: Int, in plan: Plan) -> Bool {
        var current = plan.tasks[task].parent
        while let index = current {
            if index == ancestor { return true }
            current = plan.tasks[index].parent
        }
        return false
    }

    /// How many summaries contain `task` (0: a top-level item).
    public func depth(of task: Int) -> Int {
        var depth = 0
        var current = plan.tasks[task].parent
        while let index = current {
            depth += 1
            current = plan.tasks[index].parent
        }
        return depth
    }

    /// A task's owner, or the owner of the nearest summary above it: a workstream's owner covers
    /// its parts.
    public func owner(of task: Int) -> String? {
        Network.owner(of: task, in: plan)
    }

    static func owner(of task: Int, in plan: Plan) -> String? {
        var current: Int? = task
        while let index = current {
            if let owner = plan.tasks[index].owner?.value { return owner }
            current = plan.tasks[index].parent
        }
        return nil
    }
}

extension WorkingCalendar {
    /// A lag, lead or delay in working days: weeks are this calendar's working weeks.
    public func workingDays(in length: Duration) -> Int {
        length.unit == .workingWeeks ? length.amount * workdaysPerWeek : length.amount
    }
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
