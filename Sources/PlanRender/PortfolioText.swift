import PlanKit

/// The sentences of the portfolio page, shared by its text, Markdown and HTML writers (each
/// escapes them for its format).
enum PortfolioText {
    static func deadlines(_ line: PortfolioPage.PlanLine) -> String {
        guard line.health != nil else { return "not scheduled: \(line.errors) error\(line.errors == 1 ? "" : "s")" }
        guard !line.deadlines.isEmpty else { return "no deadline set" }
        return line.deadlines.map { deadline in
            let margin = deadline.margin >= 0
                ? "\(deadline.margin) working day\(deadline.margin == 1 ? "" : "s") to spare"
                : "MISSED by \(-deadline.margin) working day\(deadline.margin == -1 ? "" : "s")"
            var text = "\(deadline.id) \(deadline.date.iso) (deadline \(deadline.deadline.iso), \(margin)"
            if let p80 = deadline.p80, let probability = deadline.probability {
                text += "; P80 \(p80.iso), \(StatusReport.Confidence.percent(probability)) chance of meeting it"
            }
            return text + ")"
        }.joined(separator: "; ")
    }

    static func gate(_ line: PortfolioPage.PlanLine) -> String {
        guard let gate = line.nextGate else { return line.health == nil ? "—" : "no open gate" }
        return "\(gate.id) \(gate.date.iso): \(gate.standing.spoken)"
    }

    static func link(_ link: PortfolioPage.LinkLine) -> String {
        "\(link.successorPlan):\(link.successor) waits for \(link.link) (finishes \(link.predecessorFinish.iso); \(link.successor) starts \(link.successorStart.iso))"
    }

    static func slack(_ link: PortfolioPage.LinkLine) -> String {
        "\(link.slack) working day\(link.slack == 1 ? "" : "s")"
    }

    static func hits(_ link: PortfolioPage.LinkLine) -> String {
        var text = "a slip of \(link.predecessorPlan):\(link.predecessor) beyond \(slack(link)) moves \(link.successorPlan)'s \(link.hits.joined(separator: ", "))"
        if let p80 = link.predecessorP80, let slip = link.p80Slip, slip > 0 {
            let when = "at its P80 (\(p80.iso), \(slip) working day\(slip == 1 ? "" : "s") later)"
            let deadlines = link.hits != ["the plan's finish"]
            text += !link.p80Hits ? "; \(when) it stays within the slack"
                : deadlines ? "; \(when) \(link.successorPlan) misses a deadline" : "; \(when) it moves \(link.successorPlan)'s finish"
        }
        return text
    }

    static func overload(_ overload: PortfolioPage.OverloadLine) -> String {
        let period = overload.from == overload.to ? "on \(overload.from.iso)" : "\(overload.from.iso) – \(overload.to.iso)"
        return "\(overload.team) \(period) (\(overload.workingDays) working day\(overload.workingDays == 1 ? "" : "s")): \(overload.needed) needed, \(overload.available) available, plans \(overload.plans.joined(separator: ", "))"
    }

    static func use(_ use: PortfolioPage.OverloadLine.Use) -> String {
        let period = use.from == use.to ? "on \(use.from.iso)" : "\(use.from.iso) – \(use.to.iso)"
        return "\(use.plan):\(use.task) uses \(use.units) \(period)"
    }

    static func risk(_ line: PortfolioPage.RiskLine) -> String {
        let risk = line.risk
        var text = "\(line.plan):\(risk.id) — \(risk.title)"
        if let score = risk.score { text += " (score \(score))" }
        text += line.occurred ? ", OCCURRED" : ", \(risk.status)"
        if let owner = risk.owner { text += ", owner \(owner)" }
        return text
    }

    static func health(_ health: StatusReport.Health?) -> String { health?.label ?? "ERRORS" }
}
