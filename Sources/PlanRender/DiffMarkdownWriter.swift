import PlanKit

/// A plan diff as a pull-request comment: a headline with the most important change, a table of
/// the milestones, gates and finish that moved, then deadlines, gate verdicts, the critical path,
/// tasks and risks, most important first. The comment stays under `limit` bytes (GitHub refuses
/// comments over 65,536 characters): the least important changes are left out and counted.
public enum DiffMarkdownWriter {
    public static let defaultLimit = 65_536

    /// A heading and its entries; each entry is one change, so what is left out can be counted.
    struct Block {
        var heading: String
        var entries: [String]
        var trailer = ""
    }

    /// `whatIf`: with `--capacity`, what the assumed capacities buy on the head.
    public static func write(_ diff: PlanDiff, limit: Int = defaultLimit, whatIf: CapacityWhatIf? = nil) -> String {
        var out = "### Plan diff: \(MarkdownText.inline(diff.head.plan ?? diff.base.plan ?? "plan"))\n\n"
        if !diff.datesCompared { out += "**" + MarkdownText.inline(notComparedLine(diff)) + "**\n\n" }
        out += "**" + headline(diff) + "**\n\n"
        if let whatIf { out += "What if, on the head: \(whatIf.sentence(escape: MarkdownText.inline))\n\n" }
        let footer = footerLine(diff)
        // Room for the footer and for the note that says how much was left out.
        let budget = limit - 1 - out.utf8.count - footer.utf8.count - 200
        var body = ""
        var used = 0
        var omitted = 0
        for block in blocks(diff) {
            if omitted > 0 {
                omitted += block.entries.count
                continue
            }
            var text = block.heading
            var shown = 0
            for entry in block.entries {
                if used + text.utf8.count + entry.utf8.count + block.trailer.utf8.count <= budget {
                    text += entry
                    shown += 1
                } else {
                    break
                }
            }
            omitted += block.entries.count - shown
            if shown > 0 {
                text += block.trailer
                body += text
                used += text.utf8.count
            }
        }
        out += body
        if omitted > 0 {
            out += "_… \(omitted) more change\(omitted == 1 ? "" : "s") not shown (a comment is limited to 64 KB); `planc diff --format json` lists every change._\n\n"
        }
        return out + footer
    }

    // MARK: - Headline

    static func notComparedLine(_ diff: PlanDiff) -> String {
        var sides: [String] = []
        for (name, side) in [("base", diff.base), ("head", diff.head)] where !side.scheduled {
            sides.append("the \(name) (\(side.path)) has \(side.errors) error\(side.errors == 1 ? "" : "s") and cannot be scheduled")
        }
        return "Dates cannot be compared: " + sides.joined(separator: " and ")
            + "; only structural changes (tasks and risks) are shown."
    }

    /// The most important change in one sentence (plan text escaped).
    static func headline(_ diff: PlanDiff) -> String {
        guard let first = diff.changes.first else {
            return diff.datesCompared ? "No schedule changes." : "No structural changes."
        }
        switch first {
        case .deadline(let change):
            let movement = diff.movements.first { $0.id == change.id }
            switch change.state {
            case .missed:
                if let movement { return "\(code(change.id)) \(move(movement)); deadline \(change.deadline) now missed." }
                return "\(code(change.id)) now misses its deadline \(change.deadline): forecast \(change.finish), \(days(change.workingDays)) late."
            case .met:
                if let movement { return "\(code(change.id)) \(move(movement)); deadline \(change.deadline) now met." }
                return "\(code(change.id)) now meets its deadline \(change.deadline) (forecast \(change.finish))."
            }
        case .verdict(let change):
            guard let base = change.base else { return "New gate \(code(change.id)): \(change.head.spoken)." }
            return "Gate \(code(change.id)) turns \(base.spoken) → \(change.head.spoken)."
        case .movement(let movement):
            return "\(movement.id.map(code) ?? "The plan finish") \(move(movement))."
        case .criticalPath(let change):
            if !change.added.isEmpty { return "The critical path now runs through \(change.added.map(code).joined(separator: ", "))." }
            return "The critical path no longer runs through \(change.removed.map(code).joined(separator: ", "))."
        case .overAllocation(let change):
            return change.state == .created
                ? "\(code(change.team)) is now over capacity \(LevellingText.span(change.from, change.to)) (\(people(change)))."
                : "\(code(change.team)) is no longer over capacity \(LevellingText.span(change.from, change.to))."
        case .levellingDelay(let change):
            return "Levelling now moves \(code(change.id)) \(days(change.head)) (was \(change.base))."
        default:
            // Only the forecast moved: that is the news (a change to estimates or risks).
            if let move = diff.confidence.first, move.baseP80 != nil {
                let now = StatusReport.Confidence.percent(move.headProbability)
                return "The chance that \(code(move.id)) meets its deadline \(move.deadline) moves "
                    + "\(move.baseProbability.map(StatusReport.Confidence.percent) ?? "?") → \(now) (P80 \(move.headP80))."
            }
            let count = diff.changes.count
            let what = "\(count) change\(count == 1 ? "" : "s") to tasks and risks below."
            return diff.datesCompared ? "No schedule changes; \(what)" : what
        }
    }

    static func move(_ movement: PlanDiff.Movement) -> String {
        let count = movement.workingDays
        if count > 0 { return "slips \(days(count)) to \(movement.head)" }
        if count < 0 { return "moves \(days(-count)) earlier to \(movement.head)" }
        return "moves to \(movement.head) (the same working day)"
    }

    static func days(_ count: Int) -> String { "\(count) working day\(count == 1 ? "" : "s")" }

    static func signed(_ count: Int) -> String { count > 0 ? "+\(count)" : String(count) }

    // MARK: - Sections

    static func blocks(_ diff: PlanDiff) -> [Block] {
        var blocks: [Block] = []
        if !diff.movements.isEmpty {
            blocks.append(Block(heading: "| | moved | base | head | working days | deadline |\n|---|---|---|---|--:|---|\n",
                                entries: diff.movements.map(row), trailer: "\n"))
        }
        if !diff.deadlines.isEmpty {
            blocks.append(Block(heading: "#### Deadlines\n\n", entries: diff.deadlines.map(entry), trailer: "\n"))
        }
        if !diff.confidence.isEmpty, let run = diff.confidenceRun {
            blocks.append(Block(heading: "#### Schedule confidence\n\n", entries: diff.confidence.map(entry),
                                trailer: "\n_Both sides simulated \(run.iterations) times with seed \(run.seed)._\n\n"))
        }
        if !diff.verdicts.isEmpty {
            blocks.append(Block(heading: "#### Gate verdicts\n\n", entries: diff.verdicts.map(entry), trailer: "\n"))
        }
        if let change = diff.criticalPath {
            var text = ""
            if !change.added.isEmpty { text += "- now critical: \(change.added.map(code).joined(separator: ", "))\n" }
            if !change.removed.isEmpty { text += "- no longer critical: \(change.removed.map(code).joined(separator: ", "))\n" }
            text += "- path: \(change.head.map(code).joined(separator: " → "))\n"
            blocks.append(Block(heading: "#### Critical path\n\n", entries: [text], trailer: "\n"))
        }
        if !diff.overAllocations.isEmpty {
            blocks.append(Block(heading: "#### Team load\n\n", entries: diff.overAllocations.map(entry), trailer: "\n"))
        }
        if !diff.delays.isEmpty {
            blocks.append(Block(heading: "#### Levelling\n\n", entries: diff.delays.map(entry), trailer: "\n"))
        }
        let tasks = diff.addedTasks.map { "- added " + summary($0) + "\n" }
            + diff.removedTasks.map { "- removed " + summary($0) + "\n" }
            + diff.changedTasks.map(entry)
        if !tasks.isEmpty { blocks.append(Block(heading: "#### Tasks\n\n", entries: tasks, trailer: "\n")) }
        let risks = diff.addedRisks.map { "- new " + summary($0) + "\n" }
            + diff.removedRisks.map { "- removed " + summary($0) + "\n" }
            + diff.changedRisks.map(entry)
        if !risks.isEmpty { blocks.append(Block(heading: "#### Risks\n\n", entries: risks, trailer: "\n")) }
        return blocks
    }

    static func row(_ movement: PlanDiff.Movement) -> String {
        let mark = movement.kind == .gate ? "◆" : (movement.kind == .milestone ? "◇" : "")
        let name = movement.id.map { code($0, inTable: true) + (movement.title.map { " " + MarkdownText.cell(clip($0)) } ?? "") } ?? "plan finish"
        let shift = movement.workingDays > 0 ? "**\(signed(movement.workingDays))**" : signed(movement.workingDays)
        let deadline = movement.deadline.map { $0.iso + (movement.missesDeadline ? " **missed**" : "") } ?? ""
        return "| \(mark) | \(name) | \(movement.base) | \(movement.head) | \(shift) | \(deadline) |\n"
    }

    static func entry(_ change: PlanDiff.DeadlineChange) -> String {
        let was = change.baseFinish.map { " (was \($0))" } ?? ""
        switch change.state {
        case .missed:
            return "- **now missed:** \(mark(change.kind))\(code(change.id)) deadline \(change.deadline), forecast \(change.finish)\(was), \(days(change.workingDays)) late\n"
        case .met:
            return "- now met: \(mark(change.kind))\(code(change.id)) deadline \(change.deadline), forecast \(change.finish)\(was), \(days(change.workingDays)) to spare\n"
        }
    }

    /// "- `go-live` (deadline 2027-03-12): P80 2027-03-15 → 2027-03-17 (**+2**); chance of meeting it 72.8% → 61%"
    static func entry(_ move: PlanDiff.ConfidenceMove) -> String {
        var text = "- \(code(move.id)) (deadline \(move.deadline)): P80 "
        if let before = move.baseP80 {
            text += before == move.headP80 ? "\(move.headP80) (unchanged)" : "\(before) → \(move.headP80) (\(move.workingDays > 0 ? "**\(signed(move.workingDays))**" : signed(move.workingDays)) working days)"
        } else {
            text += "\(move.headP80) (new)"
        }
        let now = StatusReport.Confidence.percent(move.headProbability)
        text += "; chance of meeting it " + (move.baseProbability.map { "\(StatusReport.Confidence.percent($0)) → \(now)" } ?? now)
        return text + "\n"
    }

    static func entry(_ change: PlanDiff.VerdictChange) -> String {
        let title = change.title.map { " " + MarkdownText.inline(clip($0)) } ?? ""
        let verdict = change.base.map { "\($0.spoken) → **\(change.head.spoken)**" } ?? "new gate, **\(change.head.spoken)**"
        var text = "- ◆ \(code(change.id))\(title): \(verdict)\n"
        for criterion in change.criteria {
            let before = criterion.base?.rawValue ?? "new"
            let after = criterion.head?.rawValue ?? "removed"
            text += "  - \(code(criterion.id)): \(before) → \(after) — \(MarkdownText.inline(clip(criterion.reason)))\n"
        }
        return text
    }

    /// "4 of 2 people"
    static func people(_ change: PlanDiff.OverAllocationChange) -> String {
        "\(ResourceModel.format(milliUnits: change.peakMilliUnits)) of \(ResourceModel.format(milliUnits: change.milliCapacity)) people"
    }

    static func entry(_ change: PlanDiff.OverAllocationChange) -> String {
        let tasks = change.tasks.map(code).joined(separator: ", ")
        switch change.state {
        case .created:
            return "- now over capacity: \(code(change.team)) \(LevellingText.span(change.from, change.to)), \(people(change)) (\(tasks))\n"
        case .removed:
            return "- no longer over capacity: \(code(change.team)) \(LevellingText.span(change.from, change.to)), was \(people(change)) (\(tasks))\n"
        }
    }

    static func entry(_ change: PlanDiff.DelayChange) -> String {
        "- \(code(change.id)): levelling delay \(change.base) → \(change.head) working days (\(signed(change.head - change.base)))\n"
    }

    static func entry(_ change: PlanDiff.TaskChange) -> String {
        let title = change.title.map { " " + MarkdownText.inline(clip($0)) } ?? ""
        return "- changed \(mark(change.kind))\(code(change.id))\(title): " + fields(change.fields) + "\n"
    }

    static func entry(_ change: PlanDiff.RiskChange) -> String {
        let title = change.title.map { " " + MarkdownText.inline(clip($0)) } ?? ""
        return "- changed \(code(change.id))\(title): " + fields(change.fields) + "\n"
    }

    static func fields(_ fields: [PlanDiff.FieldChange]) -> String {
        fields.map { field in
            let name = field.field == "dependencies" ? "after" : field.field
            return "\(name) \(value(field.base)) → \(value(field.head))"
        }.joined(separator: "; ")
    }

    static func value(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "—" }
        return MarkdownText.inline(clip(text))
    }

    static func summary(_ task: PlanDiff.TaskSummary) -> String {
        var details: [String] = []
        if let duration = task.duration { details.append(duration) }
        if !task.dependencies.isEmpty { details.append("after " + MarkdownText.inline(clip(task.dependencies.joined(separator: ", ")))) }
        if let owner = task.owner { details.append("owner " + MarkdownText.inline(owner)) }
        if let parent = task.parent { details.append("in " + code(parent)) }
        let title = task.title.map { " " + MarkdownText.inline(clip($0)) } ?? ""
        return mark(task.kind) + code(task.id) + title + (details.isEmpty ? "" : " (" + details.joined(separator: "; ") + ")")
    }

    static func summary(_ risk: PlanDiff.RiskSummary) -> String {
        var details = [ReportText.score(risk.score), risk.status]
        if let owner = risk.owner { details.append("owner " + MarkdownText.inline(owner)) }
        let title = risk.title.map { " " + MarkdownText.inline(clip($0)) } ?? ""
        return code(risk.id) + title + " (" + details.joined(separator: ", ") + ")"
    }

    static func mark(_ kind: Task.Kind) -> String {
        switch kind {
        case .gate: return "◆ "
        case .milestone: return "◇ "
        case .task: return ""
        }
    }

    /// An id as code; anything that is not a well-formed id is escaped as text instead.
    static func code(_ id: String) -> String { code(id, inTable: false) }

    static func code(_ id: String, inTable: Bool) -> String {
        let plain = !id.isEmpty && id.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
        }
        if plain { return "`\(id)`" }
        return inTable ? MarkdownText.cell(clip(id)) : MarkdownText.inline(clip(id))
    }

    /// Plan text is clipped so that one long title cannot fill the comment.
    static func clip(_ text: String, to length: Int = 200) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    static func footerLine(_ diff: PlanDiff) -> String {
        var line = "<sub>base \(MarkdownText.inline(diff.base.path)) · head \(MarkdownText.inline(diff.head.path))"
        if let status = diff.head.statusDate { line += " · status date \(status)" }
        return line + " · working days on the head's calendar · planc diff</sub>\n"
    }
}
