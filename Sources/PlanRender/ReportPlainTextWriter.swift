import PlanKit

/// The weekly status report as plain text, for the text/plain part of the email: what a reader
/// sees in a client that shows no HTML. The same sections as the Markdown and HTML reports, as
/// short lines and lists: no markup to escape, no chart source (the HTML part has the chart) and
/// no compiler findings (they are for the plan's authors: `planc check`).
public enum ReportPlainTextWriter {
    /// `facts` add the levelling summary and the team load (none without them).
    public static func write(_ report: StatusReport, facts: ScheduleFacts? = nil) -> String {
        var out = ""
        var heading = text(report.title)
        if let status = report.statusDate { heading += " — status \(status)" }
        out += heading + "\n" + String(repeating: "=", count: min(72, heading.count)) + "\n\n"

        if !report.occurredRisks.isEmpty {
            out += "RISKS THAT HAVE OCCURRED\n"
            for risk in report.occurredRisks {
                out += "  * \(text(risk.id)) (\(ReportText.score(risk.score))): \(text(risk.title))"
                if let response = risk.response { out += " — response: \(text(response))" }
                out += "\n"
            }
            out += "\n"
        }
        out += "STATUS: \(report.health.label)\n"
        for reason in report.healthReasons { out += "  * \(text(reason))\n" }
        out += "\n" + headline(report) + "\n"
        if let whatIf = facts?.capacityWhatIf { out += "What if: \(whatIf.sentence(escape: text))\n" }
        out += TrendReportWriter.plain(facts)

        section("Milestones and gates", into: &out)
        if report.milestones.isEmpty {
            out += "No milestones.\n"
        } else {
            for milestone in report.milestones {
                var line = "\(milestone.done ? "done" : "    ")  \(milestone.date)  \(milestone.isGate ? "gate: " : "")\(text(milestone.title))"
                var facts: [String] = []
                if let gate = milestone.gate { facts.append(gate.spoken) }
                if let deadline = milestone.deadline, let margin = milestone.deadlineMargin {
                    facts.append("deadline \(deadline), " + (margin < 0 ? "\(days(-margin)) late" : "\(days(margin)) of margin"))
                }
                if let baseline = milestone.baselineDate, let slip = milestone.slip, slip != 0 {
                    facts.append("baseline \(baseline), \(slip > 0 ? "\(days(slip)) later" : "\(days(-slip)) earlier")")
                }
                if milestone.critical, !milestone.done { facts.append("on the critical path") }
                if !facts.isEmpty { line += " (" + facts.joined(separator: "; ") + ")" }
                out += line + "\n"
            }
        }

        if !report.gates.isEmpty {
            section("Gates", into: &out)
            for gate in report.gates {
                out += "\(text(gate.title)) (\(text(gate.id)), \(ReportText.gateDate(gate))): \(ReportText.gateSummary(gate))\n"
                for criterion in gate.open {
                    out += "  * \(ReportText.status(criterion)) \(text(criterion.id)): \(text(ReportText.criterion(criterion)))\n"
                }
            }
        }

        out += ConfidenceSectionWriter.plain(report)
        section("Critical path", into: &out)
        if report.criticalPath.isEmpty {
            out += "Nothing left on the critical path.\n"
        } else {
            for line in report.criticalPath {
                out += "  \(span(line))  \(text(line.title))\n"
            }
        }

        if let facts {
            out += levelling(facts)
            out += teamLoad(facts.resources.reportLoad(facts.network, statusDate: report.statusDate))
        }

        section("Late and at-risk work", into: &out)
        if report.lateTasks.isEmpty, report.atRiskTasks.isEmpty {
            out += "Nothing late; no critical work starts in the next \(report.horizon) working days.\n"
        } else {
            for (label, lines) in [("late", report.lateTasks), ("at risk", report.atRiskTasks)] {
                for line in lines {
                    out += "  * \(label): \(text(line.title))\(line.owner.map { " (\(text($0)))" } ?? ""), \(span(line)): \(text(line.reason))\n"
                }
            }
        }

        section("Definition of Done", into: &out)
        if report.dodGaps.isEmpty {
            out += "Every task marked done meets its Definition of Done.\n"
        } else {
            for gap in report.dodGaps {
                out += "  * \(text(gap.id)) is marked done with \(gap.items.count) open item\(gap.items.count == 1 ? "" : "s"): "
                out += gap.items.map { "\(text($0.list))/\(text($0.item)) (\(text($0.reason)))" }.joined(separator: "; ") + "\n"
            }
        }

        section("Top risks", into: &out)
        if report.topRisks.isEmpty {
            out += "No open risks.\n"
        } else {
            for risk in report.topRisks {
                out += "  * \(text(risk.title)) (\(ReportText.score(risk.score))\(risk.owner.map { ", owner \(text($0))" } ?? ""))\n"
                if let trigger = risk.trigger { out += "    trigger: \(text(trigger))\n" }
                if let response = risk.response { out += "    response: \(text(response))\n" }
            }
        }

        section("Marketing events at risk", into: &out)
        if report.eventsAtRisk.isEmpty {
            out += "Every marketing event has more than \(StatusReport.tightMargin) working days of margin after the features it promotes.\n"
        } else {
            for event in report.eventsAtRisk {
                let margin = event.margin.map { $0 < 0 ? "runs \(days(-$0)) ahead of its feature" : "\(days($0)) of margin" } ?? "no date"
                out += "  * \(text(event.title)) (\(event.date?.iso ?? "no date")): \(margin)"
                if let earliest = event.earliest { out += ", earliest \(earliest)" }
                if let driver = event.driver { out += ", waits for \(text(driver))" }
                out += "\n"
            }
        }

        if report.hasBaseline {
            section("Changes since the baseline", into: &out)
            if report.changes.isEmpty {
                out += "No date has moved since the baseline.\n"
            } else {
                for change in report.changes.prefix(50) {
                    let delta = change.slip.map { $0 > 0 ? "\(days($0)) later" : "\(days(-$0)) earlier" } ?? (change.finish == nil ? "removed" : "added")
                    out += "  * \(text(change.title)): \(change.baselineFinish?.iso ?? "—") → \(change.finish?.iso ?? "—") (\(delta))\n"
                }
                if report.changes.count > 50 { out += "  … and \(report.changes.count - 50) more.\n" }
            }
        }

        if report.errorCount > 0 {
            out += "\nThe plan has \(report.errorCount) error\(report.errorCount == 1 ? "" : "s") for its authors to fix (planc check lists them).\n"
        }
        out += "\n--\nGenerated by planc from plan \(text(report.planID))"
        if let status = report.statusDate { out += " as of \(status)" }
        return out + ".\n"
    }

    /// "Forecast finish 2027-03-16 (baseline 2027-03-12). 'launch' is due 2027-03-15: 4 working days of margin."
    static func headline(_ report: StatusReport) -> String {
        var line = "Forecast finish \(report.finish)"
        if let baseline = report.baselineFinish { line += " (baseline \(baseline))" }
        line += "."
        if let key = report.keyDeadline {
            line += " '\(text(key.id))' is due \(key.deadline): " + (key.margin >= 0 ? "\(days(key.margin)) of margin." : "\(days(-key.margin)) late.")
        }
        return line
    }

    static func levelling(_ facts: ScheduleFacts) -> String {
        let resources = facts.resources
        guard resources.isLevelled else { return "" }
        var out = ""
        section("Levelling", into: &out)
        out += LevellingText.finish(facts) + "\n"
        if !resources.resourcePath.isEmpty { out += "Resource-driven path: \(LevellingText.path(facts, escape: text))\n" }
        for move in resources.moves {
            out += "  * \(text(facts.plan.tasks[move.task].id.value)) \(LevellingText.delayCell(move.delay)): \(LevellingText.reason(move, plan: facts.plan, escape: text))\n"
        }
        if resources.moves.isEmpty { out += "No task had to wait for a team.\n" }
        return out
    }

    static func teamLoad(_ load: ResourceFacts.ReportLoad) -> String {
        guard !load.isEmpty else { return "" }
        var out = ""
        section("Team load", into: &out)
        for team in load.teams {
            out += LevellingText.teamHeading(team, escape: text) + "\n"
            for week in team.weeks {
                let cells = LevellingText.weekCells(week)
                let asked = week.capacityMilliDays == nil ? "\(cells.asked) person-days" : "\(cells.asked) of \(cells.available) person-days"
                out += "  week of \(cells.week): \(asked), busiest day \(cells.busiest)\(cells.over ? "  OVER CAPACITY" : "")\n"
            }
        }
        let hidden = LevellingText.hiddenWeeks(load.hiddenWeeks)
        if !hidden.isEmpty { out += hidden + "\n" }
        return out
    }

    static func section(_ title: String, into out: inout String) {
        out += "\n\(title)\n\(String(repeating: "-", count: title.count))\n"
    }

    /// "2027-03-10 – 2027-03-16", or one date for work of one day.
    static func span(_ line: StatusReport.TaskLine) -> String {
        line.start == line.finish ? line.finish.iso : "\(line.start) – \(line.finish)"
    }

    static func days(_ count: Int) -> String { "\(count) working day\(count == 1 ? "" : "s")" }

    /// Plan text on one line: control characters (CR and LF among them) become spaces.
    static func text(_ value: String) -> String { EmailWriter.clean(value) }
}
