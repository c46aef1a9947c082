import PlanSyntax

extension StatusReport {
    /// Builds the report of a compiled plan. `statusDate` is the one the schedule used.
    public static func build(compilation: Compilation, baseline: Baseline? = nil) -> StatusReport? {
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
        let gates = GateEvaluator(network: network, schedule: schedule, metrics: compilation.metrics, statusDate: statusDate).evaluateAll()

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
                milestone.deadlineMargin = index(deadline) - index(entry.finish)
            }
            if let gate = item.gate, gates.indices.contains(gate) { milestone.verdict = gates[gate].verdict }
            milestones.append(milestone)
        }
        milestones.sort { ($0.date, $0.task) < ($1.date, $1.task) }

        // The deadline that decides the plan: the tightest among unfinished work.
        var keyDeadline: (id: String, deadline: Day, margin: Int)?
        for (task, item) in plan.tasks.enumerated() where schedule[task].progress != .done {
            guard let deadline = item.deadline?.value else { continue }
            let margin = index(deadline) - index(schedule[task].finish)
            if keyDeadline == nil || margin < keyDeadline!.margin { keyDeadline = (item.id.value, deadline, margin) }
        }

        let criticalPath = schedule.criticalPath.map { line($0, "") }

        // Late: behind at the status date, or forecast past a deadline. At risk: critical work
        // not done that starts within the horizon.
        var late: [TaskLine] = []
        var lateSet = Set<Int>()
        for (task, item) in plan.tasks.enumerated() where !item.isSummary && schedule[task].progress != .done {
            var reasons: [String] = []
            switch TaskLateRule.assess(task, plan: plan, schedule: schedule) {
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
        if let statusDate {
            let horizonEnd = calendar.day(at: index(statusDate) + horizon)
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

        // Health: red when a deadline or an event is missed or a serious risk occurred; amber when
        // margins are thin, work is late, or a high risk is open; green otherwise.
        var red: [String] = [], amber: [String] = []
        if let key = keyDeadline {
            if key.margin < 0 {
                red.append("'\(key.id)' is forecast \(-key.margin) working day\(key.margin == -1 ? "" : "s") past its deadline \(key.deadline)")
            } else if key.margin <= tightMargin {
                amber.append("only \(key.margin) working day\(key.margin == 1 ? "" : "s") of margin before '\(key.id)' is due \(key.deadline)")
            }
        }
        for event in events where (event.margin ?? 0) < 0 {
            red.append("event '\(event.id)' runs \(-(event.margin ?? 0)) working day\((event.margin ?? 0) == -1 ? "" : "s") ahead of '\(event.driver ?? "")'")
        }
        for risk in occurred where (risk.score ?? 0) >= 15 {
            red.append("risk '\(risk.id)' (score \(risk.score!)) has occurred")
        }
        if !gaps.isEmpty { red.append("\(gaps.count) task\(gaps.count == 1 ? "" : "s") marked done without meeting the Definition of Done") }
        if !late.isEmpty { amber.append("\(late.count) task\(late.count == 1 ? " is" : "s are") late") }
        if let risk = top.first, let score = risk.score, score >= 15 { amber.append("risk '\(risk.id)' scores \(score) and is open") }
        // Occurred risks are always listed first; a serious one (12 or more) also turns the status amber.
        let serious = occurred.filter { ($0.score ?? 0) >= UnmanagedRiskRule.threshold && ($0.score ?? 0) < 15 }
        if !serious.isEmpty {
            amber.append("\(serious.count) serious risk\(serious.count == 1 ? " has" : "s have") occurred: " + serious.map(\.id).joined(separator: ", "))
        }
        for event in events where (event.margin ?? 0) >= 0 {
            amber.append("event '\(event.id)' has \(event.margin!) working day\(event.margin == 1 ? "" : "s") of margin")
        }
        let health: Health = !red.isEmpty ? .red : (!amber.isEmpty ? .amber : .green)
        let reasons = health == .red ? red : (health == .amber ? amber : ["on track: every deadline has more than \(tightMargin) working days of margin"])

        var findings: [String] = []
        for diagnostic in compilation.diagnostics where diagnostic.severity != .note {
            findings.append("\(diagnostic.severity.rawValue)[\(diagnostic.code)]: \(diagnostic.message)")
        }

        return StatusReport(
            planID: plan.id?.value ?? plan.file, title: plan.title ?? plan.id?.value ?? plan.file, statusDate: statusDate,
            start: schedule.start, finish: schedule.finish, baselineFinish: baseline?.finish, keyDeadline: keyDeadline,
            health: health, healthReasons: reasons, milestones: milestones, criticalPath: criticalPath, lateTasks: late,
            atRiskTasks: atRisk, dodGaps: gaps, occurredRisks: occurred, topRisks: Array(top), eventsAtRisk: events,
            changes: changes, hasBaseline: baseline != nil, findings: findings)
    }
}
