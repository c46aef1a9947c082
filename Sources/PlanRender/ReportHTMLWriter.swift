import PlanKit

/// The weekly status report as one self-contained HTML page: inline CSS, the gantt as inline SVG,
/// no scripts, no fonts or images from anywhere (a Content-Security-Policy says so to the browser).
/// Same content in the same order as the Markdown report; all plan text is escaped.
public enum ReportHTMLWriter {
    /// `includeFindings: false` leaves out the plan's errors and warnings (the email's reader is
    /// not the plan's author).
    public static func write(_ report: StatusReport, facts: ScheduleFacts, includeChart: Bool = true, includeFindings: Bool = true) -> String {
        let e = HTMLText.escape
        var heading = report.title
        if let status = report.statusDate { heading += " — status \(status)" }

        var out = pageStart(title: heading) + "<header><h1>\(e(report.title))</h1>"
        if let status = report.statusDate { out += "<p class=\"subtitle\">Status report as of <time>\(status)</time></p>" }
        out += "</header>\n"

        if !report.occurredRisks.isEmpty {
            out += "<section class=\"occurred\" aria-label=\"Risks that have occurred\">\n<h2>Risks that have occurred</h2>\n<ul>\n"
            for risk in report.occurredRisks {
                out += "<li><strong>\(e(risk.id))</strong> (\(ReportText.score(risk.score))): \(e(risk.title))"
                if let response = risk.response { out += " — response: \(e(response))" }
                out += "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }

        out += "<section class=\"health health-\(report.health.rawValue)\">\n"
        out += "<p class=\"badge-line\">Status: <span class=\"badge \(report.health.rawValue)\">\(badge(report.health))</span></p>\n<ul class=\"reasons\">\n"
        for reason in report.healthReasons { out += "<li>\(e(reason))</li>\n" }
        out += "</ul>\n<p class=\"headline\">\(headline(report))</p>\n"
        if let whatIf = facts.capacityWhatIf { out += "<p class=\"headline\">What if: \(whatIf.sentence(escape: HTMLText.escape))</p>\n" }
        out += TrendReportWriter.html(facts)
        out += "</section>\n"

        out += "<section>\n<h2>Milestones and gates</h2>\n"
        if report.milestones.isEmpty {
            out += "<p>No milestones.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th></th><th>milestone</th><th>date</th><th>baseline</th><th class=\"num\">slip</th><th>deadline</th><th class=\"num\">margin</th><th>verdict</th></tr></thead>\n<tbody>\n"
            for milestone in report.milestones {
                let mark = milestone.done ? "<span class=\"mark done\" title=\"done\">✓</span>"
                    : milestone.critical ? "<span class=\"mark crit\" title=\"on the critical path\">●</span>" : ""
                let kind = milestone.isGate ? "<span class=\"gate-mark\" title=\"gate\">◆</span> " : ""
                out += "<tr\(milestone.done ? " class=\"done\"" : "")><td class=\"mark-cell\">\(mark)</td><td>\(kind)\(e(milestone.title))</td>"
                out += "<td class=\"date\">\(milestone.date)</td><td class=\"date\">\(milestone.baselineDate?.iso ?? "—")</td>"
                out += "<td class=\"num\">\(milestone.slip.map(signedCell) ?? "—")</td><td class=\"date\">\(milestone.deadline?.iso ?? "—")</td>"
                out += "<td class=\"num\">\(milestone.deadlineMargin.map(marginCell) ?? "—")</td><td>\(milestone.gate.map(standingBadge) ?? "—")</td></tr>\n"
            }
            out += "</tbody>\n</table>\n<p class=\"key\">✓ done · ● on the critical path · ◆ gate · slip and margin in working days</p>\n"
        }
        out += "</section>\n"

        if !report.gates.isEmpty {
            out += "<section>\n<h2>Gates</h2>\n<ul class=\"gates\">\n"
            for gate in report.gates {
                out += "<li><strong><span class=\"gate-mark\">◆</span> \(e(gate.title))</strong> (\(e(gate.id)), \(ReportText.gateDate(gate))): "
                out += "\(standingBadge(gate.standing))\(gate.done ? " (done)" : "") — \(ReportText.gateCount(gate))"
                if !gate.open.isEmpty {
                    out += "\n<ul class=\"criteria\">\n"
                    for criterion in gate.open {
                        out += "<li><span class=\"crit-\(criterion.status.rawValue.lowercased())\">\(ReportText.status(criterion))</span> <strong>\(e(criterion.id))</strong> — \(e(ReportText.criterion(criterion)))</li>\n"
                    }
                    out += "</ul>\n"
                }
                out += "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }

        out += ConfidenceSectionWriter.html(report, includeChart: includeChart)
        out += "<section>\n<h2>Critical path</h2>\n"
        if report.criticalPath.isEmpty {
            out += "<p>Nothing left on the critical path.</p>\n"
        } else {
            out += "<ol class=\"path\">"
            for line in report.criticalPath {
                let dates = line.start == line.finish ? line.finish.iso : "\(line.start) – \(line.finish)"
                out += "<li><span class=\"id\">\(e(line.id))</span> <span class=\"when\">(\(dates))</span></li>"
            }
            out += "</ol>\n"
        }
        out += "</section>\n"

        if includeChart {
            let verdicts = Dictionary(report.milestones.compactMap { milestone in milestone.gate?.verdict.map { (milestone.task, $0) } },
                                      uniquingKeysWith: { first, _ in first })
            out += "<section>\n<h2>Timeline</h2>\n<div class=\"chart\">\n"
            out += GanttSVGWriter.write(facts, verdicts: verdicts)
            out += "</div>\n</section>\n"
        }
        out += levelling(facts)
        out += teamLoad(facts.resources.reportLoad(facts.network, statusDate: report.statusDate), includeChart: includeChart)

        out += "<section>\n<h2>Late and at-risk work</h2>\n"
        if report.lateTasks.isEmpty, report.atRiskTasks.isEmpty {
            out += "<p>Nothing late; no critical work starts in the next \(report.horizon) working days.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>task</th><th>owner</th><th>start</th><th>finish</th><th class=\"num\">float</th><th>why</th></tr></thead>\n<tbody>\n"
            for line in report.lateTasks { out += taskRow(line, label: "late") }
            for line in report.atRiskTasks { out += taskRow(line, label: "at risk") }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"

        out += "<section>\n<h2>Definition of Done</h2>\n"
        if report.dodGaps.isEmpty {
            out += "<p>Every task marked done meets its Definition of Done.</p>\n"
        } else {
            out += "<ul>\n"
            for gap in report.dodGaps {
                out += "<li><strong>\(e(gap.id))</strong> is marked done with \(gap.items.count) open item\(gap.items.count == 1 ? "" : "s"): "
                out += gap.items.map { "\(e($0.list))/\(e($0.item)) (\(e($0.reason)))" }.joined(separator: "; ") + "</li>\n"
            }
            out += "</ul>\n"
        }
        out += "</section>\n"

        out += "<section>\n<h2>Top risks</h2>\n"
        if report.topRisks.isEmpty {
            out += "<p>No open risks.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>risk</th><th class=\"num\">score</th><th>owner</th><th>trigger</th><th>response</th></tr></thead>\n<tbody>\n"
            for risk in report.topRisks {
                let scoreClass = RiskThresholds.isHigh(risk.score) ? " high" : RiskThresholds.isSerious(risk.score) ? " serious" : ""
                out += "<tr><td>\(e(risk.title))</td><td class=\"num\"><span class=\"score\(scoreClass)\">\(risk.score.map(String.init) ?? "—")</span></td>"
                out += "<td>\(e(risk.owner ?? "—"))</td><td>\(e(risk.trigger ?? "—"))</td><td>\(e(risk.response ?? "—"))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"

        out += "<section>\n<h2>Marketing events at risk</h2>\n"
        if report.eventsAtRisk.isEmpty {
            out += "<p>Every marketing event has more than \(StatusReport.tightMargin) working days of margin after the features it promotes.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>event</th><th>date</th><th>earliest</th><th class=\"num\">margin</th><th>waits for</th></tr></thead>\n<tbody>\n"
            for event in report.eventsAtRisk {
                out += "<tr><td>\(e(event.title))</td><td class=\"date\">\(event.date?.iso ?? "—")</td><td class=\"date\">\(event.earliest?.iso ?? "—")</td>"
                out += "<td class=\"num\">\(event.margin.map(marginCell) ?? "—")</td><td>\(e(event.driver ?? "—"))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"

        if report.hasBaseline {
            out += "<section>\n<h2>Changes since the baseline</h2>\n"
            if report.changes.isEmpty {
                out += "<p>No date has moved since the baseline.</p>\n"
            } else {
                out += "<table>\n<thead><tr><th>item</th><th>baseline</th><th>forecast</th><th class=\"num\">change</th></tr></thead>\n<tbody>\n"
                for change in report.changes.prefix(50) {
                    let delta = change.slip.map(signedCell) ?? (change.finish == nil ? "removed" : "added")
                    out += "<tr><td>\(e(change.title))</td><td class=\"date\">\(change.baselineFinish?.iso ?? "—")</td><td class=\"date\">\(change.finish?.iso ?? "—")</td><td class=\"num\">\(delta)</td></tr>\n"
                }
                out += "</tbody>\n</table>\n"
                if report.changes.count > 50 { out += "<p>… and \(report.changes.count - 50) more.</p>\n" }
            }
            out += "</section>\n"
        }

        if !includeFindings, report.errorCount > 0 {
            out += "<p class=\"key\">The plan has \(report.errorCount) error\(report.errorCount == 1 ? "" : "s") for its authors to fix (<code>planc check</code> lists them).</p>\n"
        }
        if includeFindings, !report.findings.isEmpty {
            out += "<section>\n<h2>Plan findings</h2>\n<ul class=\"findings\">\n"
            for finding in report.findings.prefix(30) {
                let severity = finding.hasPrefix("error") ? "error" : finding.hasPrefix("warning") ? "warning" : "other"
                out += "<li class=\"\(severity)\">\(e(finding))</li>\n"
            }
            if report.findings.count > 30 { out += "<li>… and \(report.findings.count - 30) more (run <code>planc check</code>)</li>\n" }
            out += "</ul>\n</section>\n"
        }

        out += "<footer>Generated by planc from plan <code>\(e(report.planID))</code>"
        if let status = report.statusDate { out += " as of \(status)" }
        return out + ".</footer>\n</main>\n</body>\n</html>\n"
    }

    /// The page up to `<main>`: no scripts, nothing loaded from anywhere, the report's CSS
    /// (`extraCSS` after it). The forecast page starts the same way.
    static func pageStart(title: String, extraCSS: String = "") -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="generator" content="planc">
        <title>\(HTMLText.escape(title))</title>
        \(css)\(extraCSS)</head>
        <body>
        <main>

        """
    }

    static func levelling(_ facts: ScheduleFacts) -> String {
        let resources = facts.resources, e = HTMLText.escape
        guard resources.isLevelled else { return "" }
        var out = "<section>\n<h2>Levelling</h2>\n<p>\(e(LevellingText.finish(facts))).</p>\n"
        if !resources.resourcePath.isEmpty { out += "<p>Resource-driven path: \(LevellingText.path(facts, escape: e))</p>\n" }
        if resources.moves.isEmpty {
            out += "<p>No task had to wait for a team.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>task</th><th class=\"num\">delay</th><th>why</th></tr></thead>\n<tbody>\n"
            for move in resources.moves {
                out += "<tr><td>\(e(facts.title(move.task)))</td><td class=\"num\">\(LevellingText.delayCell(move.delay))</td><td>\(LevellingText.reason(move, plan: facts.plan, escape: e))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    /// The team load: the SVG chart (under the Gantt), then a table per team.
    static func teamLoad(_ load: ResourceFacts.ReportLoad, includeChart: Bool) -> String {
        guard !load.isEmpty else { return "" }
        let e = HTMLText.escape
        var out = "<section>\n<h2>Team load</h2>\n"
        if includeChart { out += "<div class=\"chart\">\n" + LoadSVGWriter.write(load) + "</div>\n" }
        for team in load.teams {
            out += "<h3>\(LevellingText.teamHeading(team, escape: e))</h3>\n"
            out += "<table>\n<thead><tr><th>week of</th><th class=\"num\">person-days asked</th><th class=\"num\">available</th><th class=\"num\">busiest day</th><th></th></tr></thead>\n<tbody>\n"
            for week in team.weeks {
                let cells = LevellingText.weekCells(week)
                out += "<tr><td class=\"date\">\(cells.week)</td><td class=\"num\">\(cells.asked)</td><td class=\"num\">\(cells.available)</td>"
                out += "<td class=\"num\">\(cells.busiest)</td><td>\(cells.over ? "<span class=\"tag late\">over</span>" : "")</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        let hidden = LevellingText.hiddenWeeks(load.hiddenWeeks)
        if !hidden.isEmpty { out += "<p class=\"key\">\(e(hidden))</p>\n" }
        return out + "</section>\n"
    }

    public static func badge(_ health: StatusReport.Health) -> String {
        health.label
    }

    /// The Markdown headline, as HTML.
    static func headline(_ report: StatusReport) -> String {
        var text = "Forecast finish <strong>\(report.finish)</strong>"
        if let baseline = report.baselineFinish { text += " (baseline \(baseline))" }
        text += "."
        if let key = report.keyDeadline {
            let days = abs(key.margin)
            let unit = "working day\(days == 1 ? "" : "s")"
            text += key.margin >= 0
                ? " \(HTMLText.escape("'" + key.id + "'")) is due \(key.deadline): <strong>\(days) \(unit) of margin</strong>."
                : " \(HTMLText.escape("'" + key.id + "'")) is due \(key.deadline): <strong class=\"late\">\(days) \(unit) late</strong>."
        }
        return text
    }

    static func signedCell(_ value: Int) -> String {
        value > 0 ? "<span class=\"late\">+\(value)</span>" : String(value)
    }

    static func marginCell(_ value: Int) -> String {
        value < 0 ? "<strong class=\"late\">\(value)</strong>" : value <= StatusReport.tightMargin ? "<span class=\"tight\">\(value)</span>" : String(value)
    }

    static func verdictBadge(_ verdict: Verdict) -> String {
        let name = verdict == .go ? "go" : verdict == .conditional ? "conditional" : "nogo"
        return "<span class=\"verdict \(name)\">\(verdict.spoken)</span>"
    }

    static func standingBadge(_ standing: StatusReport.GateStanding) -> String {
        guard let verdict = standing.verdict else { return "<span class=\"verdict pending\">\(standing.spoken)</span>" }
        return verdictBadge(verdict)
    }

    static func taskRow(_ line: StatusReport.TaskLine, label: String) -> String {
        let e = HTMLText.escape
        return "<tr><td>\(e(line.title))</td><td>\(e(line.owner ?? "—"))</td><td class=\"date\">\(line.start)</td><td class=\"date\">\(line.finish)</td>"
            + "<td class=\"num\">\(line.totalFloat)</td><td><span class=\"tag \(label == "late" ? "late" : "risk")\">\(label)</span> \(e(line.reason))</td></tr>\n"
    }

    static let css = """
    <style>
    :root{color-scheme:light;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--red:#c92a2a;--amber:#b35c00;--green:#2b8a3e}
    *{box-sizing:border-box}
    body{margin:0;background:#eef1f4;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    main{max-width:1520px;margin:24px auto;padding:28px 36px;background:#fff;border:1px solid var(--line);border-radius:8px}
    header h1{margin:0;font-size:26px;line-height:1.25}
    .subtitle{margin:4px 0 0;color:var(--muted)}
    h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
    section{margin:0;overflow-x:auto}
    .occurred{margin-top:20px;padding:12px 16px;background:#fff4e6;border:1px solid #ffc078;border-left:6px solid #e8590c;border-radius:6px}
    .occurred h2{margin:0 0 6px;border:0;padding:0;font-size:16px;color:#a63d00}
    .occurred ul{margin:0;padding-left:20px}
    .health{margin-top:20px;padding:14px 18px;border-radius:6px;border:1px solid var(--line);background:var(--soft)}
    .health-green{border-left:6px solid var(--green)}
    .health-amber{border-left:6px solid #f08c00}
    .health-red{border-left:6px solid var(--red)}
    .badge-line{margin:0;font-weight:600}
    .badge{display:inline-block;padding:2px 12px;border-radius:999px;color:#fff;font-weight:700;letter-spacing:.04em}
    .badge.green{background:var(--green)}
    .badge.amber{background:#e67700}
    .badge.red{background:var(--red)}
    .reasons{margin:8px 0;padding-left:20px}
    .headline{margin:8px 0 0;font-size:16px}
    table{border-collapse:collapse;width:100%;font-size:14px;margin:6px 0}
    th,td{border:1px solid var(--line);padding:5px 9px;text-align:left;vertical-align:top}
    th{background:var(--soft);font-weight:600;white-space:nowrap}
    tbody tr:nth-child(even) td{background:#fbfcfd}
    tr.done td{color:var(--muted)}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .date{white-space:nowrap;font-variant-numeric:tabular-nums}
    .mark-cell{width:1.5em;text-align:center}
    .mark.done{color:var(--green)}
    .mark.crit{color:var(--red)}
    .gate-mark{color:#6741d9}
    .late{color:var(--red)}
    .tight{color:var(--amber);font-weight:600}
    .verdict{display:inline-block;padding:0 8px;border-radius:4px;font-weight:700;font-size:13px;color:#fff;white-space:nowrap}
    .verdict.go{background:var(--green)}
    .verdict.conditional{background:#e67700}
    .verdict.nogo{background:var(--red)}
    .verdict.pending{background:#868e96}
    .gates{padding-left:20px}
    .gates>li{margin:4px 0}
    .criteria{margin:2px 0 6px;padding-left:20px;font-size:14px}
    .crit-fail{color:var(--red);font-weight:700}
    .crit-missing{color:var(--amber);font-weight:700}
    .crit-waived{color:var(--muted);font-weight:700}
    .tag{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;font-weight:600;white-space:nowrap}
    .tag.late{background:#ffe3e3;color:var(--red)}
    .tag.risk{background:#fff3bf;color:#8f5600}
    .score{font-weight:600}
    .score.high{color:var(--red)}
    .score.serious{color:var(--amber)}
    .key{color:var(--muted);font-size:13px;margin:4px 0}
    .path{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:6px 0}
    .path li{white-space:nowrap}
    .path li+li::before{content:"→";color:var(--muted);margin:0 8px}
    .path .id{font-weight:600;color:var(--red)}
    .path .when{color:var(--muted);font-size:13px}
    .chart{overflow-x:auto;border:1px solid var(--line);border-radius:6px}
    .chart svg{display:block}
    .findings li.error{color:var(--red)}
    .findings li.warning{color:#8f5600}
    code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;background:var(--soft);padding:0 4px;border-radius:4px}
    footer{margin-top:32px;padding-top:10px;border-top:1px solid var(--line);color:var(--muted);font-size:13px}
    @media (max-width:700px){main{margin:0;padding:16px;border-radius:0}}
    @media print{
    body{background:#fff;font-size:11pt}
    main{max-width:none;margin:0;padding:0;border:0}
    section,.chart{overflow:visible}
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    h2{break-after:avoid}
    tr,li{break-inside:avoid}
    .chart{overflow:visible;border:0}
    .chart svg{width:100%;height:auto}
    }
    </style>

    """
}
