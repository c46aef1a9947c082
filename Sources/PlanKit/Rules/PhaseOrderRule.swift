import PlanSyntax

/// Work of an earlier phase should not wait for work of a later one.
public struct PhaseOrderRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        guard !plan.phases.isEmpty else { return }
        var order: [String: Int] = [:]
        for (index, phase) in plan.phases.enumerated() where order[phase.id.value] == nil { order[phase.id.value] = index }
        func phase(of task: Int) -> String? {
            var current: Int? = task
            while let index = current {
                if let phase = plan.tasks[index].phase?.value { return phase }
                current = plan.tasks[index].parent
            }
            return nil
        }
        let network = context.network
        for index in plan.tasks.indices where !network.links(of: index).isEmpty {
            guard let own = phase(of: index), let ownOrder = order[own] else { continue }
            for link in network.links(of: index) {
                guard let predecessor = link.targetTask,
                      let other = phase(of: predecessor), let otherOrder = order[other], otherOrder > ownOrder else { continue }
                context.emit(Self.descriptor,
                             "'\(plan.tasks[index].id.value)' (phase \(own)) depends on '\(link.targetID.value)' from the later phase \(other)",
                             at: link.targetID.location,
                             help: "move one of them to another phase, or drop the dependency",
                             notes: [("'\(link.targetID.value)' is in phase \(other)", plan.tasks[predecessor].phase?.location ?? plan.tasks[predecessor].id.location)])
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W405", name: "phase-order", severity: .warning,
        summary: "a task depends on a task of a later phase",
        rationale: "Phases run in order (MVP → internal testing → public testing → launch); work that waits for a later phase is usually in the wrong phase, and holds its own phase's gate back.",
        triggering: [Example("""
            plan: perp-v2
            start: 2026-12-07
            phases: [mvp, internal-testing]
            rules: { W301: off }
            tasks:
              - { id: dogfood, duration: 5d, phase: internal-testing }
              - { id: engine, duration: 10d, phase: mvp, after: [↓dogfood] }

            """)],
        passing: [Example("""
            plan: perp-v2
            start: 2026-12-07
            phases: [mvp, internal-testing]
            rules: { W301: off }
            tasks:
              - { id: engine, duration: 10d, phase: mvp }
              - { id: dogfood, duration: 5d, phase: internal-testing, after: [engine] }

            """)])
}
