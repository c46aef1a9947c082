import PlanSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Reads a portfolio file: its id, title, shared teams and `plans:` entries, which it resolves to
/// root plans inside the portfolio's folder (as a plan's includes are: no `..` above it, no
/// absolute path, no symbolic link out), sorted by path.
enum PortfolioLoader {
    static let rootKeys = ["portfolio", "title", "plans", "teams", "level"]

    static func load(path: String, sources: SourceManager, sink: DiagnosticSink, limits: Limits,
                     source: any SourceProvider = DiskSource.shared) -> Portfolio? {
        guard let file = SourceReader.load(path: path, limits: limits, sources: sources, sink: sink, from: source),
              let root = YAMLLoader(file: file, limits: limits, sink: sink).loadMapping() else { return nil }
        let read = NodeReader(sink: sink)
        var portfolio = Portfolio(file: path, location: root.location)
        var sawID = false
        read.fields(root, of: "the portfolio", allowed: rootKeys, allowExtensions: true) { key, _, value in
            switch key {
            case "portfolio":
                sawID = true
                portfolio.id = read.id(value, of: "portfolio")
            case "title": portfolio.title = read.string(value, of: "the title")
            case "level": portfolio.level = read.bool(value, of: "level").map { Located($0, at: value.location) }
            case "plans":
                guard let items = read.sequence(value, of: "plans", example: "[options.yaml, campaigns/*.yaml]") else { return }
                portfolio.entries = items.compactMap { read.locatedString($0, of: "a plan path") }
            case "teams":
                // The same reader as a plan's `teams:`.
                let teams = PlanLoader(sources: sources, sink: sink, limits: limits, policy: .sequential, rootFile: file, root: root)
                teams.readSection("teams", value)
                portfolio.teams = teams.plan.teams
            default: break
            }
        }
        if !sawID {
            sink.emit(LoadDiagnostics.missingKey, "the portfolio has no `portfolio:` id", at: root.location,
                      help: "add a line `portfolio: my-programme` at the top")
        }
        portfolio.members = resolve(portfolio.entries, of: path, sink: sink, source: source)
        return portfolio
    }

    /// The plans `entries` name, each once, sorted by path; every entry that names nothing usable
    /// is reported where it is written.
    static func resolve(_ entries: [Located<String>], of portfolioPath: String, sink: DiagnosticSink,
                        source: any SourceProvider = DiskSource.shared) -> [Portfolio.Member] {
        let directory = IncludeResolver.folder(of: portfolioPath)
        guard let realRoot = source.realPath(directory) else { return [] }
        let realSelf = source.realPath(portfolioPath)
        var byReal: [String: Portfolio.Member] = [:]
        for entry in entries {
            let text = entry.value
            if text.isEmpty {
                sink.emit(PortfolioDiagnostics.planNotFound, "a `plans:` entry is empty", at: entry.location)
                continue
            }
            if text.hasPrefix("/") {
                sink.emit(PortfolioDiagnostics.planOutside, "plan '\(text)' is an absolute path; a portfolio's plans are relative to its folder",
                          at: entry.location, help: "write the path relative to \(directory)/")
                continue
            }
            guard let components = IncludeResolver.components(of: text) else {
                sink.emit(PortfolioDiagnostics.planOutside, "plan '\(text)' leaves the portfolio's folder \(realRoot) by '..'",
                          at: entry.location, help: "keep a portfolio's plans in its folder or below it")
                continue
            }
            let isGlob = text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
            var escapes: [(path: String, real: String)] = []
            var matches: [String]
            if isGlob {
                matches = IncludeResolver.glob(components, in: directory, realRoot: realRoot, escapes: &escapes, source: source)
                // A glob keeps the plans it matches: the portfolio itself, fragments and metrics files are not plans.
                matches = matches.filter { source.realPath($0) != realSelf && PlanDiscovery.isRootPlan($0, source: source) }
                if matches.isEmpty, escapes.isEmpty {
                    sink.emit(PortfolioDiagnostics.planNotFound, "plans pattern '\(text)' matches no plan", at: entry.location,
                              help: "a plan is a .yaml file with a top-level `plan:` key, in \(directory)/ or below")
                    continue
                }
            } else {
                matches = [directory == "." ? text : directory + "/" + text]
            }
            for path in matches {
                guard let real = source.realPath(path) else {
                    let candidates = source.list(directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    sink.emit(PortfolioDiagnostics.planNotFound, "plan '\(text)' does not exist", at: entry.location,
                              help: Suggestion.help(for: text, in: candidates) ?? "paths are relative to the portfolio's folder, \(directory)/")
                    continue
                }
                guard IncludeResolver.isInside(real, realRoot) else {
                    escapes.append((path, real))
                    continue
                }
                if real == realSelf {
                    sink.emit(PortfolioDiagnostics.planListedTwice, "a portfolio cannot list itself as one of its plans", at: entry.location)
                    continue
                }
                if !isGlob, !PlanDiscovery.isRootPlan(path, source: source) {
                    sink.emit(PortfolioDiagnostics.planNotFound, "'\(text)' is not a plan: it has no top-level `plan:` key", at: entry.location,
                              help: "list root plans only; a plan's fragments come in through its own `include:`")
                    continue
                }
                if let earlier = byReal[real] {
                    sink.emit(PortfolioDiagnostics.planListedTwice,
                              "plan '\(IncludeResolver.relative(path, to: directory))' is listed twice", at: entry.location,
                              help: "each plan is compiled once; remove one of the entries",
                              notes: [("first listed here, by '\(earlier.entry.value)'", earlier.entry.location)])
                    continue
                }
                byReal[real] = Portfolio.Member(path: path, entry: entry)
            }
            for escape in escapes.prefix(IncludeResolver.escapesReportedPerEntry) {
                sink.emit(PortfolioDiagnostics.planOutside,
                          "plan '\(text)' resolves to '\(escape.real)', outside the portfolio's folder \(realRoot)",
                          at: entry.location, help: "keep a portfolio's plans in its folder or below it (symbolic links are followed)")
            }
        }
        return byReal.values.sorted { $0.path < $1.path }
    }
}
