import PlanKit

/// The S-curve of a forecast as inline SVG: the share of iterations finished by each date (a
/// line from 0 to 100%), each deadline as a dashed vertical line labelled with the probability
/// of meeting it, P50 and P80 marked on the curve, the deterministic date as a dotted line. For
/// the forecast page and any other page that embeds the curve (`write(_:id:)` with an id unique in
/// that page). Draws `ForecastCurve` as it is; all plan text escaped.
public enum SCurveChart {
    static let width = 760
    static let height = 330
    static let left = 52
    static let right = 28
    static let top = 64
    static let bottom = 40

    /// A deadline is drawn where it falls when it is within this many times the curve's span of
    /// the curve; one further out is drawn at the edge, its label saying it is off the chart.
    static let reach = 1

    /// `id` names the chart's title element (for `aria-labelledby`): unique per page.
    public static func write(_ curve: ForecastCurve, title: String = "Finish: share of iterations finished by each date",
                             id: String = "s-curve") -> String {
        let e = HTMLText.escape
        guard let first = curve.points.first, let last = curve.points.last else { return "" }
        // The day before the first finish is where the curve leaves 0%.
        var lo = min(first.date.ordinal - 1, curve.deterministic.ordinal)
        var hi = max(last.date.ordinal, curve.deterministic.ordinal)
        let span = max(5, hi - lo)
        let nearLo = lo - reach * span, nearHi = hi + reach * span
        for deadline in curve.deadlines where (nearLo...nearHi).contains(deadline.date.ordinal) {
            lo = min(lo, deadline.date.ordinal)
            hi = max(hi, deadline.date.ordinal)
        }
        lo -= 1
        hi += 1
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let baseline = top + plotHeight
        func x(_ ordinal: Int) -> Int { left + (min(hi, max(lo, ordinal)) - lo) * plotWidth / (hi - lo) }
        func y(_ share: Double) -> Int { baseline - Int((share * Double(plotHeight)).rounded()) }

        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" class="s-curve" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
        role="img" aria-labelledby="\(e(id))" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif" font-size="12">

        """
        out += "<title id=\"\(e(id))\">\(e(title))</title>\n"
        out += style
        out += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\"/>\n"
        out += "<g class=\"key\"><line class=\"curve\" x1=\"8\" y1=\"13\" x2=\"28\" y2=\"13\"/><text x=\"32\" y=\"17\">finished by the date</text>"
        out += "<line class=\"deadline\" x1=\"160\" y1=\"13\" x2=\"180\" y2=\"13\"/><text x=\"184\" y=\"17\">deadline (chance of meeting it)</text>"
        out += "<line class=\"det\" x1=\"370\" y1=\"13\" x2=\"390\" y2=\"13\"/><text x=\"394\" y=\"17\">deterministic date</text></g>\n"

        // Grid: every 20%, and the date axis.
        out += "<g class=\"grid\" shape-rendering=\"crispEdges\">"
        for percent in stride(from: 0, through: 100, by: 20) {
            let gy = y(Double(percent) / 100)
            out += "<line class=\"\(percent == 0 ? "base" : "rule")\" x1=\"\(left)\" y1=\"\(gy)\" x2=\"\(left + plotWidth)\" y2=\"\(gy)\"/>"
            out += "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(gy + 4)\" text-anchor=\"end\">\(percent)%</text>"
        }
        out += "</g>\n" + axis(lo: lo, hi: hi, baseline: baseline, x: x)

        // The deterministic date, then the deadlines, then the curve over them.
        let dx = x(curve.deterministic.ordinal)
        out += "<line class=\"det\" x1=\"\(dx)\" y1=\"\(top)\" x2=\"\(dx)\" y2=\"\(baseline)\"><title>deterministic \(curve.deterministic.iso)</title></line>\n"
        for (index, deadline) in curve.deadlines.enumerated() {
            let outside = deadline.date.ordinal < lo || deadline.date.ordinal > hi
            let lx = x(deadline.date.ordinal)
            let ly = top - 30 + (index % 3) * 14
            let anchorEnd = lx > left + plotWidth * 2 / 3
            let probability = String(format: "%.1f%%", deadline.probability * 100)
            let label = GanttSVGWriter.fit(deadline.id, width: 150, bold: true) + " " + GanttSVGWriter.short(deadline.date)
                + (outside ? (deadline.date.ordinal > hi ? " (later, off the chart)" : " (earlier, off the chart)") : "")
            out += "<g class=\"deadline-mark\"><line class=\"deadline\" x1=\"\(lx)\" y1=\"\(ly + 4)\" x2=\"\(lx)\" y2=\"\(baseline)\"/>"
            out += "<text x=\"\(anchorEnd ? lx - 4 : lx + 4)\" y=\"\(ly)\"\(anchorEnd ? " text-anchor=\"end\"" : "")>"
            out += "<tspan class=\"p\">\(probability)</tspan> \(e(label))</text>"
            out += "<title>\(e("\(deadline.id): deadline \(deadline.date.iso), met in \(probability) of iterations"))</title></g>\n"
        }
        var path = "\(x(first.date.ordinal - 1)),\(y(0))"
        for point in curve.points { path += " \(x(point.date.ordinal)),\(y(point.share))" }
        out += "<polyline class=\"curve\" points=\"\(path)\"/>\n"
        for mark in curve.marks {
            let mx = x(mark.date.ordinal), my = y(mark.share)
            out += "<g class=\"mark\"><line class=\"guide\" x1=\"\(mx)\" y1=\"\(my)\" x2=\"\(mx)\" y2=\"\(baseline)\"/>"
            out += "<circle cx=\"\(mx)\" cy=\"\(my)\" r=\"4\"/>"
            out += "<text x=\"\(mx - 7)\" y=\"\(my - 6)\" text-anchor=\"end\">\(e(mark.label)) \(GanttSVGWriter.short(mark.date))</text>"
            out += "<title>\(e(mark.label)): \(mark.date.iso)</title></g>\n"
        }
        return out + "</svg>\n"
    }

    /// Date labels under the plot: at most about eight, a day, a week or a multiple apart.
    static func axis(lo: Int, hi: Int, baseline: Int, x: (Int) -> Int) -> String {
        let span = hi - lo
        let step = [1, 2, 7, 14, 28, 56, 91, 182, 364, 728].first { span / $0 <= 8 } ?? max(1, span / 8)
        // Weekly steps start on a Monday (ordinal 4 is Monday 1970-01-05).
        var tick = step >= 7 ? lo + ((4 - lo) % 7 + 7) % 7 : lo
        var out = "<g class=\"axis\">"
        while tick <= hi {
            let tx = x(tick)
            out += "<line x1=\"\(tx)\" y1=\"\(baseline)\" x2=\"\(tx)\" y2=\"\(baseline + 4)\"/>"
            out += "<text x=\"\(tx)\" y=\"\(baseline + 17)\" text-anchor=\"middle\">\(GanttSVGWriter.short(Day(ordinal: tick)))</text>"
            tick += step
        }
        return out + "</g>\n"
    }

    static let style = """
    <style>
    .s-curve .bg{fill:#fff}
    .s-curve .rule{stroke:#e9ecef;stroke-width:1}
    .s-curve .base{stroke:#868e96;stroke-width:1}
    .s-curve .tick,.s-curve .axis text{fill:#495057;font-size:11px}
    .s-curve .axis line{stroke:#868e96}
    .s-curve .curve{fill:none;stroke:#1c5fd0;stroke-width:2.5;stroke-linejoin:round}
    .s-curve .deadline{stroke:#c92a2a;stroke-width:1.5;stroke-dasharray:5 4}
    .s-curve .deadline-mark text{fill:#a51d24;font-size:11px}
    .s-curve .deadline-mark .p{font-weight:700}
    .s-curve .det{stroke:#495057;stroke-width:1.5;stroke-dasharray:1 3}
    .s-curve .mark circle{fill:#1c5fd0;stroke:#fff;stroke-width:1.5}
    .s-curve .mark .guide{stroke:#1c5fd0;stroke-width:1;stroke-dasharray:2 2}
    .s-curve .mark text{fill:#1c5fd0;font-weight:600;font-size:11px}
    .s-curve .key text{fill:#343a40;font-size:11px}
    </style>

    """
}
