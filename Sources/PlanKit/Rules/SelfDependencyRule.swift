import PlanSyntax

/// A task cannot wait for itself, for a summary that contains it, or for a task it contains.
public struct SelfDependencyRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let tasks = context.plan.tasks
        for index in tasks.indices where !tasks[index].after.isEmpty {
            let task = tasks[index]
            for (number, dependency) in task.after.enumerated() {
                guard let target = context.targetTask(of: index, number),
                      target == index || context.isAncestor(target, of: index) || context.isAncestor(index, of: target) else { continue }
                let id = task.id.value, other = dependency.target.value
                if target == index {
                    context.emit(Self.descriptor, "'\(id)' depends on itself", at: dependency.target.location,
                                 help: "remove '\(id)' from its own `after:` list")
                } else if context.isAncestor(target, of: index) {
                    context.emit(Self.descriptor, "'\(id)' depends on '\(other)', a summary that contains it",
                                 at: dependency.target.location,
                                 help: "a summary finishes only when its parts do; depend on the specific task inside '\(other)' instead",
                                 notes: [("'\(other)' is defined here", context.plan.tasks[target].id.location)])
                } else if context.isAncestor(index, of: target) {
                    context.emit(Self.descriptor, "summary '\(id)' depends on '\(other)', one of its own parts",
                                 at: dependency.target.location,
                                 help: "a summary's `after:` holds back every part, including '\(other)'; move the dependency onto the parts that follow '\(other)'",
                                 notes: [("'\(other)' is defined here", context.plan.tasks[target].id.location)])
                }
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E202", name: "self-dependency", severity: .error,
        summary: "a task depends on itself, on a summary that contains it, or (as a summary) on one of its own parts",
        rationale: "Each of these can never be satisfied: a summary finishes after its parts, and its own dependencies hold its parts back.",
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d, after: [↓design] }\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: engine\n    tasks:\n      - { id: engine-core, duration: 15d, after: [↓engine] }\n"),
        ],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - id: engine\n    after: [design]\n    tasks:\n      - { id: engine-core, duration: 15d }\n")])
}
