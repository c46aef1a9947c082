import PlanSyntax

/// Tasks, milestones, gates, events and risks share one namespace; teams, DoD lists, phases and a
/// gate's criteria each have their own.
public struct DuplicateIDRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        // The shared namespace found its duplicates while it was built.
        for (entity, earlier) in context.network.ids.duplicates {
            let id: Located<String>
            switch entity {
            case .task(let index): id = plan.tasks[index].id
            case .event(let index): id = plan.events[index].id
            case .risk(let index): id = plan.risks[index].id
            }
            let earlierLocation = context.network.location(of: earlier)
            context.emit(Self.descriptor,
                         message(id.value, what: context.network.describe(entity), earlier: context.network.describe(earlier), line: earlierLocation.line),
                         at: id.location, help: "ids must be unique across tasks, milestones, gates, events and risks; rename one",
                         notes: [("'\(id.value)' first defined here", earlierLocation)])
        }

        checkSeparately(plan.teams.map(\.id), what: "team", context)
        checkSeparately(plan.dodLists.map(\.name), what: "Definition-of-Done list", context)
        checkSeparately(plan.phases.map(\.id), what: "phase", context)
        for list in plan.dodLists { checkSeparately(list.items.map(\.id), what: "item of '\(list.name.value)'", context) }
        for gate in plan.gates { checkSeparately(gate.criteria.map(\.id), what: "criterion of '\(plan.tasks[gate.task].id.value)'", context) }
    }

    func checkSeparately(_ ids: [Located<String>], what: String, _ context: RuleContext) {
        var first: [String: SourceLocation] = [:]
        for id in ids {
            if let earlier = first[id.value] {
                context.emit(Self.descriptor, "duplicate \(what) '\(id.value)'; the first is on line \(earlier.line)",
                             at: id.location, help: "rename or remove one of them",
                             notes: [("'\(id.value)' first defined here", earlier)])
            } else {
                first[id.value] = id.location
            }
        }
    }

    func message(_ id: String, what: String, earlier: String, line: Int32) -> String {
        "duplicate id '\(id)': this \(what) has the id of the \(earlier) on line \(line)"
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E105", name: "duplicate-id", severity: .error,
        summary: "two items have the same id",
        rationale: "Dependencies, gates and reports refer to items by id; two items with one id make every such reference ambiguous. Both places are shown.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - { id: ↓design, duration: 3d }\n"),
                     Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: launch, milestone: true }\nevents:\n  - { id: ↓launch, date: 2027-03-22 }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - { id: design-review, duration: 3d }\n")])
}

public typealias Example = DiagnosticDescriptor.Example
