import PlanSyntax

/// A milestone or gate cannot be done while anything before it is not done.
public struct DoneBeforePredecessorsRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        for (index, task) in plan.tasks.enumerated() where task.isMilestone && task.status?.value == .done {
            let open = openPredecessors(of: index, context)
            guard !open.isEmpty, let status = task.status else { continue }
            let shown = open.prefix(5).map { plan.tasks[$0].id.value }.joined(separator: ", ") + (open.count > 5 ? " and \(open.count - 5) more" : "")
            context.emit(Self.descriptor,
                         "\(task.kind == .gate ? "gate" : "milestone") '\(task.id.value)' is done, but \(open.count) item\(open.count == 1 ? "" : "s") before it \(open.count == 1 ? "is" : "are") not: \(shown)",
                         at: status.location,
                         help: "record those items as done first, or set this \(task.kind == .gate ? "gate" : "milestone") back to not-started",
                         notes: open.prefix(5).map { ("'\(plan.tasks[$0].id.value)' is not done", plan.tasks[$0].id.location) })
        }
    }

    /// Everything the milestone waits for, directly or through other items and summaries, that is
    /// not done; in plan order.
    func openPredecessors(of milestone: Int, _ context: RuleContext) -> [Int] {
        let plan = context.plan
        var seen = Set<Int>([milestone])
        var stack = [milestone]
        var open = Set<Int>()
        while let current = stack.popLast() {
            var predecessors: [Int] = context.network.links(of: current).compactMap(\.targetTask)
            // A summary's parts are before whatever depends on it.
            if current != milestone { predecessors += plan.tasks[current].children }
            for predecessor in predecessors where seen.insert(predecessor).inserted {
                if !plan.tasks[predecessor].isSummary, !DefinitionOfDone.isDone(predecessor, in: plan) { open.insert(predecessor) }
                stack.append(predecessor)
            }
        }
        return open.sorted()
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E402", name: "done-before-predecessors", severity: .error,
        summary: "a milestone or gate is marked done while work before it is not done",
        rationale: "A milestone reached, or a gate passed, with its prerequisites still open is a status report that cannot be true; the plan lists what is still open.",
        triggering: [Example("""
            plan: perp-v2
            start: 2026-12-07
            as_of: 2027-01-15
            rules: { W301: off }
            tasks:
              - { id: drill, duration: 2d }
              - { id: drills-done, milestone: true, after: [drill], status: ↓done, actual_finish: 2026-12-08 }

            """)],
        passing: [Example("""
            plan: perp-v2
            start: 2026-12-07
            as_of: 2027-01-15
            rules: { W301: off }
            tasks:
              - { id: drill, duration: 2d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-08 }
              - { id: drills-done, milestone: true, after: [drill], status: done, actual_finish: 2026-12-08 }

            """)])
}
