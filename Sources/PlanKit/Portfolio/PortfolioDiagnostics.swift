import PlanSyntax

/// The codes a portfolio reports: about its `plans:` list and shared teams, and about the links
/// across its plans.
public enum PortfolioDiagnostics {
    public typealias Example = DiagnosticDescriptor.Example

    static let options = "plan: options\nstart: 2027-01-04\ntasks:\n  - { id: build, duration: 10d, owner: qa }\n  - { id: go-live, milestone: true, after: [build] }\n"
    static let campaign = "plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: creative, duration: 5d, owner: qa }\n  - { id: launch, duration: 3d, after: [options:go-live] }\n"

    public static let planNotFound = DiagnosticDescriptor(
        code: "E601", name: "portfolio-plan-not-found", severity: .error,
        summary: "a `plans:` entry names no file, a glob matches no plan, or the file named is not a plan",
        rationale: "A portfolio that silently lost a plan would report its teams as free and its launches as safe. The error suggests the closest existing file.",
        configurable: false,
        triggering: [
            Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, ↓campain.yaml]\n"), ("options.yaml", options)]),
            Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, ↓growth/*.yaml]\n"), ("options.yaml", options)]),
        ],
        passing: [Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [options.yaml]\n"), ("options.yaml", options)])])

    public static let planOutside = DiagnosticDescriptor(
        code: "E602", name: "portfolio-plan-outside", severity: .error,
        summary: "a `plans:` entry leaves the portfolio's folder: by '..', an absolute path or a symbolic link",
        rationale: "A portfolio, like a plan's includes, reads only files inside its own folder, so a review of the folder sees everything the portfolio compiles.",
        configurable: false,
        triggering: [Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, ↓../other/plan.yaml]\n"), ("options.yaml", options)])],
        passing: [Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [options.yaml]\n"), ("options.yaml", options)])])

    public static let planListedTwice = DiagnosticDescriptor(
        code: "E603", name: "portfolio-plan-duplicate", severity: .error,
        summary: "a portfolio lists itself, lists a plan twice, or holds two plans with the same id",
        rationale: "Each plan is compiled once and is addressed by its id in cross-plan links (`plan-id:task-id`); a second copy would double its demand on the shared teams.",
        configurable: false,
        triggering: [
            Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, ↓options.yaml]\n"), ("options.yaml", options)]),
            Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, ↓pmo.yaml]\n"), ("options.yaml", options)]),
        ],
        passing: [Example(files: [("pmo.yaml", "portfolio: pmo\nplans: [\"*.yaml\"]\n"), ("options.yaml", options)])])

    public static let sharedTeamRedefined = DiagnosticDescriptor(
        code: "E604", name: "shared-team-redefined", severity: .error,
        summary: "a plan of a portfolio declares a team with the id of one of the portfolio's shared teams",
        rationale: "A shared team has one capacity across all plans; a plan's own team of the same id would split it silently. The error names both definitions.",
        configurable: false,
        triggering: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [options.yaml]\nteams:\n  qa: { capacity: 2 }\n"),
            ("options.yaml", "plan: options\nstart: 2027-01-04\nteams:\n  ↓qa: { capacity: 5 }\ntasks:\n  - { id: build, duration: 10d, owner: qa }\n"),
        ])],
        passing: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [options.yaml]\nteams:\n  qa: { capacity: 2 }\n"),
            ("options.yaml", "plan: options\nstart: 2027-01-04\nteams:\n  quant: { capacity: 5 }\ntasks:\n  - { id: build, duration: 10d, owner: qa }\n"),
        ])])

    public static let unknownPlan = DiagnosticDescriptor(
        code: "E605", name: "unknown-plan", severity: .error,
        summary: "a cross-plan dependency (`plan-id:task-id`) names a plan that is not in the portfolio",
        rationale: "A link to a plan the portfolio does not compile cannot be honoured; the error names the closest plan id.",
        configurable: false,
        triggering: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, campaign.yaml]\nteams:\n  qa: { capacity: 2 }\n"), ("options.yaml", options),
            ("campaign.yaml", "plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: launch, duration: 3d, owner: qa, after: [↓option:go-live] }\n"),
        ])],
        passing: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, campaign.yaml]\nteams:\n  qa: { capacity: 2 }\n"), ("options.yaml", options), ("campaign.yaml", campaign),
        ])])

    public static let unknownCrossPlanID = DiagnosticDescriptor(
        code: "E606", name: "unknown-cross-plan-id", severity: .error,
        summary: "a cross-plan dependency names a task, milestone or gate the other plan does not define",
        rationale: "As with a dependency within a plan (E104), a dependency on nothing would let work start too early; the error names the closest id of that plan.",
        configurable: false,
        triggering: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, campaign.yaml]\nteams:\n  qa: { capacity: 2 }\n"), ("options.yaml", options),
            ("campaign.yaml", "plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: launch, duration: 3d, owner: qa, after: [↓options:golive] }\n"),
        ])],
        passing: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [options.yaml, campaign.yaml]\nteams:\n  qa: { capacity: 2 }\n"), ("options.yaml", options), ("campaign.yaml", campaign),
        ])])

    public static let crossPlanCycle = DiagnosticDescriptor(
        code: "E607", name: "cross-plan-cycle", severity: .error,
        summary: "dependencies across plans form a cycle",
        rationale: "A loop through two plans can never be scheduled, and neither plan alone sees it. Each cross-plan link on the loop is reported, with the others as notes.",
        configurable: false,
        triggering: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [a.yaml, b.yaml]\n"),
            ("a.yaml", "plan: a\nstart: 2027-01-04\ntasks:\n  - { id: x, duration: 2d, after: [↓b:y] }\n"),
            ("b.yaml", "plan: b\nstart: 2027-01-04\ntasks:\n  - { id: y, duration: 2d, after: [↓a:x] }\n"),
        ])],
        passing: [Example(files: [
            ("pmo.yaml", "portfolio: pmo\nplans: [a.yaml, b.yaml]\n"),
            ("a.yaml", "plan: a\nstart: 2027-01-04\ntasks:\n  - { id: x, duration: 2d }\n"),
            ("b.yaml", "plan: b\nstart: 2027-01-04\ntasks:\n  - { id: y, duration: 2d, after: [a:x] }\n"),
        ])])

    public static let all = [planNotFound, planOutside, planListedTwice, sharedTeamRedefined, unknownPlan, unknownCrossPlanID, crossPlanCycle]
}
