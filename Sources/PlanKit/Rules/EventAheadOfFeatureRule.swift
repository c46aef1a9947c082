import PlanSyntax

/// Marketing must never run ahead of the features it promotes: an event falls after everything it
/// requires has finished, plus its lead.
public struct EventAheadOfFeatureRule: Rule {
    public static var needsSchedule: Bool { true }

    public init() {}

    public func check(_ context: RuleContext) {
        guard let schedule = context.schedule else { return }
        let plan = context.plan
        for timing in EventTiming.all(network: context.network, schedule: schedule) {
            guard let margin = timing.margin, margin < 0, let driver = timing.driver, let earliest = timing.earliest,
                  let date = plan.events[timing.event].date else { continue }
            let event = plan.events[timing.event]
            let lead = event.lead.map { " plus a lead of \($0.value)" } ?? ""
            let days = -margin
            let chain = schedule.drivingChain(to: driver).map { plan.tasks[$0].id.value }
            context.emit(Self.descriptor,
                         "event '\(event.id.value)' on \(date.value) runs \(days) working day\(days == 1 ? "" : "s") ahead of '\(plan.tasks[driver].id.value)' (forecast \(schedule[driver].finish)\(lead)); the earliest date is \(earliest)",
                         at: date.location,
                         help: "move the event to \(earliest) or later, or bring '\(plan.tasks[driver].id.value)' forward" + (chain.count > 1 ? "; its date is driven by \(chain.joined(separator: " → "))" : ""),
                         notes: [("'\(plan.tasks[driver].id.value)' is defined here", plan.tasks[driver].id.location)])
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E403", name: "event-ahead-of-feature", severity: .error,
        summary: "a marketing event is dated before what it requires is live (plus its lead)",
        rationale: "A trading competition or an airdrop announced before the feature is live sells something customers cannot use. The error says by how many working days the event runs ahead and which chain of work drives the date.",
        triggering: [Example("""
            plan: perp-v2
            start: 2026-12-07
            rules: { W301: off }
            tasks:
              - { id: build, duration: 10d }
              - { id: launch, milestone: true, after: [build] }
            events:
              - { id: trading-competition, date: ↓2026-12-21, requires: [launch], lead: 2d }

            """)],
        passing: [Example("""
            plan: perp-v2
            start: 2026-12-07
            rules: { W301: off }
            tasks:
              - { id: build, duration: 10d }
              - { id: launch, milestone: true, after: [build] }
            events:
              - { id: trading-competition, date: 2026-12-23, requires: [launch], lead: 2d }

            """)])
}
