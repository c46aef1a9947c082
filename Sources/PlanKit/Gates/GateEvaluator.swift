import PlanSyntax

public enum CriterionStatus: String, Sendable, CaseIterable {
    case pass = "PASS", fail = "FAIL", missing = "MISSING", waived = "WAIVED"
}

public enum Verdict: String, Sendable {
    case go = "GO", conditional = "CONDITIONAL", noGo = "NO-GO"

    /// How people say it in the meeting.
    public var spoken: String {
        switch self {
        case .go: return "GO"
        case .conditional: return "CONDITIONAL GO"
        case .noGo: return "NO-GO"
        }
    }
}

/// One criterion of a gate as evaluated: its state, what was measured, what was needed, and a
/// reason a human can act on ("support.trained_pct is 97, needs ≥ 100").
public struct CriterionResult: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var kind: String
    public var status: CriterionStatus
    public var actual: String?
    public var target: String?
    public var reason: String
}

public struct GateResult: Sendable, Equatable {
    /// Index in `Plan.gates`.
    public var gate: Int
    public var id: String
    public var title: String?
    /// The gate's date in the schedule (nil when the plan could not be scheduled).
    public var date: Day?
    public var verdict: Verdict
    public var criteria: [CriterionResult]
    /// One line: why the verdict is what it is.
    public var summary: String
}

/// Evaluates Go/No-Go gates. Never GO on missing data: a metric without a value is MISSING, which
/// only a waiver in force can turn into WAIVED; a gate without criteria is NO-GO.
public struct GateEvaluator: Sendable {
    public let network: Network
    public let plan: Plan
    public let schedule: Schedule?
    public let metrics: MetricSet
    public let statusDate: Day?
    /// The simulation `confidence` criteria read (GateForecast.run); nil: they are MISSING.
    public let forecast: GateForecast?
    /// What `no_open_risks` finds at each threshold the gates use. Risks are plan-wide: scanning
    /// all of them for every gate was quadratic (3 of the 15 s of a million-task report).
    let riskFindings: [Int: RiskFinding]

    struct RiskFinding {
        /// Live risks (not closed or mitigated) scoring at least the threshold, and live ones
        /// without a score, as the reasons list them.
        var open: [String] = []
        var unscored: [String] = []

        init(plan: Plan, threshold: Int) {
            for risk in plan.risks where risk.status?.value != .closed && risk.status?.value != .mitigated {
                if let score = risk.score {
                    if score >= threshold { open.append("\(risk.id.value) (score \(score), \(risk.status?.value.rawValue ?? "open"))") }
                } else {
                    unscored.append(risk.id.value)
                }
            }
        }
    }

    public init(network: Network, schedule: Schedule?, metrics: MetricSet, statusDate: Day?, forecast: GateForecast? = nil) {
        self.network = network
        self.forecast = forecast
        let plan = network.plan
        self.plan = plan
        self.schedule = schedule
        self.metrics = metrics
        self.statusDate = statusDate
        var findings: [Int: RiskFinding] = [:]
        for gate in plan.gates {
            for criterion in gate.criteria {
                if case .noOpenRisks(let minScore) = criterion.kind, findings[minScore.value] == nil {
                    findings[minScore.value] = RiskFinding(plan: plan, threshold: minScore.value)
                }
            }
        }
        riskFindings = findings
    }

    public func evaluateAll() -> [GateResult] {
        plan.gates.indices.map(evaluate)
    }

    public func evaluate(_ index: Int) -> GateResult {
        let gate = plan.gates[index]
        let task = plan.tasks[gate.task]
        var results = gate.criteria.map { evaluate($0, of: gate) }
        for position in results.indices where results[position].status == .fail || results[position].status == .missing {
            applyWaiver(to: &results[position], gate: gate)
        }
        let failing = results.filter { $0.status == .fail || $0.status == .missing }
        let waived = results.filter { $0.status == .waived }
        let verdict: Verdict
        let summary: String
        if results.isEmpty {
            verdict = .noGo
            summary = "the gate has no criteria, so nothing authorises the release"
        } else if !failing.isEmpty {
            verdict = .noGo
            let missing = failing.filter { $0.status == .missing }.count
            var parts = ["\(failing.count - missing) of \(results.count) criteria failed"]
            if missing > 0 { parts = ["\(failing.count - missing) failed", "\(missing) missing data"] }
            summary = parts.joined(separator: ", ") + ": " + failing.map(\.id).joined(separator: ", ")
        } else if !waived.isEmpty {
            verdict = .conditional
            summary = "every criterion passes except \(waived.count) waived: " + waived.map(\.id).joined(separator: ", ")
        } else {
            verdict = .go
            summary = results.count == 1 ? "its one criterion passes" : "all \(results.count) criteria pass"
        }
        return GateResult(gate: index, id: task.id.value, title: task.title, date: schedule?[gate.task].finish,
                          verdict: verdict, criteria: results, summary: summary)
    }

    func evaluate(_ criterion: Criterion, of gate: Gate) -> CriterionResult {
        var result = CriterionResult(id: criterion.id.value, title: criterion.title, kind: "", status: .pass,
                                     actual: nil, target: nil, reason: "")
        switch criterion.kind {
        case .metric(let condition):
            let condition = condition.value
            result.kind = "metric"
            result.target = "\(condition.comparison.symbol) \(condition.targetText)"
            guard let measured = metrics[condition.metric] else {
                result.status = .missing
                result.reason = "no value for \(condition.metric); add it to the plan's `metrics:` or pass --metrics FILE"
                return result
            }
            let actual = MetricSet.format(measured.value)
            result.actual = actual
            if condition.comparison.holds(measured.value, condition.target) {
                result.reason = "\(condition.metric) is \(actual), meets \(condition.comparison.symbol) \(condition.targetText)"
            } else {
                result.status = .fail
                result.reason = "\(condition.metric) is \(actual), needs \(condition.comparison.symbol) \(condition.targetText)"
            }
        case .done(let ids):
            result.kind = "done"
            let indices = ids.compactMap { network.taskIndex($0.value) }
            let open = indices.filter { !DefinitionOfDone.isDone($0, in: plan) }
            result.actual = "\(indices.count - open.count) of \(indices.count) done"
            result.target = "\(indices.count) of \(indices.count) done"
            if open.isEmpty {
                result.reason = "done: " + indices.map { plan.tasks[$0].id.value }.joined(separator: ", ")
            } else {
                result.status = .fail
                result.reason = "not done: " + open.map { index in
                    let forecast = schedule.map { " (forecast \($0[index].finish))" } ?? ""
                    return plan.tasks[index].id.value + forecast
                }.joined(separator: ", ")
            }
        case .noOpenRisks(let minScore):
            result.kind = "no_open_risks"
            let threshold = minScore.value
            result.target = "no open risk scoring ≥ \(threshold)"
            let finding = riskFindings[threshold] ?? RiskFinding(plan: plan, threshold: threshold)
            result.actual = finding.open.isEmpty ? "none" : "\(finding.open.count) open"
            if !finding.open.isEmpty {
                result.status = .fail
                result.reason = "open: " + finding.open.joined(separator: ", ")
            } else if !finding.unscored.isEmpty {
                result.status = .missing
                result.reason = "cannot score: " + finding.unscored.joined(separator: ", ") + " (no likelihood or impact)"
            } else {
                result.reason = "no open risk scores \(threshold) or more"
            }
        case .confidence(let condition):
            evaluate(condition, into: &result)
        case .signoff(let team):
            result.kind = "signoff"
            result.target = "signed off by \(team.value)"
            let given = gate.signoffs.filter { $0.team.value == team.value }
            let valid = given.filter { signoff in
                guard let date = signoff.date?.value else { return false }
                return statusDate.map { date <= $0 } ?? true
            }
            if let signoff = valid.first {
                let by = signoff.by.map { " by \($0)" } ?? ""
                result.actual = "signed\(by) on \(signoff.date!.value)"
                result.reason = "\(team.value) signed off\(by) on \(signoff.date!.value)"
            } else if let later = given.first, let date = later.date?.value, let status = statusDate {
                result.status = .fail
                result.actual = "dated \(date)"
                result.reason = "the signoff of \(team.value) is dated \(date), after the status date \(status)"
            } else {
                result.status = .fail
                result.actual = "none"
                result.reason = "no signoff from \(team.value)"
            }
        }
        return result
    }

    /// A waiver in force (its expiry on or after the status date) turns FAIL or MISSING into WAIVED.
    func applyWaiver(to result: inout CriterionResult, gate: Gate) {
        let waivers = gate.waivers.filter { $0.criterion.value == result.id }
        guard let waiver = waivers.first else { return }
        let by = waiver.approvedBy ?? "an approver"
        guard let expires = waiver.expires?.value else { return }
        guard let status = statusDate else {
            result.reason += "; the waiver by \(by) is not applied without a status date (set as_of or --as-of)"
            return
        }
        if expires >= status {
            result.status = .waived
            result.reason = "waived by \(by) until \(expires)" + (waiver.reason.map { ": \($0)" } ?? "") + " (\(result.reason))"
        } else {
            result.reason += "; the waiver by \(by) expired on \(expires)"
        }
    }
}

extension ComparisonOperator {
    /// The operator as people read it: ≤ ≥ = ≠.
    public var symbol: String {
        switch self {
        case .less: return "<"
        case .lessOrEqual: return "≤"
        case .greater: return ">"
        case .greaterOrEqual: return "≥"
        case .equal: return "="
        case .notEqual: return "≠"
        }
    }
}
