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

public struct Team: Sendable {
    public var id: Located<String>
    public var name: String?
    public var capacity: Int?
    public var external = false
    public var lead: String?
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
public struct Task: Sendable {
    public enum Kind: String, Sendable {
        case task, milestone, gate
    }

    public var id: Located<String>
    public var kind: Kind = .task
    public var title: String?
    public var parent: Int?
    public var children: [Int] = []
    public var owner: Located<String>?
    public var assign: [Located<String>] = []
    public var duration: Located<Duration>?
    /// Where `duration:` was written, even when its value was invalid (so no second error follows).
    public var durationKey: SourceLocation?
    public var effort: Located<Duration>?
    public var estimate: Estimate?
    /// Where `milestone: true` (or an invalid `milestone:` value) was written.
    public var milestoneFlag: SourceLocation?
    public var after: [Dependency] = []
    public var deadline: Located<Day>?
    public var notBefore: Located<Day>?
    public var status: Located<TaskStatus>?
    public var progress: Located<Double>?
    public var actualStart: Located<Day>?
    public var actualFinish: Located<Day>?
    public var priority: Located<Int>?
    public var phase: Located<String>?
    public var tags: [String] = []
    public var checks: [Check] = []
    public var dod: [Located<String>] = []
    public var notes: String?
    /// For a gate's milestone, its index in `Plan.gates`.
    public var gate: Int?
    /// The task's mapping, for diagnostics about the task as a whole.
    public var location: SourceLocation

    public var isSummary: Bool { !children.isEmpty }
    public var isMilestone: Bool { kind != .task }
}

public enum CriterionKind: Sendable {
    case metric(Located<MetricCondition>)
    case done([Located<String>])
    case noOpenRisks(minScore: Located<Int>)
    case signoff(Located<String>)
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

extension Plan {
    /// A task's owner, or the owner of the nearest summary above it: a workstream's owner covers
    /// its parts.
    public func inheritedOwner(of task: Int) -> String? {
        var current: Int? = task
        while let index = current {
            if let owner = tasks[index].owner?.value { return owner }
            current = tasks[index].parent
        }
        return nil
    }
}
