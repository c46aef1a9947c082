/// Everything the status report says, computed from the compiled plan, its schedule, its gates
/// and (optionally) a baseline. Writers only format it.
public struct StatusReport: Sendable {
    public enum Health: String, Sendable {
        case green, amber, red

        /// GREEN, AMBER or RED, as reports and email subjects show it.
        public var label: String { rawValue.uppercased() }
    }

    public struct Milestone: Sendable, Equatable {
        public var task: Int
        public var id: String
        public var title: String
        public var isGate: Bool
        public var date: Day
        public var done: Bool
        public var baselineDate: Day?
        /// Working days later than the baseline (negative: earlier).
        public var slip: Int?
        public var deadline: Day?
        /// Working days between the forecast and the deadline (negative: late).
        public var deadlineMargin: Int?
        public var verdict: Verdict?
        public var critical: Bool
    }

    public struct TaskLine: Sendable, Equatable {
        public var task: Int
        public var id: String
        public var title: String
        public var owner: String?
        public var start: Day
        public var finish: Day
        public var totalFloat: Int
        public var reason: String
    }

    public struct DoDGap: Sendable, Equatable {
        public var task: Int
        public var id: String
        public var items: [DefinitionOfDone.Gap]
    }

    public struct RiskLine: Sendable, Equatable {
        public var id: String
        public var title: String
        public var score: Int?
        public var status: String
        public var owner: String?
        public var trigger: String?
        public var response: String?
        public var affects: [String]
    }

    public struct EventLine: Sendable, Equatable {
        public var id: String
        public var title: String
        public var date: Day?
        public var earliest: Day?
        public var margin: Int?
        public var driver: String?
    }

    public struct Change: Sendable, Equatable {
        public var id: String
        public var title: String
        public var baselineFinish: Day?
        public var finish: Day?
        /// Working days later than the baseline; nil for added or removed items.
        public var slip: Int?
    }

    public var planID: String
    public var title: String
    public var statusDate: Day?
    public var start: Day
    public var finish: Day
    public var baselineFinish: Day?
    /// The deadline that decides the plan: the tightest one among unfinished work.
    public var keyDeadline: (id: String, deadline: Day, margin: Int)?
    public var health: Health
    public var healthReasons: [String]
    public var milestones: [Milestone]
    public var criticalPath: [TaskLine]
    public var lateTasks: [TaskLine]
    public var atRiskTasks: [TaskLine]
    public var dodGaps: [DoDGap]
    public var occurredRisks: [RiskLine]
    public var topRisks: [RiskLine]
    public var eventsAtRisk: [EventLine]
    public var changes: [Change]
    public var hasBaseline: Bool
    /// Everything the plan's diagnostics say that a reader should know (errors first).
    public var findings: [String]

    /// Tasks starting within this many working days of the status date count as "coming up".
    public static let horizon = 10
    /// Events or deadlines this close (working days) are at risk.
    public static let tightMargin = 3
}

extension StatusReport: Equatable {
    public static func == (a: StatusReport, b: StatusReport) -> Bool {
        a.planID == b.planID && a.statusDate == b.statusDate && a.finish == b.finish && a.health == b.health
            && a.milestones == b.milestones && a.lateTasks == b.lateTasks && a.changes == b.changes
    }
}
