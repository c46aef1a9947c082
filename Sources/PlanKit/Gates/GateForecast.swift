import Foundation

/// The simulation a plan's `confidence` criteria read, run once per evaluation with the plan's
/// forecast settings (iterations, seed), so the verdict is the same on every run. Without a
/// result the criteria are MISSING, never PASS.
public enum GateForecast: Sendable {
    case result(ForecastResult)
    /// The simulation could not run; why, as a criterion's reason says it.
    case unavailable(String)

    /// The tasks the plan's confidence criteria ask about, in plan order.
    public static func followed(in network: Network) -> [Int] {
        var tasks: [Int] = []
        for gate in network.plan.gates {
            for criterion in gate.criteria {
                if case .confidence(let condition) = criterion.kind, let task = network.taskIndex(condition.task.value),
                   !tasks.contains(task) { tasks.append(task) }
            }
        }
        return tasks
    }

    /// Whether any gate has a `confidence` criterion (only then does `planc gate` simulate).
    public static func isNeeded(by plan: Plan) -> Bool {
        plan.gates.contains { gate in gate.criteria.contains { if case .confidence = $0.kind { return true } else { return false } } }
    }

    /// The simulation when some criterion needs it (nil otherwise). `schedule` nil (the plan could
    /// not be scheduled) gives `.unavailable`.
    public static func run(network: Network, schedule: Schedule?, levels: Bool,
                           settings: ForecastSettings = ForecastSettings()) -> GateForecast? {
        guard isNeeded(by: network.plan) else { return nil }
        return simulate(network: network, schedule: schedule, levels: levels, settings: settings)
    }

    /// The simulation whether or not a criterion needs it (the report's confidence section reads it too).
    public static func simulate(network: Network, schedule: Schedule?, levels: Bool,
                                settings: ForecastSettings = ForecastSettings()) -> GateForecast {
        guard let schedule else { return .unavailable("no forecast: the plan could not be scheduled") }
        var settings = settings
        let criteria = followed(in: network)
        settings.alsoFollow = criteria + settings.alsoFollow.filter { !criteria.contains($0) }
        switch Forecaster.run(network: network, schedule: schedule, levels: levels, settings: settings) {
        case .success(let result): return .result(result)
        case .failure(let problems):
            return .unavailable("no forecast: " + (problems.list.first?.message ?? "the simulation could not run"))
        }
    }

    public var result: ForecastResult? {
        if case .result(let result) = self { return result }
        return nil
    }
}

extension GateEvaluator {
    /// PASS when the share of iterations finishing on or before the date is at least `min`.
    func evaluate(_ condition: ConfidenceCondition, into result: inout CriterionResult) {
        result.kind = "confidence"
        result.target = "≥ \(Self.percent(condition.min.value))"
        let id = condition.task.value
        guard let task = network.taskIndex(id) else {
            result.status = .missing
            result.reason = "'\(id)' is not a task of the plan"
            return
        }
        guard let by = condition.by?.value ?? plan.tasks[task].deadline?.value else {
            result.status = .missing
            result.reason = "'\(id)' has no deadline and the criterion gives no `by` date"
            return
        }
        let forecast: ForecastResult
        switch self.forecast {
        case .result(let found)?: forecast = found
        case .unavailable(let why)?:
            result.status = .missing
            result.reason = why
            return
        case nil:
            result.status = .missing
            result.reason = "no forecast was run"
            return
        }
        guard let target = forecast.targets.first(where: { $0.task == task }) else {
            result.status = .missing
            result.reason = "no forecast of '\(id)'"
            return
        }
        let probability = 100 * target.probability(onOrBefore: by)
        let actual = Self.percent(probability, down: true)
        result.actual = actual
        let chance = "'\(id)' finishes by \(by) in \(actual) of \(forecast.iterations) iterations (seed \(forecast.seed); P80 \(target.percentiles.p80))"
        if probability >= condition.min.value {
            result.reason = "\(chance), meets ≥ \(Self.percent(condition.min.value))"
        } else {
            result.status = .fail
            result.reason = "\(chance), needs ≥ \(Self.percent(condition.min.value))"
        }
    }

    /// "80%", "62.3%": one decimal at most; `down` rounds towards zero, so a share just under the
    /// target never reads as the target.
    static func percent(_ value: Double, down: Bool = false) -> String {
        let tenths = down ? (value * 10 + 1e-9).rounded(.down) : (value * 10).rounded()
        let whole = Int(tenths) / 10, fraction = Int(tenths) % 10
        return fraction == 0 ? "\(whole)%" : "\(whole).\(fraction)%"
    }
}
