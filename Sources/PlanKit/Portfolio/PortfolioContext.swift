import PlanSyntax

/// What a plan compiled in a portfolio gets from it: the shared teams, and the dates the other
/// plans scheduled for the tasks its cross-plan links name.
public struct PortfolioContext: Sendable {
    public var id: String
    /// The portfolio file's path.
    public var file: String
    public var teams: [Team]
    /// By qualified id (`options:go-live`): the predecessor's dates in its own plan.
    public var crossPlan: [String: CrossPlanPoint] = [:]
    /// True when the portfolio was given (`--portfolio`, `planc check PORTFOLIO`): cross-plan
    /// links are checked and shared capacity is counted across plans. False when it was found next
    /// to a plan compiled alone, which then takes only the shared teams from it.
    public var checksLinks: Bool

    public init(id: String, file: String, teams: [Team], crossPlan: [String: CrossPlanPoint] = [:], checksLinks: Bool) {
        self.id = id
        self.file = file
        self.teams = teams
        self.crossPlan = crossPlan
        self.checksLinks = checksLinks
    }

    /// Shared teams whose load the portfolio counts across plans (a plan's own rule skips them).
    public var countsSharedLoad: Bool { checksLinks }

    public var sharedTeamIDs: Set<String> { Set(teams.map(\.id.value)) }

    /// `plan` with the shared teams after its own; a team of its own with a shared team's id is an
    /// error naming both (E604), and the plan keeps its own.
    func merge(into plan: Plan, sink: DiagnosticSink) -> Plan {
        guard !teams.isEmpty else { return plan }
        var plan = plan
        let own = Dictionary(plan.teams.map { ($0.id.value, $0.id.location) }, uniquingKeysWith: { first, _ in first })
        for team in teams {
            if let location = own[team.id.value] {
                sink.emit(PortfolioDiagnostics.sharedTeamRedefined,
                          "team '\(team.id.value)' is shared by portfolio '\(id)'; this plan may not declare it again",
                          at: location, help: "remove it here: the portfolio's team, with its capacity, applies to every plan",
                          notes: [("the shared team is declared here", team.id.location)])
            } else {
                plan.teams.append(team)
            }
        }
        return plan
    }
}
