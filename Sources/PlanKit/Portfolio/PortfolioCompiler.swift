import PlanSyntax

/// Compiles a portfolio: reads the portfolio file and every plan it lists, gives each plan the
/// shared teams, checks the cross-plan links (E605, E606, E607), then compiles the plans one after
/// another so that each plan's cross-plan links wait for the dates the plans before it scheduled
/// (plans in dependency order; plans whose links run both ways are scheduled again until no date
/// moves). Finally the shared teams' load is added up over all plans (W501, naming the plans).
///
/// Every plan keeps its own ids, calendar and schedule: a cross-plan link is a bound on its
/// successor from the predecessor's dates, its lag counted in the successor's working days.
public enum PortfolioCompiler {
    /// Rounds of scheduling plans whose cross-plan links run both ways: each round moves some date
    /// later, and without a cycle across plans a chain of cross-plan links settles in at most one
    /// round per link on it.
    static let maxRounds = 64
    /// Levelled, a loop of plans may not settle (a plan's levelling moves what the next one may
    /// use): the rounds stop here.
    static let maxLevelledRounds = 8

    public static func compile(path: String, limits: Limits = .default, policy: ExecutionPolicy = .default, asOf: Day? = nil,
                               metricsFiles: [String] = [], within folder: String? = nil,
                               resources: ResourceOptions = ResourceOptions()) -> PortfolioCompilation {
        let sources = SourceManager()
        let sink = DiagnosticSink(sources: sources)
        let portfolio = IncludeResolver.refuseOutside(path: path, folder: folder, sink: sink)
            ? nil : PortfolioLoader.load(path: path, sources: sources, sink: sink, limits: limits)
        guard let portfolio else {
            return PortfolioCompilation(path: path, portfolio: nil, members: [], crossLinks: [], overloads: [],
                                        diagnostics: sink.sorted(), sources: sources)
        }
        // The portfolio's `level:` levels every plan unless --level / --no-level says otherwise.
        var resources = resources
        if resources.level == nil, let level = portfolio.level?.value { resources.level = level }
        var context = PortfolioContext(id: portfolio.id?.value ?? path, file: path, teams: portfolio.teams, checksLinks: true)

        // Read every plan, with the shared teams.
        var sinks: [DiagnosticSink] = [], plans: [Plan?] = []
        for member in portfolio.members {
            let memberSink = DiagnosticSink(sources: sources)
            let plan = PlanLoader.load(path: member.path, sources: sources, sink: memberSink, limits: limits, policy: policy)
            sinks.append(memberSink)
            plans.append(plan.map { context.merge(into: $0, sink: memberSink) })
        }
        var planIndex: [String: Int] = [:]
        for (index, plan) in plans.enumerated() {
            guard let id = plan?.id else { continue }
            if let first = planIndex[id.value], let earlier = plans[first]?.id {
                sinks[index].emit(PortfolioDiagnostics.planListedTwice,
                                  "plan id '\(id.value)' is also the id of '\(portfolio.members[first].path)' in portfolio '\(context.id)'",
                                  at: id.location, help: "cross-plan links name plans by id (`plan-id:task-id`): give each plan its own",
                                  notes: [("the other plan's id", earlier.location)])
            } else {
                planIndex[id.value] = index
            }
        }

        // Resolve and check the cross-plan links.
        let networks = plans.map { $0.map { Network(plan: $0, policy: policy) } }
        var crossLinks: [PortfolioCompilation.CrossLink] = []
        for (index, network) in networks.enumerated() {
            guard let network else { continue }
            for (linkIndex, link) in network.links.enumerated() where link.exclusion == .crossPlan {
                if let resolved = resolve(link, linkIndex, of: index, network: network, networks: networks, planIndex: planIndex,
                                          ownID: plans[index]?.id?.value, sink: sinks[index]) {
                    crossLinks.append(resolved)
                }
            }
        }
        let cyclic = CrossPlanCycles.find(crossLinks, networks: networks)
        for (position, link) in crossLinks.enumerated() where cyclic.contains(position) {
            let network = networks[link.successorPlan]!, written = network.links[link.link]
            let others = crossLinks.indices.filter { cyclic.contains($0) && $0 != position }.map { other -> (String, SourceLocation) in
                let otherLink = crossLinks[other]
                let otherWritten = networks[otherLink.successorPlan]!.links[otherLink.link]
                return ("and '\(planID(plans, otherLink.successorPlan)):\(networks[otherLink.successorPlan]!.plan.tasks[otherLink.successor].id.value)' depends on '\(otherWritten.targetID.value)' here", otherWritten.targetID.location)
            }
            sinks[link.successorPlan].emit(
                PortfolioDiagnostics.crossPlanCycle,
                "'\(network.plan.tasks[link.successor].id.value)' depends on '\(written.targetID.value)', which waits for it in turn: a dependency cycle across plans",
                at: written.targetID.location, help: "remove one of the links on the cycle", notes: others)
        }
        let acyclicLinks = crossLinks.indices.filter { !cyclic.contains($0) }.map { crossLinks[$0] }

        // Schedule in dependency order; the plans on a loop of plans (not of tasks) settle in rounds.
        // Levelled, plans are served by priority (then dependency order): each levels within what
        // the plans before it leave of the shared teams, and rounds run until no date moves.
        let levelled = plans.contains { $0.map(resources.levels) ?? false }
        let priorities = plans.map { levelled ? ($0?.priority?.value ?? 500) : 500 }
        let (order, looped) = planOrder(count: plans.count, links: acyclicLinks, priorities: priorities)
        let sharedIDs = portfolio.teams.filter(\.isConstrained).map(\.id.value)
        var usage = [[String: [Int: Int]]](repeating: [:], count: plans.count)
        func served(_ plan: Int) -> Plan? {
            guard levelled, let merged = plans[plan], !sharedIDs.isEmpty else { return plans[plan] }
            var held: [String: [Int: Int]] = [:]
            for earlier in order.prefix(while: { $0 != plan }) {
                for (team, days) in usage[earlier] { held[team, default: [:]].merge(days, uniquingKeysWith: +) }
            }
            return SharedLoad.holding(held, in: merged)
        }
        func recordUsage(_ plan: Int, _ load: ResourceLoad?, _ network: Network?) -> Bool {
            guard levelled, let load, let network else { return false }
            var used: [String: [Int: Int]] = [:]
            for team in sharedIDs {
                let days = SharedLoad.usage(of: team, load: load, network: network)
                if !days.isEmpty { used[team] = days }
            }
            defer { usage[plan] = used }
            return usage[plan] != used
        }
        var dates: [String: CrossPlanPoint] = [:]
        let wanted = Dictionary(grouping: acyclicLinks, by: \.predecessorPlan)
        func record(_ plan: Int, _ schedule: Schedule?) -> Bool {
            var changed = false
            guard let network = networks[plan] else { return false }
            for link in wanted[plan] ?? [] {
                let key = qualified(plans, link)
                let point = schedule.map { CrossPlanPoint($0[link.predecessor], milestone: network.plan.tasks[link.predecessor].isMilestone) }
                if dates[key] != point {
                    dates[key] = point
                    changed = true
                }
            }
            return changed
        }
        if looped {
            for _ in 0..<(levelled ? maxLevelledRounds : maxRounds) {
                var changed = false
                for plan in order {
                    guard let held = served(plan) else { continue }
                    let network = Network(plan: resources.apply(to: held), policy: policy, crossPlan: dates)
                    let scheduled = Compiler.schedule(network, asOf: asOf, levels: resources.levels(held))
                    if record(plan, scheduled?.schedule) { changed = true }
                    if recordUsage(plan, scheduled?.load, network) { changed = true }
                }
                if !changed { break }
            }
        }
        var compiled = [Compilation?](repeating: nil, count: plans.count)
        for plan in order {
            context.crossPlan = dates
            let compilation = Compiler.compile(loaded: served(plan), path: portfolio.members[plan].path, sources: sources, sink: sinks[plan],
                                               limits: limits, policy: policy, asOf: asOf, metricsFiles: metricsFiles,
                                               resources: resources, portfolio: context)
            compiled[plan] = compilation
            _ = record(plan, compilation.schedule)
            _ = recordUsage(plan, compilation.load, compilation.network)
        }
        let members = compiled.map { $0! }
        let overloads = SharedLoad.overloads(of: portfolio.teams, in: members, order: order)
        SharedLoad.report(overloads, teams: portfolio.teams, members: members, sink: sink)
        let diagnostics = (sink.sorted() + members.flatMap(\.diagnostics)).sorted(by: Diagnostic.ordered)
        return PortfolioCompilation(path: path, portfolio: portfolio, members: members, crossLinks: acyclicLinks,
                                    overloads: overloads, diagnostics: diagnostics, sources: sources)
    }

    static func planID(_ plans: [Plan?], _ index: Int) -> String { plans[index]?.id?.value ?? "" }

    static func qualified(_ plans: [Plan?], _ link: PortfolioCompilation.CrossLink) -> String {
        "\(planID(plans, link.predecessorPlan)):\(plans[link.predecessorPlan]!.tasks[link.predecessor].id.value)"
    }

    /// The link's predecessor in another plan, or nil after reporting why there is none.
    static func resolve(_ link: Link, _ linkIndex: Int, of plan: Int, network: Network, networks: [Network?],
                        planIndex: [String: Int], ownID: String?, sink: DiagnosticSink) -> PortfolioCompilation.CrossLink? {
        let parts = link.targetID.value.split(separator: ":", maxSplits: 1).map(String.init)
        let planID = parts[0], taskID = parts.count > 1 ? parts[1] : ""
        let successorID = network.plan.tasks[link.successor].id.value
        if planID == ownID {
            sink.emit(PortfolioDiagnostics.unknownPlan, "'\(successorID)' names its own plan in '\(link.targetID.value)'",
                      at: link.targetID.location, help: "within a plan, write the id alone: '\(taskID)'")
            return nil
        }
        guard let other = planIndex[planID], let target = networks[other] else {
            sink.emit(PortfolioDiagnostics.unknownPlan, "'\(successorID)' depends on '\(link.targetID.value)': the portfolio has no plan '\(planID)'",
                      at: link.targetID.location,
                      help: Suggestion.help(for: planID, in: planIndex.keys.sorted()) ?? "the portfolio's plans are: \(planIndex.keys.sorted().joined(separator: ", "))")
            return nil
        }
        guard let predecessor = target.taskIndex(taskID) else {
            let what = target.ids[taskID].map { "'\(taskID)' is \(target.describe($0) == "event" ? "an event" : "a risk") of plan '\(planID)', not a task" }
                ?? "plan '\(planID)' has no task, milestone or gate '\(taskID)'"
            sink.emit(PortfolioDiagnostics.unknownCrossPlanID, "'\(successorID)' depends on '\(link.targetID.value)': \(what)",
                      at: link.targetID.location,
                      help: Suggestion.closest(to: taskID, in: target.schedulableIDs).map { "did you mean '\(planID):\($0)'?" }
                          ?? "check the spelling against plan '\(planID)'")
            return nil
        }
        return PortfolioCompilation.CrossLink(successorPlan: plan, successor: link.successor, link: linkIndex,
                                              predecessorPlan: other, predecessor: predecessor)
    }

    /// Plans in dependency order (a plan after those its cross-plan links wait for; among plans
    /// ready together, the highest `priorities` first, then portfolio order), and whether some
    /// plans wait for each other both ways (then they come last, in portfolio order, and are
    /// scheduled in rounds).
    static func planOrder(count: Int, links: [PortfolioCompilation.CrossLink], priorities: [Int]? = nil) -> (order: [Int], looped: Bool) {
        let priorities = priorities ?? [Int](repeating: 0, count: count)
        var successors = [Set<Int>](repeating: [], count: count)
        var waiting = [Int](repeating: 0, count: count)
        for link in links where !successors[link.predecessorPlan].contains(link.successorPlan) {
            successors[link.predecessorPlan].insert(link.successorPlan)
            waiting[link.successorPlan] += 1
        }
        var order: [Int] = [], placed = [Bool](repeating: false, count: count)
        while true {
            guard let next = (0..<count).filter({ !placed[$0] && waiting[$0] == 0 }).min(by: { (-priorities[$0], $0) < (-priorities[$1], $1) }) else { break }
            placed[next] = true
            order.append(next)
            for successor in successors[next] { waiting[successor] -= 1 }
        }
        let looped = order.count < count
        order += (0..<count).filter { !placed[$0] }
        return (order, looped)
    }
}
