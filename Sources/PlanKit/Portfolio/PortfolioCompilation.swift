import PlanSyntax

/// The result of compiling a portfolio: the portfolio file, each plan's compilation (in the
/// portfolio's order: sorted by path), the cross-plan links and the shared teams' load across
/// plans, and every diagnostic, each once.
public struct PortfolioCompilation: Sendable {
    /// A cross-plan link `after: [options:go-live]`, resolved.
    public struct CrossLink: Sendable, Equatable {
        /// Index into `members` of the plan whose task waits, and the task.
        public var successorPlan: Int
        public var successor: Int
        /// The link's index in the successor plan's network.
        public var link: Int
        public var predecessorPlan: Int
        public var predecessor: Int
    }

    /// One run of days on which a shared team's demand, over every plan, exceeds its capacity.
    public struct SharedOverload: Sendable, Equatable {
        public struct Contribution: Sendable, Equatable {
            public var plan: Int
            public var task: Int
            public var milliUnits: Int
            public var from: Day
            public var to: Day
        }

        public var team: String
        public var from: Day
        public var to: Day
        public var workingDays: Int
        public var peakMilliUnits: Int
        public var milliCapacity: Int
        /// Plan order, then task order.
        public var contributions: [Contribution]
        /// The plans involved, in portfolio order.
        public var plans: [Int] { Array(Set(contributions.map(\.plan))).sorted() }
    }

    public let path: String
    public let portfolio: Portfolio?
    public let members: [Compilation]
    public let crossLinks: [CrossLink]
    public let overloads: [SharedOverload]
    public let diagnostics: [Diagnostic]
    public let sources: SourceManager

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The plan id of member `index` (its path when it has none).
    public func planID(_ index: Int) -> String {
        members[index].plan?.id?.value ?? members[index].path
    }
}
