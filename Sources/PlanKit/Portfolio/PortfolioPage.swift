import PlanSyntax

/// What `planc portfolio` says, in one value every writer reads: each plan's health (the report's
/// rules), its deadlines and next gate; the cross-plan links whose slack is thin, and which launch
/// a slip would hit; the shared teams over capacity, with the plans and tasks involved; the top
/// risks across plans. Writers only say it.
public struct PortfolioPage: Sendable {
    public struct Deadline: Sendable, Equatable {
        public var id: String
        public var deadline: Day
        public var date: Day
        /// Working days to spare (negative: missed).
        public var margin: Int
        /// From the plan's own seeded forecast (the report's "Schedule confidence"): nil when the
        /// plan has no uncertainty to simulate, the forecast could not run, the plan is above the
        /// report's forecast budget (`StatusReport.ForecastBudget`), or the task is done.
        public var p80: Day? = nil
        /// Share (0...1) of the forecast's iterations finishing on or before the deadline.
        public var probability: Double? = nil
    }

    public struct PlanLine: Sendable {
        public var id: String
        public var title: String
        public var path: String
        /// Nil when the plan has errors that stop its schedule.
        public var health: StatusReport.Health?
        public var healthReasons: [String]
        public var finish: Day?
        public var deadlines: [Deadline]
        /// The first gate not passed yet, with its standing.
        public var nextGate: StatusReport.GateLine?
        public var errors: Int
        public var warnings: Int
    }

    public struct LinkLine: Sendable, Equatable {
        public var successorPlan: String
        public var successor: String
        public var predecessorPlan: String
        public var predecessor: String
        /// The link as written (`options:go-live`, `options:go-live SS+2d`).
        public var link: String
        public var predecessorFinish: Day
        public var successorStart: Day
        /// Working days (the successor's) the predecessor may slip before the successor plan's
        /// deadlines or finish move.
        public var slack: Int
        /// What a slip beyond the slack hits: the successor plan's deadline tasks after it (else its finish).
        public var hits: [String]
        /// The predecessor's P80 finish, from its own plan's forecast (nil without one, or for a
        /// link from the predecessor's start).
        public var predecessorP80: Day? = nil
        /// Working days (the successor's) the P80 lies after the scheduled finish: a slip the
        /// forecast expects one time in five.
        public var p80Slip: Int? = nil
        /// The slack is 3 working days or less, or the predecessor's P80 slip is beyond it.
        public var atRisk: Bool

        /// The P80 slip is beyond the slack: at its P80 the predecessor moves the successor plan.
        public var p80Hits: Bool { (p80Slip ?? 0) > slack }
    }

    public struct OverloadLine: Sendable, Equatable {
        public struct Use: Sendable, Equatable {
            public var plan: String
            public var task: String
            public var units: String
            public var from: Day
            public var to: Day
        }

        public var team: String
        public var from: Day
        public var to: Day
        public var workingDays: Int
        public var needed: String
        public var available: String
        public var plans: [String]
        public var uses: [Use]
    }

    public struct RiskLine: Sendable, Equatable {
        public var plan: String
        public var risk: StatusReport.RiskLine
        public var occurred: Bool
    }

    public var id: String
    public var title: String
    public var health: StatusReport.Health
    public var healthReasons: [String]
    public var plans: [PlanLine]
    /// Every cross-plan link, thinnest slack first.
    public var links: [LinkLine]
    public var overloads: [OverloadLine]
    public var topRisks: [RiskLine]
    public var errorCount: Int
    public var warningCount: Int

    /// How many risks the page lists.
    public static let riskCount = 5

    public var linksAtRisk: [LinkLine] { links.filter(\.atRisk) }

    public static func build(_ compilation: PortfolioCompilation, horizon: Int = StatusReport.defaultHorizon) -> PortfolioPage {
        let members = compilation.members
        var plans: [PlanLine] = []
        var risks: [RiskLine] = []
        var worst = StatusReport.Health.green
        var reasons: [String] = []
        // Each plan's forecast also follows the tasks other plans wait for, so a link can say
        // where its predecessor lands one time in five.
        var follow = Array(repeating: [Int](), count: members.count)
        for link in compilation.crossLinks where !follow[link.predecessorPlan].contains(link.predecessor) {
            follow[link.predecessorPlan].append(link.predecessor)
        }
        var p80s = Array(repeating: [Int: Day](), count: members.count)
        for (index, member) in members.enumerated() {
            let id = compilation.planID(index)
            let report = StatusReport.build(compilation: member, horizon: horizon, follow: follow[index])
            p80s[index] = report?.confidence?.p80 ?? [:]
            var line = PlanLine(id: id, title: member.plan?.title ?? id, path: member.path, health: report?.health,
                                healthReasons: report?.healthReasons ?? [], finish: member.schedule?.finish, deadlines: [], nextGate: nil,
                                errors: member.errorCount, warnings: member.warningCount)
            if let report, let schedule = member.schedule, let plan = member.plan {
                for (task, item) in plan.tasks.enumerated() {
                    guard let deadline = item.deadline?.value else { continue }
                    let date = schedule[task].finish
                    let margin = DeadlineMargin.workingDays(finish: date, deadline: deadline, calendar: schedule.calendar(of: task))
                    let forecast = report.confidence?.deadlines.first { $0.task == task }
                    line.deadlines.append(Deadline(id: item.id.value, deadline: deadline, date: date, margin: margin,
                                                   p80: forecast?.p80, probability: forecast?.probability))
                }
                line.nextGate = report.gates.first { !$0.done && $0.standing.verdict != .go }
                risks += report.occurredRisks.map { RiskLine(plan: id, risk: $0, occurred: true) }
                risks += report.topRisks.map { RiskLine(plan: id, risk: $0, occurred: false) }
                if severity(report.health) > severity(worst) { worst = report.health }
                if report.health != .green { reasons.append("\(id) is \(report.health.label)") }
            } else {
                worst = .red
                reasons.append("\(id) has errors that stop its schedule")
            }
            plans.append(line)
        }
        let links = compilation.crossLinks.compactMap { linkLine($0, compilation, predecessorP80: p80s[$0.predecessorPlan][$0.predecessor]) }
            .sorted { ($0.slack, $0.successorPlan, $0.successor, $0.link) < ($1.slack, $1.successorPlan, $1.successor, $1.link) }
        let atRisk = links.filter(\.atRisk)
        if !atRisk.isEmpty {
            if worst == .green { worst = .amber }
            let thin = atRisk.filter { $0.slack <= StatusReport.tightMargin }.count, forecast = atRisk.filter(\.p80Hits).count
            if thin > 0 { reasons.append("\(thin) cross-plan link\(thin == 1 ? "" : "s") with \(StatusReport.tightMargin) working days of slack or less") }
            if forecast > 0 {
                reasons.append("\(forecast) cross-plan link\(forecast == 1 ? "" : "s") whose predecessor's P80 is past the slack")
            }
        }
        let overloads = compilation.overloads.map { overload in
            OverloadLine(team: overload.team, from: overload.from, to: overload.to, workingDays: overload.workingDays,
                         needed: ResourceModel.format(milliUnits: overload.peakMilliUnits),
                         available: ResourceModel.format(milliUnits: overload.milliCapacity),
                         plans: overload.plans.map(compilation.planID),
                         uses: overload.contributions.map { use in
                             .init(plan: compilation.planID(use.plan), task: members[use.plan].plan?.tasks[use.task].id.value ?? "",
                                   units: ResourceModel.format(milliUnits: use.milliUnits), from: use.from, to: use.to)
                         })
        }
        if !overloads.isEmpty {
            if worst == .green { worst = .amber }
            let teams = Array(Set(overloads.map(\.team))).sorted()
            reasons.append("shared team\(teams.count == 1 ? "" : "s") \(teams.joined(separator: ", ")) over capacity across plans")
        }
        if reasons.isEmpty { reasons = plans.isEmpty ? ["no plans"] : ["every plan is GREEN"] }
        risks.sort { ($0.occurred ? 0 : 1, -($0.risk.score ?? 0), $0.plan, $0.risk.id) < ($1.occurred ? 0 : 1, -($1.risk.score ?? 0), $1.plan, $1.risk.id) }
        return PortfolioPage(id: compilation.portfolio?.id?.value ?? compilation.path, title: compilation.portfolio?.title ?? compilation.portfolio?.id?.value ?? compilation.path,
                             health: worst, healthReasons: reasons, plans: plans, links: links, overloads: overloads,
                             topRisks: Array(risks.prefix(riskCount)), errorCount: compilation.errorCount, warningCount: compilation.warningCount)
    }

    static func severity(_ health: StatusReport.Health) -> Int {
        switch health {
        case .green: return 0
        case .amber: return 1
        case .red: return 2
        }
    }

    /// The link's slack: the working days (the successor's calendar) between what the link demands
    /// and where the successor is, plus the successor's total float.
    static func linkLine(_ link: PortfolioCompilation.CrossLink, _ compilation: PortfolioCompilation, predecessorP80: Day? = nil) -> LinkLine? {
        let successorPlan = compilation.members[link.successorPlan], predecessorPlan = compilation.members[link.predecessorPlan]
        guard let network = successorPlan.network, let schedule = successorPlan.schedule,
              let predecessorSchedule = predecessorPlan.schedule, let predecessorNetwork = predecessorPlan.network else { return nil }
        let written = network.links[link.link]
        let successor = schedule[link.successor], predecessor = predecessorSchedule[link.predecessor]
        let calendar = schedule.calendar(of: link.successor)
        func position(_ day: Day) -> Int { calendar.workingDaysBefore(day) }
        let gap: Int
        switch written.type {
        case .finishToStart: gap = position(successor.start) - position(predecessor.finish.adding(days: 1))
        case .startToStart: gap = position(successor.start) - position(predecessor.start)
        case .finishToFinish: gap = position(successor.finish.adding(days: 1)) - position(predecessor.finish.adding(days: 1))
        case .startToFinish: gap = position(successor.finish.adding(days: 1)) - position(predecessor.start)
        }
        // A slip of k moves the successor by at most k − gap and each deadline after it by no more:
        // up to gap + the tightest of their margins, no deadline moves (without deadlines: the finish).
        let deadlines = deadlinesAfter(link.successor, in: network)
        let margins = deadlines.compactMap { task in
            network.plan.tasks[task].deadline.map { DeadlineMargin.workingDays(finish: schedule[task].finish, deadline: $0.value, calendar: schedule.calendar(of: task)) }
        }
        let slack = max(0, gap - written.lag) + (margins.min() ?? successor.totalFloat)
        let hits = deadlines.map { network.plan.tasks[$0].id.value }
        // The forecast's P80 is of the predecessor's finish: it moves links from the finish.
        let fromFinish = written.type == .finishToStart || written.type == .finishToFinish
        let p80 = fromFinish ? predecessorP80 : nil
        let p80Slip = p80.map { max(0, position($0.adding(days: 1)) - position(predecessor.finish.adding(days: 1))) }
        return LinkLine(successorPlan: compilation.planID(link.successorPlan), successor: network.plan.tasks[link.successor].id.value,
                        predecessorPlan: compilation.planID(link.predecessorPlan), predecessor: predecessorNetwork.plan.tasks[link.predecessor].id.value,
                        link: written.description, predecessorFinish: predecessor.finish, successorStart: successor.start, slack: slack,
                        hits: hits.isEmpty ? ["the plan's finish"] : hits, predecessorP80: p80, p80Slip: p80Slip,
                        atRisk: slack <= StatusReport.tightMargin || (p80Slip ?? 0) > slack)
    }

    /// The tasks with a deadline that `task` leads to through the plan's links (itself included).
    static func deadlinesAfter(_ task: Int, in network: Network) -> [Int] {
        let graph = network.graph
        var seen = Set<Int>(), stack = [DependencyGraph.start(task), DependencyGraph.finish(task)]
        while let node = stack.popLast() {
            guard seen.insert(node).inserted else { continue }
            for edge in graph.offsets[node]..<graph.offsets[node + 1] { stack.append(Int(graph.targets[edge])) }
        }
        return Set(seen.map { $0 >> 1 }).filter { network.plan.tasks[$0].deadline != nil }.sorted()
    }
}
