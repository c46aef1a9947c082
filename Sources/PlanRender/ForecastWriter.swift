import Foundation
import PlanKit

/// `planc forecast` output: JSON, text and CSV of a `ForecastResult` (the numbers are the
/// simulation's; these only format them).
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

    public static func text(_ result: ForecastResult) -> String {
        var out = "Forecast \(Escape.terminal(result.plan)): \(result.iterations) iterations, seed \(result.seed), \(result.distribution.rawValue)"
        out += result.levelled ? ", levelled (priority rule)\n" : "\n"
        let f = result.finish
        out += "Finish: P10 \(f.p10.iso)  P50 \(f.p50.iso)  P80 \(f.p80.iso)  P90 \(f.p90.iso)  P95 \(f.p95.iso)\n"
        out += mergeBias(result) + ".\n"
        if !result.targets.isEmpty {
            out += "\nTargets\n"
            let width = max(2, result.targets.map { Escape.terminal($0.id).count }.max() ?? 2)
            func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
            out += pad("id", width) + "  deadline    determ.     P50         P80         P95         P(deadline)  determ. pct\n"
            for t in result.targets {
                out += pad(Escape.terminal(t.id), width) + "  " + pad(t.deadline?.iso ?? "-", 10) + "  " + t.deterministic.iso
                out += "  " + t.percentiles.p50.iso + "  " + t.percentiles.p80.iso + "  " + t.percentiles.p95.iso
                out += "  " + pad(t.probability.map(percent) ?? "-", 11) + "  " + String(format: "%.1f%%", t.deterministicPercentile) + "\n"
            }
        }
        let drivers = result.tasks.filter { $0.sensitivity != nil }
            .sorted { abs($0.sensitivity!) > abs($1.sensitivity!) || (abs($0.sensitivity!) == abs($1.sensitivity!) && $0.task < $1.task) }
            .prefix(10)
        if !drivers.isEmpty {
            out += "\nTop drivers (sensitivity, criticality)\n"
            for d in drivers {
                out += "  " + Escape.terminal(d.id) + "  " + String(format: "%+.2f", d.sensitivity!) + "  " + percent(d.criticality) + "\n"
            }
        }
        if !result.risks.isEmpty {
            out += "\nRisks (probability, occurred, mean delay to the finish)\n"
            for r in result.risks {
                out += "  " + Escape.terminal(r.id) + "  " + percent(r.probability) + "  " + percent(r.occurred) + "  "
                out += (r.meanDelay.map { String(format: "%.2f working days", $0) } ?? "-") + "\n"
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
