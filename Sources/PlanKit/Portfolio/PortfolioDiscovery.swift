import PlanSyntax

/// Finds the portfolio a plan compiled alone belongs to: a portfolio file in the plan's own folder
/// whose `plans:` list it. Looked for only when the plan names a team it does not declare (a
/// shared team) or has a cross-plan link, so other plans pay nothing.
public enum PortfolioDiscovery {
    /// A portfolio file has `portfolio:` at the start of a line at the top level.
    public static func isPortfolio(_ path: String) -> Bool { isPortfolio(path, source: DiskSource.shared) }

    static func isPortfolio(_ path: String, source: any SourceProvider) -> Bool {
        PlanDiscovery.hasTopLevelKey(path, "portfolio", source: source)
    }

    static func needsSharedTeams(_ plan: Plan) -> Bool {
        let declared = Set(plan.teams.map(\.id.value))
        for task in plan.tasks {
            if let owner = task.owner, !declared.contains(owner.value) { return true }
            for assignment in task.assign where !declared.contains(assignment.team.value) { return true }
            // Bytes, not String.contains (Foundation's search, per link, showed in the 100k profile).
            for link in task.after where link.target.value.utf8.contains(UInt8(ascii: ":")) { return true }
        }
        return false
    }

    /// The shared teams of the first portfolio (by name) in `path`'s folder that lists it; its
    /// cross-plan links stay unchecked. Nil when there is none.
    /// `source`: where the files are (a commit's tree, when `planc trend` compiles a revision).
    static func context(listing path: String, limits: Limits, sources: SourceManager,
                        source: any SourceProvider = DiskSource.shared) -> PortfolioContext? {
        let folder = IncludeResolver.folder(of: path)
        guard let real = source.realPath(path) else { return nil }
        for name in source.list(folder).sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let candidate = folder == "." ? name : folder + "/" + name
            // The plan itself is not its portfolio (and is not read twice).
            guard candidate != path, isPortfolio(candidate, source: source) else { continue }
            // Its own diagnostics belong to its own compilation, not to this plan's.
            let quiet = DiagnosticSink(sources: sources)
            guard let portfolio = PortfolioLoader.load(path: candidate, sources: sources, sink: quiet, limits: limits, source: source),
                  portfolio.members.contains(where: { source.realPath($0.path) == real }) else { continue }
            return PortfolioContext(id: portfolio.id?.value ?? name, file: candidate, teams: portfolio.teams, checksLinks: false)
        }
        return nil
    }
}
