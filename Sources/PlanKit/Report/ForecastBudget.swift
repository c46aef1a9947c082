import PlanSyntax

extension StatusReport {
    /// How many iterations the report's own simulation runs. `planc forecast` runs what it is asked
    /// (10,000 by default); a status report, an email or a portfolio page must come back promptly on
    /// any plan, so it spends at most `work` iterations × (tasks + links), in whole chunks, and says
    /// how many it ran. A plan whose `forecast:` sets `iterations`, or whose gates have a
    /// `confidence` criterion (their verdicts must equal `planc gate`'s), always gets the full count.
    public struct ForecastBudget: Sendable, Equatable {
        /// Iterations × (tasks + links) the report spends at most: 10,000 iterations of a plan of
        /// 3,000 tasks and links.
        public static let work = 30_000_000
        /// Fewer iterations than this would give percentiles too coarse to print: no simulation.
        public static let fewest = Forecaster.chunkSize

        /// The iterations `planc forecast` would run on the plan.
        public var requested: Int
        /// The iterations the report runs (0: none, the plan is too large for the budget).
        public var granted: Int
        /// Tasks and links the budget was measured against.
        public var size: Int
        /// The iterations × (tasks + links) it could spend.
        public var work: Int

        /// `work`: the budget (tests pass a small one).
        public init(network: Network, work: Int = Self.work) {
            let plan = network.plan
            self.work = work
            requested = plan.forecast?.iterations?.value ?? 10_000
            size = max(1, plan.tasks.count + network.links.count)
            if plan.forecast?.iterations != nil || GateForecast.isNeeded(by: plan) || requested * size <= work {
                granted = requested
            } else {
                let affordable = work / size / Forecaster.chunkSize * Forecaster.chunkSize
                granted = affordable >= Self.fewest ? min(requested, affordable) : 0
            }
        }

        public var isReduced: Bool { granted < requested }
    }
}
