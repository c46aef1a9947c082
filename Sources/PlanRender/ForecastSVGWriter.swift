import Foundation
import PlanKit

/// The forecast page's other two charts as inline SVG: the finish histogram (a bar per finish
/// date, or per run of dates when there are many) and the tornado of the top drivers (a
/// horizontal bar of sensitivity per task, from a centre line at 0). The S-curve is
/// `SCurveChart`. They draw `ForecastFigures` as they are; all plan text escaped.
public enum ForecastSVGWriter {
    /// Bars in the histogram before dates are grouped into runs.
    public static let histogramBars = 60

    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

    public static func histogram(_ bars: [ForecastFigures.Bar], p50: Day, p80: Day) -> String {
        guard !bars.isEmpty else { return "" }
        let left = 52, top = 28, plotHeight = 180, bottom = 40
        let slot = max(8, min(36, 680 / bars.count)), barWidth = max(4, slot - 3)
        let width = left + bars.count * slot + 32, height = top + plotHeight + bottom
        let baseline = top + plotHeight
        let tallest = bars.map(\.share).max() ?? 1
        // The axis runs to the next 5% above the tallest bar.
        let ceiling = Double(max(5, Int(tallest * 100 / 5 + 1) * 5)) / 100
        func y(_ share: Double) -> Int { baseline - Int((share / ceiling * Double(plotHeight)).rounded()) }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"histogram\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
        out += "role=\"img\" aria-labelledby=\"histogram-title\" font-family=\"\(fontFamily)\" font-size=\"12\">\n"
        out += "<title id=\"histogram-title\">Finish dates: share of iterations finishing on each</title>\n" + histogramStyle
        out += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\"/>\n"
        out += "<g class=\"key\"><rect class=\"bar\" x=\"8\" y=\"8\" width=\"10\" height=\"10\"/><text x=\"22\" y=\"17\">finish dates</text>"
        out += "<rect class=\"bar p\" x=\"110\" y=\"8\" width=\"10\" height=\"10\"/><text x=\"124\" y=\"17\">holding P50 or P80</text></g>\n"
        out += "<g class=\"grid\" shape-rendering=\"crispEdges\">"
        let ceilingPercent = Int((ceiling * 100).rounded())
        let tickStep = ceilingPercent <= 25 ? 5 : ceilingPercent <= 50 ? 10 : 20
        for percent in stride(from: 0, through: ceilingPercent, by: tickStep) {
            let ty = y(Double(percent) / 100)
            out += "<line class=\"\(percent == 0 ? "base" : "rule")\" x1=\"\(left)\" y1=\"\(ty)\" x2=\"\(left + bars.count * slot)\" y2=\"\(ty)\"/>"
            out += "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(ty + 4)\" text-anchor=\"end\">\(percent)%</text>"
        }
        out += "</g>\n<g class=\"bars\">"
        let labelEvery = max(1, (bars.count + 9) / 10)
        var labels = ""
        for (index, bar) in bars.enumerated() {
            let bx = left + index * slot + (slot - barWidth) / 2
            let holdsMark = (bar.from...bar.to).contains(p50) || (bar.from...bar.to).contains(p80)
            let dates = bar.from == bar.to ? bar.from.iso : "\(bar.from.iso) – \(bar.to.iso)"
            // A bar of a single iteration still shows.
            let barTop = min(y(bar.share), baseline - 1)
            out += "<rect class=\"bar\(holdsMark ? " p" : "")\" x=\"\(bx)\" y=\"\(barTop)\" width=\"\(barWidth)\" height=\"\(baseline - barTop)\">"
            out += "<title>\(dates): \(bar.count) iterations (\(ForecastWriter.percent(bar.share)))</title></rect>"
            if index % labelEvery == 0 {
                labels += "<text x=\"\(bx + barWidth / 2)\" y=\"\(baseline + 16)\" text-anchor=\"middle\">\(GanttSVGWriter.short(bar.from))</text>"
            }
        }
        out += "</g>\n<g class=\"axis\">" + labels + "</g>\n"
        return out + "</svg>\n"
    }

    public static func tornado(_ drivers: [ForecastFigures.Driver]) -> String {
        guard !drivers.isEmpty else { return "" }
        let labelWidth = 200, half = 220, rowHeight = 24, top = 30, valueWidth = 130
        let centre = labelWidth + half + 8
        let width = centre + half + valueWidth, height = top + drivers.count * rowHeight + 30
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tornado\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
        out += "role=\"img\" aria-labelledby=\"tornado-title\" font-family=\"\(fontFamily)\" font-size=\"12\">\n"
        out += "<title id=\"tornado-title\">Top drivers: sensitivity of the finish to each task's duration</title>\n" + tornadoStyle
        out += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\"/>\n"
        out += "<g class=\"head\"><text x=\"8\" y=\"18\">task</text><text x=\"\(centre)\" y=\"18\" text-anchor=\"middle\">sensitivity (−1 … +1)</text>"
        out += "<text x=\"\(width - 8)\" y=\"18\" text-anchor=\"end\">criticality</text></g>\n"
        for (row, driver) in drivers.enumerated() {
            let rowTop = top + row * rowHeight
            let length = Int((abs(driver.sensitivity) * Double(half)).rounded())
            let bx = driver.sensitivity < 0 ? centre - length : centre
            let value = ForecastWriter.signed(driver.sensitivity)
            out += "<g class=\"row\">"
            if row % 2 == 1 { out += "<rect class=\"stripe\" x=\"0\" y=\"\(rowTop)\" width=\"\(width)\" height=\"\(rowHeight)\"/>" }
            out += "<text class=\"label\" x=\"8\" y=\"\(rowTop + 16)\">\(HTMLText.escape(GanttSVGWriter.fit(driver.id, width: labelWidth - 16, bold: true)))</text>"
            out += "<rect class=\"bar\(driver.sensitivity < 0 ? " neg" : "")\" x=\"\(bx)\" y=\"\(rowTop + 5)\" width=\"\(max(1, length))\" height=\"\(rowHeight - 10)\">"
            out += "<title>\(HTMLText.escape(driver.id)): sensitivity \(value), critical in \(ForecastWriter.percent(driver.criticality)) of iterations</title></rect>"
            let tx = driver.sensitivity < 0 ? bx - 4 : bx + max(1, length) + 4
            out += "<text class=\"value\" x=\"\(tx)\" y=\"\(rowTop + 16)\"\(driver.sensitivity < 0 ? " text-anchor=\"end\"" : "")>\(value)</text>"
            out += "<text class=\"crit\" x=\"\(width - 8)\" y=\"\(rowTop + 16)\" text-anchor=\"end\">\(ForecastWriter.percent(driver.criticality))</text>"
            out += "</g>\n"
        }
        let bottom = top + drivers.count * rowHeight
        out += "<line class=\"zero\" x1=\"\(centre)\" y1=\"\(top)\" x2=\"\(centre)\" y2=\"\(bottom)\"/>\n"
        out += "<g class=\"axis\">"
        for (value, text) in [(-1.0, "−1"), (-0.5, "−0.5"), (0, "0"), (0.5, "+0.5"), (1, "+1")] {
            let ax = centre + Int(value * Double(half))
            out += "<line x1=\"\(ax)\" y1=\"\(bottom)\" x2=\"\(ax)\" y2=\"\(bottom + 4)\"/><text x=\"\(ax)\" y=\"\(bottom + 17)\" text-anchor=\"middle\">\(text)</text>"
        }
        return out + "</g>\n</svg>\n"
    }

    static let histogramStyle = """
    <style>
    .histogram .bg{fill:#fff}
    .histogram .rule{stroke:#e9ecef;stroke-width:1}
    .histogram .base{stroke:#868e96;stroke-width:1}
    .histogram .tick,.histogram .axis text{fill:#495057;font-size:11px}
    .histogram .bar{fill:#74a3f7}
    .histogram .bar.p{fill:#1c5fd0}
    .histogram .key text{fill:#343a40;font-size:11px}
    </style>

    """

    static let tornadoStyle = """
    <style>
    .tornado .bg{fill:#fff}
    .tornado .stripe{fill:#f6f8fa}
    .tornado .head text{fill:#59636e;font-size:11px;font-weight:600}
    .tornado .label{fill:#212529;font-weight:600}
    .tornado .bar{fill:#e03131}
    .tornado .bar.neg{fill:#2b8a3e}
    .tornado .value{fill:#343a40;font-size:11px;font-variant-numeric:tabular-nums}
    .tornado .crit{fill:#495057;font-variant-numeric:tabular-nums}
    .tornado .zero{stroke:#212529;stroke-width:1}
    .tornado .axis line{stroke:#868e96}
    .tornado .axis text{fill:#495057;font-size:11px}
    </style>

    """
}
