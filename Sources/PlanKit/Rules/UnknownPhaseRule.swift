import PlanSyntax

/// A task's `phase` names one of the plan's `phases:`.
public struct UnknownPhaseRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let phases = context.plan.phases.map(\.id.value)
        for task in context.plan.tasks {
            guard let phase = task.phase, !context.network.phaseIDs.contains(phase.value) else { continue }
            context.emit(Self.descriptor, "'\(task.id.value)' is in unknown phase '\(phase.value)'", at: phase.location,
                         help: Suggestion.help(for: phase.value, in: phases)
                             ?? (phases.isEmpty ? "declare the plan's phases in order under `phases:`" : "the phases are: \(phases.joined(separator: ", "))"))
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E109", name: "unknown-phase", severity: .error,
        summary: "a task names a phase that is not in the plan's `phases:`",
        rationale: "Phases (MVP, internal testing, public testing, launch) order the plan and group its reports; a task in a phase that does not exist would fall out of both.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\nphases: [mvp, internal-testing, public-testing, launch]\ntasks:\n  - { id: beta-feedback, duration: 5d, phase: ↓public-test }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nphases: [mvp, internal-testing, public-testing, launch]\ntasks:\n  - { id: beta-feedback, duration: 5d, phase: public-testing }\n")])
}
