import PlanSyntax

/// A `confidence` criterion asks how likely a task is to finish by a date: without `by` that date
/// is the task's deadline, and a task without one leaves the criterion nothing to measure.
public struct ConfidenceWithoutDateRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan, network = context.network
        for gate in plan.gates {
            for criterion in gate.criteria {
                guard case .confidence(let condition) = criterion.kind, condition.by == nil,
                      let task = network.taskIndex(condition.task.value), plan.tasks[task].deadline == nil else { continue }
                context.emit(Self.descriptor,
                             "criterion '\(criterion.id.value)' of gate '\(plan.tasks[gate.task].id.value)' asks for confidence in '\(condition.task.value)', which has no deadline, and gives no `by` date",
                             at: condition.task.location,
                             help: "add `by: DATE` to the criterion, or a `deadline:` to '\(condition.task.value)'")
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E407", name: "confidence-without-date", severity: .error,
        summary: "a confidence criterion has no date to measure against",
        rationale: "A confidence criterion is the probability of finishing by a date: its `by`, else the task's deadline. With neither, a verdict would rest on nothing, so the plan is refused rather than given a GO.",
        triggering: [Example("plan: exchange-listing\nstart: 2027-02-01\ntasks:\n  - { id: go-live, milestone: true }\ngates:\n  - id: listing-review\n    criteria:\n      - { id: launch-confidence, confidence: { task: ↓go-live, min: 80% } }\n")],
        passing: [Example("plan: exchange-listing\nstart: 2027-02-01\ntasks:\n  - { id: go-live, milestone: true, deadline: 2027-03-12 }\ngates:\n  - id: listing-review\n    criteria:\n      - { id: launch-confidence, confidence: { task: go-live, min: 80% } }\n"),
                  Example("plan: exchange-listing\nstart: 2027-02-01\ntasks:\n  - { id: go-live, milestone: true }\ngates:\n  - id: listing-review\n    criteria:\n      - { id: launch-confidence, confidence: { task: go-live, by: 2027-03-12, min: 80% } }\n")])
}
