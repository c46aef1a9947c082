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

/// What rules share: the resolved plan, the status date, the sink to report into, and (for the
/// rules that run after scheduling) the schedule and metrics.
public final class RuleContext: @unchecked Sendable {
    public let network: Network
    /// `network.plan`: the model, for what rules check about the items themselves.
    public let plan: Plan
    public let sink: DiagnosticSink
    /// The status date: the compiler's `asOf` override, else the plan's `as_of`.
    public let statusDate: Day?
    /// The graph's cycles (`DependencyGraph.cycles()`), found once.
    public internal(set) lazy var cycles: [[Int]] = network.graph.cycles()
    /// Set by the compiler once the structural rules found no errors; rules with
    /// `needsSchedule` run only then.
    public internal(set) var schedule: Schedule?
    /// The plan's metrics with any `--metrics` files over them.
    public internal(set) var metrics = MetricSet()
    /// Every team's load over `schedule`, set with it.
    public internal(set) var load: ResourceLoad?
    /// Whether the plan is levelled in this compilation (`level:`, `--level`, `--no-level`).
    public internal(set) var levels = false
    /// The portfolio the plan is compiled in (nil: on its own).
    public internal(set) var portfolio: PortfolioContext?

    public init(network: Network, sink: DiagnosticSink, asOf: Day? = nil) {
        self.network = network
        plan = network.plan
        self.sink = sink
        statusDate = asOf ?? network.plan.asOf?.value
    }


    public func emit(
        _ descriptor: DiagnosticDescriptor, _ message: String, at location: SourceLocation?,
        help: String? = nil, notes: [(String, SourceLocation)] = []
    ) {
        sink.emit(descriptor, message, at: location, help: help, notes: notes)
    }
}
