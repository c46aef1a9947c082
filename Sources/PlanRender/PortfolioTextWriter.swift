import PlanKit

/// The portfolio page as plain text, for a terminal or the plain part of an email.
public enum PortfolioTextWriter {
    public static func write(_ page: PortfolioPage) -> String {
        func clean(_ text: String) -> String { Escape.terminal(text) }
        var out = "\(clean(page.title)) — portfolio \(clean(page.id)): \(page.health.label)\n"
        for reason in page.healthReasons { out += "  - \(clean(reason))\n" }
        out += "\nPlans\n"
        for line in page.plans {
            out += "  \(clean(line.id)) [\(PortfolioText.health(line.health))] \(clean(line.title))\n"
            out += "    finish \(line.finish?.iso ?? "—"); \(clean(PortfolioText.deadlines(line)))\n"
            out += "    next gate: \(clean(PortfolioText.gate(line)))\n"
        }
        out += "\nCross-plan dependencies at risk\n"
        if page.linksAtRisk.isEmpty { out += "  none (\(page.links.count) link\(page.links.count == 1 ? "" : "s"), each with more than \(StatusReport.tightMargin) working days of slack)\n" }
        for link in page.linksAtRisk {
            out += "  \(clean(PortfolioText.link(link)))\n    slack \(PortfolioText.slack(link)): \(clean(PortfolioText.hits(link)))\n"
        }
        out += "\nShared teams over capacity\n"
        if page.overloads.isEmpty { out += "  none\n" }
        for overload in page.overloads {
            out += "  \(clean(PortfolioText.overload(overload)))\n"
            for use in overload.uses { out += "    \(clean(PortfolioText.use(use)))\n" }
        }
        out += "\nTop risks\n"
        if page.topRisks.isEmpty { out += "  none open\n" }
        for risk in page.topRisks { out += "  \(clean(PortfolioText.risk(risk)))\n" }
        return out
    }
}
