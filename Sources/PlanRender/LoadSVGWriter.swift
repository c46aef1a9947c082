import PlanKit

/// The team load chart under the report's Gantt: per team a row of week bars, the bar's height the
/// person-days asked against those available (a dashed line at capacity), over-allocated weeks
/// shaded red. A team without a capacity is drawn against its own busiest week, in grey. Inline
/// SVG with its own style, like `GanttSVGWriter`; all plan text escaped.
public enum LoadSVGWriter {
    static let labelWidth = 200
    static let weekWidth = 26
    static let barWidth = 20
    static let rowHeight = 64
    /// Bars are drawn up to this share of capacity (150%); beyond it they are cut and marked.
    static let ceilingPercent = 150
    static let top = 28
    static let axisHeight = 22

    public static func write(_ load: ResourceFacts.ReportLoad) -> String {
        guard !load.isEmpty else { return "" }
        let first = load.teams.map { $0.weeks.first?.monday.ordinal ?? Int.max }.min() ?? 0
        let last = load.teams.map { $0.weeks.last?.monday.ordinal ?? Int.min }.max() ?? 0
        let weekCount = max(1, (last - first) / 7 + 1)
        let width = max(330, labelWidth + weekCount * weekWidth + 16)
        let height = top + load.teams.count * rowHeight + axisHeight + 8
        let plotHeight = rowHeight - 14
        func x(_ monday: Day) -> Int { labelWidth + (monday.ordinal - first) / 7 * weekWidth + (weekWidth - barWidth) / 2 }

        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" class="load" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
        role="img" aria-labelledby="load-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif" font-size="12">

        """
        out += "<title id=\"load-title\">Team load by week: person-days asked against capacity</title>\n"
        out += style
        out += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\"/>\n"
        out += "<g class=\"key\"><rect class=\"bar\" x=\"8\" y=\"8\" width=\"10\" height=\"10\"/><text x=\"22\" y=\"17\">within capacity</text>"
        out += "<rect class=\"bar over\" x=\"122\" y=\"8\" width=\"10\" height=\"10\"/><text x=\"136\" y=\"17\">over capacity</text>"
        out += "<line class=\"cap\" x1=\"230\" y1=\"13\" x2=\"250\" y2=\"13\"/><text x=\"254\" y=\"17\">capacity</text></g>\n"
        for (row, team) in load.teams.enumerated() {
            let rowTop = top + row * rowHeight
            let baseline = rowTop + plotHeight
            // Bars scale to capacity (the line at 100 of the ceiling's 150), or to the busiest week.
            let busiest = team.weeks.map(\.demandMilliDays).max() ?? 1
            func barHeight(_ week: ResourceFacts.Week) -> Int {
                guard let capacity = week.capacityMilliDays else { return week.demandMilliDays * plotHeight / max(1, busiest) }
                guard capacity > 0 else { return week.demandMilliDays > 0 ? plotHeight : 0 }
                return min(plotHeight, week.demandMilliDays * 100 * plotHeight / (capacity * ceilingPercent))
            }
            out += "<g class=\"team\">"
            if row % 2 == 1 { out += "<rect class=\"stripe\" x=\"0\" y=\"\(rowTop - 4)\" width=\"\(width)\" height=\"\(rowHeight)\"/>" }
            out += "<text class=\"label\" x=\"8\" y=\"\(rowTop + plotHeight / 2 + 4)\">\(HTMLText.escape(GanttSVGWriter.fit(team.id, width: labelWidth - 16, bold: true)))</text>"
            if team.capacity != nil {
                let capacityY = baseline - 100 * plotHeight / ceilingPercent
                out += "<line class=\"cap\" x1=\"\(labelWidth)\" y1=\"\(capacityY)\" x2=\"\(labelWidth + weekCount * weekWidth)\" y2=\"\(capacityY)\"/>"
            }
            for week in team.weeks where week.demandMilliDays > 0 || week.overAllocated {
                let cells = LevellingText.weekCells(week)
                let h = max(1, barHeight(week))
                let kind = week.overAllocated ? "bar over" : (week.capacityMilliDays == nil ? "bar free" : "bar")
                let tip = "\(team.id), week of \(cells.week): \(cells.asked)\(week.capacityMilliDays == nil ? "" : " of \(cells.available)") person-days; busiest day \(cells.busiest)\(cells.over ? "; over capacity" : "")"
                out += "<rect class=\"\(kind)\" x=\"\(x(week.monday))\" y=\"\(baseline - h)\" width=\"\(barWidth)\" height=\"\(h)\"><title>\(HTMLText.escape(tip))</title></rect>"
            }
            out += "<line class=\"base\" x1=\"\(labelWidth)\" y1=\"\(baseline)\" x2=\"\(labelWidth + weekCount * weekWidth)\" y2=\"\(baseline)\"/>"
            out += "</g>\n"
        }
        // Week labels: every other week (a label, "Feb 15", is wider than a week's 26 px: one a
        // week overlapped in the browser), every fourth on a long chart.
        let axisY = top + load.teams.count * rowHeight + 12
        let step = weekCount <= 12 ? 2 : 4
        out += "<g class=\"axis\">"
        for index in stride(from: 0, to: weekCount, by: step) {
            let monday = Day(ordinal: first + index * 7)
            out += "<text x=\"\(x(monday) + barWidth / 2)\" y=\"\(axisY)\" text-anchor=\"middle\">\(GanttSVGWriter.short(monday))</text>"
        }
        out += "</g>\n"
        return out + "</svg>\n"
    }

    static let style = """
    <style>
    .load .bg{fill:#fff}
    .load .stripe{fill:#f6f8fa}
    .load .label{fill:#212529;font-weight:600}
    .load .bar{fill:#4c8bf5}
    .load .bar.free{fill:#adb5bd}
    .load .bar.over{fill:#e03131}
    .load .cap{stroke:#212529;stroke-width:1;stroke-dasharray:4 3}
    .load .base{stroke:#868e96;stroke-width:1}
    .load .axis text{fill:#495057;font-size:11px}
    .load .key text{fill:#343a40;font-size:11px}
    </style>

    """
}
