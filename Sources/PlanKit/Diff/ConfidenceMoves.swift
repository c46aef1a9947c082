/// How a change moves the forecast of each deadline: P80 and the chance of meeting the deadline,
/// both sides simulated with the same iterations and seed (the head's `forecast:` settings), so
/// an unchanged plan moves nothing.
extension PlanDiff {
    public struct ConfidenceMove: Sendable, Equatable {
        public var id: String
        public var title: String?
        /// The head's deadline.
        public var deadline: Day
        /// Nil when the base has no forecast of this deadline (a new task or deadline).
        public var baseP80: Day?
        public var headP80: Day
        /// Working days the P80 moved (positive: later), on the head's calendar.
        public var workingDays: Int
        /// Shares 0...1 of iterations meeting the deadline.
        public var baseProbability: Double?
        public var headProbability: Double
    }

    /// The simulation both sides ran.
    public struct ConfidenceRun: Sendable, Equatable {
        public var iterations: Int
        public var seed: UInt64
    }

    /// Both sides' simulations when either side has estimates or probable risks, or a gate asks
    /// for confidence (nil otherwise); the same settings on both.
    static func forecasts(base: Compilation, old: Network, baseSchedule: Schedule, head: Compilation, new: Network,
                          headSchedule: Schedule) -> (base: GateForecast, head: GateForecast, run: ConfidenceRun)? {
        let wanted = [old.plan, new.plan].contains { StatusReport.Confidence.applies(to: $0) || GateForecast.isNeeded(by: $0) }
        guard wanted else { return nil }
        let spec = new.plan.forecast ?? old.plan.forecast
        let run = ConfidenceRun(iterations: spec?.iterations?.value ?? 10_000, seed: spec?.seed.map { UInt64($0.value) } ?? 1)
        let settings = ForecastSettings(iterations: run.iterations, seed: run.seed)
        return (GateForecast.simulate(network: old, schedule: baseSchedule, levels: base.levelling != nil, settings: settings),
                GateForecast.simulate(network: new, schedule: headSchedule, levels: head.levelling != nil, settings: settings),
                run)
    }

    /// Each head deadline whose P80 or chance of being met differs from the base's, in plan order.
    static func confidenceMoves(base: ForecastResult?, head: ForecastResult?, calendar: WorkingCalendar, plan: Plan) -> [ConfidenceMove] {
        guard let head else { return [] }
        var before: [String: ForecastResult.Target] = [:]
        for target in base?.targets ?? [] where before[target.id] == nil { before[target.id] = target }
        var moves: [ConfidenceMove] = []
        for target in head.targets {
            guard let deadline = target.deadline, let probability = target.probability else { continue }
            let was = before[target.id]
            let baseProbability = was?.deadline == deadline ? was?.probability : (was.flatMap { w in w.probability(onOrBefore: deadline) })
            let shift = was.map { calendar.workingPosition(onOrBefore: target.percentiles.p80) - calendar.workingPosition(onOrBefore: $0.percentiles.p80) } ?? 0
            guard was == nil || shift != 0 || baseProbability != probability || was!.percentiles.p80 != target.percentiles.p80 else { continue }
            moves.append(ConfidenceMove(id: target.id, title: plan.tasks[target.task].title, deadline: deadline, baseP80: was?.percentiles.p80,
                                        headP80: target.percentiles.p80, workingDays: shift, baseProbability: baseProbability,
                                        headProbability: probability))
        }
        return moves
    }
}

extension PlanDiff {
    /// "4d / 5d / 9d" (low / likely / high) for the task changes.
    static func describe(_ estimate: Estimate) -> String {
        [estimate.low, estimate.likely, estimate.high].map { $0?.value.description ?? "?" }.joined(separator: " / ")
    }
}
