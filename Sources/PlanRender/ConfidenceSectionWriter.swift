import PlanKit

/// The report's "Schedule confidence" section in Markdown, plain text and HTML: one set of
/// sentences (`ConfidenceText`), three ways of saying them. Empty when the report has none.
enum ConfidenceSectionWriter {
    static let heading = "Schedule confidence"

    static func markdown(_ report: StatusReport) -> String {
        guard let confidence = report.confidence else { return "" }
        var out = "\n## \(heading)\n\n"
        if let why = ConfidenceText.missing(confidence) { return out + MarkdownText.inline(why) + "\n" }
        out += MarkdownText.inline(ConfidenceText.basis(confidence)) + "\n"
        if !confidence.deadlines.isEmpty {
            out += "\n| deadline task | deadline | P50 | P80 | chance of meeting it |\n|---|---|---|---|--:|\n"
            for line in confidence.deadlines {
                let chance = StatusReport.Confidence.percent(line.probability)
                out += "| \(MarkdownText.cell(line.title)) | \(line.deadline) | \(line.p50) | \(line.p80) | \(ConfidenceText.isLow(line) ? "**\(chance)**" : chance) |\n"
            }
        }
        if !confidence.drivers.isEmpty || !confidence.risks.isEmpty {
            out += "\nWhat drives the finish:\n\n"
            for driver in confidence.drivers { out += "- \(MarkdownText.inline(ConfidenceText.driver(driver)))\n" }
            for risk in confidence.risks { out += "- \(MarkdownText.inline(ConfidenceText.risk(risk)))\n" }
        }
        return out
    }

    static func plain(_ report: StatusReport) -> String {
        guard let confidence = report.confidence else { return "" }
        var out = ""
        ReportPlainTextWriter.section(heading, into: &out)
        if let why = ConfidenceText.missing(confidence) { return out + text(why) + "\n" }
        out += text(ConfidenceText.basis(confidence)) + "\n"
        for line in confidence.deadlines {
            out += "  * \(text(line.title)): deadline \(line.deadline), P50 \(line.p50), P80 \(line.p80), "
                + "\(StatusReport.Confidence.percent(line.probability)) chance of meeting it\n"
        }
        if !confidence.drivers.isEmpty || !confidence.risks.isEmpty {
            out += "What drives the finish:\n"
            for driver in confidence.drivers { out += "  * \(text(ConfidenceText.driver(driver)))\n" }
            for risk in confidence.risks { out += "  * \(text(ConfidenceText.risk(risk)))\n" }
        }
        return out
    }

    /// `includeChart`: the S-curve as inline SVG (the page has it; the email's HTML part too).
    static func html(_ report: StatusReport, includeChart: Bool = true) -> String {
        guard let confidence = report.confidence else { return "" }
        let e = HTMLText.escape
        var out = "<section>\n<h2>\(heading)</h2>\n"
        if let why = ConfidenceText.missing(confidence) { return out + "<p>\(e(why))</p>\n</section>\n" }
        out += "<p>\(e(ConfidenceText.basis(confidence)))</p>\n"
        if includeChart, let curve = confidence.curve {
            let chart = SCurveChart.write(curve, id: "report-s-curve")
            if !chart.isEmpty { out += "<div class=\"chart\">\n\(chart)</div>\n" }
        }
        if !confidence.deadlines.isEmpty {
            out += "<table>\n<thead><tr><th>deadline task</th><th>deadline</th><th>P50</th><th>P80</th><th class=\"num\">chance of meeting it</th></tr></thead>\n<tbody>\n"
            for line in confidence.deadlines {
                let chance = StatusReport.Confidence.percent(line.probability)
                out += "<tr><td>\(e(line.title))</td><td>\(line.deadline)</td><td>\(line.p50)</td><td>\(line.p80)</td>"
                    + "<td class=\"num\">\(ConfidenceText.isLow(line) ? "<strong class=\"late\">\(chance)</strong>" : chance)</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        if !confidence.drivers.isEmpty || !confidence.risks.isEmpty {
            out += "<p>What drives the finish:</p>\n<ul>\n"
            for driver in confidence.drivers { out += "<li>\(e(ConfidenceText.driver(driver)))</li>\n" }
            for risk in confidence.risks { out += "<li>\(e(ConfidenceText.risk(risk)))</li>\n" }
            out += "</ul>\n"
        }
        return out + "</section>\n"
    }

    static func text(_ value: String) -> String { ReportPlainTextWriter.text(value) }
}

/// The sentences of the confidence section, plan text unescaped (each writer escapes).
enum ConfidenceText {
    static func basis(_ confidence: StatusReport.Confidence) -> String {
        "From \(confidence.iterations) simulated schedules (seed \(confidence.seed)) of the estimates and open risks: "
            + "the plan finishes by \(confidence.finishP50) in half of them (P50) and by \(confidence.finishP80) in 80% (P80)."
            + (confidence.budget.isReduced ? " " + reduced(confidence.budget) : "")
    }

    /// "The report ran 2000 of the 10000 iterations `planc forecast` runs: its budget for a plan of 25100 tasks and links."
    static func reduced(_ budget: StatusReport.ForecastBudget) -> String {
        "The report ran \(budget.granted) of the \(budget.requested) iterations `planc forecast` runs: "
            + "its budget for a plan of \(budget.size) tasks and links."
    }

    /// Why the section has no figures: the simulation failed, or the plan is above the budget.
    static func missing(_ confidence: StatusReport.Confidence) -> String? {
        if let why = confidence.unavailable { return "The forecast could not run (\(why)); run `planc forecast` for the details." }
        guard confidence.notSimulated else { return nil }
        return "Not simulated: \(confidence.budget.size) tasks and links is too large for the report's forecast "
            + "(\(StatusReport.ForecastBudget.fewest) iterations at least, within \(confidence.budget.work) task-iterations); "
            + "run `planc forecast` for the plan's \(confidence.budget.requested) iterations."
    }

    static func isLow(_ line: StatusReport.Confidence.Deadline) -> Bool {
        100 * line.probability < StatusReport.Confidence.amberBelow
    }

    /// "Wallet node and deposit flow (wallet-node): sensitivity +0.62, critical in 88% of the runs"
    static func driver(_ driver: StatusReport.Confidence.Driver) -> String {
        let sign = driver.sensitivity >= 0 ? "+" : "−"
        let value = Int((abs(driver.sensitivity) * 100).rounded())
        let two = value < 10 ? "0\(value)" : "\(value)"
        let sensitivity = value >= 100 ? "\(sign)1.00" : "\(sign)0.\(two)"
        return "\(driver.title) (\(driver.id)): sensitivity \(sensitivity), critical in \(StatusReport.Confidence.percent(driver.criticality)) of the runs"
    }

    /// "Vendor ships late (risk vendor-late): occurred in 31.3% of the runs, adding 2.9 working days to the finish when it did"
    static func risk(_ risk: StatusReport.Confidence.RiskDriver) -> String {
        let tenths = Int((risk.meanDelay * 10).rounded())
        return "\(risk.title) (risk \(risk.id)): occurred in \(StatusReport.Confidence.percent(risk.occurred)) of the runs, "
            + "adding \(tenths / 10).\(tenths % 10) working days to the finish when it did"
    }
}
