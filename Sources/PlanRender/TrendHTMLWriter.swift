import PlanKit

/// `planc trend --format html`: one self-contained page (inline CSS and SVG, no scripts, a
/// Content-Security-Policy that allows nothing else) with the milestone trend analysis chart —
/// status date across, forecast date up on the same scale, the diagonal where they meet, one line
/// per milestone and its deadline as a dashed line in the same colour — then the table and the
/// slips. Every text from the plan or the commits goes through `Escape.markup`.
public enum TrendHTMLWriter {
    static let colors = ["#1f6feb", "#e36209", "#2da44e", "#cf222e", "#8250df", "#8b4513", "#d4a72c", "#24292f",
                         "#0598bc", "#bf3989"]

    public static func write(_ trend: Trend) -> String {
        let e = { (text: String) in Escape.markup(text) }
        let title = TrendTextWriter.headline(trend, escape: { $0 })
        var out = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="generator" content="planc">
        <title>\(e(title))</title>
        <style>
        body{font:14px/1.45 system-ui,sans-serif;color:#1f2328;margin:2rem auto;max-width:72rem;padding:0 1rem}
        table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;white-space:nowrap}
        td.date{font-variant-numeric:tabular-nums}td.late{color:#cf222e}td.slip{font-weight:600}td.error{white-space:normal;color:#cf222e}
        svg.mta{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:#57606a}
        ul.key{list-style:none;padding:0}ul.key li{display:inline-block;margin-right:1.25rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
        </style>
        </head>
        <body>
        <main>
        <h1>\(e(title))</h1>

        """
        for note in TrendTextWriter.notes(trend) { out += "<p class=\"note\">\(e(note))</p>\n" }
        if let chart = chart(trend) { out += chart }
        if !trend.revisions.isEmpty { out += table(trend) }
        if !trend.slips.isEmpty {
            out += "<section>\n<h2>Slips</h2>\n<ul class=\"slips\">\n"
            for slip in trend.slips {
                out += "<li>\(e(TrendTextWriter.slipLine(slip, in: trend, escape: { $0 })))"
                if slip.causes.isEmpty {
                    out += "<ul><li>no change on its driving chain found</li></ul>"
                } else {
                    out += "<ul>" + slip.causes.prefix(5).map { "<li>\(e(TrendTextWriter.phrase($0, escape: { $0 })))</li>" }.joined()
                    if slip.causes.count > 5 { out += "<li>… \(slip.causes.count - 5) more changes on its chain</li>" }
                    out += "</ul>"
                }
                out += "</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    static func table(_ trend: Trend) -> String {
        let e = { (text: String) in Escape.markup(text) }
        var out = "<table>\n<thead><tr><th>commit</th><th>author date</th><th>subject</th><th>status date</th>"
        out += trend.series.map { "<th>\(e($0.id))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (index, revision) in trend.revisions.enumerated() {
            out += "<tr><td><code>\(e(revision.shortCommit))</code></td><td class=\"date\">\(revision.authorDay)</td>"
            out += "<td>\(e(revision.subject))</td><td class=\"date\">\(revision.statusDate.iso)</td>"
            if let failure = revision.failure {
                out += "<td class=\"error\" colspan=\"\(max(1, trend.series.count))\">not scheduled: \(e(failure))</td>"
            } else {
                for series in trend.series {
                    guard let day = series.forecasts[index] else { out += "<td>—</td>"; continue }
                    var classes = ["date"]
                    if let deadline = series.deadlines[index], day > deadline { classes.append("late") }
                    if trend.slips.contains(where: { $0.revision == index && $0.id == series.id }) { classes.append("slip") }
                    out += "<td class=\"\(classes.joined(separator: " "))\">\(day.iso)</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "<tr><th colspan=\"4\">deadline</th>" + trend.series.map { "<td class=\"date\">\($0.deadline?.iso ?? "—")</td>" }.joined() + "</tr>\n"
        out += "</tbody>\n</table>\n"
        return out
    }

    /// The MTA chart, or nil when no commit was scheduled.
    static func chart(_ trend: Trend) -> String? {
        let e = { (text: String) in Escape.markup(text) }
        let columns = trend.revisions.indices.filter { trend.revisions[$0].scheduled }
        let shown = Array(trend.series.prefix(colors.count))
        guard !columns.isEmpty, !shown.isEmpty else { return nil }
        var all = columns.map { trend.revisions[$0].statusDate.ordinal }
        for series in shown {
            all += columns.compactMap { series.forecasts[$0]?.ordinal }
            if let deadline = series.deadline { all.append(deadline.ordinal) }
        }
        let low = all.min()!, high = max(all.max()!, low + 1)
        let width = 720.0, height = 480.0, left = 84.0, right = 16.0, top = 16.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ ordinal: Int) -> String { format(left + Double(ordinal - low) / Double(high - low) * plotWidth) }
        func y(_ ordinal: Int) -> String { format(top + plotHeight - Double(ordinal - low) / Double(high - low) * plotHeight) }
        var out = "<section>\n<h2>Milestone trend</h2>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mta\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"Milestone trend: status date across, forecast date up\">\n"
        out += "<rect x=\"\(format(left))\" y=\"\(format(top))\" width=\"\(format(plotWidth))\" height=\"\(format(plotHeight))\" fill=\"none\" stroke=\"#d0d7de\"/>\n"
        let steps = 5
        for step in 0...steps {
            let day = Day(ordinal: low + (high - low) * step / steps)
            out += "<line x1=\"\(x(day.ordinal))\" y1=\"\(format(top))\" x2=\"\(x(day.ordinal))\" y2=\"\(format(top + plotHeight))\" stroke=\"#eaeef2\"/>"
            out += "<line x1=\"\(format(left))\" y1=\"\(y(day.ordinal))\" x2=\"\(format(left + plotWidth))\" y2=\"\(y(day.ordinal))\" stroke=\"#eaeef2\"/>\n"
            out += "<text x=\"\(x(day.ordinal))\" y=\"\(format(top + plotHeight + 16))\" text-anchor=\"middle\">\(day.iso)</text>"
            out += "<text x=\"\(format(left - 6))\" y=\"\(y(day.ordinal))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(day.iso)</text>\n"
        }
        out += "<text x=\"\(format(left + plotWidth / 2))\" y=\"\(format(height - 4))\" text-anchor=\"middle\">status date</text>\n"
        out += "<line class=\"diagonal\" x1=\"\(x(low))\" y1=\"\(y(low))\" x2=\"\(x(high))\" y2=\"\(y(high))\" stroke=\"#8c959f\" stroke-width=\"1\"/>\n"
        for (index, series) in shown.enumerated() {
            let color = colors[index]
            if let deadline = series.deadline {
                out += "<line class=\"deadline\" x1=\"\(format(left))\" y1=\"\(y(deadline.ordinal))\" x2=\"\(format(left + plotWidth))\" y2=\"\(y(deadline.ordinal))\" stroke=\"\(color)\" stroke-dasharray=\"6 4\" stroke-width=\"1\"><title>\(e(series.id)) deadline \(deadline.iso)</title></line>\n"
            }
            let points = columns.compactMap { column -> (Int, Int)? in
                series.forecasts[column].map { (trend.revisions[column].statusDate.ordinal, $0.ordinal) }
            }
            guard !points.isEmpty else { continue }
            out += "<polyline class=\"milestone\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\""
            out += points.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ") + "\"><title>\(e(series.id))</title></polyline>\n"
            for point in points {
                out += "<circle cx=\"\(x(point.0))\" cy=\"\(y(point.1))\" r=\"3\" fill=\"\(color)\"><title>\(e(series.id)): \(Day(ordinal: point.1).iso) as of \(Day(ordinal: point.0).iso)</title></circle>\n"
            }
        }
        out += "</svg>\n<ul class=\"key\">\n"
        for (index, series) in shown.enumerated() {
            out += "<li><span class=\"swatch\" style=\"background:\(colors[index])\"></span>\(e(series.id))"
            if let title = series.title { out += " — \(e(title))" }
            out += "</li>\n"
        }
        if trend.series.count > shown.count { out += "<li>\(trend.series.count - shown.count) more in the table</li>\n" }
        out += "</ul>\n<p class=\"note\">Flat lines are stable, rising lines slip; a line that meets the diagonal has reached its date. Dashed: the deadline.</p>\n</section>\n"
        return out
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
