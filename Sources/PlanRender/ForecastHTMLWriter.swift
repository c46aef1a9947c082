import Foundation
import PlanKit

/// `planc forecast --format html`: one self-contained page in the status report's style (its
/// CSS and security policy, no scripts, nothing loaded from anywhere), with the Markdown's
/// sections in its order and the charts as inline SVG: the S-curve (`SCurveChart`), the histogram
/// and the tornado (`ForecastSVGWriter`). All plan text escaped.
public enum ForecastHTMLWriter {
    public static func write(_ result: ForecastResult) -> String {
        let figures = ForecastFigures(result)
        let e = HTMLText.escape, percent = ForecastWriter.percent
        var out = ReportHTMLWriter.pageStart(title: "Schedule confidence: \(result.plan)", extraCSS: css)
        out += "<header><h1>Schedule confidence: \(e(result.plan))</h1><p class=\"subtitle\">\(e(ForecastWriter.summary(result)))</p></header>\n"
        out += "<section class=\"health\">\n<p class=\"headline\"><strong>Merge bias:</strong> \(e(ForecastWriter.mergeBias(result))).</p>\n</section>\n"

        let f = result.finish
        out += "<section>\n<h2>Finish</h2>\n<table class=\"narrow\">\n<thead><tr><th>deterministic</th><th>P10</th><th>P50</th><th>P80</th><th>P90</th><th>P95</th></tr></thead>\n<tbody>\n"
        out += "<tr><td class=\"date\">\(result.deterministicFinish.iso)</td><td class=\"date\">\(f.p10.iso)</td><td class=\"date\"><strong>\(f.p50.iso)</strong></td>"
        out += "<td class=\"date\"><strong>\(f.p80.iso)</strong></td><td class=\"date\">\(f.p90.iso)</td><td class=\"date\">\(f.p95.iso)</td></tr>\n</tbody>\n</table>\n"
        if !figures.curve.points.isEmpty {
            out += "<h3>S-curve</h3>\n<div class=\"chart\">\n" + SCurveChart.write(figures.curve) + "</div>\n"
            let bars = figures.bars(limit: ForecastSVGWriter.histogramBars)
            out += "<h3>Histogram</h3>\n<p class=\"key\">\(e(ForecastWriter.histogramCaption(bars)))</p>\n<div class=\"chart\">\n"
            out += ForecastSVGWriter.histogram(bars, p50: f.p50, p80: f.p80) + "</div>\n"
        }
        out += "</section>\n"

        out += "<section>\n<h2>\(ForecastWriter.targetsHeading)</h2>\n"
        if result.targets.isEmpty {
            out += "<p>\(ForecastWriter.noTargets)</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>target</th><th>deadline</th><th>deterministic</th><th>P10</th><th>P50</th><th>P80</th><th>P90</th><th>P95</th>"
            out += "<th class=\"num\">chance of meeting the deadline</th><th class=\"num\">deterministic date's percentile</th></tr></thead>\n<tbody>\n"
            for t in result.targets {
                let p = t.percentiles
                out += "<tr><td>\(e(t.id))</td><td class=\"date\">\(t.deadline?.iso ?? "—")</td><td class=\"date\">\(t.deterministic.iso)</td>"
                for day in [p.p10, p.p50, p.p80, p.p90, p.p95] { out += "<td class=\"date\">\(day.iso)</td>" }
                out += "<td class=\"num\">\(t.probability.map(chance) ?? "—")</td><td class=\"num\">\(String(format: "%.1f%%", t.deterministicPercentile))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"

        out += "<section>\n<h2>\(ForecastWriter.driversHeading)</h2>\n"
        if figures.drivers.isEmpty {
            out += "<p>\(ForecastWriter.noDrivers)</p>\n"
        } else {
            out += "<p class=\"key\">\(e(ForecastWriter.driversCaption))</p>\n<div class=\"chart\">\n" + ForecastSVGWriter.tornado(figures.drivers) + "</div>\n"
            out += "<table class=\"narrow\">\n<thead><tr><th>task</th><th class=\"num\">sensitivity</th><th class=\"num\">criticality</th></tr></thead>\n<tbody>\n"
            for d in figures.drivers {
                out += "<tr><td>\(e(d.id))</td><td class=\"num\">\(ForecastWriter.signed(d.sensitivity))</td><td class=\"num\">\(percent(d.criticality))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"

        out += "<section>\n<h2>\(ForecastWriter.criticalityHeading)</h2>\n"
        if figures.critical.isEmpty {
            out += "<p>\(ForecastWriter.noCritical)</p>\n"
        } else {
            out += "<p class=\"key\">\(e(ForecastWriter.criticalityCaption))</p>\n"
            out += "<table class=\"narrow\">\n<thead><tr><th>task</th><th class=\"num\">criticality</th></tr></thead>\n<tbody>\n"
            for c in figures.critical { out += "<tr><td>\(e(c.id))</td><td class=\"num\">\(percent(c.criticality))</td></tr>\n" }
            out += "</tbody>\n</table>\n"
            if figures.moreCritical > 0 { out += "<p class=\"key\">… and \(figures.moreCritical) more critical in some iterations.</p>\n" }
        }
        out += "</section>\n"

        out += "<section>\n<h2>\(ForecastWriter.risksHeading)</h2>\n"
        if result.risks.isEmpty {
            out += "<p>\(ForecastWriter.noRisks)</p>\n"
        } else {
            out += "<table class=\"narrow\">\n<thead><tr><th>risk</th><th class=\"num\">probability</th><th class=\"num\">occurred</th><th class=\"num\">mean delay to the finish</th></tr></thead>\n<tbody>\n"
            for r in result.risks {
                out += "<tr><td>\(e(r.id))</td><td class=\"num\">\(percent(r.probability))</td><td class=\"num\">\(percent(r.occurred))</td>"
                out += "<td class=\"num\">\(ForecastWriter.meanDelay(r.meanDelay))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"
        return out + "<footer>Generated by planc forecast from plan <code>\(e(result.plan))</code>.</footer>\n</main>\n</body>\n</html>\n"
    }

    /// The chance of meeting a deadline, amber under 80% (where the report's health turns AMBER).
    static func chance(_ probability: Double) -> String {
        let text = ForecastWriter.percent(probability)
        if probability < 0.8 { return "<span class=\"tight\">\(text)</span>" }
        return "<strong>\(text)</strong>"
    }

    static let css = """
    <style>
    table.narrow{width:auto;min-width:40%}
    h3{font-size:15px;margin:18px 0 6px}
    .chart{margin:6px 0}
    </style>

    """
}
