import PlanKit

/// A Mermaid gantt chart (renders on GitHub) with planc's own dates: every bar has an explicit
/// ISO start and end, so weekends and holidays need no `excludes` and Mermaid computes nothing.
/// Critical work is `crit`; milestones and gates are milestones. A large plan collapses to its
/// summary tasks to stay under GitHub's 50,000-character limit.
public enum MermaidGanttWriter {
    public static let characterLimit = 50_000

    public static func write(_ facts: ScheduleFacts, limit: Int = characterLimit) -> String {
        // The whole plan, else its summaries two levels deep, else one level; the first that fits.
        // A render gives up as soon as it passes the limit: a 100,000-task plan is not drawn whole
        // just to find out it is too large.
        for maximumDepth in [Int.max, 1, 0] {
            if let chart = render(facts, maximumDepth: maximumDepth, limit: nil, giveUpAt: limit) { return chart }
        }
        return render(facts, maximumDepth: 0, limit: limit, giveUpAt: nil) ?? ""
    }

    /// The chart down to `maximumDepth`; with `limit`, items that would pass it are left out;
    /// with `giveUpAt`, nil once the chart reaches that many characters.
    static func render(_ facts: ScheduleFacts, maximumDepth: Int, limit: Int?, giveUpAt: Int?) -> String? {
        let plan = facts.plan, schedule = facts.schedule
        var out = "gantt\n"
        out += "    title \(label(plan.title ?? plan.id?.value ?? "plan"))\n"
        out += "    dateFormat YYYY-MM-DD\n"
        out += "    axisFormat %b %d\n"
        if maximumDepth < Int.max {
            out += "    %% collapsed to summary level: the full plan is too large for one chart\n"
        }
        // Mermaid 11 puts the labels of a repeated section name on the wrong rows: each section
        // gets a name of its own ("Build (2)" for a second "Build").
        var section: Int?
        var sectionNames: Set<String> = []
        func uniqueName(_ name: String) -> String {
            var candidate = name, number = 1
            while sectionNames.contains(candidate) {
                number += 1
                candidate = "\(name) (\(number))"
            }
            sectionNames.insert(candidate)
            return candidate
        }
        var omitted = 0
        // Characters so far (String.count walks the whole string).
        var characters = out.count
        for (index, task) in plan.tasks.enumerated() {
            let depth = facts.depth(index)
            guard depth <= maximumDepth else { continue }
            // Top-level summaries become sections; their parts (or the summary bar itself, when
            // collapsed) go inside.
            let top = topLevel(index, plan)
            // A top-level summary is a section; a run of loose top-level items is another.
            let key = plan.tasks[top].isSummary ? top : -1
            if section != key {
                section = key
                let header = "    section \(uniqueName(key >= 0 ? label(facts.title(top)) : "Milestones and tasks"))\n"
                out += header
                characters += header.count
            }
            if task.isSummary, depth < maximumDepth { continue }
            let entry = schedule[index]
            var tags: [String] = []
            if entry.progress == .done { tags.append("done") } else if entry.progress == .inProgress { tags.append("active") }
            if entry.critical { tags.append("crit") }
            let line: String
            if task.isMilestone {
                tags.append("milestone")
                line = "    \(label(facts.title(index))) :\((tags + [identifier(index, plan)]).joined(separator: ", ")), \(entry.finish.writable.iso), 0d\n"
            } else {
                // Mermaid's end date is exclusive: the day after planc's (inclusive) finish.
                line = "    \(label(facts.title(index))) :\((tags + [identifier(index, plan)]).joined(separator: ", ")), \(entry.start.writable.iso), \(entry.finish.adding(days: 1).writable.iso)\n"
            }
            let lineCharacters = line.count
            if let limit, characters + lineCharacters + 64 >= limit {
                omitted += 1
                continue
            }
            out += line
            characters += lineCharacters
            if let giveUpAt, characters >= giveUpAt { return nil }
        }
        let dated = facts.events.filter { plan.events[$0.event].date != nil }
        if !dated.isEmpty {
            out += "    section \(uniqueName("Marketing events"))\n"
            for timing in dated {
                let event = plan.events[timing.event]
                let tags = (timing.margin.map { $0 < 0 } ?? false) ? "crit, milestone" : "milestone"
                out += "    \(label(event.title ?? event.id.value)) :\(tags), e\(timing.event)_\(String(event.id.value.map { $0.isLetter || $0.isNumber ? $0 : "_" })), \((event.date?.value ?? timing.earliest ?? schedule.start).writable.iso), 0d\n"
            }
        }
        if omitted > 0 { out += "    %% \(omitted) more items omitted to stay under \(limit ?? 0) characters\n" }
        if let giveUpAt, out.count >= giveUpAt { return nil }
        return out
    }

    static func topLevel(_ task: Int, _ plan: Plan) -> Int {
        var current = task
        while let parent = plan.tasks[current].parent { current = parent }
        return current
    }

    /// Mermaid ids are letters, digits and `_`; planc ids may also hold `-` and `.`.
    static func identifier(_ task: Int, _ plan: Plan) -> String {
        "t\(task)_" + String(plan.tasks[task].id.value.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    /// Task text cannot contain `:` (it starts the task's data), `#` or `;`, nor line breaks, nor
    /// start with a keyword; and no markup. See `Escape.mermaid`.
    static func label(_ text: String) -> String {
        Escape.mermaid(text)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
