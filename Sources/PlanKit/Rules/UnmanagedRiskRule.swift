import PlanSyntax

/// A serious risk (score 12 or more) has someone who owns it and a plan for when it happens.
public struct UnmanagedRiskRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        for risk in context.plan.risks where risk.status?.value != .closed {
            guard let score = risk.score, RiskThresholds.isSerious(score) else { continue }
            var missing: [String] = []
            if risk.owner == nil { missing.append("owner") }
            if risk.response == nil { missing.append("response") }
            guard !missing.isEmpty else { continue }
            context.emit(Self.descriptor,
                         "risk '\(risk.id.value)' scores \(score) (\(risk.likelihood!.value) × \(risk.impact!.value)) but has no \(missing.joined(separator: " and no "))",
                         at: risk.id.location,
                         help: "add `" + missing.joined(separator: ":` and `") + ":`: who acts, and what they do when the trigger fires")
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E404", name: "unmanaged-risk", severity: .error,
        summary: "a risk scoring 12 or more (likelihood × impact) has no owner or no response plan",
        rationale: "A risk register is only useful when the serious risks say who acts and what they do (\"rebate system exploited → freeze the strategy, flip the risk switch\"). Closed risks are exempt.",
        triggering: [Example("""
            plan: perp-v2
            start: 2026-12-07
            risks:
              - id: ↓rebate-exploit
                title: Rebate system exploited by wash trading
                likelihood: 3
                impact: 5
                owner: risk

            """)],
        passing: [Example("""
            plan: perp-v2
            start: 2026-12-07
            risks:
              - id: rebate-exploit
                title: Rebate system exploited by wash trading
                likelihood: 3
                impact: 5
                owner: risk
                response: Freeze the rebate strategy and flip the risk-control switch
              - { id: minor, likelihood: 2, impact: 3 }

            """)])
}
