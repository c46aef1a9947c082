import Dispatch
import PlanSyntax

/// The result of compiling one root plan: the typed plan (nil when it could not be read at all)
/// and every diagnostic, sorted by file and position.
public struct Compilation: Sendable {
    public let path: String
    public let plan: Plan?
    /// The resolved plan (ids, links, graph) everything after loading reads; nil with `plan`.
    public let network: Network?
    public let diagnostics: [Diagnostic]
    public let sources: SourceManager
    /// The schedule, computed when the structural rules found no errors.
    public let schedule: Schedule?
    /// The plan's metrics with the `--metrics` files over them.
    public let metrics: MetricSet
    /// What levelling did (nil when the plan is not levelled, or has no schedule); `schedule` is
    /// then the levelled one.
    public let levelling: Levelling?
    /// Every team's load over `schedule` (nil without a schedule).
    public let load: ResourceLoad?

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum Compiler {
    /// Reads, loads and checks one root plan and the fragments it includes; when that finds no
    /// errors, schedules it and runs the rules that read the schedule. `asOf` overrides `as_of`;
    /// `metricsFiles` (YAML or JSON) are laid over the plan's `metrics:` in order, the last winning.
    /// `folder` is the folder the plan was named in (its own by default): a plan that resolves
    /// outside it is refused (E111). `policy` says when the plan's files are parsed and read on two
    /// threads (tests force it). `source` is where the plan and its includes are read: the disk, or
    /// a commit's tree (`planc trend`).
    /// `portfolio` is the portfolio the plan is compiled in (`--portfolio`): its shared teams, and
    /// the other plans' dates its cross-plan links wait for. Without one, a plan that uses teams it
    /// does not declare looks for a portfolio in its own folder that lists it, for the shared teams
    /// only (its cross-plan links are then reported as not checked, W601).
    public static func compile(path: String, limits: Limits = .default, policy: ExecutionPolicy = .default,
                               asOf: Day? = nil, metricsFiles: [String] = [], within folder: String? = nil,
                               resources: ResourceOptions = ResourceOptions(), portfolio: PortfolioContext? = nil,
                               source: any SourceProvider = DiskSource.shared) -> Compilation {
        let sources = SourceManager()
        let sink = DiagnosticSink(sources: sources)
        var loaded = IncludeResolver.refuseOutside(path: path, folder: folder, sink: sink, source: source)
            ? nil : PlanLoader.load(path: path, sources: sources, sink: sink, limits: limits, policy: policy, source: source)
        var context = portfolio
        if context == nil, let plan = loaded, PortfolioDiscovery.needsSharedTeams(plan) {
            context = PortfolioDiscovery.context(listing: path, limits: limits, sources: sources, source: source)
        }
        if let context, let plan = loaded { loaded = context.merge(into: plan, sink: sink) }
        return compile(loaded: loaded, path: path, sources: sources, sink: sink, limits: limits, policy: policy, asOf: asOf,
                       metricsFiles: metricsFiles, resources: resources, portfolio: context)
    }

    /// Compiles a plan already loaded into `sink` (nil: it could not be read), the rest of `compile`.
    static func compile(loaded: Plan?, path: String, sources: SourceManager, sink: DiagnosticSink, limits: Limits,
                        policy: ExecutionPolicy, asOf: Day?, metricsFiles: [String], resources: ResourceOptions,
                        portfolio: PortfolioContext?) -> Compilation {
        let plan = loaded.map(resources.apply(to:))
        var schedule: Schedule?
        var levelling: Levelling?
        var load: ResourceLoad?
        var metrics = MetricSet()
        var network: Network?
        if let plan {
            metrics = MetricSet(plan: plan)
            for file in metricsFiles {
                if let set = MetricsFileLoader.load(path: file, limits: limits, sources: sources, sink: sink) { metrics.merge(set) }
            }
            let resolved = PhaseTimer.measure("index") { Network(plan: plan, policy: policy, crossPlan: portfolio?.crossPlan ?? [:]) }
            network = resolved
            let context = RuleContext(network: resolved, sink: sink, asOf: asOf)
            context.portfolio = portfolio
            context.levels = resources.levels(plan)
            context.metrics = metrics
            // The graph and the schedule do not depend on the structural rules, so a
            // second thread computes them while the rules run; the schedule is used only if the
            // rules find no errors (the scheduler is total: it returns nil for a cycle).
            let background = BackgroundSchedule(network: resolved, asOf: context.statusDate, threaded: policy.backgroundSchedule)
            // The schedule needs the resource model after the graph: built here, it is ready by
            // then, off the longer thread.
            if policy.backgroundSchedule { _ = PhaseTimer.measure("resources") { resolved.resources } }
            PhaseTimer.measure("rules") {
                for rule in RuleRegistry.rules where !rule.needsSchedule { rule.init().check(context) }
            }
            applyRuleSettings(plan.ruleSettings, to: sink)
            let speculative = PhaseTimer.measure("schedule wait") { background.finish() }
            if sink.errorCount == 0 {
                schedule = speculative
                if context.levels, let unlevelled = speculative {
                    let outcome = PhaseTimer.measure("level") { PlanLeveller.level(resolved, schedule: unlevelled) }
                    schedule = outcome.schedule
                    levelling = outcome.levelling
                }
                context.schedule = schedule
                if let schedule {
                    load = PhaseTimer.measure("load") { ResourceLoad(network: resolved, schedule: schedule) }
                    context.load = load
                    PhaseTimer.measure("schedule rules") {
                        for rule in RuleRegistry.rules where rule.needsSchedule { rule.init().check(context) }
                    }
                    // Settings already applied to the earlier diagnostics apply again unchanged.
                    applyRuleSettings(plan.ruleSettings, to: sink)
                }
            }
        }
        return Compilation(path: path, plan: plan, network: network, diagnostics: PhaseTimer.measure("sort") { sink.sorted() },
                           sources: sources, schedule: schedule, metrics: metrics, levelling: levelling, load: load)
    }

    /// The schedule of a changed network (a what-if such as `--assume-risk`) by the same rules as
    /// `compile`: levelled when `levels`, with its load. Nil for a network with a cycle.
    public static func schedule(_ network: Network, asOf: Day?, levels: Bool) -> (schedule: Schedule, levelling: Levelling?, load: ResourceLoad)? {
        guard let unlevelled = Scheduler.schedule(network, asOf: asOf) else { return nil }
        var schedule = unlevelled, levelling: Levelling?
        if levels {
            (schedule, levelling) = PlanLeveller.level(network, schedule: unlevelled)
        }
        return (schedule, levelling, ResourceLoad(network: network, schedule: schedule))
    }

    /// The plan's `rules:` map changes the severity of configurable codes, or turns them off.
    static func applyRuleSettings(_ settings: [RuleSetting], to sink: DiagnosticSink) {
        guard !settings.isEmpty else { return }
        var overrides: [String: Severity?] = [:]
        let descriptors = RuleRegistry.descriptors
        for setting in settings {
            guard let descriptor = descriptors.first(where: { $0.code == setting.code.value || $0.name == setting.code.value }),
                  descriptor.configurable else { continue }
            overrides[descriptor.code] = setting.severity.value
        }
        sink.applySeverities { diagnostic in overrides[diagnostic.code] }
    }
}

/// The graph and the schedule of a plan, computed on another thread. The graph is the network's:
/// a rule that reads it first waits for it. (The cycles are found on the main thread, by the
/// cycle rule: the rules are the shorter side.)
final class BackgroundSchedule: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written by the worker before it signals, read after waiting.
    private var schedule: Schedule?

    private let network: Network
    private let statusDate: Day?
    private let threaded: Bool

    /// `threaded: false` (ExecutionPolicy.sequential) computes them in `finish()`, on the calling thread.
    init(network: Network, asOf statusDate: Day?, threaded: Bool = true) {
        self.network = network
        self.statusDate = statusDate
        self.threaded = threaded
        guard threaded else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            _ = PhaseTimer.measure("graph") { network.graph }
            schedule = PhaseTimer.measure("schedule") { Scheduler.schedule(network, asOf: statusDate) }
            done.signal()
        }
    }

    /// Waits for the worker; the schedule (nil for a cycle).
    func finish() -> Schedule? {
        guard threaded else { return PhaseTimer.measure("schedule") { Scheduler.schedule(network, asOf: statusDate) } }
        done.wait()
        return schedule
    }
}
