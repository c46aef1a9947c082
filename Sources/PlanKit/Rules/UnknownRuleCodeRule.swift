import PlanSyntax

/// The plan's `rules:` map names real diagnostic codes that may be reconfigured.
public struct UnknownRuleCodeRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let descriptors = RuleRegistry.descriptors
        for setting in context.plan.ruleSettings {
            let code = setting.code.value
            guard let descriptor = descriptors.first(where: { $0.code == code || $0.name == code }) else {
                context.emit(Self.descriptor, "'\(code)' is not a planc diagnostic code", at: setting.code.location,
                             help: Suggestion.help(for: code, in: descriptors.map(\.code) + descriptors.map(\.name))
                                 ?? "`planc explain --list` lists every code")
                continue
            }
            if !descriptor.configurable {
                context.emit(Self.descriptor, "\(descriptor.code) (\(descriptor.name)) cannot be reconfigured: the plan could not be compiled without fixing it",
                             at: setting.code.location, help: "remove this entry")
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E113", name: "unknown-rule", severity: .error,
        summary: "the plan's `rules:` map names a code that does not exist or cannot be reconfigured",
        rationale: "A misspelt code in `rules:` would leave the rule at its default severity while the author believes it changed.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\nrules:\n  ↓W310: off\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nrules:\n  W301: off\n  unknown-team: warning\n")])
}
