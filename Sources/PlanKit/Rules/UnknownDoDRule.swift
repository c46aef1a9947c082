import PlanSyntax

/// A task's `dod` names defined Definition-of-Done lists, and its `checks` name items of them.
public struct UnknownDoDRule: Rule {
    public init() {}

    public func check(_ context: RuleContext) {
        let plan = context.plan
        let names = plan.dodLists.map(\.name.value)
        let defaultList = plan.dodLists.first { $0.name.value == "default" }
        for task in plan.tasks {
            for name in task.dod where !context.network.dodListNames.contains(name.value) {
                context.emit(Self.descriptor, "task '\(task.id.value)' names unknown Definition-of-Done list '\(name.value)'",
                             at: name.location,
                             help: Suggestion.help(for: name.value, in: names)
                                 ?? (names.isEmpty ? "declare the list under `dod:`" : "the plan's lists are: \(names.joined(separator: ", "))"))
            }
            guard !task.checks.isEmpty else { continue }
            let lists = task.dod.isEmpty ? [defaultList].compactMap { $0 }
                                         : plan.dodLists.filter { list in task.dod.contains { $0.value == list.name.value } }
            let items = lists.flatMap { $0.items.map(\.id.value) }
            for check in task.checks where !items.contains(check.item.value) {
                let scope = lists.isEmpty ? "the task has no Definition of Done"
                                          : "its Definition of Done (\(lists.map(\.name.value).joined(separator: ", "))) has no such item"
                context.emit(Self.descriptor, "task '\(task.id.value)' checks '\(check.item.value)', but \(scope)",
                             at: check.item.location,
                             help: Suggestion.help(for: check.item.value, in: items)
                                 ?? (items.isEmpty ? "add `dod: [list]` to the task" : "its items are: \(items.joined(separator: ", "))"))
            }
        }
    }

    public static let descriptor = DiagnosticDescriptor(
        code: "E108", name: "unknown-dod", severity: .error,
        summary: "a task names a Definition-of-Done list that does not exist, or checks an item its lists do not have",
        rationale: "The Definition of Done is what \"done\" means for a deliverable; evidence filed against an item that does not exist proves nothing.",
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ndod:\n  engineering:\n    - { id: reviewed, text: Code reviewed and merged }\ntasks:\n  - { id: engine, duration: 15d, dod: [↓enginering] }\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ndod:\n  engineering:\n    - { id: reviewed, text: Code reviewed and merged }\ntasks:\n  - id: engine\n    duration: 15d\n    dod: [engineering]\n    checks: { ↓review: \"https://git.example.com/pr/42\" }\n"),
        ],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ndod:\n  engineering:\n    - { id: reviewed, text: Code reviewed and merged }\ntasks:\n  - id: engine\n    duration: 15d\n    dod: [engineering]\n    checks: { reviewed: \"https://git.example.com/pr/42\" }\n")])
}
