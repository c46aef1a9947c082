import PlanSyntax

/// A task marked done meets its Definition of Done: every item has evidence, every metric item
/// meets its target.
public struct DoDNotMetRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        for task in plan.tasks where task.status?.value == .done && task.kind != .gate {
            let gaps = DefinitionOfDone.gaps(for: task, in: plan, metrics: context.metrics)
            guard !gaps.isEmpty, let status = task.status else { continue }
            let total = DefinitionOfDone.lists(for: task, in: plan).reduce(0) { $0 + $1.items.count }
            context.emit(Self.descriptor,
                         "'\(task.id.value)' is done but its Definition of Done is not met: \(gaps.count) of \(total) items open (\(gaps.map(\.item).joined(separator: ", ")))",
                         at: status.location,
                         help: "file evidence under `checks:` (item: link), bring the metric within target, or set the status back to in-progress",
                         notes: gaps.map { ("\($0.list)/\($0.item): \($0.reason)", $0.itemLocation) })
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E401", name: "dod-not-met", severity: .error,
        summary: "a task is marked done but items of its Definition of Done have no evidence or miss their metric target",
        rationale: "Done means the deliverable meets its Definition of Done (tests green, dashboards in place, p99 latency within budget), not that the code merged. Each unmet item is listed with where it is defined.",
        triggering: [Example("""
            plan: perp-v2
            start: 2026-12-07
            as_of: 2027-01-15
            dod:
              engineering:
                - { id: reviewed, text: Code reviewed and merged }
                - { id: latency, text: p99 within budget, metric: "matching.p99_ms <= 5" }
            metrics: { matching.p99_ms: 6.2 }
            tasks:
              - id: engine
                owner: core
                duration: 5d
                dod: [engineering]
                status: ↓done
                actual_start: 2026-12-07
                actual_finish: 2026-12-11

            """)],
        passing: [Example("""
            plan: perp-v2
            start: 2026-12-07
            as_of: 2027-01-15
            dod:
              engineering:
                - { id: reviewed, text: Code reviewed and merged }
                - { id: latency, text: p99 within budget, metric: "matching.p99_ms <= 5" }
            metrics: { matching.p99_ms: 3.8 }
            tasks:
              - id: engine
                owner: core
                duration: 5d
                dod: [engineering]
                status: done
                actual_start: 2026-12-07
                actual_finish: 2026-12-11
                checks: { reviewed: "https://git.example.com/pr/42" }

            """)])
}
