import PlanKit

/// The portfolio page as a self-contained HTML page (the HTML part of the email too).
public enum PortfolioHTMLWriter {
    public static func write(_ page: PortfolioPage) -> String {
        func h(_ text: String) -> String { HTMLText.escape(text) }
        func colour(_ health: StatusReport.Health?) -> String {
            switch health {
            case .green?: return "#1a7f37"
            case .amber?: return "#9a6700"
            case .red?, nil: return "#cf222e"
            }
        }
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(h(page.title))</title>\n"
        out += "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.h{font-weight:bold}</style>\n</head>\n<body>\n"
        out += "<h1>\(h(page.title)): <span class=\"h\" style=\"color:\(colour(page.health))\">\(page.health.label)</span></h1>\n<ul>\n"
        for reason in page.healthReasons { out += "<li>\(h(reason))</li>\n" }
        out += "</ul>\n<h2>Plans</h2>\n<table>\n<tr><th>plan</th><th>health</th><th>finish</th><th>deadlines</th><th>next gate</th></tr>\n"
        for line in page.plans {
            out += "<tr><td>\(h(line.id)) — \(h(line.title))</td><td class=\"h\" style=\"color:\(colour(line.health))\">\(PortfolioText.health(line.health))</td><td>\(line.finish?.iso ?? "—")</td><td>\(h(PortfolioText.deadlines(line)))</td><td>\(h(PortfolioText.gate(line)))</td></tr>\n"
        }
        out += "</table>\n<h2>Cross-plan dependencies at risk</h2>\n"
        if page.linksAtRisk.isEmpty {
            out += "<p>None: \(page.links.count) link\(page.links.count == 1 ? "" : "s"), each with more than \(StatusReport.tightMargin) working days of slack.</p>\n"
        } else {
            out += "<table>\n<tr><th>link</th><th>slack</th><th>a slip would hit</th></tr>\n"
            for link in page.linksAtRisk {
                out += "<tr><td>\(h(PortfolioText.link(link)))</td><td>\(PortfolioText.slack(link))</td><td>\(h(PortfolioText.hits(link)))</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "<h2>Shared teams over capacity</h2>\n"
        if page.overloads.isEmpty { out += "<p>None.</p>\n" } else { out += "<ul>\n" }
        for overload in page.overloads {
            out += "<li>\(h(PortfolioText.overload(overload)))<ul>\n"
            for use in overload.uses { out += "<li>\(h(PortfolioText.use(use)))</li>\n" }
            out += "</ul></li>\n"
        }
        if !page.overloads.isEmpty { out += "</ul>\n" }
        out += "<h2>Top risks</h2>\n"
        if page.topRisks.isEmpty { out += "<p>None open.</p>\n" } else {
            out += "<ul>\n"
            for risk in page.topRisks { out += "<li>\(h(PortfolioText.risk(risk)))</li>\n" }
            out += "</ul>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }
}
