import Foundation
import PlanKit
@testable import PlanRender
import PlanSyntax
import Testing

/// A compiled plan, its report and the facts the writers read.
private struct Compiled {
    var report: StatusReport
    var facts: ScheduleFacts

    init(_ text: String, allowErrors: Bool = false) throws {
        let folder = NSTemporaryDirectory() + "planc-html-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/plan.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let compilation = Compiler.compile(path: path)
        let messages = compilation.diagnostics.filter { $0.severity == .error }.map(\.message)
        if !allowErrors { #expect(messages.isEmpty) }
        guard let built = StatusReport.build(compilation: compilation) else { throw Unscheduled(messages: messages) }
        report = built
        facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
    }

    var html: String { ReportHTMLWriter.write(report, facts: facts) }
    var svg: String { GanttSVGWriter.write(facts) }
}

private struct Unscheduled: Error {
    var messages: [String]
}

/// The chart without its legend (which draws one of everything).
private func body(_ svg: String) -> String {
    String(svg[..<(svg.range(of: "<g class=\"legend\"")?.lowerBound ?? svg.endIndex)])
}

private func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// The `<g class="row …" data-id="ID">…</g>` of one task.
private func row(_ id: String, in svg: String) -> Substring? {
    guard let start = svg.range(of: "data-id=\"\(id)\"") else { return nil }
    let rest = svg[start.lowerBound...]
    guard let end = rest.range(of: "</g>") else { return nil }
    return rest[..<end.lowerBound]
}

/// Every opening tag of the given element names.
private func tags(_ names: [String], in html: String) -> [String] {
    var found: [String] = []
    let lower = html.lowercased()
    for name in names {
        var rest = lower[...]
        while let start = rest.range(of: "<" + name) {
            let tail = rest[start.upperBound...]
            // `<linearGradient` is not `<link`: the name must end there.
            if let next = tail.first, next.isLetter || next == "-" {
                rest = tail
                continue
            }
            let end = tail.firstIndex(of: ">") ?? tail.endIndex
            found.append(String(lower[start.lowerBound..<end]))
            rest = tail[end...]
        }
    }
    return found
}

private let hostile = """
plan: hostile
title: "<script>alert(1)</script> & \\"quotes\\""
start: 2026-12-07
as_of: 2026-12-09
rules: { W301: off }
tasks:
  - { id: design, title: "Design <b>bold</b> & \\"review\\"", duration: 3d }
  - id: build
    title: "R&D <img src=x onerror=alert(1)>"
    tasks:
      - { id: code, title: "<script>alert(2)</script>", duration: 2d, after: [design] }
  - { id: launch, title: "Launch 'day' <script src=\\"https://evil.example/x.js\\"></script>", milestone: true, after: [build], deadline: 2026-12-31 }
risks:
  - id: leak
    title: "<script>alert(3)</script> leak & spill"
    likelihood: 4
    impact: 4
    owner: ops
    status: occurred
    trigger: "\\"payout\\" > 3x"
    response: "see https://wiki.example/<x> & call 'ops'"
  - id: open-one
    title: "Open <script>alert(4)</script>"
    likelihood: 3
    impact: 5
    owner: ops
    trigger: "<svg onload=alert(5)>"
    response: "<a href=\\"https://evil.example\\">click</a>"
"""

private let holidays = """
plan: holidays
title: Holidays
start: 2026-12-07
as_of: 2026-12-09
calendar:
  holidays:
    - { from: 2026-12-24, to: 2026-12-28, name: Winter break }
    - { date: 2027-01-01, name: New Year }
rules: { W301: off }
tasks:
  - { id: design, duration: 5d }
  - { id: build, duration: 10d, after: [design] }
  - { id: docs, duration: 2d, after: [design] }
  - id: rollout
    tasks:
      - { id: canary, duration: 2d, after: [build] }
      - { id: full, duration: 1d, after: [canary] }
  - { id: ready, milestone: true, after: [docs] }
  - { id: launch, milestone: true, after: [rollout] }
gates:
  - id: go-live
    after: [build]
    criteria:
      - { id: tested, done: [build] }
"""

/// `groups` summaries of `size` chained tasks each; groups run in sequence.
private func generated(groups: Int, size: Int) -> String {
    var text = "plan: big\ntitle: Big\nstart: 2027-01-04\nrules: { W301: off }\ntasks:\n"
    for group in 0..<groups {
        text += "  - id: g\(group)\n    tasks:\n"
        for step in 0..<size {
            let index = group * size + step
            let after = index == 0 ? "" : ", after: [t\(index - 1)]"
            text += "      - { id: t\(index), title: \"Task \(index)\", duration: \(1 + index % 3)d\(after) }\n"
        }
    }
    return text
}

@Suite struct ReportHTMLWriterTests {
    @Test func everyPieceOfPlanTextIsEscaped() throws {
        let compiled = try Compiled(hostile)
        let html = compiled.html
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img") && !html.contains("<b>") && !html.contains("<i>") && !html.contains("<a ") && !html.contains("<svg onload"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(html.contains("Design &lt;b&gt;bold&lt;/b&gt; &amp; &quot;review&quot;"))
        #expect(html.contains("R&amp;D &lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;script&gt;alert(3)&lt;/script&gt; leak &amp; spill"))
        #expect(html.contains("&lt;svg onload=alert(5)&gt;"))
        #expect(html.contains("response: see https://wiki.example/&lt;x&gt; &amp; call &#39;ops&#39;"))
        #expect(html.contains("&lt;a href=&quot;https://evil.example&quot;&gt;click&lt;/a&gt;"))
        #expect(html.contains("Launch &#39;day&#39;"))
        // The chart escapes the same text (names, tooltips, its title).
        let svg = compiled.svg
        #expect(!svg.lowercased().contains("<script") && !svg.contains("<img"))
        #expect(svg.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
        #expect(HTMLText.escape("<a href=\"x\">'&'</a>\u{1}") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{FFFD}")
    }

    @Test func thePageLoadsNothingAndRunsNothing() throws {
        let html = try Compiled(hostile).html
        #expect(html.hasPrefix("<!doctype html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        #expect(!html.lowercased().contains("<script"))
        for tag in tags(["link", "img", "script", "iframe", "object", "embed", "image", "use", "source", "video", "audio"], in: html) {
            #expect(!tag.contains("http:") && !tag.contains("https:") && !tag.contains("src=") && !tag.contains("href="), "\(tag)")
        }
        #expect(!html.contains("@import") && !html.contains("url(http") && !html.contains("@font-face"))
        // Plan text is escaped, so every `<` starts one of planc's own tags: none of them points
        // anywhere (URLs in plan text stay text), and the only URL is the SVG namespace.
        for tag in html.components(separatedBy: "<").dropFirst() {
            let inside = tag.prefix { $0 != ">" }
            #expect(!inside.contains(" src=") && !inside.contains(" href=") && !inside.contains("xlink:"), "<\(inside)>")
            #expect(!inside.contains("http:") && !inside.contains("https:") || inside.hasPrefix("svg xmlns=\"http://www.w3.org/2000/svg\""), "<\(inside)>")
        }
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func thePlainTextReportHasTheSameSectionsWithoutChartOrFindings() throws {
        let compiled = try Compiled(hostile + "\ngates:\n  - { id: ship, title: \"Ship\\r\\n::error ok\", after: [launch], criteria: [{ id: c, metric: \"m >= 1\" }] }\n", allowErrors: true)
        let markdown = ReportMarkdownWriter.write(compiled.report, facts: compiled.facts)
        let plain = ReportPlainTextWriter.write(compiled.report)
        let markdownSections = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        let lines = plain.components(separatedBy: "\n")
        let plainSections = lines.indices.dropFirst().filter { lines[$0].allSatisfy { $0 == "-" } && !lines[$0].isEmpty && lines[$0].count == lines[$0 - 1].count }
            .map { lines[$0 - 1] }
        #expect(markdownSections.contains("Timeline") && markdownSections.contains("Gates"))
        #expect(plainSections == markdownSections.filter { $0 != "Timeline" && $0 != "Plan findings" })
        #expect(compiled.report.health == .red && plain.contains("\nSTATUS: RED\n"))
        // Plan text stays on its line: no CR, LF or other control character gets through.
        #expect(plain.contains("Ship ::error ok (ship, "))
        #expect(!lines.contains { $0.hasPrefix("::") })
        #expect(!plain.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func sectionsFollowTheMarkdownReport() throws {
        let compiled = try Compiled(hostile)
        let markdown = ReportMarkdownWriter.write(compiled.report, facts: compiled.facts)
        let markdownSections = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        let htmlSections = compiled.html.components(separatedBy: "<h2>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(htmlSections.first == "Risks that have occurred")
        #expect(Array(htmlSections.dropFirst()) == markdownSections)
        // The banner comes before the status badge, the badge before the headline.
        let html = compiled.html
        let banner = try #require(html.range(of: "Risks that have occurred"))
        let badge = try #require(html.range(of: "class=\"badge "))
        let headline = try #require(html.range(of: "Forecast finish"))
        #expect(banner.lowerBound < badge.lowerBound && badge.lowerBound < headline.lowerBound)
        #expect(compiled.report.health == .red && html.contains("<span class=\"badge red\">RED</span>"))
        for reason in compiled.report.healthReasons { #expect(html.contains("<li>\(HTMLText.escape(reason))</li>")) }
    }

    @Test func outputIsByteIdenticalAcrossRuns() throws {
        let first = try Compiled(holidays), second = try Compiled(holidays)
        #expect(first.html == second.html)
        #expect(first.html == first.html)
        #expect(first.svg == second.svg)
    }

    @Test func oneDiamondPerMilestoneAndGate() throws {
        let compiled = try Compiled(holidays)
        let svg = body(compiled.svg)
        let milestones = compiled.facts.plan.tasks.filter(\.isMilestone)
        #expect(milestones.count == 3)
        #expect(count("<polygon class=\"diamond ", in: svg) == milestones.count)
        #expect(count("<polygon class=\"diamond gate", in: svg) == 1)
        #expect(count("<polygon class=\"gate-core\"", in: svg) == 1)
        for milestone in milestones {
            let drawn = try #require(row(milestone.id.value, in: svg))
            #expect(count("<polygon class=\"diamond ", in: String(drawn)) == 1)
        }
    }

    @Test func everyNonWorkingDayIsShaded() throws {
        let compiled = try Compiled(holidays)
        let svg = compiled.svg
        let layout = GanttSVGWriter.layout(compiled.facts, rows: GanttSVGWriter.rows(compiled.facts))
        #expect(layout.first == Day(iso: "2026-12-07")!)
        // Expected without the calendar: Saturdays, Sundays, and the holiday dates on weekdays.
        let holidayDates = ["2026-12-24", "2026-12-25", "2026-12-28", "2027-01-01"].map { Day(iso: $0)! }
        var weekends: [String] = [], holidaysDrawn: [String] = []
        for ordinal in layout.first.ordinal...layout.last.ordinal {
            let day = Day(ordinal: ordinal)
            if day.weekday == .saturday || day.weekday == .sunday {
                weekends.append(day.iso)
            } else if holidayDates.contains(day) {
                holidaysDrawn.append(day.iso)
            }
        }
        #expect(holidaysDrawn.count == 4)
        func days(_ kind: String) -> [String] {
            svg.components(separatedBy: "<rect class=\"\(kind)\" data-day=\"").dropFirst().map { String($0.prefix(10)) }
        }
        #expect(days("weekend") == weekends)
        #expect(days("holiday") == holidaysDrawn)
        // Each band is one day wide at the day's column, and holidays carry their name.
        let ppd = layout.pixelsPerDay
        let christmas = layout.x(Day(iso: "2026-12-25")!)
        #expect(svg.contains("<rect class=\"holiday\" data-day=\"2026-12-25\" x=\"\(christmas)\" y=\""))
        #expect(svg.contains("width=\"\(ppd)\" height=") && svg.contains("<title>2026-12-25: Winter break</title>"))
        #expect(svg.contains("<title>2027-01-01: New Year</title>"))
    }

    @Test func theStatusDateLineIsAtTheEndOfTheStatusDate() throws {
        let compiled = try Compiled(holidays)
        let layout = GanttSVGWriter.layout(compiled.facts, rows: GanttSVGWriter.rows(compiled.facts))
        // First day drawn Monday 2026-12-07; the status date Wednesday 2026-12-09 ends three days in.
        let x = GanttSVGWriter.labelWidth + 3 * layout.pixelsPerDay
        #expect(layout.x(Day(iso: "2026-12-10")!) == x)
        #expect(count("<line class=\"status\" ", in: body(compiled.svg)) == 1)
        #expect(compiled.svg.contains("<line class=\"status\" x1=\"\(x)\" y1=\""))
        #expect(compiled.svg.contains("x2=\"\(x)\" y2=\""))
        #expect(compiled.svg.contains(">status date 2026-12-09</text>"))
    }

    @Test func criticalBarsCarryTheCriticalClass() throws {
        let compiled = try Compiled(holidays)
        let svg = compiled.svg
        var critical = 0
        for (index, task) in compiled.facts.plan.tasks.enumerated() where !task.isMilestone && !task.isSummary {
            let drawn = String(try #require(row(task.id.value, in: svg)))
            let bar = try #require(drawn.range(of: "<rect class=\"bar"))
            let classes = drawn[bar.upperBound...].prefix { $0 != "\"" }
            if compiled.facts.schedule[index].critical {
                critical += 1
                #expect(classes.contains("crit"), "\(task.id.value)")
            } else {
                #expect(!classes.contains("crit"), "\(task.id.value)")
            }
        }
        #expect(critical >= 3)
        #expect(row("docs", in: svg)?.contains("crit") == false)
    }

    @Test func twoHundredTasksGetARowEach() throws {
        let compiled = try Compiled(generated(groups: 20, size: 10))
        let svg = compiled.svg
        let rows = GanttSVGWriter.rows(compiled.facts)
        #expect(!rows.collapsed && rows.tasks.count == 220)
        #expect(count("<g class=\"row task", in: svg) == 200)
        #expect(count("<g class=\"row summary", in: svg) == 20)
        #expect(!svg.contains("Collapsed"))
        // Rows keep their fixed height: the chart grows tall, not cramped.
        let layout = GanttSVGWriter.layout(compiled.facts, rows: rows)
        let height = layout.rowsTop + 220 * GanttSVGWriter.rowHeight + 10
        #expect(svg.contains("height=\"\(height)\" viewBox=\"0 0 "))
        #expect(svg.contains("data-id=\"t199\""))
    }

    @Test func twoThousandTasksCollapseToSummaries() throws {
        let compiled = try Compiled(generated(groups: 200, size: 10))
        let svg = compiled.svg
        let rows = GanttSVGWriter.rows(compiled.facts)
        #expect(rows.collapsed && rows.tasks.count == 200 && rows.omitted == 0)
        #expect(svg.contains("Collapsed to summary level: 2200 items are too many for one row each (limit 400 rows); showing summaries, milestones and gates."))
        #expect(count("<g class=\"row task", in: svg) == 0)
        #expect(count("<g class=\"row summary collapsed", in: svg) == 200)
        #expect(count("<rect class=\"bar rollup", in: svg) == 200)
    }

    @Test func aFourMonthPlanIsAboutFourteenHundredPixelsWide() {
        let days = 17 * 7
        let width = GanttSVGWriter.labelWidth + days * GanttSVGWriter.pixelsPerDay(days: days) + GanttSVGWriter.rightMargin
        #expect((1_200...1_600).contains(width))
        #expect(GanttSVGWriter.pixelsPerDay(days: 14) == 24)
        #expect(GanttSVGWriter.pixelsPerDay(days: 2_000) == 2)
        #expect(GanttSVGWriter.pixelsPerDay(days: 5_000) == 1)
    }

    @Test func longNamesAreCutToTheColumn() {
        let name = GanttSVGWriter.fit(String(repeating: "Matching engine ", count: 10), width: 200, bold: false)
        #expect(name.hasSuffix("…") && GanttSVGWriter.estimatedWidth(name, bold: false, size: 12) <= 200)
        #expect(GanttSVGWriter.fit("Short", width: 200, bold: true) == "Short")
        let wide = GanttSVGWriter.fit(String(repeating: "永", count: 40), width: 120, bold: false)
        #expect(wide.count <= 11)
    }
}
