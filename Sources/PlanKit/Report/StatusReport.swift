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
        /// For a gate: its verdict when it is due or done, or "not yet due".
        public var gate: GateStanding?
        public var critical: Bool
    }

    /// Where a gate stands in the report: a gate further out than the horizon is not judged yet.
    public enum GateStanding: Sendable, Equatable {
        case verdict(Verdict)
        case notYetDue

        /// "GO", "CONDITIONAL GO", "NO-GO" or "not yet due".
        public var spoken: String {
            switch self {
            case .verdict(let verdict): return verdict.spoken
            case .notYetDue: return "not yet due"
            }
        }

        /// The verdict that counts now: nil for a gate not yet due.
        public var verdict: Verdict? {
            if case .verdict(let verdict) = self { return verdict }
            return nil
        }
    }

    /// A gate with the criteria that do not pass (FAIL, MISSING, WAIVED), each with its value and
    /// target in `reason` ("stability.error_rate_pct is 0.34, needs ≤ 0.1").
    public struct GateLine: Sendable, Equatable {
        public var task: Int
        public var id: String
        public var title: String
        /// The forecast date (the actual one for a gate done).
        public var date: Day
        public var deadline: Day?
        public var done: Bool
        /// Not done, and forecast or due on or before the end of the horizon: its verdict counts.
        public var due: Bool
        public var standing: GateStanding
        /// What the evaluation says today, due or not.
        public var verdict: Verdict
        public var criteriaCount: Int
        public var open: [CriterionResult]
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
    /// Every gate, in date order.
    public var gates: [GateLine]
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
    /// How many of the findings are errors.
    public var errorCount: Int

    /// Working days after the status date in which gates are judged and critical work is "coming up".
    public var horizon: Int
    /// "Schedule confidence" (ConfidenceSection.swift); nil when the plan has no uncertainty.
    public var confidence: Confidence? = nil
    /// The default of `--horizon`.
    public static let defaultHorizon = 10
    /// Events or deadlines this close (working days) are at risk.
    public static let tightMargin = 3
}

extension StatusReport: Equatable {
    public static func == (a: StatusReport, b: StatusReport) -> Bool {
        a.planID == b.planID && a.statusDate == b.statusDate && a.finish == b.finish && a.health == b.health
            && a.milestones == b.milestones && a.gates == b.gates && a.healthReasons == b.healthReasons && a.lateTasks == b.lateTasks && a.changes == b.changes
            && a.confidence == b.confidence
    }
}
