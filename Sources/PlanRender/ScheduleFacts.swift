import PlanKit

/// Facts every schedule writer shows, derived once from the plan and its schedule so that writers
/// only format (titles, owners, the tightest deadline margin).
public struct ScheduleFacts: Sendable {
    public struct DeadlineMargin: Sendable, Equatable {
        public var task: Int
        public var deadline: Day
        /// Working days between the forecast finish and the deadline: negative when it is missed.
        public var workingDays: Int
    }

    public let network: Network
    public let plan: Plan
    public let schedule: Schedule
    /// Risks assumed to occur (`planc schedule --assume-risk`).
    public let assumedRisks: [String]
    /// When each marketing event may happen, by event.
    public let events: [EventTiming]
    /// What levelling did and what each team carries (empty when neither was computed).
    public let resources: ResourceFacts
    /// With `--capacity TEAM=N`: what the assumed capacities buy against the plan's own.
    public var capacityWhatIf: CapacityWhatIf?
    /// With `planc report --trend`: how each deadline task fared over the plan's git history.
    public var trend: [Trend.Summary]?

    /// `levelling` and `load` are the compilation's: pass them only with the schedule they were
    /// computed for (a what-if schedule has neither).
    public init(network: Network, schedule: Schedule, assumedRisks: [String] = [], levelling: Levelling? = nil, load: ResourceLoad? = nil) {
        self.network = network
        plan = network.plan
        self.schedule = schedule
        self.assumedRisks = assumedRisks
        self.events = EventTiming.all(network: network, schedule: schedule)
        resources = ResourceFacts(schedule: schedule, levelling: levelling, load: load)
    }

    public func title(_ task: Int) -> String {
        plan.tasks[task].title ?? plan.tasks[task].id.value
    }

    /// A task's owner, or the nearest summary's above it.
    public func owner(_ task: Int) -> String? { network.owner(of: task) }

    /// How many summaries contain the task.
    public func depth(_ task: Int) -> Int { network.depth(of: task) }

    /// Every deadline of work not yet done, with its margin, tightest first (ties in plan order).
    public var deadlineMargins: [DeadlineMargin] {
        let calendar = schedule.calendar
        var margins: [DeadlineMargin] = []
        for (index, task) in plan.tasks.enumerated() {
            guard let deadline = task.deadline?.value, schedule[index].progress != .done else { continue }
            let margin = PlanKit.DeadlineMargin.workingDays(finish: schedule[index].finish, deadline: deadline, calendar: calendar)
            margins.append(DeadlineMargin(task: index, deadline: deadline, workingDays: margin))
        }
        return margins.sorted { ($0.workingDays, $0.task) < ($1.workingDays, $1.task) }
    }

    /// `start 2026-12-07, finish 2027-03-16; launch: 4 working days before its deadline 2027-03-15`
    public var summaryLine: String {
        var line = assumedRisks.isEmpty ? "" : "assuming risk \(assumedRisks.joined(separator: ", ")) occurs: "
        line += "start \(schedule.start), finish \(schedule.finish)"
        if let status = schedule.statusDate { line += ", status date \(status)" }
        if let tightest = deadlineMargins.first {
            let id = plan.tasks[tightest.task].id.value
            let days = abs(tightest.workingDays)
            let unit = days == 1 ? "working day" : "working days"
            if tightest.workingDays >= 0 {
                line += "; \(id): \(days) \(unit) before its deadline \(tightest.deadline)"
            } else {
                line += "; \(id): \(days) \(unit) LATE for its deadline \(tightest.deadline)"
            }
        }
        return line
    }
}
