import PlanSyntax

/// Every id a plan refers to must be defined: dependencies, what events require, what risks affect,
/// what `done` and `confidence` criteria wait for, what waivers waive, which gate ends a phase.
public struct UnknownReferenceRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan, network = context.network
        // Candidate lists and messages are built only when a reference is unknown: on a clean
        // 100,000-task plan this rule then costs one dictionary lookup per reference. They are
        // built once, and only the first `suggested` unknown references get a did-you-mean: each
        // one compares against every id, and a hostile plan may have tens of thousands of them
        // (more than --max-diagnostics shows anyway).
        var allIDs: Suggestion.Candidates?, schedulable: Suggestion.Candidates?
        var suggestionsLeft = Self.suggested
        func check(_ reference: Located<String>, _ phrase: @autoclosure () -> String, everyID: Bool) {
            guard network.ids[reference.value] == nil else { return }
            var suggestion: String?
            if suggestionsLeft > 0 {
                suggestionsLeft -= 1
                let candidates: Suggestion.Candidates
                if everyID {
                    if allIDs == nil { allIDs = Suggestion.Candidates(Array(network.ids.keys).sorted()) }
                    candidates = allIDs!
                } else {
                    if schedulable == nil { schedulable = Suggestion.Candidates(network.schedulableIDs) }
                    candidates = schedulable!
                }
                suggestion = Suggestion.closest(to: reference.value, in: candidates).map { "did you mean '\($0)'?" }
            }
            context.emit(Self.descriptor, "\(phrase()) unknown id '\(reference.value)'", at: reference.location,
                         help: suggestion ?? "define it, or check the spelling against the plan's ids")
        }
        for link in network.links where link.exclusion == .unknownID {
            let task = plan.tasks[link.successor]
            let what = task.kind == .gate ? "gate" : (task.kind == .milestone ? "milestone" : "task")
            check(link.targetID, "\(what) '\(task.id.value)' depends on", everyID: false)
        }
        for event in plan.events {
            for required in event.requires { check(required, "event '\(event.id.value)' requires", everyID: false) }
        }
        for risk in plan.risks {
            for affected in risk.affects { check(affected, "risk '\(risk.id.value)' affects", everyID: true) }
        }
        for gate in plan.gates {
            let gateID = plan.tasks[gate.task].id.value
            for criterion in gate.criteria {
                if case .done(let ids) = criterion.kind {
                    for id in ids { check(id, "criterion '\(criterion.id.value)' of gate '\(gateID)' waits for", everyID: false) }
                }
                if case .confidence(let condition) = criterion.kind {
                    check(condition.task, "criterion '\(criterion.id.value)' of gate '\(gateID)' asks for confidence in", everyID: false)
                }
            }
            let criterionIDs = gate.criteria.map(\.id.value)
            for waiver in gate.waivers where !criterionIDs.contains(waiver.criterion.value) {
                context.emit(Self.descriptor, "a waiver of gate '\(gateID)' names unknown criterion '\(waiver.criterion.value)'",
                             at: waiver.criterion.location,
                             help: Suggestion.help(for: waiver.criterion.value, in: criterionIDs)
                                 ?? "the gate's criteria are: \(criterionIDs.joined(separator: ", "))")
            }
        }
        let gateIDs = plan.gates.map { plan.tasks[$0.task].id.value }
        for phase in plan.phases {
            guard let gate = phase.gate, !gateIDs.contains(gate.value) else { continue }
            context.emit(Self.descriptor, "phase '\(phase.id.value)' ends in unknown gate '\(gate.value)'", at: gate.location,
                         help: Suggestion.help(for: gate.value, in: gateIDs) ?? "define the gate under `gates:`")
        }
    }

    /// Unknown references that get a did-you-mean; the rest get the general help.
    static let suggested = 200

    public static let descriptor = DiagnosticDescriptor(
        code: "E104", name: "unknown-reference", severity: .error,
        summary: "a dependency, requirement, affected item, criterion or waiver names an id that is not defined",
        rationale: "A reference to nothing is usually a typo, and a dependency on nothing would let a task start too early. The error names the closest defined id.",
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: risk-slippage, duration: 10d }\n  - id: mm-integration\n    duration: 10d\n    after: [↓risk-slipage]\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: launch, milestone: true }\nevents:\n  - { id: airdrop, date: 2027-03-22, requires: [↓lanch] }\n"),
        ],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: risk-slippage, duration: 10d }\n  - id: mm-integration\n    duration: 10d\n    after: [risk-slippage]\n")])
}
