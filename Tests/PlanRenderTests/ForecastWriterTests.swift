import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PlanKit
@testable import PlanRender
import Testing

/// One `xychart-beta` chart as Mermaid reads it: the x-axis categories and the one series.
struct XYChart {
    var kind: String
    var labels: [String]
    var values: [Double]
    var yMax: Double

    /// Every ```mermaid block of a Markdown text.
    static func all(in markdown: String) -> [String] {
        markdown.components(separatedBy: "```mermaid\n").dropFirst().map { String($0.components(separatedBy: "```").first ?? "") }
    }

    /// Reads the chart the way Mermaid's grammar does, failing the test where it would not parse.
    init?(_ chart: String) {
        var lines = chart.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first == "---" {
            guard let end = lines.dropFirst().firstIndex(of: "---") else { Issue.record("unclosed front matter"); return nil }
            lines.removeSubrange(0...end)
        }
        guard lines.first == "xychart-beta" else { Issue.record("not an xychart: \(lines.first ?? "")"); return nil }
        var labels: [String]?, values: [Double]?, kind = "", yMax: Double?
        for line in lines.dropFirst() where !line.isEmpty {
            let text = line.trimmingCharacters(in: .whitespaces)
            #expect(line.hasPrefix("    "), "statement not indented: \(line)")
            if text.hasPrefix("title ") {
                #expect(text.filter { $0 == "\"" }.count == 2, "title: \(text)")
            } else if text.hasPrefix("x-axis ") {
                guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { Issue.record("x-axis: \(text)"); return nil }
                let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
                labels = inside.components(separatedBy: ", ").map { item in
                    #expect(item.hasPrefix("\"") && item.hasSuffix("\"") && item.filter { $0 == "\"" }.count == 2, "label \(item)")
                    return String(item.dropFirst().dropLast())
                }
            } else if text.hasPrefix("y-axis ") {
                let parts = text.components(separatedBy: " --> ")
                guard parts.count == 2, let top = Double(parts[1]), parts[0].hasSuffix(" 0") else { Issue.record("y-axis: \(text)"); return nil }
                yMax = top
            } else if text.hasPrefix("line [") || text.hasPrefix("bar [") {
                #expect(values == nil, "a second series")
                kind = String(text.prefix { $0 != " " })
                guard text.hasSuffix("]") else { Issue.record("series: \(text)"); return nil }
                let inside = text.drop { $0 != "[" }.dropFirst().dropLast()
                values = inside.components(separatedBy: ", ").map { Double($0) ?? .nan }
            } else {
                Issue.record("unknown statement: \(text)")
            }
        }
        guard let labels, let values, let yMax else { Issue.record("missing axis or series"); return nil }
        self.kind = kind
        self.labels = labels
        self.values = values
        self.yMax = yMax
    }
}

/// Checks what must hold for the forecast's two Mermaid charts to render and to say the truth:
/// as many labels as values, distinct labels (Mermaid's band scale merges equal ones), at most
/// `chartPoints`, a curve rising to 100%, bars that add up to all iterations under the axis top.
func checkForecastCharts(_ markdown: String, dates: Int) {
    let charts = XYChart.all(in: markdown).compactMap(XYChart.init)
    #expect(charts.count == 2)
    guard charts.count == 2 else { return }
    let curve = charts[0], histogram = charts[1]
    for chart in charts {
        #expect(chart.labels.count == chart.values.count)
        #expect(chart.labels.count == min(dates, ForecastMarkdownWriter.chartPoints) || chart.kind == "bar")
        #expect(chart.labels.count <= ForecastMarkdownWriter.chartPoints)
        #expect(Set(chart.labels).count == chart.labels.count, "repeated labels: \(chart.labels)")
        #expect(chart.values.allSatisfy { $0 >= 0 && $0 <= chart.yMax })
    }
    #expect(curve.kind == "line" && histogram.kind == "bar")
    #expect(curve.yMax == 100)
    #expect(curve.values.last == 100)
    #expect(zip(curve.values, curve.values.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(curve.labels.first == histogram.labels.first)
    #expect(abs(histogram.values.reduce(0, +) - 100) <= 0.05 * Double(histogram.values.count))
}

@Suite struct ForecastWriterTests {
    @Test func theMarkdownChartsAreWellFormedAndThinned() {
        let markdown = ForecastMarkdownWriter.write(handBuiltForecast())
        checkForecastCharts(markdown, dates: 40)
        let curve = XYChart(XYChart.all(in: markdown)[0])!
        #expect(curve.labels.first == "Feb 1" && curve.labels.last == "Mar 12")
    }

    @Test func aCurveAcrossTheYearLabelsWithTheYear() {
        var result = handBuiltForecast(dates: 10)
        result.histogram = result.histogram.map { (Day(ordinal: $0.date.ordinal - 36), $0.count) }  // 2026-12-27 to 2027-01-05
        let curve = XYChart(XYChart.all(in: ForecastMarkdownWriter.write(result))[0])!
        #expect(curve.labels.first == "2026-12-27" && curve.labels.last == "2027-01-05")
    }

    @Test func planTextIsEscapedInMarkdownAndHTML() throws {
        var result = handBuiltForecast()
        result.plan = "x|<script>@team"
        result.risks = [ForecastResult.RiskStat(risk: 0, id: "r|1", probability: 0.5, occurred: 0.5, meanDelay: nil)]
        let markdown = ForecastMarkdownWriter.write(result)
        #expect(markdown.hasPrefix("# Schedule confidence: x|\\<script\\>@\u{2060}team\n"))
        #expect(markdown.contains("| launch \\<b\\> | 2027-02-16 |"))
        #expect(markdown.contains("| r\\|1 | 50.0% | 50.0% | — |"))
        for chart in XYChart.all(in: markdown) { #expect(!chart.contains("launch") && !chart.contains("script")) }
        let html = ForecastHTMLWriter.write(result)
        #expect(!html.contains("<script") && !html.contains("<b>"))
        #expect(html.contains("<h1>Schedule confidence: x|&lt;script&gt;@team</h1>"))
        #expect(html.contains("<td>launch &lt;b&gt;</td>"))
    }

    @Test func theHTMLPageIsSelfContainedWithItsThreeCharts() throws {
        let html = ForecastHTMLWriter.write(handBuiltForecast())
        #expect(html.hasPrefix("<!doctype html>\n"))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""))
        #expect(!html.contains("<script") && !html.contains(" src=") && !html.contains(" href=") && !html.contains("url("))
        let svgs = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
        #expect(svgs.map { $0.components(separatedBy: "class=\"")[1].prefix { $0 != "\"" } } == ["s-curve", "histogram", "tornado"])
        for svg in svgs { #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(svg.prefix(80))") }
        // Ten tornado bars (the top drivers), one histogram bar per finish date (40 ≤ 60).
        #expect(svgs[2].components(separatedBy: "<rect class=\"bar").count - 1 == 10)
        #expect(svgs[1].components(separatedBy: "<rect class=\"bar").count - 1 == 40 + 2)  // and the key's two
        #expect(svgs[2].contains("<rect class=\"bar neg\" x=\"208\""))  // t0 at -1.0: from the centre 428 to 208
    }

    @Test func theTextTornadoDrawsFromTheCentre() {
        #expect(ForecastWriter.tornadoBar(0.5) == "            |######      ")
        #expect(ForecastWriter.tornadoBar(-1) == "############|            ")
        #expect(ForecastWriter.tornadoBar(0.01) == "            |            ")
    }

    @Test func everyFormatStatesTheMergeBiasInWords() {
        var result = handBuiltForecast()
        let words = "P50 finish is 5 working days after the deterministic finish (2027-02-06)"
        #expect(ForecastWriter.text(result).contains(words + ".\n"))
        #expect(ForecastMarkdownWriter.write(result).contains("**Merge bias:** " + words + ".\n"))
        #expect(ForecastHTMLWriter.write(result).contains("<strong>Merge bias:</strong> " + words + ".</p>"))
        #expect(ForecastWriter.json(result).contains("\"merge_bias\":5,\"merge_bias_text\":\"" + words + "\""))
        result.mergeBias = -1
        #expect(ForecastWriter.mergeBias(result) == "P50 finish is 1 working day before the deterministic finish (2027-02-06)")
    }
}
