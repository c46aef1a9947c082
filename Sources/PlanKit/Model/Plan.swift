import PlanSyntax

/// A value from the plan together with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}

/// A compiled plan: the typed model of a root plan and everything it includes.
public struct Plan: Sendable {
    /// The root plan's path as given.
    public var file: String
    public var id: Located<String>?
    public var title: String?
    public var start: Located<Day>?
    public var asOf: Located<Day>?
    public var calendar = CalendarSpec()
    public var teams: [Team] = []
    public var dodLists: [DoDList] = []
    public var phases: [Phase] = []
    /// Every schedulable item in plan order: tasks depth-first as written, then one milestone per gate.
    public var tasks: [Task] = []
    public var gates: [Gate] = []
    public var events: [Event] = []
    public var risks: [Risk] = []
    public var metrics: [Metric] = []
    public var ruleSettings: [RuleSetting] = []
    public var includes: [Located<String>] = []
    /// `level:` at the root: whether commands work on the levelled schedule (`--level` /
    /// `--no-level` override it).
    public var level: Located<Bool>?
    /// `priority:` at the root (1..1000, default 500): in a portfolio that levels, a plan of
    /// higher priority takes the shared teams first and never waits for a lower one's work.
    public var priority: Located<Int>?
    /// `forecast:` at the root: the Monte Carlo simulation's settings (nil: the defaults).
    public var forecast: ForecastSpec?
    /// The location of the root mapping, for diagnostics about the plan as a whole.
    public var location: SourceLocation

    public init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
    }
}

public struct CalendarSpec: Sendable {
    /// Nil means Monday to Friday.
    public var workdays: Located<[Weekday]>?
    public var holidays: [Holiday] = []

    public init() {}
}

public struct Holiday: Sendable {
    public var from: Day
    public var to: Day
    public var name: String?
    public var location: SourceLocation
}

/// A team: a resource with `capacity` people (units) on each of its working days.
public struct Team: Sendable {
    public var id: Located<String>
    public var name: String?
    public var capacity: Int?
    /// Where `capacity` is written (nil without one).
    public var capacityLocation: SourceLocation?
    public var external = false
    public var lead: String?
    /// The team's own calendar: `workdays` replace the plan's (nil: the plan's), `holidays` add to
    /// the plan's.
    public var calendar = CalendarSpec()
    /// Periods of lower capacity (leave, an offsite).
    public var absences: [Absence] = []

    public init(id: Located<String>) {
        self.id = id
    }

    /// Whether the team's demand is ever compared with a capacity: it has one and is not external.
    public var isConstrained: Bool { capacity != nil && !external }
}

/// `absences: [{from, to, units, name}]`: `units` people away on every day of `from...to`
/// (without `units`: the whole team).
public struct Absence: Sendable {
    public var from: Day
    public var to: Day
    public var units: Located<Int>?
    public var name: String?
    public var location: SourceLocation
}

/// One team a task uses: `assign: [qa, {team: risk, units: 2}]`. Without `units` the task uses
/// effort ÷ duration (shared among its teams) or 1.
public struct Assignment: Sendable {
    public var team: Located<String>
    public var units: Located<Double>?

    public init(team: Located<String>, units: Located<Double>? = nil) {
        self.team = team
        self.units = units
    }
}

public struct DoDList: Sendable {
    public var name: Located<String>
    public var items: [DoDItem] = []
}

public struct DoDItem: Sendable {
    public var id: Located<String>
    public var text: String?
    public var metric: Located<MetricCondition>?
}

public enum ComparisonOperator: String, Sendable, CaseIterable {
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

    public func holds(_ actual: Double, _ target: Double) -> Bool {
        switch self {
        case .less: return actual < target
        case .lessOrEqual: return actual <= target
        case .greater: return actual > target
        case .greaterOrEqual: return actual >= target
        case .equal: return actual == target
        case .notEqual: return actual != target
        }
    }
}

/// `NAME OP NUMBER`, e.g. `stability.error_rate_pct <= 0.1`.
public struct MetricCondition: Sendable, Equatable {
    public var metric: String
    public var comparison: ComparisonOperator
    public var target: Double
    /// The number as written, so reports show `0.1`, not `0.10000000000000001`.
    public var targetText: String

    public init(metric: String, comparison: ComparisonOperator, target: Double, targetText: String) {
        self.metric = metric
        self.comparison = comparison
        self.target = target
        self.targetText = targetText
    }
}

public struct Phase: Sendable {
    public var id: Located<String>
    public var title: String?
    public var gate: Located<String>?
}

public enum TaskStatus: String, Sendable, CaseIterable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case done
}

public enum DependencyType: String, Sendable, CaseIterable {
    case finishToStart = "FS", startToStart = "SS", finishToFinish = "FF", startToFinish = "SF"
}

public struct Dependency: Sendable {
    public var target: Located<String>
    public var type: DependencyType = .finishToStart
    /// Working days (`d`) or working weeks (`w`); negative is a lead.
    public var lag: Located<Duration>?
    /// The whole entry, for diagnostics about the link itself (a cycle hop).
    public var location: SourceLocation
}

public struct Estimate: Sendable {
    public var low: Located<Duration>?
    public var likely: Located<Duration>?
    public var high: Located<Duration>?
    public var location: SourceLocation
}

public struct Check: Sendable {
    public var item: Located<String>
    public var evidence: String
}

/// A schedulable item: a task, a summary (a task with children), a milestone, or a gate's milestone.
///
/// A value type whose fields live in one copy-on-write box: plans hold hundreds of thousands of
/// tasks, and every pass that reads one (`for task in plan.tasks`) copies it. A copy costs one
/// reference count instead of one for each of a dozen strings and arrays; a change to a copy
/// still leaves the original alone.
public struct Task: Sendable {
    public enum Kind: String, Sendable {
        case task, milestone, gate
    }

    /// The fields, all in one allocation.
    @usableFromInline
    struct Fields {
        @usableFromInline var id: Located<String>
        @usableFromInline var kind: Kind = .task
        @usableFromInline var title: String? = nil
        @usableFromInline var parent: Int? = nil
        @usableFromInline var children: [Int] = []
        @usableFromInline var owner: Located<String>? = nil
        @usableFromInline var assign: [Assignment] = []
        @usableFromInline var duration: Located<Duration>? = nil
        @usableFromInline var durationKey: SourceLocation? = nil
        @usableFromInline var effort: Located<Duration>? = nil
        @usableFromInline var estimate: Estimate? = nil
        @usableFromInline var milestoneFlag: SourceLocation? = nil
        @usableFromInline var after: [Dependency] = []
        @usableFromInline var deadline: Located<Day>? = nil
        @usableFromInline var notBefore: Located<Day>? = nil
        @usableFromInline var status: Located<TaskStatus>? = nil
        @usableFromInline var progress: Located<Double>? = nil
        @usableFromInline var actualStart: Located<Day>? = nil
        @usableFromInline var actualFinish: Located<Day>? = nil
        @usableFromInline var priority: Located<Int>? = nil
        @usableFromInline var phase: Located<String>? = nil
        @usableFromInline var tags: [String] = []
        @usableFromInline var checks: [Check] = []
        @usableFromInline var dod: [Located<String>] = []
        @usableFromInline var notes: String? = nil
        @usableFromInline var gate: Int? = nil
        @usableFromInline var location: SourceLocation

        @usableFromInline
        init(id: Located<String>, kind: Kind, location: SourceLocation) {
            self.id = id
            self.kind = kind
            self.location = location
        }
    }

    /// A box that owns `Fields` through a pointer: reading a field through a `let` pointer needs
    /// no dynamic exclusivity check, which a class's `var` would (measured: 4% of a schedule run).
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let fields: UnsafeMutablePointer<Fields>

        @usableFromInline
        init(_ value: Fields) {
            fields = .allocate(capacity: 1)
            fields.initialize(to: value)
        }

        deinit {
            fields.deinitialize(count: 1)
            fields.deallocate()
        }
    }

    @usableFromInline var storage: Storage

    public init(id: Located<String>, kind: Kind = .task, location: SourceLocation) {
        storage = Storage(Fields(id: id, kind: kind, location: location))
    }

    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields.pointee) }
    }

    @inlinable public var id: Located<String> {
        _read { yield storage.fields.pointee.id }
        _modify { makeUnique(); yield &storage.fields.pointee.id }
    }
    @inlinable public var kind: Kind {
        _read { yield storage.fields.pointee.kind }
        _modify { makeUnique(); yield &storage.fields.pointee.kind }
    }
    @inlinable public var title: String? {
        _read { yield storage.fields.pointee.title }
        _modify { makeUnique(); yield &storage.fields.pointee.title }
    }
    @inlinable public var parent: Int? {
        _read { yield storage.fields.pointee.parent }
        _modify { makeUnique(); yield &storage.fields.pointee.parent }
    }
    @inlinable public var children: [Int] {
        _read { yield storage.fields.pointee.children }
        _modify { makeUnique(); yield &storage.fields.pointee.children }
    }
    @inlinable public var owner: Located<String>? {
        _read { yield storage.fields.pointee.owner }
        _modify { makeUnique(); yield &storage.fields.pointee.owner }
    }
    @inlinable public var assign: [Assignment] {
        _read { yield storage.fields.pointee.assign }
        _modify { makeUnique(); yield &storage.fields.pointee.assign }
    }
    @inlinable public var duration: Located<Duration>? {
        _read { yield storage.fields.pointee.duration }
        _modify { makeUnique(); yield &storage.fields.pointee.duration }
    }
    /// Where `duration:` was written, even when its value was invalid (so no second error follows).
    @inlinable public var durationKey: SourceLocation? {
        _read { yield storage.fields.pointee.durationKey }
        _modify { makeUnique(); yield &storage.fields.pointee.durationKey }
    }
    @inlinable public var effort: Located<Duration>? {
        _read { yield storage.fields.pointee.effort }
        _modify { makeUnique(); yield &storage.fields.pointee.effort }
    }
    @inlinable public var estimate: Estimate? {
        _read { yield storage.fields.pointee.estimate }
        _modify { makeUnique(); yield &storage.fields.pointee.estimate }
    }
    /// Where `milestone: true` (or an invalid `milestone:` value) was written.
    @inlinable public var milestoneFlag: SourceLocation? {
        _read { yield storage.fields.pointee.milestoneFlag }
        _modify { makeUnique(); yield &storage.fields.pointee.milestoneFlag }
    }
    @inlinable public var after: [Dependency] {
        _read { yield storage.fields.pointee.after }
        _modify { makeUnique(); yield &storage.fields.pointee.after }
    }
    @inlinable public var deadline: Located<Day>? {
        _read { yield storage.fields.pointee.deadline }
        _modify { makeUnique(); yield &storage.fields.pointee.deadline }
    }
    @inlinable public var notBefore: Located<Day>? {
        _read { yield storage.fields.pointee.notBefore }
        _modify { makeUnique(); yield &storage.fields.pointee.notBefore }
    }
    @inlinable public var status: Located<TaskStatus>? {
        _read { yield storage.fields.pointee.status }
        _modify { makeUnique(); yield &storage.fields.pointee.status }
    }
    @inlinable public var progress: Located<Double>? {
        _read { yield storage.fields.pointee.progress }
        _modify { makeUnique(); yield &storage.fields.pointee.progress }
    }
    @inlinable public var actualStart: Located<Day>? {
        _read { yield storage.fields.pointee.actualStart }
        _modify { makeUnique(); yield &storage.fields.pointee.actualStart }
    }
    @inlinable public var actualFinish: Located<Day>? {
        _read { yield storage.fields.pointee.actualFinish }
        _modify { makeUnique(); yield &storage.fields.pointee.actualFinish }
    }
    @inlinable public var priority: Located<Int>? {
        _read { yield storage.fields.pointee.priority }
        _modify { makeUnique(); yield &storage.fields.pointee.priority }
    }
    @inlinable public var phase: Located<String>? {
        _read { yield storage.fields.pointee.phase }
        _modify { makeUnique(); yield &storage.fields.pointee.phase }
    }
    @inlinable public var tags: [String] {
        _read { yield storage.fields.pointee.tags }
        _modify { makeUnique(); yield &storage.fields.pointee.tags }
    }
    @inlinable public var checks: [Check] {
        _read { yield storage.fields.pointee.checks }
        _modify { makeUnique(); yield &storage.fields.pointee.checks }
    }
    @inlinable public var dod: [Located<String>] {
        _read { yield storage.fields.pointee.dod }
        _modify { makeUnique(); yield &storage.fields.pointee.dod }
    }
    @inlinable public var notes: String? {
        _read { yield storage.fields.pointee.notes }
        _modify { makeUnique(); yield &storage.fields.pointee.notes }
    }
    /// For a gate's milestone, its index in `Plan.gates`.
    @inlinable public var gate: Int? {
        _read { yield storage.fields.pointee.gate }
        _modify { makeUnique(); yield &storage.fields.pointee.gate }
    }
    /// The task's mapping, for diagnostics about the task as a whole.
    @inlinable public var location: SourceLocation {
        _read { yield storage.fields.pointee.location }
        _modify { makeUnique(); yield &storage.fields.pointee.location }
    }

    @inlinable public var isSummary: Bool { !storage.fields.pointee.children.isEmpty }
    @inlinable public var isMilestone: Bool { storage.fields.pointee.kind != .task }
}

public enum CriterionKind: Sendable {
    case metric(Located<MetricCondition>)
    case done([Located<String>])
    case noOpenRisks(minScore: Located<Int>)
    case signoff(Located<String>)
    case confidence(ConfidenceCondition)
}

/// `confidence: {task, by, min}`: the share of forecast iterations in which `task` finishes on or
/// before `by` (its deadline without one) must be at least `min` percent.
public struct ConfidenceCondition: Sendable {
    public var task: Located<String>
    public var by: Located<Day>?
    /// 0...100.
    public var min: Located<Double>
    public var location: SourceLocation
}

public struct Criterion: Sendable {
    public var id: Located<String>
    public var title: String?
    public var kind: CriterionKind
}

public struct Waiver: Sendable {
    public var criterion: Located<String>
    public var approvedBy: String?
    public var reason: String?
    public var expires: Located<Day>?
    public var location: SourceLocation
}

public struct Signoff: Sendable {
    public var team: Located<String>
    public var by: String?
    public var date: Located<Day>?
    public var location: SourceLocation
}

/// A Go/No-Go review. Its place in the schedule is the milestone `Plan.tasks[task]`.
public struct Gate: Sendable {
    public var task: Int
    public var approvers: [Located<String>] = []
    public var criteria: [Criterion] = []
    /// Criteria written but not understood (already reported), so no second warning follows.
    public var invalidCriteria = 0
    public var waivers: [Waiver] = []
    public var signoffs: [Signoff] = []
}

/// A marketing / go-to-market date that must not run ahead of the features it promotes.
public struct Event: Sendable {
    public var id: Located<String>
    public var title: String?
    public var date: Located<Day>?
    public var requires: [Located<String>] = []
    public var lead: Located<Duration>?
    public var owner: Located<String>?
    public var notes: String?
    public var location: SourceLocation
}

public enum RiskStatus: String, Sendable, CaseIterable {
    case open, mitigated, closed, occurred
}

public struct Risk: Sendable {
    public var id: Located<String>
    public var title: String?
    public var likelihood: Located<Int>?
    public var impact: Located<Int>?
    public var owner: Located<String>?
    public var status: Located<RiskStatus>?
    public var trigger: String?
    public var response: Located<String>?
    public var affects: [Located<String>] = []
    public var delay: Located<Duration>?
    /// `delay: {low, likely, high}`: a three-point delay the forecast draws from (`delay` is then nil).
    public var delayEstimate: Estimate?
    /// `probability: 30%`: the chance the forecast gives it (0...100; nil: read from `likelihood`).
    public var probability: Located<Double>?
    public var notes: String?
    public var location: SourceLocation

    public var score: Int? {
        guard let likelihood, let impact else { return nil }
        return likelihood.value * impact.value
    }
}

/// A measured value, by its dotted name.
public struct Metric: Sendable {
    public var name: String
    public var value: Double
    public var location: SourceLocation
}

/// An entry of the plan's `rules:` map: a code and its new severity (nil: off).
public struct RuleSetting: Sendable {
    public var code: Located<String>
    public var severity: Located<Severity?>
}

public enum ForecastDistribution: String, Sendable, CaseIterable {
    case triangular, pert
}

/// `forecast: {iterations, seed, distribution, correlations}`.
public struct ForecastSpec: Sendable {
    public var iterations: Located<Int>?
    public var seed: Located<Int>?
    public var distribution: Located<ForecastDistribution>?
    public var correlations: [Correlation] = []
    public var location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }

    public static let maxIterations = 1_000_000
}

/// `{tasks: [ids], coefficient: 0.6}`: the rank correlation of those tasks' durations.
public struct Correlation: Sendable {
    public var tasks: [Located<String>] = []
    public var coefficient: Located<Double>?
    public var location: SourceLocation
}
