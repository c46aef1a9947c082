import PlanKit

/// The portfolio page as GitHub-flavoured Markdown.
public enum PortfolioMarkdownWriter {
    public static func write(_ page: PortfolioPage) -> String {
        func cell(_ text: String) -> String { Escape.markdownCell(text) }
        func prose(_ text: String) -> String { Escape.markdown(text) }
        var out = "# \(prose(page.title)): \(page.health.label)\n\n"
        for reason in page.healthReasons { out += "- \(prose(reason))\n" }
        out += "\n## Plans\n\n| plan | health | finish | deadlines | next gate |\n|---|---|---|---|---|\n"
        for line in page.plans {
            out += "| \(cell(line.id)) — \(cell(line.title)) | \(PortfolioText.health(line.health)) | \(line.finish?.iso ?? "—") | \(cell(PortfolioText.deadlines(line))) | \(cell(PortfolioText.gate(line))) |\n"
        }
        out += "\n## Cross-plan dependencies at risk\n\n"
        if page.linksAtRisk.isEmpty {
            out += "None: \(page.links.count) link\(page.links.count == 1 ? "" : "s"), each with more than \(StatusReport.tightMargin) working days of slack.\n"
        } else {
            out += "| link | slack | a slip would hit |\n|---|---|---|\n"
            for link in page.linksAtRisk {
                out += "| \(cell(PortfolioText.link(link))) | \(PortfolioText.slack(link)) | \(cell(PortfolioText.hits(link))) |\n"
            }
        }
        out += "\n## Shared teams over capacity\n\n"
        if page.overloads.isEmpty { out += "None.\n" }
        for overload in page.overloads {
            out += "- \(prose(PortfolioText.overload(overload)))\n"
            for use in overload.uses { out += "  - \(prose(PortfolioText.use(use)))\n" }
        }
        out += "\n## Top risks\n\n"
        if page.topRisks.isEmpty { out += "None open.\n" }
        for risk in page.topRisks { out += "- \(prose(PortfolioText.risk(risk)))\n" }
        return out
    }
}
