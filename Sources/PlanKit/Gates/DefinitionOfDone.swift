import PlanSyntax

/// What "done" means for a task: every item of its Definition-of-Done lists is satisfied, by
/// evidence in `checks` or, for a metric item, by the metric meeting its target.
public enum DefinitionOfDone {
    public struct Gap: Sendable, Equatable {
        public var list: String
        public var item: String
        public var itemLocation: SourceLocation
        public var reason: String
    }

    /// The lists that apply: the task's own `dod`, or the plan's `default` list when it names none.
    /// Gates have criteria instead.
    public static func lists(for task: Task, in plan: Plan) -> [DoDList] {
        guard task.kind != .gate else { return [] }
        if task.dod.isEmpty { return plan.dodLists.filter { $0.name.value == "default" } }
        return task.dod.compactMap { name in plan.dodLists.first { $0.name.value == name.value } }
    }

    public static func gaps(for task: Task, in plan: Plan, metrics: MetricSet) -> [Gap] {
        var gaps: [Gap] = []
        for list in lists(for: task, in: plan) {
            for item in list.items {
                if let condition = item.metric?.value {
                    guard let measured = metrics[condition.metric] else {
                        gaps.append(Gap(list: list.name.value, item: item.id.value, itemLocation: item.id.location,
                                        reason: "no value for \(condition.metric)"))
                        continue
                    }
                    if !condition.comparison.holds(measured.value, condition.target) {
                        gaps.append(Gap(list: list.name.value, item: item.id.value, itemLocation: item.id.location,
                                        reason: "\(condition.metric) is \(MetricSet.format(measured.value)), needs \(condition.comparison.symbol) \(condition.targetText)"))
                    }
                } else if !task.checks.contains(where: { $0.item.value == item.id.value && !$0.evidence.isEmpty }) {
                    gaps.append(Gap(list: list.name.value, item: item.id.value, itemLocation: item.id.location,
                                    reason: "no evidence under `checks`"))
                }
            }
        }
        return gaps
    }

    /// Done as recorded: `status: done`, or for a summary every part done.
    public static func isDone(_ index: Int, in plan: Plan) -> Bool {
        let task = plan.tasks[index]
        if task.status?.value == .done { return true }
        guard task.isSummary else { return false }
        return task.children.allSatisfy { isDone($0, in: plan) }
    }
}
