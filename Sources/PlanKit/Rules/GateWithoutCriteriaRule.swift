import PlanSyntax

/// A gate decides nothing without criteria: its verdict would always be NO-GO.
public struct GateWithoutCriteriaRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        for gate in context.plan.gates where gate.criteria.isEmpty && gate.invalidCriteria == 0 {
            let task = context.plan.tasks[gate.task]
            context.emit(Self.descriptor, "gate '\(task.id.value)' has no criteria, so its verdict is always NO-GO",
                         at: task.id.location,
                         help: "add criteria, e.g. { id: stability, metric: \"stability.error_rate_pct <= 0.1\" }; or make it a milestone")
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W406", name: "gate-without-criteria", severity: .warning,
        summary: "a gate has no criteria",
        rationale: "Release is authorised only when stated standards are met; a gate with none can never say GO, which is almost always an unfinished gate.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ngates:\n  - { id: ↓go-live }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ngates:\n  - id: go-live\n    criteria:\n      - { id: stability, metric: \"stability.error_rate_pct <= 0.1\" }\n")])
}
