import PlanSyntax

/// A deadline the forecast cannot meet, with the chain of work that drives it.
public struct DeadlineMissedRule: Rule {
    public static let needsSchedule = true

    public init() {}

    public func check(_ context: RuleContext) {
        guard let schedule = context.schedule else { return }
        let plan = context.plan
        for (index, task) in plan.tasks.enumerated() {
            guard let deadline = task.deadline else { continue }
            let entry = schedule[index]
            guard entry.progress != .done,
                  let late = DeadlineMargin.lateness(finish: entry.finish, deadline: deadline.value, calendar: schedule.calendar) else { continue }
            let chain = schedule.drivingChain(to: index).map { plan.tasks[$0].id.value }
            let what = task.kind == .gate ? "gate" : (task.kind == .milestone ? "milestone" : "task")
            var message = "\(what) '\(task.id.value)' misses its deadline \(deadline.value): forecast \(entry.finish), \(late) working day\(late == 1 ? "" : "s") late"
            if chain.count > 1 { message += "; driven by \(chain.joined(separator: " → "))" }
            context.emit(Self.descriptor, message, at: deadline.location,
                         help: "shorten or overlap work on this chain, remove a dependency, or move the deadline",
                         notes: schedule.drivingLinks(to: index).compactMap { note(for: $0, in: context.network) })
        }
    }

    private func note(for link: DependencyGraph.EdgeOrigin, in network: Network) -> (String, SourceLocation)? {
        let plan = network.plan
        func id(_ task: Int) -> String { plan.tasks[task].id.value }
        switch link {
        case .duration:
            return nil
        case .dependency(let task, let number):
            let link = network.link(task, number)
            return ("'\(id(task))' waits for '\(link.targetID.value)'\(link.typeSuffix), which it follows with no slack", link.targetID.location)
        case .summaryStart(let summary, let child):
            return ("'\(id(child))' is part of '\(id(summary))', which holds it back", plan.tasks[child].id.location)
        case .summaryFinish(let summary, let child):
            return ("'\(id(summary))' finishes with its part '\(id(child))'", plan.tasks[child].id.location)
        case .resource(let task, let holder):
            return ("'\(id(task))' waits for a team '\(id(holder))' holds (levelling)", plan.tasks[task].id.location)
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E301", name: "deadline-missed", severity: .error,
        summary: "the forecast finish of a task, milestone or gate is after its deadline",
        rationale: "A deadline is a commitment (a launch date announced to the board). When the schedule cannot meet it the plan is wrong, not just late: the error says by how many working days, and names the chain of work that drives the date, hop by hop, so the team knows what to shorten or overlap.",
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - { id: engine-core, duration: 15d, after: [design] }\n  - id: launch\n    milestone: true\n    after: [engine-core]\n    deadline: ↓2026-12-25\n"),
        ],
        passing: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - { id: engine-core, duration: 15d, after: [design] }\n  - id: launch\n    milestone: true\n    after: [engine-core]\n    deadline: 2027-01-08\n"),
        ])
}
