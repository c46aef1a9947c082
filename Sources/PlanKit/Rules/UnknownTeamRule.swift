import PlanSyntax

/// Once a plan declares `teams:`, every owner, assignee, approver and signoff names one of them.
public struct UnknownTeamRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        guard !plan.teams.isEmpty else { return }
        let teams = plan.teams.map(\.id.value)
        func check(_ team: Located<String>?, _ phrase: String) {
            guard let team, !context.network.teamIDs.contains(team.value) else { return }
            context.emit(Self.descriptor, "\(phrase) '\(team.value)' is not a declared team", at: team.location,
                         help: Suggestion.help(for: team.value, in: teams) ?? "declare it under `teams:` or use one of: \(teams.joined(separator: ", "))")
        }
        for task in plan.tasks {
            check(task.owner, "owner")
            for assignment in task.assign { check(assignment.team, "assignee") }
        }
        for gate in plan.gates {
            for approver in gate.approvers { check(approver, "approver") }
            for signoff in gate.signoffs { check(signoff.team, "signoff team") }
            for criterion in gate.criteria {
                if case .signoff(let team) = criterion.kind { check(team, "signoff team") }
            }
        }
        for event in plan.events { check(event.owner, "owner") }
        for risk in plan.risks { check(risk.owner, "owner") }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E107", name: "unknown-team", severity: .error,
        summary: "an owner, assignee, approver or signoff names a team the plan does not declare",
        rationale: "Owners are how work is routed and how reports are grouped; a misspelt team leaves work with nobody. The rule applies once the plan declares `teams:`.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\nteams:\n  risk: { name: Risk control }\ntasks:\n  - { id: slippage-guard, duration: 5d, owner: ↓risc }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nteams:\n  risk: { name: Risk control }\ntasks:\n  - { id: slippage-guard, duration: 5d, owner: risk }\n")])
}
