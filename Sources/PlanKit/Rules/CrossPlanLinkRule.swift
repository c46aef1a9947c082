import PlanSyntax

/// A cross-plan dependency (`after: [options:go-live]`) can only be checked against the other
/// plan's schedule, which a plan compiled alone does not have: it says so, and the plan is
/// scheduled as if the link were satisfied. In a portfolio the portfolio checks it (E605, E606,
/// E607) and the scheduler honours it.
public struct CrossPlanLinkRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        if context.portfolio?.checksLinks == true { return }
        let plan = context.plan
        for link in context.network.links where link.exclusion == .crossPlan {
            let help = context.portfolio.map { "compile with --portfolio \($0.file) (or run `planc check \($0.file)`) to wait for that plan's dates" }
                ?? "compile it in its portfolio: --portfolio FILE, or `planc check PORTFOLIO`"
            context.emit(Self.descriptor,
                         "'\(plan.tasks[link.successor].id.value)' depends on '\(link.targetID.value)' in plan '\(link.targetPlan ?? "")', which was not checked: the plan is compiled without its portfolio",
                         at: link.targetID.location, help: help)
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W601", name: "cross-plan-link-not-checked", severity: .warning,
        summary: "a dependency on another plan's task (`plan-id:task-id`) was not checked: the plan was compiled without its portfolio",
        rationale: "Alone, a plan cannot know when another plan's task finishes; it is scheduled as if the link were met, and says so instead of failing. Compile it with `--portfolio FILE` (or check the portfolio) to wait for the other plan's scheduled dates.",
        triggering: [Example("plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: launch, duration: 3d, after: [↓options:go-live] }\n")],
        passing: [Example("plan: campaign\nstart: 2027-01-04\ntasks:\n  - { id: go-live, milestone: true }\n  - { id: launch, duration: 3d, after: [go-live] }\n")])
}
