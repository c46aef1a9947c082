import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PlanKit
@testable import PlanRender
import Testing

private func day(_ iso: String) -> Day { Day(iso: iso)! }

/// A result built by hand: 100 iterations finishing over 40 consecutive days from 2027-02-01,
/// tasks with known sensitivities and criticalities, a deadline inside the curve and one far out.
func handBuiltForecast(dates: Int = 40, taskCount: Int = 14, farDeadline: Bool = false) -> ForecastResult {
    let start = day("2027-02-01")
    var histogram: [(date: Day, count: Int)] = []
    var remaining = 1000
    for index in 0..<dates {
        let count = index == dates - 1 ? remaining : min(remaining, 5 + (index * 7) % 40)
        histogram.append((start.adding(days: index), count))
        remaining -= count
    }
    let p = ForecastPercentiles(p10: start.adding(days: 3), p50: start.adding(days: 12), p80: start.adding(days: 20),
                                p90: start.adding(days: 25), p95: start.adding(days: 30))
    let tasks = (0..<taskCount).map { i in
        ForecastResult.TaskStat(task: i, id: "t\(i)", criticality: Double(i % 5) / 4,
                                sensitivity: i == 3 ? nil : Double((i * 37) % 21 - 10) / 10)
    }
    let targets = [
        ForecastResult.Target(task: 20, id: "launch <b>", deadline: start.adding(days: 15), deterministic: start.adding(days: 5),
                              percentiles: p, probability: 0.614, deterministicPercentile: 12.5),
        ForecastResult.Target(task: 21, id: "beta", deadline: farDeadline ? start.adding(days: 400) : nil,
                              deterministic: start.adding(days: 2), percentiles: p, probability: farDeadline ? 1 : nil,
                              deterministicPercentile: 3),
    ]
    return ForecastResult(plan: "hand", iterations: 1000, seed: 1, distribution: .triangular, deterministicFinish: start.adding(days: 5),
                          finish: p, targets: targets, tasks: tasks, risks: [], histogram: histogram, levelled: false, mergeBias: 5)
}

@Suite struct ForecastFigureTests {
    @Test func theCurveIsCumulativeAndEndsAtOne() {
        let curve = ForecastCurve(handBuiltForecast())
        #expect(curve.points.count == 40)
        #expect(curve.points.last?.count == 1000)
        #expect(curve.points.last?.share == 1)
        #expect(zip(curve.points, curve.points.dropFirst()).allSatisfy { $0.share <= $1.share && $0.date < $1.date })
        #expect(curve.deadlines == [ForecastCurve.Deadline(id: "launch <b>", date: day("2027-02-16"), probability: 0.614)])
        #expect(curve.marks.map(\.label) == ["P50", "P80"])
        #expect(curve.marks[0].date == day("2027-02-13"))
        #expect(curve.marks[0].share == curve.points[12].share)
    }

    @Test func thinningKeepsTheEndsAndAtMostTheLimit() {
        let curve = ForecastCurve(handBuiltForecast())
        let thin = curve.thinned(to: 30)
        #expect(thin.count == 30)
        #expect(thin.first == curve.points.first)
        #expect(thin.last == curve.points.last)
        #expect(Set(thin.map(\.date)).count == 30)
        #expect(curve.thinned(to: 50) == curve.points)
    }

    @Test func barsGroupConsecutiveDatesAndKeepEveryIteration() {
        let figures = ForecastFigures(handBuiltForecast())
        let bars = figures.bars(limit: 30)
        #expect(bars.count == 20)  // 40 dates in runs of 2
        #expect(bars.reduce(0) { $0 + $1.count } == 1000)
        #expect(bars[0].from == day("2027-02-01") && bars[0].to == day("2027-02-02"))
        #expect(figures.bars(limit: 40).count == 40)
        #expect(figures.bars(limit: 40).allSatisfy { $0.from == $0.to })
    }

    @Test func driversAreTheTenLargestSensitivitiesInPlanOrderOnTies() {
        let figures = ForecastFigures(handBuiltForecast())
        #expect(figures.drivers.count == 10)
        #expect(!figures.drivers.contains { $0.id == "t3" })  // no sensitivity
        let sizes = figures.drivers.map { abs($0.sensitivity) }
        #expect(sizes == sizes.sorted(by: >))
        for (a, b) in zip(figures.drivers, figures.drivers.dropFirst()) where abs(a.sensitivity) == abs(b.sensitivity) {
            #expect(a.task < b.task)
        }
        // Sensitivities ((i * 37) % 21 - 10) / 10: t0 -1.0, t4 -0.9, t13 +0.9, t8 -0.8, t9 +0.8, ...
        #expect(figures.drivers.map(\.id) == ["t0", "t4", "t13", "t8", "t9", "t5", "t12", "t1", "t7", "t10"])
        #expect(figures.drivers[0].sensitivity == -1)
    }

    @Test func criticalTasksMostFirstWithoutTheNeverCritical() {
        let figures = ForecastFigures(handBuiltForecast(taskCount: 30))
        #expect(figures.critical.count == ForecastFigures.criticalLimit)
        #expect(figures.moreCritical == 24 - 15)  // 6 of 30 tasks are never critical (i % 5 == 0)
        #expect(figures.critical.first?.id == "t4" && figures.critical.first?.criticality == 1)
        #expect(!figures.critical.contains { $0.criticality == 0 })
    }

    @Test func theSCurveIsWellFormedSVGWithItsDeadlineAndPercentiles() throws {
        let svg = SCurveChart.write(ForecastCurve(handBuiltForecast()), id: "curve-1")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"s-curve\""))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains("aria-labelledby=\"curve-1\""))
        #expect(svg.contains("<tspan class=\"p\">61.4%</tspan> launch &lt;b&gt; Feb 16</text>"))
        #expect(!svg.contains("<b>"))
        #expect(svg.contains(">P50 Feb 13</text>") && svg.contains(">P80 Feb 21</text>"))
        #expect(svg.components(separatedBy: "<line class=\"deadline\" x1=\"").count - 1 == 2)  // the key and one deadline
        let curve = try #require(svg.range(of: "<polyline class=\"curve\" points=\""))
        let points = svg[curve.upperBound...].prefix { $0 != "\"" }.split(separator: " ")
        #expect(points.count == 41)  // the day before the first finish at 0%, then every date
        let ys = points.map { Int($0.split(separator: ",")[1])! }
        #expect(ys.first == 290 && ys.last == 64)  // 0% on the baseline, 100% at the top
        #expect(zip(ys, ys.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func aDeadlineFarOutIsDrawnAtTheEdgeAndSaysSo() {
        let svg = SCurveChart.write(ForecastCurve(handBuiltForecast(farDeadline: true)))
        #expect(svg.contains("100.0%</tspan> beta Mar 7 (later, off the chart)</text>"))
        #expect(svg.contains("<line class=\"deadline\" x1=\"732\""))  // the right edge of the plot
    }
}
