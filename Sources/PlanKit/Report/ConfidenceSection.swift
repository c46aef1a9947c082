import PlanSyntax

extension StatusReport {
    /// "Schedule confidence": what the seeded forecast says about each deadline, and what drives
    /// the finish. Present when the plan has uncertainty the simulation uses (see `applies`).
    public struct Confidence: Sendable, Equatable {
        public struct Deadline: Sendable, Equatable {
            public var task: Int
            public var id: String
            public var title: String
            public var deadline: Day
            public var p50: Day
            public var p80: Day
            /// Share (0...1) of iterations finishing on or before the deadline.
            public var probability: Double
        }

        /// A task whose drawn duration moves the plan's finish (Spearman rank correlation).
        public struct Driver: Sendable, Equatable {
            public var id: String
            public var title: String
            public var sensitivity: Double
            /// Share (0...1) of iterations in which it was critical.
            public var criticality: Double
        }

        public struct RiskDriver: Sendable, Equatable {
            public var id: String
            public var title: String
            /// Share (0...1) of iterations in which it occurred.
            public var occurred: Double
            /// Mean working days it added to the finish when it occurred.
            public var meanDelay: Double
        }

        public var iterations: Int
        public var seed: UInt64
        public var finishP50: Day
        public var finishP80: Day
        /// Unfinished work with a deadline, in plan order.
        public var deadlines: [Deadline]
        /// At most five, strongest first.
        public var drivers: [Driver]
        /// At most three open risks that added to the finish, most first.
        public var risks: [RiskDriver]
        /// The finish's S-curve (nil without a forecast).
        public var curve: ForecastCurve?
        /// The simulation could not run: why (then every list is empty).
        public var unavailable: String?
        /// How many iterations the report ran of how many `planc forecast` would; `granted` 0: the
        /// plan is above the report's budget and was not simulated (every list empty, the colour
        /// unchanged: nothing was learnt, nothing failed).
        public var budget: ForecastBudget
        /// P80 of the finish of every task the forecast followed (milestones, gates, deadlines,
        /// criteria and what the caller asked for), by task index.
        public var p80: [Int: Day] = [:]

        public var notSimulated: Bool { budget.granted == 0 && unavailable == nil }

        /// Below this (percent) a deadline's confidence turns the report AMBER.
        public static let amberBelow = 80.0

        /// A not-done task with an `estimate`, or an open risk with a `probability` and a `delay`.
        public static func applies(to plan: Plan) -> Bool {
            plan.tasks.contains { $0.estimate != nil && $0.status?.value != .done }
                || plan.risks.contains { ($0.status?.value ?? .open) == .open && $0.probability != nil && ($0.delay != nil || $0.delayEstimate != nil) }
        }

        /// The simulation the report reads (its gates' confidence criteria too): run when the
        /// section applies or a criterion needs it.
        /// The iterations follow `ForecastBudget`; nil when nothing needs a simulation or the plan
        /// is above the budget.
        static func forecast(_ compilation: Compilation, network: Network, schedule: Schedule,
                             budget: ForecastBudget, follow: [Int] = []) -> GateForecast? {
            guard applies(to: network.plan) || GateForecast.isNeeded(by: network.plan), budget.granted > 0 else { return nil }
            return GateForecast.simulate(network: network, schedule: schedule, levels: compilation.levelling != nil,
                                         settings: ForecastSettings(iterations: budget.granted, alsoFollow: follow))
        }

        static func build(_ forecast: GateForecast?, network: Network, schedule: Schedule, budget: ForecastBudget) -> Confidence? {
            let plan = network.plan
            guard applies(to: plan) else { return nil }
            func empty(_ why: String?) -> Confidence {
                Confidence(iterations: 0, seed: 0, finishP50: schedule.finish, finishP80: schedule.finish, deadlines: [],
                           drivers: [], risks: [], curve: nil, unavailable: why, budget: budget)
            }
            guard let forecast else { return budget.granted == 0 ? empty(nil) : nil }
            guard let result = forecast.result else {
                var why = ""
                if case .unavailable(let reason) = forecast { why = reason }
                return empty(why)
            }
            func title(_ task: Int) -> String { plan.tasks[task].title ?? plan.tasks[task].id.value }
            let deadlines = result.targets.compactMap { target -> Deadline? in
                guard let deadline = target.deadline, let probability = target.probability, schedule[target.task].progress != .done else { return nil }
                return Deadline(task: target.task, id: target.id, title: title(target.task), deadline: deadline,
                                p50: target.percentiles.p50, p80: target.percentiles.p80, probability: probability)
            }
            let drivers = result.tasks.enumerated()
                .compactMap { offset, stat in stat.sensitivity.map { (offset, stat, $0) } }
                .filter { abs($0.2) >= 0.05 }
                .sorted { (-abs($0.2), $0.0) < (-abs($1.2), $1.0) }
                .prefix(5)
                .map { Driver(id: $0.1.id, title: title($0.1.task), sensitivity: $0.2, criticality: $0.1.criticality) }
            let risks = result.risks.enumerated()
                .compactMap { offset, stat in stat.meanDelay.flatMap { $0 >= 0.05 ? (offset, stat, $0) : nil } }
                .sorted { (-$0.2, $0.0) < (-$1.2, $1.0) }
                .prefix(3)
                .map { RiskDriver(id: $0.1.id, title: plan.risks[$0.1.risk].title ?? $0.1.id, occurred: $0.1.occurred, meanDelay: $0.2) }
            return Confidence(iterations: result.iterations, seed: result.seed, finishP50: result.finish.p50, finishP80: result.finish.p80,
                              deadlines: deadlines, drivers: Array(drivers), risks: Array(risks), curve: ForecastCurve(result), unavailable: nil,
                              budget: budget, p80: Dictionary(result.targets.map { ($0.task, $0.percentiles.p80) }, uniquingKeysWith: { first, _ in first }))
        }

        /// AMBER reasons: each deadline met in fewer than 80% of the iterations.
        public var amberReasons: [String] {
            deadlines.filter { 100 * $0.probability < Self.amberBelow }.map {
                "'\($0.id)' meets its deadline \($0.deadline) in only \(Self.percent($0.probability)) of the forecast (P80 \($0.p80))"
            }
        }

        /// The colour with the confidence reasons laid over it: never kinder, RED stays RED.
        func judged(_ health: Health, _ reasons: [String]) -> (Health, [String]) {
            let amber = amberReasons
            switch health {
            case .red: return (.red, reasons + amber)
            case .amber: return (.amber, reasons + amber)
            case .green:
                if !amber.isEmpty { return (.amber, amber) }
                if notSimulated { return (.green, reasons + ["no deadline's confidence was simulated: the plan is too large for the report's forecast"]) }
                if unavailable != nil { return (.amber, ["the forecast could not run, so no deadline's confidence is known"]) }
                let met = deadlines.map { "'\($0.id)' meets its deadline in \(Self.percent($0.probability)) of the forecast" }
                return (.green, reasons + met)
            }
        }

        /// "62.3%", "100%": rounded down to 0.1%, so just under 80% never reads as 80%.
        public static func percent(_ share: Double) -> String { GateEvaluator.percent(100 * share, down: true) }
    }
}
