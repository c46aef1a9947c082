import PlanSyntax

extension PlanLoader {
    static let gateKeys = ["id", "title", "owner", "phase", "after", "deadline", "approvers", "status", "actual_finish",
                           "criteria", "waivers", "signoffs", "notes"]
    static let gateFields = TaskField.lookup(gateKeys)

    func readGate(_ node: Node) {
        guard node.mapping != nil else {
            read.wrongType(node, expected: "a gate as a mapping with an `id`", help: nil)
            return
        }
        if refuseTask(at: node.location) { return }
        var task = Task(id: Located("", at: node.location), kind: .gate, location: node.location)
        var gate = Gate(task: -1)
        read.fields(node, of: "a gate", allowed: PlanLoader.gateKeys, lookup: PlanLoader.gateFields) { field, keyNode, value in
            if readScheduleField(field, keyNode, value, into: &task) { return }
            switch field {
            case .approvers: gate.approvers = read.ids(value, of: "team")
            case .criteria:
                for item in read.sequence(value, of: "criteria", example: "- { id: stability, metric: \"stability.error_rate_pct <= 0.1\" }") ?? [] {
                    if let criterion = readCriterion(item) { gate.criteria.append(criterion) } else { gate.invalidCriteria += 1 }
                }
            case .waivers:
                for item in read.sequence(value, of: "waivers", example: "- { criterion: support, approved_by: COO, reason: ..., expires: 2027-03-20 }") ?? [] {
                    if let waiver = readWaiver(item) { gate.waivers.append(waiver) }
                }
            case .signoffs:
                for item in read.sequence(value, of: "signoffs", example: "- { team: risk, by: Jane Doe, date: 2027-03-10 }") ?? [] {
                    if let signoff = readSignoff(item) { gate.signoffs.append(signoff) }
                }
            default: break
            }
        }
        if task.id.value.isEmpty, node["id"] == nil {
            sink.emit(LoadDiagnostics.missingKey, "a gate needs an `id`", at: node.location, help: "e.g. id: go-live")
        }
        pendingGates.append((task, gate))
    }

    func readCriterion(_ node: Node) -> Criterion? {
        var id: Located<String>?, title: String?
        var kinds: [(String, CriterionKind?)] = []
        read.fields(node, of: "a criterion", allowed: ["id", "title", "metric", "done", "no_open_risks", "signoff", "confidence"]) { key, _, value in
            switch key {
            case "id": id = read.id(value, of: "criterion")
            case "title": title = read.string(value, of: "the criterion's title")
            case "metric": kinds.append((key, read.metricCondition(value).map { .metric($0) }))
            case "done": kinds.append((key, .done(read.ids(value, of: "task"))))
            case "signoff": kinds.append((key, read.id(value, of: "team").map { .signoff($0) }))
            case "no_open_risks":
                var minScore: Located<Int>?
                read.fields(value, of: "no_open_risks", allowed: ["min_score"]) { _, _, scoreNode in
                    minScore = read.integer(scoreNode, of: "min_score", in: 1...25)
                }
                if minScore == nil, value.mapping != nil, value["min_score"] == nil {
                    sink.emit(LoadDiagnostics.missingKey, "no_open_risks needs `min_score`", at: value.location,
                              help: "write no_open_risks: { min_score: 15 }")
                }
                kinds.append((key, minScore.map { .noOpenRisks(minScore: $0) }))
            case "confidence": kinds.append((key, readConfidence(value).map { .confidence($0) }))
            default: break
            }
        }
        guard node.mapping != nil else { return nil }
        guard let id else {
            if node["id"] == nil {
                sink.emit(LoadDiagnostics.missingKey, "a criterion needs an `id`", at: node.location,
                          help: "e.g. { id: stability, metric: \"stability.error_rate_pct <= 0.1\" }")
            }
            return nil
        }
        if kinds.count != 1 {
            sink.emit(LoadDiagnostics.missingKey,
                      kinds.isEmpty ? "criterion '\(id.value)' says nothing to check"
                                    : "criterion '\(id.value)' has \(kinds.map { "`\($0.0)`" }.joined(separator: " and ")); give it exactly one",
                      at: id.location,
                      help: "a criterion is one of: metric: \"NAME OP NUMBER\", done: [ids], no_open_risks: { min_score: N }, signoff: team, confidence: { task: ID, min: 80% }")
            return nil
        }
        guard let kind = kinds[0].1 else { return nil }
        return Criterion(id: id, title: title, kind: kind)
    }

    /// `confidence: {task: ID, by: DATE, min: 80%}`; `by` may be left out (the task's deadline).
    func readConfidence(_ node: Node) -> ConfidenceCondition? {
        var task: Located<String>?, by: Located<Day>?, min: Located<Double>?
        var bad = false
        read.fields(node, of: "confidence", allowed: ["task", "by", "min"]) { key, _, value in
            switch key {
            case "task": task = read.id(value, of: "task"); bad = bad || task == nil
            case "by": by = read.day(value, of: "the date"); bad = bad || by == nil
            case "min": min = read.percent(value, of: "the minimum confidence"); bad = bad || min == nil
            default: break
            }
        }
        guard node.mapping != nil, !bad else { return nil }
        let missing = [("task", node["task"]), ("min", node["min"])].filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            sink.emit(LoadDiagnostics.missingKey, "confidence needs \(missing.map { "`\($0)`" }.joined(separator: " and "))", at: node.location,
                      help: "write confidence: { task: go-live, min: 80% } (by: DATE, else the task's deadline)")
            return nil
        }
        guard let task, let min else { return nil }
        return ConfidenceCondition(task: task, by: by, min: min, location: node.location)
    }

    func readWaiver(_ node: Node) -> Waiver? {
        var waiver = Waiver(criterion: Located("", at: node.location), location: node.location)
        var criterion: Located<String>?
        read.fields(node, of: "a waiver", allowed: ["criterion", "approved_by", "reason", "expires"]) { key, _, value in
            switch key {
            case "criterion": criterion = read.id(value, of: "criterion")
            case "approved_by": waiver.approvedBy = read.nonEmptyString(value, of: "the approver", help: "name who approved the waiver")
            case "reason": waiver.reason = read.nonEmptyString(value, of: "the reason", help: "say why the criterion may be waived")
            case "expires": waiver.expires = read.day(value, of: "the expiry date")
            default: break
            }
        }
        guard node.mapping != nil else { return nil }
        let missing = [("criterion", node["criterion"]), ("approved_by", node["approved_by"]),
                       ("reason", node["reason"]), ("expires", node["expires"])].filter { $0.1 == nil }.map(\.0)
        if !missing.isEmpty {
            sink.emit(LoadDiagnostics.missingKey,
                      "a waiver needs \(missing.map { "`\($0)`" }.joined(separator: ", "))", at: node.location,
                      help: "a waiver says which criterion, who approved it, why, and until when")
        }
        // A waiver that does not say who approved it, or why, waives nothing.
        guard let criterion, waiver.approvedBy != nil, waiver.reason != nil else { return nil }
        waiver.criterion = criterion
        return waiver
    }

    func readSignoff(_ node: Node) -> Signoff? {
        var team: Located<String>?, by: String?, date: Located<Day>?
        read.fields(node, of: "a signoff", allowed: ["team", "by", "date"]) { key, _, value in
            switch key {
            case "team": team = read.id(value, of: "team")
            case "by": by = read.nonEmptyString(value, of: "the signer", help: "name who signed off, or leave out `by`")
            case "date": date = read.day(value, of: "the signoff date")
            default: break
            }
        }
        guard node.mapping != nil else { return nil }
        guard let team else {
            if node["team"] == nil {
                sink.emit(LoadDiagnostics.missingKey, "a signoff needs `team`", at: node.location,
                          help: "write { team: risk, by: Jane Doe, date: 2027-03-10 }")
            }
            return nil
        }
        if node["date"] == nil {
            sink.emit(LoadDiagnostics.missingKey, "the signoff of '\(team.value)' needs a `date`", at: team.location)
        }
        return Signoff(team: team, by: by, date: date, location: node.location)
    }

    func readEvent(_ node: Node) {
        guard node.mapping != nil else {
            read.wrongType(node, expected: "an event as a mapping with an `id` and a `date`", help: nil)
            return
        }
        var event = Event(id: Located("", at: node.location), location: node.location)
        read.fields(node, of: "an event", allowed: ["id", "title", "date", "requires", "lead", "owner", "notes"]) { key, _, value in
            switch key {
            case "id": if let id = read.id(value, of: "event") { event.id = id }
            case "title": event.title = read.string(value, of: "the title")
            case "date": event.date = read.day(value, of: "the event's date")
            case "requires": event.requires = read.ids(value, of: "task")
            case "lead": event.lead = read.lag(value, of: "the lead")
            case "owner": event.owner = read.id(value, of: "team")
            case "notes": event.notes = read.string(value, of: "notes")
            default: break
            }
        }
        if node["id"] == nil {
            sink.emit(LoadDiagnostics.missingKey, "an event needs an `id`", at: node.location)
        }
        if node["date"] == nil {
            sink.emit(LoadDiagnostics.missingKey, "event '\(event.id.value)' needs a `date`", at: event.id.location)
        }
        if !event.id.value.isEmpty { plan.events.append(event) }
    }

    func readRisk(_ node: Node) {
        guard node.mapping != nil else {
            read.wrongType(node, expected: "a risk as a mapping with an `id`", help: nil)
            return
        }
        var risk = Risk(id: Located("", at: node.location), location: node.location)
        let keys = ["id", "title", "likelihood", "impact", "owner", "status", "trigger", "response", "affects", "delay", "probability", "notes"]
        read.fields(node, of: "a risk", allowed: keys) { key, _, value in
            switch key {
            case "id": if let id = read.id(value, of: "risk") { risk.id = id }
            case "title": risk.title = read.string(value, of: "the title")
            case "likelihood": risk.likelihood = read.integer(value, of: "likelihood", in: 1...5)
            case "impact": risk.impact = read.integer(value, of: "impact", in: 1...5)
            case "owner": risk.owner = read.id(value, of: "team")
            case "status": risk.status = read.choice(value, of: "risk status", as: RiskStatus.self)
            case "trigger": risk.trigger = read.string(value, of: "the trigger")
            case "response": risk.response = read.locatedString(value, of: "the response plan")
            case "affects": risk.affects = read.ids(value, of: "affected")
            case "delay":
                if value.mapping != nil {
                    risk.delayEstimate = readEstimate(value)
                } else {
                    risk.delay = read.duration(value, of: "the delay", allowElapsed: false)
                }
            case "probability": risk.probability = read.percent(value, of: "probability")
            case "notes": risk.notes = read.string(value, of: "notes")
            default: break
            }
        }
        if node["id"] == nil {
            sink.emit(LoadDiagnostics.missingKey, "a risk needs an `id`", at: node.location)
            return
        }
        if !risk.id.value.isEmpty { plan.risks.append(risk) }
    }

    /// `forecast: {iterations, seed, distribution, correlations}` at the root.
    func readForecast(_ node: Node) {
        var spec = ForecastSpec(location: node.location)
        read.fields(node, of: "forecast", allowed: ["iterations", "seed", "distribution", "correlations"]) { key, _, value in
            switch key {
            case "iterations": spec.iterations = read.integer(value, of: "iterations", in: 1...ForecastSpec.maxIterations)
            case "seed": spec.seed = read.integer(value, of: "the seed", in: 0...Int.max)
            case "distribution": spec.distribution = read.choice(value, of: "distribution", as: ForecastDistribution.self)
            case "correlations":
                for item in read.sequence(value, of: "correlations", example: "- { tasks: [design, build], coefficient: 0.6 }") ?? [] {
                    var correlation = Correlation(location: item.location)
                    read.fields(item, of: "a correlation", allowed: ["tasks", "coefficient"]) { key, _, value in
                        switch key {
                        case "tasks": correlation.tasks = read.ids(value, of: "correlated")
                        case "coefficient":
                            if let number = read.number(value) {
                                if (-1...1).contains(number) {
                                    correlation.coefficient = Located(number, at: value.location)
                                } else {
                                    read.invalid(value, "a correlation coefficient must be from -1 to 1, found \(value.scalar ?? "")")
                                }
                            } else {
                                read.wrongType(value, expected: "a correlation coefficient as a number from -1 to 1", help: nil)
                            }
                        default: break
                        }
                    }
                    if item.mapping != nil, item["coefficient"] == nil {
                        sink.emit(LoadDiagnostics.missingKey, "a correlation needs a `coefficient`", at: item.location)
                    }
                    spec.correlations.append(correlation)
                }
            default: break
            }
        }
        plan.forecast = spec
    }
}
