import PlanKit

/// The weekly status report as Markdown, for GitHub and for the plain-text part of the email.
/// Occurred risks come first, then the headline, milestones and gates, the critical path, a Mermaid
/// gantt, late and at-risk work, Definition-of-Done gaps, risks, events at risk and the changes
/// against the baseline. All plan text is escaped so it cannot break the Markdown.
public enum ReportMarkdownWriter {
    public static func write(_ report: StatusReport, facts: ScheduleFacts, includeChart: Bool = true) -> String {
        var out = "# \(MarkdownText.inline(report.title))"
        if let status = report.statusDate { out += " — status \(status)" }
        out += "\n\n"
        if !report.occurredRisks.isEmpty {
            out += "> **Risks that have occurred**\n>\n"
            for risk in report.occurredRisks {
                out += "> - **\(MarkdownText.inline(risk.id))** (\(ReportText.score(risk.score))): \(MarkdownText.inline(risk.title))"
                if let response = risk.response { out += " — response: \(MarkdownText.inline(response))" }
                out += "\n"
            }
            out += "\n"
        }
        out += "**Status: \(badge(report.health))**\n\n"
        for reason in report.healthReasons { out += "- \(MarkdownText.inline(reason))\n" }
        out += "\n" + headline(report) + "\n"
        if let whatIf = facts.capacityWhatIf { out += "\n**What if:** \(whatIf.sentence(escape: MarkdownText.inline))\n" }
        out += TrendReportWriter.markdown(facts)

        out += "\n## Milestones and gates\n\n"
        if report.milestones.isEmpty {
            out += "No milestones.\n"
        } else {
            out += "| | milestone | date | baseline | slip | deadline | margin | verdict |\n|---|---|---|---|--:|---|--:|---|\n"
            for milestone in report.milestones {
                let mark = milestone.done ? "✓" : (milestone.critical ? "●" : "")
                let kind = milestone.isGate ? "◆ " : ""
                out += "| \(mark) | \(kind)\(MarkdownText.cell(milestone.title)) | \(milestone.date) | \(milestone.baselineDate?.iso ?? "—") | \(milestone.slip.map(signed) ?? "—") | \(milestone.deadline?.iso ?? "—") | \(milestone.deadlineMargin.map { $0 < 0 ? "**\($0)**" : String($0) } ?? "—") | \(milestone.gate?.spoken ?? "—") |\n"
            }
            out += "\n✓ done · ● on the critical path · ◆ gate · slip and margin in working days\n"
        }

        if !report.gates.isEmpty {
            out += "\n## Gates\n\n"
            for gate in report.gates {
                out += "- **◆ \(MarkdownText.inline(gate.title))** (\(MarkdownText.inline(gate.id)), \(ReportText.gateDate(gate))): \(ReportText.gateSummary(gate))\n"
                for criterion in gate.open {
                    out += "  - \(ReportText.status(criterion)) **\(MarkdownText.inline(criterion.id))** — \(MarkdownText.inline(ReportText.criterion(criterion)))\n"
                }
            }
        }

        out += ConfidenceSectionWriter.markdown(report)
        out += "\n## Critical path\n\n"
        if report.criticalPath.isEmpty {
            out += "Nothing left on the critical path.\n"
        } else {
            out += report.criticalPath.map { "\(MarkdownText.inline($0.id)) (\($0.start == $0.finish ? $0.finish.iso : "\($0.start) – \($0.finish)"))" }
                .joined(separator: " → ") + "\n"
        }

        if includeChart {
            out += "\n## Timeline\n\n```mermaid\n" + MermaidGanttWriter.write(facts, limit: 40_000) + "```\n"
        }
        out += levelling(facts)
        out += teamLoad(facts.resources.reportLoad(facts.network, statusDate: report.statusDate))

        out += "\n## Late and at-risk work\n\n"
        if report.lateTasks.isEmpty, report.atRiskTasks.isEmpty {
            out += "Nothing late; no critical work starts in the next \(report.horizon) working days.\n"
        } else {
            out += "| task | owner | start | finish | float | why |\n|---|---|---|---|--:|---|\n"
            for line in report.lateTasks {
                out += taskRow(line, label: "late")
            }
            for line in report.atRiskTasks {
                out += taskRow(line, label: "at risk")
            }
        }

        out += "\n## Definition of Done\n\n"
        if report.dodGaps.isEmpty {
            out += "Every task marked done meets its Definition of Done.\n"
        } else {
            for gap in report.dodGaps {
                out += "- **\(MarkdownText.inline(gap.id))** is marked done with \(gap.items.count) open item\(gap.items.count == 1 ? "" : "s"): "
                out += gap.items.map { "\(MarkdownText.inline($0.list))/\(MarkdownText.inline($0.item)) (\(MarkdownText.inline($0.reason)))" }.joined(separator: "; ") + "\n"
            }
        }

        out += "\n## Top risks\n\n"
        if report.topRisks.isEmpty {
            out += "No open risks.\n"
        } else {
            out += "| risk | score | owner | trigger | response |\n|---|--:|---|---|---|\n"
            for risk in report.topRisks {
                out += "| \(MarkdownText.cell(risk.title)) | \(risk.score.map(String.init) ?? "—") | \(MarkdownText.cell(risk.owner ?? "—")) | \(MarkdownText.cell(risk.trigger ?? "—")) | \(MarkdownText.cell(risk.response ?? "—")) |\n"
            }
        }

        out += "\n## Marketing events at risk\n\n"
        if report.eventsAtRisk.isEmpty {
            out += "Every marketing event has more than \(StatusReport.tightMargin) working days of margin after the features it promotes.\n"
        } else {
            out += "| event | date | earliest | margin | waits for |\n|---|---|---|--:|---|\n"
            for event in report.eventsAtRisk {
                out += "| \(MarkdownText.cell(event.title)) | \(event.date?.iso ?? "—") | \(event.earliest?.iso ?? "—") | \(event.margin.map { $0 < 0 ? "**\($0)**" : String($0) } ?? "—") | \(MarkdownText.cell(event.driver ?? "—")) |\n"
            }
        }

        if report.hasBaseline {
            out += "\n## Changes since the baseline\n\n"
            if report.changes.isEmpty {
                out += "No date has moved since the baseline.\n"
            } else {
                out += "| item | baseline | forecast | change |\n|---|---|---|--:|\n"
                for change in report.changes.prefix(50) {
                    let delta = change.slip.map(signed) ?? (change.finish == nil ? "removed" : "added")
                    out += "| \(MarkdownText.cell(change.title)) | \(change.baselineFinish?.iso ?? "—") | \(change.finish?.iso ?? "—") | \(delta) |\n"
                }
                if report.changes.count > 50 { out += "\n… and \(report.changes.count - 50) more.\n" }
            }
        }

        if !report.findings.isEmpty {
            out += "\n## Plan findings\n\n"
            for finding in report.findings.prefix(30) { out += "- \(MarkdownText.inline(finding))\n" }
            if report.findings.count > 30 { out += "- … and \(report.findings.count - 30) more (run `planc check`)\n" }
        }
        out += "\n---\n_Generated by planc from plan `\(MarkdownText.inline(report.planID))`"
        if let status = report.statusDate { out += " as of \(status)" }
        return out + "._\n"
    }

    /// What levelling did, when the plan is levelled ("" otherwise).
    static func levelling(_ facts: ScheduleFacts) -> String {
        let resources = facts.resources
        guard resources.isLevelled else { return "" }
        var out = "\n## Levelling\n\n\(LevellingText.finish(facts)).\n"
        if !resources.resourcePath.isEmpty {
            out += "\nResource-driven path: \(LevellingText.path(facts, escape: MarkdownText.inline))\n"
        }
        if resources.moves.isEmpty {
            out += "\nNo task had to wait for a team.\n"
        } else {
            out += "\n| task | delay | why |\n|---|--:|---|\n"
            for move in resources.moves {
                out += "| \(MarkdownText.cell(facts.title(move.task))) | \(LevellingText.delayCell(move.delay)) | \(LevellingText.reason(move, plan: facts.plan, escape: MarkdownText.cell)) |\n"
            }
        }
        return out
    }

    /// Each team's load, week by week ("" when no team has work or the load was not computed).
    static func teamLoad(_ load: ResourceFacts.ReportLoad) -> String {
        guard !load.isEmpty else { return "" }
        var out = "\n## Team load\n"
        for team in load.teams {
            out += "\n**\(LevellingText.teamHeading(team, escape: MarkdownText.inline))**\n\n"
            out += "| week of | person-days asked | available | busiest day | |\n|---|--:|--:|--:|---|\n"
            for week in team.weeks {
                let cells = LevellingText.weekCells(week)
                out += "| \(cells.week) | \(cells.asked) | \(cells.available) | \(cells.busiest) | \(cells.over ? "**over**" : "") |\n"
            }
        }
        let hidden = LevellingText.hiddenWeeks(load.hiddenWeeks)
        if !hidden.isEmpty { out += "\n\(MarkdownText.inline(hidden))\n" }
        out += "\nWeeks run Monday to Sunday on each team's working days; busiest day: people asked for against capacity.\n"
        return out
    }

    public static func badge(_ health: StatusReport.Health) -> String {
        switch health {
        case .green: return "🟢 " + health.label
        case .amber: return "🟠 " + health.label
        case .red: return "🔴 " + health.label
        }
    }

    /// "Forecast finish 2027-03-16 (baseline 2027-03-12). 'launch' is due 2027-03-15: 4 working days of margin."
    public static func headline(_ report: StatusReport) -> String {
        var text = "Forecast finish **\(report.finish)**"
        if let baseline = report.baselineFinish { text += " (baseline \(baseline))" }
        text += "."
        if let key = report.keyDeadline {
            let days = abs(key.margin)
            let unit = "working day\(days == 1 ? "" : "s")"
            text += key.margin >= 0
                ? " '\(MarkdownText.inline(key.id))' is due \(key.deadline): **\(days) \(unit) of margin**."
                : " '\(MarkdownText.inline(key.id))' is due \(key.deadline): **\(days) \(unit) late**."
        }
        return text
    }

    static func signed(_ value: Int) -> String {
        value > 0 ? "+\(value)" : String(value)
    }

    static func taskRow(_ line: StatusReport.TaskLine, label: String) -> String {
        "| \(MarkdownText.cell(line.title)) | \(MarkdownText.cell(line.owner ?? "—")) | \(line.start) | \(line.finish) | \(line.totalFloat) | \(label): \(MarkdownText.cell(line.reason)) |\n"
    }
}
