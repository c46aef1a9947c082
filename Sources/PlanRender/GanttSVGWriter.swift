import PlanKit

/// A gantt chart as a self-contained SVG, drawn from planc's own dates: one row per task (names in
/// a left column, summaries indented above their parts), bars on a calendar-day axis with every
/// weekend and holiday shaded, milestones and gates as diamonds, critical work in red and a line
/// at the end of the status date. Rows and fonts have a fixed size so 200 tasks stay readable (the
/// chart grows tall); a plan with more than `rowLimit` rows collapses to summary level. Every
/// coordinate is an integer, so the output is byte-identical for identical input.
public enum GanttSVGWriter {
    /// More rows than this and the chart shows summaries (and milestones) only.
    public static let rowLimit = 400
    public static let rowHeight = 20
    /// The left column holding task names.
    public static let labelWidth = 320
    /// Room right of the last day for milestone dates and verdicts.
    static let rightMargin = 90
    static let legendHeight = 30
    static let noteHeight = 20
    /// The row above the axis that carries the status-date tag.
    static let markerHeight = 20
    static let axisHeight = 38
    static let fontSize = 12
    /// Spans longer than this (20 years) are cut off: a stray date must not make a chart miles wide.
    static let maximumDays = 7_305

    /// Where things go: the calendar span drawn and its scale.
    public struct Layout: Sendable, Equatable {
        /// First day drawn (a Monday) and last day drawn (a Sunday).
        public var first: Day
        public var last: Day
        public var pixelsPerDay: Int
        /// Top of the first task row.
        public var rowsTop: Int

        public var days: Int { last.ordinal - first.ordinal + 1 }
        public var plotLeft: Int { GanttSVGWriter.labelWidth }
        public var plotRight: Int { plotLeft + days * pixelsPerDay }

        /// The left edge of a day's column (clamped to the plot).
        public func x(_ day: Day) -> Int {
            plotLeft + min(max(day.ordinal - first.ordinal, 0), days) * pixelsPerDay
        }
    }

    /// The rows drawn: tasks in plan order, and whether the plan had to be collapsed.
    public struct Rows: Sendable, Equatable {
        public var tasks: [Int]
        public var collapsed: Bool
        /// Whether milestones and gates below the summaries shown are kept.
        public var keepsMilestones: Bool
        /// Top-level items left out even at summary level.
        public var omitted: Int
    }

    /// About 1,000 px of days whatever the span (a 4-month plan: 8 px a day, about 1,400 px with
    /// the names), never under 2 px a day until a plan runs past eight years; short plans get wide days,
    /// up to 24 px.
    public static func pixelsPerDay(days: Int) -> Int {
        if days > 3_000 { return 1 }
        return max(2, min(24, 1_000 / max(days, 1)))
    }

    public static func rows(_ facts: ScheduleFacts) -> Rows {
        let tasks = facts.plan.tasks
        let depths = tasks.indices.map(facts.depth)
        let events = facts.events.filter { facts.plan.events[$0.event].date != nil }.count
        let eventRows = events == 0 ? 0 : events + 1
        // Full detail, then two levels, then top level only; milestones and gates stay at any
        // depth because they are what leadership looks for.
        for maximumDepth in [Int.max, 1, 0] {
            let shown = tasks.indices.filter { depths[$0] <= maximumDepth || tasks[$0].isMilestone }
            if shown.count + eventRows <= rowLimit {
                return Rows(tasks: shown, collapsed: maximumDepth != Int.max, keepsMilestones: true, omitted: 0)
            }
        }
        let top = tasks.indices.filter { depths[$0] == 0 }
        let room = max(0, rowLimit - eventRows)
        return Rows(tasks: Array(top.prefix(room)), collapsed: true, keepsMilestones: false, omitted: max(0, top.count - room))
    }

    public static func layout(_ facts: ScheduleFacts, rows: Rows) -> Layout {
        let schedule = facts.schedule
        var first = schedule.start, last = schedule.finish
        for task in rows.tasks {
            first = min(first, schedule[task].start)
            last = max(last, schedule[task].finish)
            if let deadline = facts.plan.tasks[task].deadline?.value { last = max(last, deadline) }
        }
        for event in facts.plan.events { if let date = event.date?.value { last = max(last, date) } }
        if let status = schedule.statusDate {
            first = min(first, status)
            last = max(last, status.adding(days: 1))
        }
        // Whole weeks: Monday to Sunday.
        first = first.adding(days: -first.weekday.rawValue)
        last = last.adding(days: 6 - last.weekday.rawValue)
        if last.ordinal - first.ordinal + 1 > maximumDays { last = first.adding(days: maximumDays - 1) }
        // The chart ends by 9999-12-31 (a Friday): no day past it is drawn or named.
        last = last.writable
        first = min(first, last)
        let days = last.ordinal - first.ordinal + 1
        let top = legendHeight + (rows.collapsed ? noteHeight : 0) + markerHeight + axisHeight
        return Layout(first: first, last: last, pixelsPerDay: pixelsPerDay(days: days), rowsTop: top)
    }

    /// The chart. `verdicts` (by task index of a gate's milestone) are printed beside the gates.
    public static func write(_ facts: ScheduleFacts, verdicts: [Int: Verdict] = [:]) -> String {
        let plan = facts.plan, schedule = facts.schedule, calendar = schedule.calendar
        let rows = rows(facts)
        let layout = layout(facts, rows: rows)
        let ppd = layout.pixelsPerDay
        let dated = facts.events.filter { plan.events[$0.event].date != nil }
        let rowCount = rows.tasks.count + (dated.isEmpty ? 0 : dated.count + 1)
        let width = layout.plotRight + rightMargin
        let bodyBottom = layout.rowsTop + rowCount * rowHeight
        let height = bodyBottom + 10
        let axisTop = layout.rowsTop - axisHeight
        let title = plan.title ?? plan.id?.value ?? "plan"

        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
        role="img" aria-labelledby="gantt-title" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif" font-size="\(fontSize)">

        """
        out += "<title id=\"gantt-title\">Gantt chart: \(HTMLText.escape(title))</title>\n"
        out += style
        out += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\"/>\n"

        // Zebra stripes first, so shading and bars sit on top of them.
        out += "<g class=\"stripes\">"
        for row in 0..<rowCount where row % 2 == 1 {
            out += "<rect x=\"0\" y=\"\(layout.rowsTop + row * rowHeight)\" width=\"\(layout.plotRight)\" height=\"\(rowHeight)\"/>"
        }
        out += "</g>\n"
        // Names stay in their column even where the width estimate is wrong for the reader's font.
        out += "<clipPath id=\"gantt-names\"><rect x=\"0\" y=\"0\" width=\"\(labelWidth - 6)\" height=\"\(height)\"/></clipPath>\n"

        // One band per non-working day: weekends grey, holidays (named in their tooltip) amber.
        out += "<g class=\"nonworking\">"
        for ordinal in layout.first.ordinal...layout.last.ordinal {
            let day = Day(ordinal: ordinal)
            guard !calendar.isWorkingDay(day) else { continue }
            let isHoliday = calendar.workdays.contains(day.weekday)
            let band = "x=\"\(layout.x(day))\" y=\"\(axisTop + 18)\" width=\"\(ppd)\" height=\"\(bodyBottom - axisTop - 18)\""
            if isHoliday {
                let name = plan.calendar.holidays.first { $0.from <= day && day <= $0.to }?.name
                out += "<rect class=\"holiday\" data-day=\"\(day)\" \(band)><title>\(day): \(HTMLText.escape(name ?? "holiday"))</title></rect>"
            } else {
                out += "<rect class=\"weekend\" data-day=\"\(day)\" \(band)/>"
            }
        }
        out += "</g>\n"

        out += axis(layout, axisTop: axisTop, bottom: bodyBottom)

        // The label column's edge.
        out += "<line class=\"edge\" x1=\"\(layout.plotLeft)\" y1=\"\(axisTop)\" x2=\"\(layout.plotLeft)\" y2=\"\(bodyBottom)\"/>\n"

        if rows.collapsed {
            var note = "Collapsed to summary level: \(plan.tasks.count) items are too many for one row each (limit \(rowLimit) rows); "
            note += rows.keepsMilestones ? "showing summaries, milestones and gates." : "showing top-level items only."
            if rows.omitted > 0 { note += " \(rows.omitted) more top-level items are not drawn." }
            out += "<text class=\"note\" x=\"8\" y=\"\(legendHeight + 14)\">\(HTMLText.escape(note))</text>\n"
        }

        let shown = Set(rows.tasks)
        out += "<g class=\"rows\">\n"
        for (row, task) in rows.tasks.enumerated() {
            let item = plan.tasks[task]
            let entry = schedule[task]
            let top = layout.rowsTop + row * rowHeight
            let depth = facts.depth(task)
            let collapsedSummary = item.isSummary && !item.children.contains { shown.contains($0) }
            var kind = item.kind == .gate ? "gate" : item.isMilestone ? "milestone" : item.isSummary ? "summary" : "task"
            if collapsedSummary { kind = "summary collapsed" }
            var state = entry.progress == .done ? " done" : entry.progress == .inProgress ? " active" : ""
            if entry.critical { state += " crit" }
            out += "<g class=\"row \(kind)\(state)\" data-id=\"\(HTMLText.escape(item.id.value))\">"
            out += "<title>\(HTMLText.escape(tooltip(task, facts)))</title>"

            // The name, indented by depth and cut to the column.
            let indent = 8 + min(depth, 8) * 14
            let bold = item.isSummary || item.kind == .gate
            let name = fit(facts.title(task), width: labelWidth - indent - 10, bold: bold)
            out += "<text class=\"label\" x=\"\(indent)\" y=\"\(top + 14)\" clip-path=\"url(#gantt-names)\">\(HTMLText.escape(name))</text>"

            // The deadline flag goes under the bar and its date, which stay readable on top.
            if let deadline = item.deadline?.value, entry.progress != .done {
                let x = layout.x(deadline.adding(days: 1))
                out += "<path class=\"deadline\" d=\"M\(x - 4) \(top + 1)H\(x + 4)L\(x) \(top + 7)Z\"/><line class=\"deadline\" x1=\"\(x)\" y1=\"\(top + 1)\" x2=\"\(x)\" y2=\"\(top + rowHeight - 1)\"/>"
            }
            let x0 = layout.x(entry.start), x1 = layout.x(entry.finish.adding(days: 1))
            if item.isMilestone {
                let cx = x1, cy = top + 10, half = item.kind == .gate ? 7 : 6
                out += "<polygon class=\"diamond \(kind)\(state)\" points=\"\(cx),\(cy - half) \(cx + half),\(cy) \(cx),\(cy + half) \(cx - half),\(cy)\"/>"
                if item.kind == .gate {
                    out += "<polygon class=\"gate-core\" points=\"\(cx),\(cy - 3) \(cx + 3),\(cy) \(cx),\(cy + 3) \(cx - 3),\(cy)\"/>"
                }
                var text = short(entry.finish)
                if let verdict = verdicts[task] { text += " · " + verdict.spoken }
                let verdictClass = verdicts[task].map { " verdict-\($0 == .go ? "go" : $0 == .conditional ? "conditional" : "nogo")" } ?? ""
                out += "<text class=\"date\(verdictClass)\" x=\"\(cx + half + 4)\" y=\"\(top + 14)\">\(HTMLText.escape(text))</text>"
            } else if item.isSummary, !collapsedSummary {
                let width = max(x1 - x0, ppd)
                if width >= 12 {
                    let t = top + 5
                    out += "<path class=\"bracket\(state)\" d=\"M\(x0) \(t)H\(x0 + width)V\(t + 10)L\(x0 + width - 5) \(t + 5)H\(x0 + 5)L\(x0) \(t + 10)Z\"/>"
                } else {
                    out += "<rect class=\"bracket\(state)\" x=\"\(x0)\" y=\"\(top + 5)\" width=\"\(width)\" height=\"5\"/>"
                }
            } else {
                let width = max(x1 - x0, max(ppd, 2))
                let barClass = collapsedSummary ? "bar rollup\(state)" : "bar\(state)"
                out += "<rect class=\"\(barClass)\" x=\"\(x0)\" y=\"\(top + 4)\" width=\"\(width)\" height=\"12\" rx=\"2\"/>"
                if entry.progress == .inProgress, let percent = item.progress?.value, percent > 0 {
                    let filled = Int((Double(width) * percent / 100).rounded(.down))
                    if filled > 0 {
                        out += "<rect class=\"progress\(entry.critical ? " crit" : "")\" x=\"\(x0)\" y=\"\(top + 4)\" width=\"\(filled)\" height=\"12\" rx=\"2\"/>"
                    }
                }
            }
            out += "</g>\n"
        }

        if !dated.isEmpty {
            let top = layout.rowsTop + rows.tasks.count * rowHeight
            out += "<g class=\"row section\"><text class=\"label\" x=\"8\" y=\"\(top + 14)\">Marketing events</text></g>\n"
            for (offset, timing) in dated.enumerated() {
                let event = plan.events[timing.event]
                let rowTop = top + (offset + 1) * rowHeight
                guard let date = event.date?.value else { continue }
                let late = (timing.margin ?? 0) < 0
                out += "<g class=\"row event\(late ? " late" : "")\" data-id=\"\(HTMLText.escape(event.id.value))\">"
                var tip = "\(event.id.value): \(event.title ?? event.id.value) — \(date)"
                if let earliest = timing.earliest { tip += ", earliest \(earliest)" }
                out += "<title>\(HTMLText.escape(tip))</title>"
                let name = fit(event.title ?? event.id.value, width: labelWidth - 32, bold: false)
                out += "<text class=\"label\" x=\"22\" y=\"\(rowTop + 14)\" clip-path=\"url(#gantt-names)\">\(HTMLText.escape(name))</text>"
                let cx = layout.x(date) + ppd / 2
                out += "<circle class=\"event\(late ? " late" : "")\" cx=\"\(cx)\" cy=\"\(rowTop + 10)\" r=\"5\"/>"
                out += "<text class=\"date\" x=\"\(cx + 9)\" y=\"\(rowTop + 14)\">\(short(date))\(late ? " · too early" : "")</text>"
                out += "</g>\n"
            }
        }
        out += "</g>\n"

        // The status date: the last day whose work is reported, so the line is at its end.
        if let status = schedule.statusDate, status <= layout.last {
            let x = layout.x(status.adding(days: 1))
            let markerTop = axisTop - markerHeight
            out += "<line class=\"status\" x1=\"\(x)\" y1=\"\(markerTop + 16)\" x2=\"\(x)\" y2=\"\(bodyBottom)\"/>"
            let label = "status date \(status)"
            let tagWidth = estimatedWidth(label, bold: true, size: 11) + 14
            let left = min(max(x - tagWidth / 2, layout.plotLeft - tagWidth / 2), width - tagWidth - 2)
            out += "<rect class=\"status-tag\" x=\"\(left)\" y=\"\(markerTop)\" width=\"\(tagWidth)\" height=\"16\" rx=\"3\"/>"
            out += "<text class=\"status-text\" x=\"\(left + tagWidth / 2)\" y=\"\(markerTop + 12)\" text-anchor=\"middle\">\(label)</text>\n"
        }

        out += legend()
        return out + "</svg>\n"
    }

    // MARK: - Pieces

    static let style = """
    <style>
    .gantt .bg{fill:#fff}
    .gantt .stripes rect{fill:#f6f8fa}
    .gantt .weekend{fill:#e9ecef}
    .gantt .holiday{fill:#ffe3bf}
    .gantt .grid-week{stroke:#dee2e6;stroke-width:1}
    .gantt .grid-month{stroke:#adb5bd;stroke-width:1}
    .gantt .edge{stroke:#868e96;stroke-width:1}
    .gantt .axis-month{fill:#212529;font-weight:600}
    .gantt .axis-week{fill:#495057;font-size:11px}
    .gantt .label{fill:#212529}
    .gantt .summary>.label,.gantt .gate>.label,.gantt .section .label{font-weight:600}
    .gantt .done>.label{fill:#868e96}
    .gantt .crit>.label{fill:#a51d24}
    .gantt .bar{fill:#4c8bf5}
    .gantt .bar.active{fill:#a9c8fb}
    .gantt .bar.crit{fill:#e03131}
    .gantt .bar.active.crit{fill:#f5a3a3}
    .gantt .bar.done{fill:#ced4da}
    .gantt .bar.rollup{fill:#495057}
    .gantt .bar.rollup.crit{fill:#c92a2a}
    .gantt .bar.rollup.done{fill:#adb5bd}
    .gantt .progress{fill:#1c5fd0}
    .gantt .progress.crit{fill:#a51d24}
    .gantt .bracket{fill:#343a40}
    .gantt .bracket.crit{fill:#c92a2a}
    .gantt .bracket.done{fill:#adb5bd}
    .gantt .diamond{fill:#212529;stroke:#fff;stroke-width:1}
    .gantt .diamond.crit{fill:#e03131}
    .gantt .diamond.done{fill:#adb5bd}
    .gantt .diamond.gate{fill:#6741d9;stroke:#2b1a66;stroke-width:1.5}
    .gantt .diamond.gate.crit{stroke:#e03131;stroke-width:2.5}
    .gantt .diamond.gate.done{fill:#b197fc;stroke:#868e96}
    .gantt .gate-core{fill:#fff}
    .gantt .date{fill:#343a40;font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
    .gantt .verdict-go{fill:#2b8a3e;font-weight:600}
    .gantt .verdict-conditional{fill:#b35c00;font-weight:600}
    .gantt .verdict-nogo{fill:#c92a2a;font-weight:600}
    .gantt .deadline{fill:#c92a2a;stroke:#c92a2a;stroke-width:1.5}
    .gantt .event{fill:#0c8599}
    .gantt .event.late{fill:#e03131}
    .gantt .status{stroke:#d6336c;stroke-width:2;stroke-dasharray:6 3}
    .gantt .status-tag{fill:#d6336c}
    .gantt .status-text{fill:#fff;font-size:11px;font-weight:600}
    .gantt .note{fill:#a61e4d;font-weight:600}
    .gantt .key{fill:#343a40;font-size:11px}
    .gantt .row:hover>.label{text-decoration:underline}
    </style>

    """

    /// Month names and year on top, the day of each Monday below, grid lines down the chart.
    static func axis(_ layout: Layout, axisTop: Int, bottom: Int) -> String {
        let ppd = layout.pixelsPerDay
        var grid = "<g class=\"grid\" shape-rendering=\"crispEdges\">"
        var labels = "<g class=\"axis\">"
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var ordinal = layout.first.ordinal
        var firstMonth = true
        while ordinal <= layout.last.ordinal {
            let day = Day(ordinal: ordinal)
            let (year, month, _) = day.components
            // December 9999 has no next month Day can name: the axis ends with the chart.
            let next = Day(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1) ?? layout.last.adding(days: 1)
            let x = layout.x(day), end = layout.x(min(next, layout.last.adding(days: 1)))
            if !firstMonth {
                grid += "<line class=\"grid-month\" x1=\"\(x)\" y1=\"\(axisTop)\" x2=\"\(x)\" y2=\"\(bottom)\"/>"
            }
            let long = month == 1 || firstMonth ? "\(months[month - 1]) \(year)" : months[month - 1]
            let text = end - x >= 64 ? long : end - x >= 28 ? months[month - 1] : ""
            if !text.isEmpty {
                labels += "<text class=\"axis-month\" x=\"\(x + 4)\" y=\"\(axisTop + 13)\">\(text)</text>"
            }
            firstMonth = false
            ordinal = next.ordinal
        }
        // Mondays: the first day drawn is one.
        let weekLabels = ppd * 7 >= 21
        for monday in stride(from: layout.first.ordinal, through: layout.last.ordinal, by: 7) {
            let day = Day(ordinal: monday)
            let x = layout.x(day)
            if day.components.day != 1 {
                grid += "<line class=\"grid-week\" x1=\"\(x)\" y1=\"\(axisTop + 18)\" x2=\"\(x)\" y2=\"\(bottom)\"/>"
            }
            if weekLabels {
                labels += "<text class=\"axis-week\" x=\"\(x + 3)\" y=\"\(axisTop + 31)\">\(day.components.day)</text>"
            }
        }
        grid += "<line class=\"grid-month\" x1=\"\(layout.plotLeft)\" y1=\"\(axisTop + 18)\" x2=\"\(layout.plotRight)\" y2=\"\(axisTop + 18)\"/>"
        grid += "<line class=\"grid-month\" x1=\"0\" y1=\"\(layout.rowsTop)\" x2=\"\(layout.plotRight)\" y2=\"\(layout.rowsTop)\"/>"
        grid += "<line class=\"grid-month\" x1=\"\(layout.plotRight)\" y1=\"\(axisTop)\" x2=\"\(layout.plotRight)\" y2=\"\(bottom)\"/>"
        labels += "<text class=\"axis-month\" x=\"8\" y=\"\(axisTop + 31)\">Task</text>"
        return grid + "</g>\n" + labels + "</g>\n"
    }

    static func legend() -> String {
        var out = "<g class=\"legend\" transform=\"translate(8 8)\">"
        var x = 0
        func item(_ shape: String, _ text: String) {
            out += "<g transform=\"translate(\(x) 0)\">\(shape)<text class=\"key\" x=\"22\" y=\"11\">\(text)</text></g>"
            x += 22 + estimatedWidth(text, bold: false, size: 11) + 18
        }
        item("<rect class=\"bar\" x=\"0\" y=\"2\" width=\"18\" height=\"10\" rx=\"2\"/>", "task")
        item("<rect class=\"bar crit\" x=\"0\" y=\"2\" width=\"18\" height=\"10\" rx=\"2\"/>", "critical path")
        item("<rect class=\"bar active\" x=\"0\" y=\"2\" width=\"18\" height=\"10\" rx=\"2\"/><rect class=\"progress\" x=\"0\" y=\"2\" width=\"8\" height=\"10\" rx=\"2\"/>", "in progress")
        item("<rect class=\"bar done\" x=\"0\" y=\"2\" width=\"18\" height=\"10\" rx=\"2\"/>", "done")
        item("<path class=\"bracket\" d=\"M0 3H18V11L14 7H4L0 11Z\"/>", "summary")
        item("<polygon class=\"key-diamond\" fill=\"#212529\" points=\"9,1 15,7 9,13 3,7\"/>", "milestone")
        item("<polygon class=\"key-diamond\" fill=\"#6741d9\" stroke=\"#2b1a66\" points=\"9,0 16,7 9,14 2,7\"/><polygon class=\"gate-core\" points=\"9,4 12,7 9,10 6,7\"/>", "gate")
        item("<path class=\"deadline\" d=\"M5 1H13L9 7Z\"/><line class=\"deadline\" x1=\"9\" y1=\"1\" x2=\"9\" y2=\"14\"/>", "deadline")
        item("<rect class=\"weekend\" x=\"0\" y=\"0\" width=\"18\" height=\"14\"/>", "weekend")
        item("<rect class=\"holiday\" x=\"0\" y=\"0\" width=\"18\" height=\"14\"/>", "holiday")
        item("<line class=\"status\" x1=\"9\" y1=\"0\" x2=\"9\" y2=\"14\"/>", "status date")
        item("<circle class=\"event\" cx=\"9\" cy=\"7\" r=\"5\"/>", "marketing event")
        return out + "</g>\n"
    }

    static func tooltip(_ task: Int, _ facts: ScheduleFacts) -> String {
        let item = facts.plan.tasks[task], entry = facts.schedule[task]
        var text = "\(item.id.value): \(facts.title(task))\n"
        text += item.isMilestone ? "\(entry.finish)" : "\(entry.start) – \(entry.finish), \(entry.duration) working day\(entry.duration == 1 ? "" : "s")"
        if let owner = facts.owner(task) { text += ", owner \(owner)" }
        text += "\n\(entry.progress.rawValue)"
        if entry.progress == .inProgress, let percent = item.progress?.value { text += " \(Int(percent))%" }
        if entry.progress != .done { text += ", total float \(entry.totalFloat)" }
        if entry.critical { text += ", critical" }
        if let deadline = item.deadline?.value { text += ", deadline \(deadline)" }
        return text
    }

    /// "Mar 9".
    static func short(_ day: Day) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (_, month, date) = day.components
        return "\(months[month - 1]) \(date)"
    }

    /// Text cut (with an ellipsis) to fit `width` pixels, by an estimate of the system font's
    /// widths: no font metrics are available here, so the estimate errs wide.
    static func fit(_ text: String, width: Int, bold: Bool) -> String {
        let flat = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
        if estimatedWidth(flat, bold: bold, size: fontSize) <= width { return flat }
        var out = "", used = estimatedWidth("…", bold: bold, size: fontSize)
        for character in flat {
            let next = estimatedWidth(String(character), bold: bold, size: fontSize)
            if used + next > width { break }
            out.append(character)
            used += next
        }
        return out.trimmingSpaces() + "…"
    }

    /// Pixels, in thousandths of an em per character class, rounded up.
    static func estimatedWidth(_ text: String, bold: Bool, size: Int) -> Int {
        var milli = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
                milli += 1000
            case 0x0300...0x036F, 0x200B...0x200F:
                break
            default:
                switch scalar {
                // Sized for DejaVu Sans, the widest of the usual system fonts, so no name overflows.
                case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!", " ", "f", "t", "r":
                    milli += 360
                case "(", ")", "[", "]", "/", "-":
                    milli += 400
                case "m", "w", "M", "W", "@", "%":
                    milli += 950
                case "A"..."Z", "0"..."9", "&", "#":
                    milli += 680
                default:
                    milli += 590
                }
            }
        }
        if bold { milli = milli * 115 / 100 }
        return (milli * size + 999) / 1000
    }
}
