import PlanSyntax

/// A measured metric that no gate criterion and no definition of done reads: most often a typo
/// (`stability.eror_rate_pct`), which leaves the criterion it was meant for without a value.
public struct UnusedMetricRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        var read: Set<String> = []
        for gate in plan.gates {
            for criterion in gate.criteria {
                if case .metric(let condition) = criterion.kind { read.insert(condition.value.metric) }
            }
        }
        for list in plan.dodLists {
            for item in list.items { if let metric = item.metric { read.insert(metric.value.metric) } }
        }
        let candidates = read.sorted()
        let unused = context.metrics.values.filter { !read.contains($0.key) }.sorted { $0.key < $1.key }
        for (name, value) in unused {
            context.emit(Self.descriptor, "metric '\(name)' is not read by any gate criterion or definition of done",
                         at: value.location,
                         help: Suggestion.help(for: name, in: candidates) ?? "check the name against the criteria's `metric:` conditions")
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "W311", name: "unused-metric", severity: .warning,
        summary: "a measured metric (in the plan's `metrics:` or a `--metrics` file) is read by no criterion or definition of done",
        rationale: "A metric nobody reads is most often a misspelt name, and the criterion it was meant for then has no value and fails. The warning points at the value, in the file it was written in, and names the closest metric a criterion reads.",
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\nmetrics:\n  stability: { eror_rate_pct: ↓0.05 }\ntasks:\n  - { id: build, duration: 5d }\ngates:\n  - id: go-live\n    after: [build]\n    criteria:\n      - { id: errors, metric: \"stability.error_rate_pct <= 0.1\" }\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nmetrics:\n  stability: { error_rate_pct: 0.05 }\ntasks:\n  - { id: build, duration: 5d }\ngates:\n  - id: go-live\n    after: [build]\n    criteria:\n      - { id: errors, metric: \"stability.error_rate_pct <= 0.1\" }\n")])
}
