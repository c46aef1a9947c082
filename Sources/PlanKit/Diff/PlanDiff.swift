/// What a change does to a plan: the tasks and risks added, removed and changed, and — when both
/// sides could be scheduled — every milestone, gate and the plan finish that moved (in working days
/// of the head's calendar), deadlines newly missed or met, gate verdicts that changed and the
/// critical path's new and lost members. A value computed once from two compilations; writers only
/// format it.
///
/// Importance, highest first (the order of `changes`): a deadline now missed (then one now met), a
/// gate verdict that changed, a milestone, gate or the finish that moved (largest move first), the
/// critical path, task changes, risk changes.
public struct PlanDiff: Sendable, Equatable {
    /// One side of the comparison as compiled.
    public struct Side: Sendable, Equatable {
        /// The path shown to people (for `--git`, `REV:path`).
        public var path: String
        public var plan: String?
        public var statusDate: Day?
        public var finish: Day?
        public var errors: Int
        /// False when the plan has errors that stop it from being scheduled: its dates and verdicts
        /// cannot be compared.
        public var scheduled: Bool

        public init(path: String, plan: String?, statusDate: Day?, finish: Day?, errors: Int, scheduled: Bool) {
            self.path = path
            self.plan = plan
            self.statusDate = statusDate
            self.finish = finish
            self.errors = errors
            self.scheduled = scheduled
        }
    }

    public enum MovementKind: String, Sendable {
        case milestone, gate, finish
    }

    /// A milestone, gate or the plan finish on a different date.
    public struct Movement: Sendable, Equatable {
        public var kind: MovementKind
        /// Nil for the plan finish.
        public var id: String?
        public var title: String?
        public var base: Day
        public var head: Day
        /// Working days later (positive, a slip) or earlier (negative), counted on the head's calendar.
        /// Zero when the date moved within non-working days (an elapsed finish from Saturday to Sunday).
        public var workingDays: Int
        /// The head's deadline, and whether the head's forecast is after it.
        public var deadline: Day?
        public var missesDeadline: Bool
    }

    /// A deadline whose state changed: missed in the head but not in the base, or the other way.
    public struct DeadlineChange: Sendable, Equatable {
        public enum State: String, Sendable {
            case missed, met
        }

        public var state: State
        public var id: String
        public var kind: Task.Kind
        public var deadline: Day
        /// The base's forecast (nil when the task, or its deadline, is new).
        public var baseFinish: Day?
        public var finish: Day
        /// Missed: working days late (at least 1). Met: working days to spare (0: on the deadline).
        public var workingDays: Int
    }

    public struct CriterionChange: Sendable, Equatable {
        public var id: String
        public var title: String?
        /// Nil when the criterion exists on one side only.
        public var base: CriterionStatus?
        public var head: CriterionStatus?
        /// Why the head's status is what it is (the base's reason for a removed criterion).
        public var reason: String
    }

    /// A gate whose verdict differs, evaluated on each side with its own metrics and status date.
    public struct VerdictChange: Sendable, Equatable {
        public var id: String
        public var title: String?
        /// Nil for a gate new in the head.
        public var base: Verdict?
        public var head: Verdict
        /// The criteria whose status changed, in the head's order, then criteria removed.
        public var criteria: [CriterionChange]
        public var summary: String
    }

    /// Leaf tasks and milestones that joined or left the critical path.
    public struct CriticalPathChange: Sendable, Equatable {
        public var base: [String]
        public var head: [String]
        /// On the head's path but not the base's, in path order.
        public var added: [String]
        /// On the base's path but not the head's, in path order.
        public var removed: [String]
    }

    /// A task added or removed, with what a reviewer needs to place it.
    public struct TaskSummary: Sendable, Equatable {
        public var id: String
        public var kind: Task.Kind
        public var title: String?
        public var owner: String?
        public var duration: String?
        public var dependencies: [String]
        public var parent: String?
    }

    /// A field as written on each side (nil: not set).
    public struct FieldChange: Sendable, Equatable {
        public var field: String
        public var base: String?
        public var head: String?

        public init(field: String, base: String?, head: String?) {
            self.field = field
            self.base = base
            self.head = head
        }
    }

    public struct TaskChange: Sendable, Equatable {
        public var id: String
        public var kind: Task.Kind
        public var title: String?
        public var fields: [FieldChange]

        public init(id: String, kind: Task.Kind, title: String?, fields: [FieldChange]) {
            self.id = id
            self.kind = kind
            self.title = title
            self.fields = fields
        }
    }

    public struct RiskSummary: Sendable, Equatable {
        public var id: String
        public var title: String?
        public var score: Int?
        public var status: String
        public var owner: String?

        public init(id: String, title: String?, score: Int?, status: String, owner: String?) {
            self.id = id
            self.title = title
            self.score = score
            self.status = status
            self.owner = owner
        }
    }

    public struct RiskChange: Sendable, Equatable {
        public var id: String
        public var title: String?
        public var fields: [FieldChange]

        public init(id: String, title: String?, fields: [FieldChange]) {
            self.id = id
            self.title = title
            self.fields = fields
        }
    }

    /// An over-allocation in one side with nothing overlapping it for the same team in the other:
    /// created by the change (in the head) or removed by it (in the base).
    public struct OverAllocationChange: Sendable, Equatable {
        public enum State: String, Sendable {
            case created, removed
        }

        public var state: State
        public var team: String
        public var from: Day
        public var to: Day
        /// The highest demand and the capacity on that day, in thousandths of a person.
        public var peakMilliUnits: Int
        public var milliCapacity: Int
        /// The tasks working for the team in the period, by id (the side's own).
        public var tasks: [String]
    }

    /// A task levelling moves by a different number of working days (0 on an unlevelled side).
    public struct DelayChange: Sendable, Equatable {
        public var id: String
        public var title: String?
        public var base: Int
        public var head: Int
    }

    /// One change, for ranking and for the headline.
    public enum Change: Sendable, Equatable {
        case deadline(DeadlineChange)
        case verdict(VerdictChange)
        case movement(Movement)
        case criticalPath(CriticalPathChange)
        case overAllocation(OverAllocationChange)
        case levellingDelay(DelayChange)
        case taskAdded(TaskSummary)
        case taskRemoved(TaskSummary)
        case taskChanged(TaskChange)
        case riskAdded(RiskSummary)
        case riskRemoved(RiskSummary)
        case riskChanged(RiskChange)
    }

    public var base: Side
    public var head: Side
    /// Missed deadlines first (latest first), then deadlines now met.
    public var deadlines: [DeadlineChange] = []
    /// In the head's gate order.
    public var verdicts: [VerdictChange] = []
    /// Largest move first; ties in the head's plan order, the plan finish last.
    public var movements: [Movement] = []
    public var criticalPath: CriticalPathChange?
    /// Deadlines whose forecast P80 or chance moved (ConfidenceMoves.swift), in the head's plan order.
    public var confidence: [ConfidenceMove] = []
    /// The simulation both sides ran (nil: neither side has uncertainty, nothing was simulated).
    public var confidenceRun: ConfidenceRun?
    /// Created first, then removed; each in the order of the side's teams and periods.
    public var overAllocations: [OverAllocationChange] = []
    /// In the head's plan order.
    public var delays: [DelayChange] = []
    /// Added and changed in the head's plan order, removed in the base's.
    public var addedTasks: [TaskSummary] = []
    public var removedTasks: [TaskSummary] = []
    public var changedTasks: [TaskChange] = []
    /// Added risks highest score first; changed in the head's order, removed in the base's.
    public var addedRisks: [RiskSummary] = []
    public var removedRisks: [RiskSummary] = []
    public var changedRisks: [RiskChange] = []

    /// Dates, deadlines, verdicts and the critical path are compared only when both sides scheduled.
    public var datesCompared: Bool { base.scheduled && head.scheduled }

    /// Every change, most important first.
    public var changes: [Change] {
        var all: [Change] = deadlines.map(Change.deadline) + verdicts.map(Change.verdict) + movements.map(Change.movement)
        if let criticalPath { all.append(.criticalPath(criticalPath)) }
        all += overAllocations.map(Change.overAllocation) + delays.map(Change.levellingDelay)
        all += addedTasks.map(Change.taskAdded) + removedTasks.map(Change.taskRemoved) + changedTasks.map(Change.taskChanged)
        all += addedRisks.map(Change.riskAdded) + removedRisks.map(Change.riskRemoved) + changedRisks.map(Change.riskChanged)
        return all
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// Whether any date, deadline, verdict, the critical path, an over-allocation or a levelling
    /// delay changed.
    public var changesSchedule: Bool {
        !deadlines.isEmpty || !verdicts.isEmpty || !movements.isEmpty || criticalPath != nil || !overAllocations.isEmpty || !delays.isEmpty
            || !confidence.isEmpty
    }

    public init(base: Side, head: Side) {
        self.base = base
        self.head = head
    }
}

extension PlanDiff {
    /// Compares two compiled plans; nil when either could not be read at all (`plan` is nil). A side
    /// without a schedule gives a structural diff only (`datesCompared` is false). `basePath` and
    /// `headPath` name the sides for people (default: the compilations' paths).
    public static func compare(base: Compilation, head: Compilation, basePath: String? = nil, headPath: String? = nil) -> PlanDiff? {
        guard let old = base.network, let new = head.network else { return nil }
        let basePlan = old.plan, headPlan = new.plan
        var diff = PlanDiff(base: side(base, plan: basePlan, path: basePath), head: side(head, plan: headPlan, path: headPath))
        diff.compareTasks(old, new)
        diff.compareRisks(basePlan, headPlan)
        if let baseSchedule = base.schedule, let headSchedule = head.schedule {
            let sides = Scheduled(old: old, base: baseSchedule, new: new, head: headSchedule)
            diff.movements = sides.movements()
            diff.deadlines = sides.deadlines()
            diff.criticalPath = sides.criticalPathChange()
            let forecasts = Self.forecasts(base: base, old: old, baseSchedule: baseSchedule, head: head, new: new, headSchedule: headSchedule)
            diff.verdicts = sides.verdicts(baseMetrics: base.metrics, headMetrics: head.metrics, forecasts: forecasts.map { ($0.base, $0.head) })
            if let forecasts {
                diff.confidenceRun = forecasts.run
                diff.confidence = Self.confidenceMoves(base: forecasts.base.result, head: forecasts.head.result,
                                                       calendar: headSchedule.calendar, plan: new.plan)
            }
            diff.overAllocations = Self.overAllocations(base: base.load, old.plan, head: head.load, new.plan)
            diff.delays = Self.delays(base: base.levelling, old, head: head.levelling, new)
        }
        return diff
    }

    /// Over-allocations of one side that no over-allocation of the same team overlaps in the other.
    static func overAllocations(base: ResourceLoad?, _ basePlan: Plan, head: ResourceLoad?, _ headPlan: Plan) -> [OverAllocationChange] {
        func periods(_ load: ResourceLoad?) -> [String: [ResourceLoad.Overload]] {
            var byTeam: [String: [ResourceLoad.Overload]] = [:]
            for team in load?.teams ?? [] { byTeam[team.id, default: []] += team.overloads }
            return byTeam
        }
        let before = periods(base), after = periods(head)
        func unmatched(_ load: ResourceLoad?, _ plan: Plan, against other: [String: [ResourceLoad.Overload]],
                       _ state: OverAllocationChange.State) -> [OverAllocationChange] {
            var changes: [OverAllocationChange] = []
            for team in load?.teams ?? [] {
                for overload in team.overloads where !(other[team.id] ?? []).contains(where: { $0.from <= overload.to && overload.from <= $0.to }) {
                    changes.append(OverAllocationChange(state: state, team: team.id, from: overload.from, to: overload.to,
                                                        peakMilliUnits: overload.peakMilliUnits, milliCapacity: overload.milliCapacity,
                                                        tasks: overload.tasks.map { plan.tasks[$0].id.value }))
                }
            }
            return changes
        }
        return unmatched(head, headPlan, against: before, .created) + unmatched(base, basePlan, against: after, .removed)
    }

    /// Tasks on both sides whose levelling delay differs.
    static func delays(base: Levelling?, _ old: Network, head: Levelling?, _ new: Network) -> [DelayChange] {
        guard base != nil || head != nil else { return [] }
        func delay(_ levelling: Levelling?, _ task: Int) -> Int {
            guard let delays = levelling?.delays, delays.indices.contains(task) else { return 0 }
            return delays[task]
        }
        var changes: [DelayChange] = []
        for (index, task) in new.plan.tasks.enumerated() where new.taskIndex(task.id.value) == index {
            guard let baseIndex = old.taskIndex(task.id.value) else { continue }
            let before = delay(base, baseIndex), after = delay(head, index)
            if before != after { changes.append(DelayChange(id: task.id.value, title: task.title, base: before, head: after)) }
        }
        return changes
    }

    static func side(_ compilation: Compilation, plan: Plan, path: String?) -> Side {
        Side(path: path ?? compilation.path, plan: plan.id?.value,
             statusDate: compilation.schedule?.statusDate ?? plan.asOf?.value,
             finish: compilation.schedule?.finish, errors: compilation.errorCount,
             scheduled: compilation.schedule != nil)
    }

    // MARK: - Structure

    /// Tasks are matched by id, the first definition on each side.
    mutating func compareTasks(_ old: Network, _ new: Network) {
        let basePlan = old.plan, headPlan = new.plan
        for (index, task) in headPlan.tasks.enumerated() where new.taskIndex(task.id.value) == index {
            guard let baseIndex = old.taskIndex(task.id.value) else {
                addedTasks.append(Self.summary(of: index, in: new))
                continue
            }
            let was = basePlan.tasks[baseIndex]
            var fields: [FieldChange] = []
            func note(_ field: String, _ before: String?, _ after: String?, same: Bool? = nil) {
                if !(same ?? (before == after)) { fields.append(FieldChange(field: field, base: before, head: after)) }
            }
            note("kind", was.kind.rawValue, task.kind.rawValue)
            note("title", was.title, task.title)
            note("parent", was.parent.map { basePlan.tasks[$0].id.value }, task.parent.map { headPlan.tasks[$0].id.value })
            note("duration", was.duration?.value.description, task.duration?.value.description,
                 same: Self.workingLength(was.duration?.value, old.calendar) == Self.workingLength(task.duration?.value, new.calendar))
            let before = old.links(of: baseIndex).map(\.description), after = new.links(of: index).map(\.description)
            note("dependencies", before.isEmpty ? nil : before.joined(separator: ", "),
                 after.isEmpty ? nil : after.joined(separator: ", "), same: before.sorted() == after.sorted())
            note("owner", was.owner?.value, task.owner?.value)
            note("status", (was.status?.value ?? .notStarted).rawValue, (task.status?.value ?? .notStarted).rawValue)
            note("progress", was.progress.map { MetricSet.format($0.value) + "%" }, task.progress.map { MetricSet.format($0.value) + "%" })
            note("deadline", was.deadline?.value.iso, task.deadline?.value.iso)
            note("estimate", was.estimate.map(Self.describe), task.estimate.map(Self.describe))
            note("phase", was.phase?.value, task.phase?.value)
            if !fields.isEmpty {
                changedTasks.append(TaskChange(id: task.id.value, kind: task.kind, title: task.title, fields: fields))
            }
        }
        for (index, task) in basePlan.tasks.enumerated() where old.taskIndex(task.id.value) == index && new.taskIndex(task.id.value) == nil {
            removedTasks.append(Self.summary(of: index, in: old))
        }
    }

    mutating func compareRisks(_ basePlan: Plan, _ headPlan: Plan) {
        var baseRisks: [String: Risk] = [:]
        for risk in basePlan.risks where baseRisks[risk.id.value] == nil { baseRisks[risk.id.value] = risk }
        var seen = Set<String>()
        for risk in headPlan.risks where seen.insert(risk.id.value).inserted {
            guard let was = baseRisks[risk.id.value] else {
                addedRisks.append(Self.summary(of: risk))
                continue
            }
            var fields: [FieldChange] = []
            func note(_ field: String, _ before: String?, _ after: String?) {
                if before != after { fields.append(FieldChange(field: field, base: before, head: after)) }
            }
            note("score", was.score.map(String.init), risk.score.map(String.init))
            note("status", (was.status?.value ?? .open).rawValue, (risk.status?.value ?? .open).rawValue)
            note("owner", was.owner?.value, risk.owner?.value)
            note("response", was.response?.value, risk.response?.value)
            if !fields.isEmpty { changedRisks.append(RiskChange(id: risk.id.value, title: risk.title, fields: fields)) }
        }
        // Highest score first: a new 5×5 risk matters more than a new 1×2 one.
        addedRisks = addedRisks.enumerated().sorted { a, b in
            (-(a.element.score ?? 0), a.offset) < (-(b.element.score ?? 0), b.offset)
        }.map(\.element)
        var removed = Set<String>()
        for risk in basePlan.risks where !seen.contains(risk.id.value) && removed.insert(risk.id.value).inserted {
            removedRisks.append(Self.summary(of: risk))
        }
    }

    static func summary(of index: Int, in network: Network) -> TaskSummary {
        let plan = network.plan, task = plan.tasks[index]
        return TaskSummary(id: task.id.value, kind: task.kind, title: task.title, owner: task.owner?.value,
                           duration: task.duration?.value.description, dependencies: network.links(of: index).map(\.description),
                           parent: task.parent.map { plan.tasks[$0].id.value })
    }

    static func summary(of risk: Risk) -> RiskSummary {
        RiskSummary(id: risk.id.value, title: risk.title, score: risk.score,
                    status: (risk.status?.value ?? .open).rawValue, owner: risk.owner?.value)
    }

    /// `1w` and `5d` are the same length on a five-day week: rewriting one as the other is no change.
    static func workingLength(_ duration: Duration?, _ calendar: WorkingCalendar) -> String? {
        guard let duration else { return nil }
        return duration.unit == .workingWeeks ? "\(calendar.workingDays(in: duration))d" : duration.description
    }
}

/// Both sides with their schedules: the comparisons that need dates.
private struct Scheduled {
    let old: Network
    let base: Schedule
    let new: Network
    let head: Schedule

    var basePlan: Plan { old.plan }
    var headPlan: Plan { new.plan }

    var calendar: WorkingCalendar { head.calendar }

    /// The index of the last working day on or before `day` (an elapsed finish may be a weekend).
    func workingIndex(_ day: Day) -> Int { calendar.workingPosition(onOrBefore: day) }

    func workingDays(from before: Day, to after: Day) -> Int { workingIndex(after) - workingIndex(before) }

    /// Whether the head's forecast for `index` misses its deadline (done work never does), and by how much.
    func lateness(_ index: Int, plan: Plan, schedule: Schedule) -> (deadline: Day, finish: Day, late: Int?)? {
        guard let deadline = plan.tasks[index].deadline?.value else { return nil }
        let entry = schedule[index]
        guard entry.progress != .done, entry.finish > deadline else { return (deadline, entry.finish, nil) }
        let late = max(1, schedule.calendar.workingPosition(onOrBefore: entry.finish) - schedule.calendar.workingPosition(onOrBefore: deadline))
        return (deadline, entry.finish, late)
    }

    func movements() -> [PlanDiff.Movement] {
        var moved: [(movement: PlanDiff.Movement, order: Int)] = []
        for (index, task) in headPlan.tasks.enumerated() where task.isMilestone && new.taskIndex(task.id.value) == index {
            guard let baseIndex = old.taskIndex(task.id.value), basePlan.tasks[baseIndex].isMilestone else { continue }
            let before = base[baseIndex].finish, after = head[index].finish
            guard before != after else { continue }
            let late = lateness(index, plan: headPlan, schedule: head)
            moved.append((PlanDiff.Movement(kind: task.kind == .gate ? .gate : .milestone, id: task.id.value, title: task.title,
                                            base: before, head: after, workingDays: workingDays(from: before, to: after),
                                            deadline: task.deadline?.value, missesDeadline: late?.late != nil), index))
        }
        if base.finish != head.finish {
            moved.append((PlanDiff.Movement(kind: .finish, id: nil, title: nil, base: base.finish, head: head.finish,
                                            workingDays: workingDays(from: base.finish, to: head.finish),
                                            deadline: nil, missesDeadline: false), Int.max))
        }
        // Largest move first; a slip before an equal gain; then plan order, the finish last.
        return moved.sorted { a, b in
            let x = a.movement.workingDays, y = b.movement.workingDays
            return (-abs(x), -x, a.order) < (-abs(y), -y, b.order)
        }.map(\.movement)
    }

    func deadlines() -> [PlanDiff.DeadlineChange] {
        var missed: [PlanDiff.DeadlineChange] = [], met: [PlanDiff.DeadlineChange] = []
        for (index, task) in headPlan.tasks.enumerated() where new.taskIndex(task.id.value) == index {
            guard let now = lateness(index, plan: headPlan, schedule: head) else { continue }
            let baseIndex = old.taskIndex(task.id.value)
            let was = baseIndex.flatMap { lateness($0, plan: basePlan, schedule: base) }
            let baseFinish = baseIndex.map { base[$0].finish }
            if let late = now.late {
                guard was?.late == nil else { continue }
                missed.append(PlanDiff.DeadlineChange(state: .missed, id: task.id.value, kind: task.kind, deadline: now.deadline,
                                                      baseFinish: baseFinish, finish: now.finish, workingDays: late))
            } else if was?.late != nil {
                let spare = calendar.workingPosition(onOrBefore: now.deadline) - calendar.workingPosition(onOrBefore: now.finish)
                met.append(PlanDiff.DeadlineChange(state: .met, id: task.id.value, kind: task.kind, deadline: now.deadline,
                                                   baseFinish: baseFinish, finish: now.finish, workingDays: max(0, spare)))
            }
        }
        // The latest first: the worst news leads.
        let ordered = missed.enumerated().sorted { ($0.element.workingDays, -$0.offset) > ($1.element.workingDays, -$1.offset) }
        return ordered.map(\.element) + met
    }

    func criticalPathChange() -> PlanDiff.CriticalPathChange? {
        let before = base.criticalPath.map { basePlan.tasks[$0].id.value }
        let after = head.criticalPath.map { headPlan.tasks[$0].id.value }
        let beforeSet = Set(before), afterSet = Set(after)
        let added = after.filter { !beforeSet.contains($0) }, removed = before.filter { !afterSet.contains($0) }
        guard !added.isEmpty || !removed.isEmpty else { return nil }
        return PlanDiff.CriticalPathChange(base: before, head: after, added: added, removed: removed)
    }

    func verdicts(baseMetrics: MetricSet, headMetrics: MetricSet, forecasts: (GateForecast, GateForecast)? = nil) -> [PlanDiff.VerdictChange] {
        let before = GateEvaluator(network: old, schedule: base, metrics: baseMetrics, statusDate: base.statusDate, forecast: forecasts?.0).evaluateAll()
        let after = GateEvaluator(network: new, schedule: head, metrics: headMetrics, statusDate: head.statusDate, forecast: forecasts?.1).evaluateAll()
        var byID: [String: GateResult] = [:]
        for result in before where byID[result.id] == nil { byID[result.id] = result }
        var changes: [PlanDiff.VerdictChange] = []
        for result in after {
            let was = byID[result.id]
            guard was?.verdict != result.verdict else { continue }
            var criteria: [PlanDiff.CriterionChange] = []
            var previous: [String: CriterionResult] = [:]
            for criterion in was?.criteria ?? [] where previous[criterion.id] == nil { previous[criterion.id] = criterion }
            for criterion in result.criteria where previous[criterion.id]?.status != criterion.status {
                criteria.append(PlanDiff.CriterionChange(id: criterion.id, title: criterion.title, base: previous[criterion.id]?.status,
                                                         head: criterion.status, reason: criterion.reason))
            }
            let current = Set(result.criteria.map(\.id))
            for criterion in was?.criteria ?? [] where !current.contains(criterion.id) {
                criteria.append(PlanDiff.CriterionChange(id: criterion.id, title: criterion.title, base: criterion.status,
                                                         head: nil, reason: criterion.reason))
            }
            changes.append(PlanDiff.VerdictChange(id: result.id, title: result.title, base: was?.verdict, head: result.verdict,
                                                  criteria: criteria, summary: result.summary))
        }
        return changes
    }
}
