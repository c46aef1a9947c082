import PlanSyntax

/// Every piece of work has an owner: its own, or its summary's.
public struct MissingOwnerRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let tasks = context.plan.tasks
        for (index, task) in tasks.enumerated() where task.kind == .task && !task.isSummary && !task.id.value.isEmpty {
            var current: Int? = index
            var owned = false
            while let at = current {
                if tasks[at].owner != nil || !tasks[at].assign.isEmpty { owned = true; break }
                current = tasks[at].parent
            }
            if !owned {
                context.emit(Self.descriptor, "task '\(task.id.value)' has no owner", at: task.id.location,
                             help: "add `owner: TEAM` to the task or to a summary above it")
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W301", name: "missing-owner", severity: .warning,
        summary: "a task has no owner, and no summary above it has one",
        rationale: "Work without an owner is work nobody is doing. A summary's owner covers its parts, so a workstream needs one line.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: ↓design, duration: 5d }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d, owner: trading-core }\n  - id: engine\n    owner: trading-core\n    tasks:\n      - { id: engine-core, duration: 15d }\n")])
}
