import Foundation
import PlanKit

/// `planc forecast` output: JSON, text and CSV of a `ForecastResult` (the numbers are the
/// simulation's, the drivers and criticality ranks `ForecastFigures`'; these only format them).
/// Markdown and HTML: `ForecastMarkdownWriter`, `ForecastHTMLWriter`.
public enum ForecastWriter {
    static func rounded(_ value: Double?, _ places: Double) -> Double? {
        value.map { ($0 * places).rounded() / places }
    }

    static func percentiles(_ json: inout JSONWriter, _ p: ForecastPercentiles) {
        json.date("p10", p.p10)
        json.date("p50", p.p50)
        json.date("p80", p.p80)
        json.date("p90", p.p90)
        json.date("p95", p.p95)
    }

    public static func json(_ result: ForecastResult) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.string("plan", result.plan)
        json.int("iterations", result.iterations)
        json.number("seed", Double(result.seed))
        json.string("distribution", result.distribution.rawValue)
        json.date("deterministic_finish", result.deterministicFinish)
        json.beginObject("finish")
        percentiles(&json, result.finish)
        json.endObject()
        json.int("merge_bias", result.mergeBias)
        json.string("merge_bias_text", mergeBias(result))
        json.beginArray("targets")
        for target in result.targets {
            json.beginObject()
            json.string("id", target.id)
            json.date("deadline", target.deadline)
            json.date("deterministic", target.deterministic)
            percentiles(&json, target.percentiles)
            json.number("probability", rounded(target.probability, 10_000))
            json.number("deterministic_percentile", rounded(target.deterministicPercentile, 10))
            json.endObject()
        }
        json.endArray()
        json.beginArray("tasks")
        for task in result.tasks {
            json.beginObject()
            json.string("id", task.id)
            json.number("criticality", rounded(task.criticality, 10_000))
            json.number("sensitivity", rounded(task.sensitivity, 10_000))
            json.endObject()
        }
        json.endArray()
        json.beginArray("risks")
        for risk in result.risks {
            json.beginObject()
            json.string("id", risk.id)
            json.number("probability", rounded(risk.probability, 10_000))
            json.number("occurred", rounded(risk.occurred, 10_000))
            json.number("mean_delay", rounded(risk.meanDelay, 100))
            json.endObject()
        }
        json.endArray()
        json.beginArray("histogram")
        for bar in result.histogram {
            json.beginObject()
            json.date("date", bar.date)
            json.int("count", bar.count)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "P50 finish is 6 working days after the deterministic finish".
    public static func mergeBias(_ result: ForecastResult) -> String {
        let days = result.mergeBias
        if days == 0 { return "P50 finish is the deterministic finish (\(result.deterministicFinish.iso))" }
        let unit = abs(days) == 1 ? "working day" : "working days"
        return "P50 finish is \(abs(days)) \(unit) \(days > 0 ? "after" : "before") the deterministic finish (\(result.deterministicFinish.iso))"
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value * 100)
    }

    // MARK: - What every format says (the section model's words)

    /// "4000 iterations, seed 42, triangular durations (levelled in each by the priority rule)."
    static func summary(_ result: ForecastResult) -> String {
        "\(result.iterations) iterations, seed \(result.seed), \(result.distribution == .pert ? "PERT-beta" : "triangular") durations"
            + (result.levelled ? ", levelled in each by the priority rule." : ".")
    }

    static let targetsHeading = "Deadlines and milestones"
    static let noTargets = "No milestone, gate or task with a deadline."
    static let driversHeading = "Top drivers"
    static let driversCaption = "The tasks whose drawn duration moves the finish most: sensitivity is the rank correlation of the duration with the finish (−1 to +1), criticality the share of iterations in which the task is critical."
    static let noDrivers = "No task's duration varies (no task has an estimate)."
    static let criticalityHeading = "Criticality"
    static let criticalityCaption = "The share of iterations in which each task is on the critical path, most first."
    static let noCritical = "No task is critical in any iteration."
    static let risksHeading = "Risks"
    static let noRisks = "No open risk with a probability and a delay."

    static func meanDelay(_ value: Double?) -> String {
        value.map { String(format: "%.2f working days", $0) } ?? "—"
    }

    /// Says how the histogram's bars group the finish dates.
    static func histogramCaption(_ bars: [ForecastFigures.Bar]) -> String {
        let grouped = bars.contains { $0.from != $0.to }
        return grouped ? "Share of iterations finishing in each run of finish dates (%), labelled by the run's first date."
            : "Share of iterations finishing on each date (%)."
    }

    static func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
    static func padLeft(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }

    /// "+0.66", "-0.12".
    static func signed(_ value: Double) -> String { String(format: "%+.2f", value) }

    static let tornadoHalf = 12

    /// A text tornado bar: `|` at 0, `#` left for a negative sensitivity, right for a positive
    /// one, `tornadoHalf` characters for ±1.
    static func tornadoBar(_ sensitivity: Double) -> String {
        let length = min(tornadoHalf, Int((abs(sensitivity) * Double(tornadoHalf)).rounded()))
        let bar = String(repeating: "#", count: length), blank = String(repeating: " ", count: tornadoHalf - length)
        return sensitivity < 0 ? blank + bar + "|" + String(repeating: " ", count: tornadoHalf) : String(repeating: " ", count: tornadoHalf) + "|" + bar + blank
    }

    public static func text(_ result: ForecastResult) -> String {
        var out = "Forecast \(Escape.terminal(result.plan)): \(result.iterations) iterations, seed \(result.seed), \(result.distribution.rawValue)"
        out += result.levelled ? ", levelled (priority rule)\n" : "\n"
        let f = result.finish
        out += "Finish: P10 \(f.p10.iso)  P50 \(f.p50.iso)  P80 \(f.p80.iso)  P90 \(f.p90.iso)  P95 \(f.p95.iso)\n"
        out += mergeBias(result) + ".\n"
        if !result.targets.isEmpty {
            out += "\nTargets\n"
            let width = max(2, result.targets.map { Escape.terminal($0.id).count }.max() ?? 2)
            out += pad("id", width) + "  deadline    determ.     P50         P80         P95         P(deadline)  determ. pct\n"
            for t in result.targets {
                out += pad(Escape.terminal(t.id), width) + "  " + pad(t.deadline?.iso ?? "-", 10) + "  " + t.deterministic.iso
                out += "  " + t.percentiles.p50.iso + "  " + t.percentiles.p80.iso + "  " + t.percentiles.p95.iso
                out += "  " + pad(t.probability.map(percent) ?? "-", 11) + "  " + String(format: "%.1f%%", t.deterministicPercentile) + "\n"
            }
        }
        let figures = ForecastFigures(result)
        if !figures.drivers.isEmpty {
            out += "\nTop drivers (sensitivity: rank correlation of the task's duration with the finish; criticality)\n"
            let width = figures.drivers.map { Escape.terminal($0.id).count }.max() ?? 0
            for d in figures.drivers {
                out += "  " + pad(Escape.terminal(d.id), width) + "  " + signed(d.sensitivity) + "  " + tornadoBar(d.sensitivity)
                out += "  " + padLeft(percent(d.criticality), 6) + "\n"
            }
        }
        if !figures.critical.isEmpty {
            out += "\nCriticality (share of iterations in which the task is critical)\n"
            let width = figures.critical.map { Escape.terminal($0.id).count }.max() ?? 0
            for c in figures.critical {
                out += "  " + pad(Escape.terminal(c.id), width) + "  " + padLeft(percent(c.criticality), 6) + "\n"
            }
            if figures.moreCritical > 0 { out += "  … and \(figures.moreCritical) more critical in some iterations\n" }
        }
        if !result.risks.isEmpty {
            out += "\nRisks (probability, occurred, mean delay to the finish)\n"
            let width = result.risks.map { Escape.terminal($0.id).count }.max() ?? 0
            for r in result.risks {
                out += "  " + pad(Escape.terminal(r.id), width) + "  " + padLeft(percent(r.probability), 6) + "  " + padLeft(percent(r.occurred), 6) + "  "
                out += meanDelay(r.meanDelay) + "\n"
            }
        }
        return out
    }

    /// One row per target and per task: kind,id,deadline,deterministic,p10..p95,probability,criticality,sensitivity.
    public static func csv(_ result: ForecastResult) -> String {
        var out = "kind,id,deadline,deterministic,p10,p50,p80,p90,p95,probability,deterministic_percentile,criticality,sensitivity\r\n"
        func n(_ v: Double?, _ places: Int) -> String { v.map { String(format: "%.\(places)f", $0) } ?? "" }
        for t in result.targets {
            let p = t.percentiles
            out += ["target", Escape.csv(t.id), t.deadline?.iso ?? "", t.deterministic.iso, p.p10.iso, p.p50.iso, p.p80.iso, p.p90.iso, p.p95.iso,
                    n(t.probability, 4), n(t.deterministicPercentile, 1), "", ""].joined(separator: ",") + "\r\n"
        }
        for task in result.tasks {
            out += ["task", Escape.csv(task.id), "", "", "", "", "", "", "", "", "", n(task.criticality, 4), n(task.sensitivity, 4)]
                .joined(separator: ",") + "\r\n"
        }
        return out
    }
}
