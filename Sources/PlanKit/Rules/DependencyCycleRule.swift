import PlanSyntax

/// Reports each dependency cycle once, with every hop and where it is written, including cycles
/// that exist only through summary tasks (a dependency on a summary waits for all its parts, and a
/// summary's dependencies hold all its parts back).
public struct DependencyCycleRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan, network = context.network
        let graph = network.graph
        for component in context.cycles {
            let members = Set(component)
            let path = graph.shortestCycle(through: component[0], within: members)
            var hops: [(from: Int, to: Int, note: String, location: SourceLocation)] = []
            for edge in path {
                switch graph.origins[edge] {
                case .duration, .resource:
                    continue
                case .dependency(let task, let number):
                    let link = network.link(task, number)
                    hops.append((link.predecessor!, task,
                                 "'\(plan.tasks[task].id.value)' depends on '\(link.targetID.value)'\(link.typeSuffix)", link.targetID.location))
                case .summaryStart(let summary, let child):
                    hops.append((summary, child, "'\(plan.tasks[child].id.value)' is part of '\(plan.tasks[summary].id.value)', so it waits for what '\(plan.tasks[summary].id.value)' depends on",
                                 plan.tasks[child].id.location))
                case .summaryFinish(let summary, let child):
                    hops.append((child, summary, "'\(plan.tasks[summary].id.value)' finishes only after its part '\(plan.tasks[child].id.value)'",
                                 plan.tasks[child].id.location))
                }
            }
            guard !hops.isEmpty else { continue }
            // Start the cycle at its first hop in the source, so the report does not depend on graph order.
            let first = hops.indices.min { hops[$0].location < hops[$1].location }!
            hops = Array(hops[first...] + hops[..<first])
            let chain = ([hops[0].from] + hops.map(\.to)).map { plan.tasks[$0].id.value }
            var compact: [String] = []
            for id in chain where compact.last != id { compact.append(id) }
            // A long cycle (a ring of thousands of tasks in a hostile plan) shows its first and last
            // hops only, so one diagnostic stays a few lines long.
            let shown = Self.shownHops
            var notes = hops.map { ($0.note, $0.location) }
            var help = "remove or reverse one of these \(hops.count) dependencies to break the cycle"
            if hops.count > 2 * shown {
                notes = Array(notes.prefix(shown) + notes.suffix(shown))
                help += " (the first and last \(shown) are shown, \(hops.count - 2 * shown) more in between)"
            }
            if compact.count > 2 * shown + 1 {
                compact = Array(compact.prefix(shown + 1)) + ["… \(compact.count - 2 * shown - 1) more …"] + Array(compact.suffix(shown))
            }
            context.emit(Self.descriptor, "dependency cycle: \(compact.joined(separator: " → "))", at: hops[0].location,
                         help: help, notes: notes)
        }
    }

    /// Hops shown at each end of a long cycle.
    static let shownHops = 10

    public static let descriptor = DiagnosticDescriptor(
        code: "E201", name: "dependency-cycle", severity: .error,
        summary: "dependencies form a cycle, so none of the tasks in it can ever start",
        rationale: "A cycle makes the plan unschedulable. planc reports each cycle once, hop by hop with the line of every dependency (the first and last ten of a longer one), also when the cycle runs through summary tasks. It cannot be switched off in `rules:`: nothing could be scheduled.",
        configurable: false,
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d, after: [↓review] }\n  - { id: build, duration: 10d, after: [design] }\n  - { id: review, duration: 2d, after: [build] }\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: engine\n    after: [↓qa]\n    tasks:\n      - { id: engine-core, duration: 15d }\n  - { id: qa, duration: 5d, after: [engine-core] }\n"),
        ],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - { id: build, duration: 10d, after: [design] }\n  - { id: review, duration: 2d, after: [build] }\n")])
}
