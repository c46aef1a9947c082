import PlanSyntax

/// A task cannot wait for itself, for a summary that contains it, or for a task it contains.
public struct SelfDependencyRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let tasks = context.plan.tasks
        for link in context.network.links {
            guard let exclusion = link.exclusion, let target = link.targetTask else { continue }
            let id = tasks[link.successor].id.value, other = link.targetID.value
            switch exclusion {
            case .itself:
                context.emit(Self.descriptor, "'\(id)' depends on itself", at: link.targetID.location,
                             help: "remove '\(id)' from its own `after:` list")
            case .ancestor:
                context.emit(Self.descriptor, "'\(id)' depends on '\(other)', a summary that contains it",
                             at: link.targetID.location,
                             help: "a summary finishes only when its parts do; depend on the specific task inside '\(other)' instead",
                             notes: [("'\(other)' is defined here", tasks[target].id.location)])
            case .descendant:
                context.emit(Self.descriptor, "summary '\(id)' depends on '\(other)', one of its own parts",
                             at: link.targetID.location,
                             help: "a summary's `after:` holds back every part, including '\(other)'; move the dependency onto the parts that follow '\(other)'",
                             notes: [("'\(other)' is defined here", tasks[target].id.location)])
            case .unknownID, .notATask, .crossPlan:
                continue
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
