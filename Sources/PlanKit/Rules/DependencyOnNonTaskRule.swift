import PlanSyntax

/// Only tasks, milestones and gates can be depended on or required: events and risks have no finish.
public struct DependencyOnNonTaskRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan, network = context.network
        func check(_ reference: Located<String>, _ phrase: @autoclosure () -> String, entity: Entity? = nil) {
            guard let entity = entity ?? network.ids[reference.value] else { return }
            let phrase = phrase()
            switch entity {
            case .task: return
            case .event, .risk:
                let what = network.describe(entity)
                context.emit(Self.descriptor, "\(phrase) '\(reference.value)', which is \(what == "event" ? "an event" : "a risk"), not a task, milestone or gate",
                             at: reference.location,
                             help: what == "event" ? "depend on the task or milestone the event itself requires"
                                                   : "list the tasks this risk threatens under the risk's `affects:` instead",
                             notes: [("'\(reference.value)' is defined here", network.location(of: entity))])
            }
        }
        // Most links name tasks: look no further.
        for link in network.links where link.exclusion == .notATask {
            check(link.targetID, "'\(plan.tasks[link.successor].id.value)' depends on", entity: link.target)
        }
        for event in plan.events {
            for required in event.requires { check(required, "event '\(event.id.value)' requires") }
        }
        for gate in plan.gates {
            for criterion in gate.criteria {
                if case .done(let ids) = criterion.kind {
                    for id in ids { check(id, "criterion '\(criterion.id.value)' waits for") }
                }
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E206", name: "dependency-on-non-task", severity: .error,
        summary: "a dependency, an event's `requires` or a `done` criterion names an event or a risk",
        rationale: "Only work has a finish date to wait for. An event or a risk in a dependency list is almost always a mix-up of two ids.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: launch, milestone: true }\n  - { id: press-kit, duration: 3d, after: [↓press-day] }\nevents:\n  - { id: press-day, date: 2027-03-22, requires: [launch] }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: launch, milestone: true }\n  - { id: press-kit, duration: 3d, after: [launch] }\nevents:\n  - { id: press-day, date: 2027-03-22, requires: [press-kit] }\n")])
}
