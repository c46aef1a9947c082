import PlanSyntax

/// An absence that is over before the plan starts lowers nothing: most likely its year is wrong.
public struct AbsenceOutsidePlanRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        guard let start = context.plan.start?.value else { return }
        for team in context.plan.teams {
            for absence in team.absences where absence.to < start {
                let name = absence.name.map { "absence '\($0)'" } ?? "an absence"
                context.emit(Self.descriptor,
                             "\(name) of team '\(team.id.value)' ends \(absence.to), before the plan starts \(start): it lowers no capacity",
                             at: absence.location, help: "check its dates (the year?), or remove it")
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E503", name: "absence-outside-plan", severity: .error,
        summary: "a team's absence ends before the plan starts",
        rationale: "An absence lowers a team's capacity while it lasts; one that is over before the plan's `start` changes nothing, so it is almost always a typo (last year's offsite, a wrong year) and the capacity the plan counts on is wrong. Absences after the plan's finish are fine: plans move.",
        triggering: [
            Example("plan: exchange\nstart: 2027-02-01\nteams:\n  qa:\n    capacity: 2\n    absences:\n      - ↓{ from: 2026-02-01, to: 2026-02-05, name: offsite }\ntasks:\n  - { id: regression, duration: 5d, assign: [qa] }\n"),
        ],
        passing: [
            Example("plan: exchange\nstart: 2027-02-01\nteams:\n  qa:\n    capacity: 2\n    absences:\n      - { from: 2027-02-01, to: 2027-02-05, name: offsite }\n      - { from: 2028-02-01, to: 2028-02-05, name: later }\ntasks:\n  - { id: regression, duration: 5d, assign: [qa] }\n"),
        ])
}
