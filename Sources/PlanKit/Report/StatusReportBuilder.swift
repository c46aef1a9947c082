import PlanSyntax

extension StatusReport {
    /// Builds the report of a compiled plan. `statusDate` is the one the schedule used; gates due
    /// within `horizon` working days of it (of the plan start without one) decide the colour.
    /// `forecastWork`: the budget of the report's own simulation (see `ForecastBudget`); `follow`:
    /// tasks whose P80 the caller wants besides the milestones, gates and deadlines
    /// (`Confidence.p80`; a portfolio asks for the predecessors of its cross-plan links).
    public static func build(compilation: Compilation, baseline: Baseline? = nil, horizon: Int = defaultHorizon,
                             forecastWork: Int = ForecastBudget.work, follow: [Int] = []) -> StatusReport? {
        guard let network = compilation.network, let schedule = compilation.schedule else { return nil }
        let plan = network.plan
        let calendar = schedule.calendar
        /// Index of the last working day on or before a day: differences are working days.
        func index(_ day: Day) -> Int { calendar.workingPosition(onOrBefore: day) }
        func owner(_ task: Int) -> String? { network.owner(of: task) }
        func line(_ task: Int, _ reason: String) -> TaskLine {
            let entry = schedule[task]
            return TaskLine(task: task, id: plan.tasks[task].id.value, title: plan.tasks[task].title ?? plan.tasks[task].id.value,
                            owner: owner(task), start: entry.start, finish: entry.finish, totalFloat: entry.totalFloat, reason: reason)
        }
        let statusDate = schedule.statusDate
        let budget = ForecastBudget(network: network, work: forecastWork)
        let forecast = Confidence.forecast(compilation, network: network, schedule: schedule, budget: budget, follow: follow)
        let results = GateEvaluator(network: network, schedule: schedule, metrics: compilation.metrics, statusDate: statusDate,
                                    forecast: forecast).evaluateAll()
        let horizonEnd = calendar.day(at: index(statusDate ?? schedule.start) + horizon)

        // Gates: a gate not done whose forecast or deadline falls within the horizon is due, and
        // its verdict counts; one further out is "not yet due". Each lists what does not pass.
        var gates: [GateLine] = []
        for (task, item) in plan.tasks.enumerated() where item.kind == .gate {
            guard let gate = item.gate, results.indices.contains(gate) else { continue }
            let result = results[gate], entry = schedule[task]
            let done = entry.progress == .done
            let due = !done && (entry.finish <= horizonEnd || (item.deadline.map { $0.value <= horizonEnd } ?? false))
            gates.append(GateLine(task: task, id: item.id.value, title: item.title ?? item.id.value, date: entry.finish,
                                  deadline: item.deadline?.value, done: done, due: due,
                                  standing: done || due ? .verdict(result.verdict) : .notYetDue, verdict: result.verdict,
                                  criteriaCount: result.criteria.count, open: result.criteria.filter { $0.status != .pass }))
        }
        gates.sort { ($0.date, $0.task) < ($1.date, $1.task) }
        let standing = Dictionary(gates.map { ($0.task, $0.standing) }, uniquingKeysWith: { first, _ in first })

        // Milestones and gates, in date order.
        var milestones: [Milestone] = []
        for (task, item) in plan.tasks.enumerated() where item.isMilestone {
            let entry = schedule[task]
            var milestone = Milestone(task: task, id: item.id.value, title: item.title ?? item.id.value, isGate: item.kind == .gate,
                                      date: entry.finish, done: entry.progress == .done, critical: entry.critical)
            if let base = baseline?.entries[item.id.value] {
                milestone.baselineDate = base.finish
                milestone.slip = index(entry.finish) - index(base.finish)
            }
            if let deadline = item.deadline?.value {
                milestone.deadline = deadline
                milestone.deadlineMargin = DeadlineMargin.workingDays(finish: entry.finish, deadline: deadline, calendar: calendar)
            }
            milestone.gate = standing[task]
            milestones.append(milestone)
        }
        milestones.sort { ($0.date, $0.task) < ($1.date, $1.task) }

        // The deadline that decides the plan: the tightest among unfinished work.
        var keyDeadline: (id: String, deadline: Day, margin: Int)?
        for (task, item) in plan.tasks.enumerated() where schedule[task].progress != .done {
            guard let deadline = item.deadline?.value else { continue }
            let margin = DeadlineMargin.workingDays(finish: schedule[task].finish, deadline: deadline, calendar: calendar)
            if keyDeadline == nil || margin < keyDeadline!.margin { keyDeadline = (item.id.value, deadline, margin) }
        }

        let criticalPath = schedule.criticalPath.map { line($0, "") }

        // Late: behind at the status date, or forecast past a deadline. At risk: critical work
        // not done that starts within the horizon.
        var late: [TaskLine] = []
        var lateSet = Set<Int>()
        for (task, item) in plan.tasks.enumerated() where !item.isSummary && schedule[task].progress != .done {
            var reasons: [String] = []
            switch Lateness.assess(task, plan: plan, schedule: schedule) {
            case .notStarted(let ready)?: reasons.append("could have started on \(ready)")
            case .behind(let allowed, let days)?: reasons.append("\(days) working day\(days == 1 ? "" : "s") behind (due \(allowed))")
            case nil: break
            }
            if schedule[task].totalFloat < 0 {
                reasons.append("\(-schedule[task].totalFloat) working day\(schedule[task].totalFloat == -1 ? "" : "s") past a deadline")
            }
            if !reasons.isEmpty {
                late.append(line(task, reasons.joined(separator: "; ")))
                lateSet.insert(task)
            }
        }
        var atRisk: [TaskLine] = []
        if statusDate != nil {
            for (task, item) in plan.tasks.enumerated() where !item.isSummary && !item.isMilestone && !lateSet.contains(task) {
                let entry = schedule[task]
                guard entry.progress != .done, entry.critical, entry.start <= horizonEnd else { continue }
                atRisk.append(line(task, entry.progress == .inProgress ? "in progress on the critical path" : "starts \(entry.start) on the critical path"))
            }
        }

        // Definition-of-Done gaps of work recorded as done.
        var gaps: [DoDGap] = []
        for (task, item) in plan.tasks.enumerated() where item.status?.value == .done {
            let open = DefinitionOfDone.gaps(for: item, in: plan, metrics: compilation.metrics)
            if !open.isEmpty { gaps.append(DoDGap(task: task, id: item.id.value, items: open)) }
        }

        // Risks: occurred first, then the open ones by score.
        func riskLine(_ risk: Risk) -> RiskLine {
            RiskLine(id: risk.id.value, title: risk.title ?? risk.id.value, score: risk.score,
                     status: risk.status?.value.rawValue ?? "open", owner: risk.owner?.value, trigger: risk.trigger,
                     response: risk.response?.value, affects: risk.affects.map(\.value))
        }
        let occurred = plan.risks.filter { $0.status?.value == .occurred }.map(riskLine)
        let top = plan.risks.enumerated()
            .filter { $0.element.status?.value == nil || $0.element.status?.value == .open }
            .sorted { (-($0.element.score ?? 0), $0.offset) < (-($1.element.score ?? 0), $1.offset) }
            .prefix(5).map { riskLine($0.element) }

        // Events that run ahead of their feature, or have little margin.
        var events: [EventLine] = []
        for timing in EventTiming.all(network: network, schedule: schedule) {
            guard let margin = timing.margin, margin <= tightMargin else { continue }
            let event = plan.events[timing.event]
            events.append(EventLine(id: event.id.value, title: event.title ?? event.id.value, date: event.date?.value,
                                    earliest: timing.earliest, margin: margin, driver: timing.driver.map { plan.tasks[$0].id.value }))
        }

        // Against the baseline: what moved, what is new, what is gone.
        var changes: [Change] = []
        if let baseline {
            var seen = Set<String>()
            for (task, item) in plan.tasks.enumerated() {
                seen.insert(item.id.value)
                let finish = schedule[task].finish
                guard let base = baseline.entries[item.id.value] else {
                    changes.append(Change(id: item.id.value, title: item.title ?? item.id.value, baselineFinish: nil, finish: finish, slip: nil))
                    continue
                }
                let slip = index(finish) - index(base.finish)
                if slip != 0 {
                    changes.append(Change(id: item.id.value, title: item.title ?? item.id.value, baselineFinish: base.finish, finish: finish, slip: slip))
                }
            }
            for id in baseline.order where !seen.contains(id) {
                let base = baseline.entries[id]!
                changes.append(Change(id: id, title: base.title ?? id, baselineFinish: base.finish, finish: nil, slip: nil))
            }
            changes.sort { abs($0.slip ?? 0) > abs($1.slip ?? 0) }
        }

        let confidence = Confidence.build(forecast, network: network, schedule: schedule, budget: budget)
        var (health, reasons) = judge(keyDeadline: keyDeadline, gates: gates, late: late, gaps: gaps, occurred: occurred,
                                      open: plan.risks.filter { $0.status?.value == nil || $0.status?.value == .open }.map(riskLine),
                                      events: events, hasEvents: !plan.events.isEmpty, horizon: horizon,
                                      overloads: overloadReasons(compilation.load ?? ResourceLoad(network: network, schedule: schedule)))

        if let confidence { (health, reasons) = confidence.judged(health, reasons) }

        var findings: [String] = []
        for diagnostic in compilation.diagnostics where diagnostic.severity != .note {
            findings.append("\(diagnostic.severity.rawValue)[\(diagnostic.code)]: \(diagnostic.message)")
        }

        return StatusReport(
            planID: plan.id?.value ?? plan.file, title: plan.title ?? plan.id?.value ?? plan.file, statusDate: statusDate,
            start: schedule.start, finish: schedule.finish, baselineFinish: baseline?.finish, keyDeadline: keyDeadline,
            health: health, healthReasons: reasons, milestones: milestones, gates: gates, criticalPath: criticalPath, lateTasks: late,
            atRiskTasks: atRisk, dodGaps: gaps, occurredRisks: occurred, topRisks: Array(top), eventsAtRisk: events,
            changes: changes, hasBaseline: baseline != nil, findings: findings,
            errorCount: compilation.diagnostics.filter { $0.severity == .error }.count, horizon: horizon, confidence: confidence)
    }

    /// An AMBER reason per over-allocated run of a team (whatever the plan's `rules:` say about
    /// W501: the colour is never kinder than the facts).
    static func overloadReasons(_ load: ResourceLoad) -> [String] {
        var reasons: [String] = []
        for team in load.teams {
            for overload in team.overloads {
                let period = overload.from == overload.to ? "on \(overload.from)" : "\(overload.from) – \(overload.to)"
                reasons.append("team '\(team.id)' is over capacity \(period): \(ResourceModel.format(milliUnits: overload.peakMilliUnits)) \(overload.peakMilliUnits == ResourceModel.milli ? "person" : "people") needed, \(ResourceModel.format(milliUnits: overload.milliCapacity)) available")
            }
        }
        return reasons
    }

    /// The colour and every reason behind it (DESIGN.md "Status and health"): RED reasons first,
    /// then AMBER ones; for GREEN, the facts it rests on.
    static func judge(keyDeadline: (id: String, deadline: Day, margin: Int)?, gates: [GateLine], late: [TaskLine], gaps: [DoDGap],
                      occurred: [RiskLine], open: [RiskLine], events: [EventLine], hasEvents: Bool, horizon: Int,
                      overloads: [String] = []) -> (Health, [String]) {
        func days(_ count: Int) -> String { "\(count) working day\(count == 1 ? "" : "s")" }
        func ids(_ criteria: [CriterionResult]) -> String { criteria.map(\.id).joined(separator: ", ") }
        func criteria(_ count: Int) -> String { "\(count) criteri\(count == 1 ? "on" : "a")" }
        var red: [String] = [], amber: [String] = []
        if let key = keyDeadline {
            if key.margin < 0 {
                red.append("'\(key.id)' is forecast \(days(-key.margin)) past its deadline \(key.deadline)")
            } else if key.margin <= tightMargin {
                amber.append("only \(days(key.margin)) of margin before '\(key.id)' is due \(key.deadline)")
            }
        }
        for event in events where (event.margin ?? 0) < 0 {
            red.append("event '\(event.id)' runs \(days(-(event.margin ?? 0))) ahead of '\(event.driver ?? "")'")
        }
        for risk in occurred where RiskThresholds.isSerious(risk.score) {
            red.append("serious risk '\(risk.id)' (score \(risk.score!)) has occurred")
        }
        if !gaps.isEmpty { red.append("\(gaps.count) task\(gaps.count == 1 ? "" : "s") marked done without meeting the Definition of Done") }
        for gate in gates where gate.due && gate.verdict == .noGo {
            let failing = gate.open.filter { $0.status == .fail }, missing = gate.open.filter { $0.status == .missing }
            let when = "gate '\(gate.id)' (\(gate.date))"
            if !failing.isEmpty {
                red.append("\(when) is forecast NO-GO: \(failing.count) of \(criteria(gate.criteriaCount)) fail\(failing.count == 1 ? "s" : "") (\(ids(failing)))")
            }
            if !missing.isEmpty {
                amber.append("\(when) has \(criteria(missing.count)) without a value (\(ids(missing)))")
            }
            if failing.isEmpty, missing.isEmpty { amber.append("\(when) is forecast NO-GO") }
        }
        if !late.isEmpty { amber.append("\(late.count) task\(late.count == 1 ? " is" : "s are") late") }
        for risk in open where RiskThresholds.isHigh(risk.score) { amber.append("risk '\(risk.id)' scores \(risk.score!) and is open") }
        for event in events where (event.margin ?? 0) >= 0 {
            amber.append("event '\(event.id)' has \(days(event.margin!)) of margin")
        }
        amber += overloads
        if !red.isEmpty { return (.red, red + amber) }
        if !amber.isEmpty { return (.amber, amber) }

        var basis: [String] = []
        if let key = keyDeadline {
            basis.append("'\(key.id)' is due \(key.deadline) with \(days(key.margin)) of margin")
        } else {
            basis.append("no deadline set")
        }
        let due = gates.filter(\.due)
        for gate in due {
            let waived = gate.open.filter { $0.status == .waived }.count
            basis.append("gate '\(gate.id)' (\(gate.date)) is \(gate.verdict.spoken)" + (waived > 0 ? " with \(waived) waived" : ""))
        }
        if due.isEmpty, !gates.isEmpty { basis.append("no gate is due in the next \(days(horizon))") }
        basis.append("no late work")
        basis.append("no open risk scores \(RiskThresholds.high) or more")
        if hasEvents { basis.append("every marketing event has more than \(days(tightMargin)) of margin") }
        return (.green, basis)
    }
}
