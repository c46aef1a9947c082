import Foundation
import ArgumentParser
import PlanKit
import PlanRender
import PlanSyntax

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, sarif
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile plans and report their diagnostics.",
        discussion: """
        Each PATH is a plan file, or a folder searched recursively for root plans (YAML files with a \
        top-level `plan:` key; included fragments and metrics files are skipped).
        Exit status: 0 no errors, 1 errors, 2 usage error or unreadable input.
        """
    )

    @Argument(help: ArgumentHelp("Plan files or folders.", valueName: "PATH"))
    var paths: [String]

    @Option(help: "Output format.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings as errors for the exit status.")
    var strict = false

    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let discovery = PlanDiscovery.find(paths)
        for path in discovery.missing {
            Console.error("planc: error: no such file or folder: \(Escape.terminal(path))\n")
        }
        if !discovery.missing.isEmpty { throw ExitCode(2) }
        // Portfolios (named, or found in a folder) compile their plans; those are not compiled again.
        var plans = discovery.plans
        let named = plans.filter(PortfolioDiscovery.isPortfolio)
        plans.removeAll { named.contains($0) }
        let portfolios = PortfolioInput.check(portfolios: named + discovery.portfolios, plans: &plans, input: input, resources: resources,
                                              folder: discovery.folder(of:))
        if plans.isEmpty, portfolios.isEmpty {
            Console.error("planc: error: no plans found in \(Escape.terminal(paths.joined(separator: ", "))) (a plan is a .yaml file with a top-level `plan:` key)\n")
            throw ExitCode(2)
        }
        var diagnostics: [Diagnostic] = []
        var tasks = 0
        var unreadable = false
        // Plans whose errors stopped the schedule, so the rules that read it did not run.
        var unscheduled: [(path: String, errors: Int)] = []
        for portfolio in portfolios {
            diagnostics += portfolio.diagnostics
            tasks += portfolio.members.reduce(0) { $0 + ($1.plan?.tasks.count ?? 0) }
            if portfolio.portfolio == nil, portfolio.diagnostics.contains(where: { $0.code == SyntaxDiagnostics.unreadableFile.code && $0.file == portfolio.path }) {
                unreadable = true
            }
        }
        for path in plans {
            let compilation = Compiler.compile(path: path, limits: input.limits, within: discovery.folder(of: path), resources: resources.options)
            try resources.checkTeams(in: compilation.plan)
            diagnostics += compilation.diagnostics
            tasks += compilation.plan?.tasks.count ?? 0
            if compilation.plan != nil, compilation.schedule == nil, compilation.hasErrors {
                unscheduled.append((path, compilation.errorCount))
            }
            if compilation.plan == nil, compilation.diagnostics.contains(where: { $0.code == SyntaxDiagnostics.unreadableFile.code && $0.file == path }) {
                unreadable = true
            }
        }
        let summary = CheckSummary(
            plans: plans.count + portfolios.reduce(0) { $0 + $1.members.count }, tasks: tasks,
            errors: diagnostics.filter { $0.severity == .error }.count,
            warnings: diagnostics.filter { $0.severity == .warning }.count)
        let cap = DiagnosticCap(perFile: input.maxDiagnostics)
        let text: String
        switch format {
        case .text:
            let writer = DiagnosticTextWriter(color: outputOptions.output == nil && input.useColor(), cap: cap)
            text = writer.write(diagnostics) + (diagnostics.isEmpty ? "" : "\n") + summary.line + "\n"
                + unscheduled.map { Self.notChecked($0.path, errors: $0.errors, alone: plans.count == 1) }.joined()
        case .json:
            text = DiagnosticJSONWriter.write(diagnostics, summary: summary, cap: cap)
        case .github:
            text = DiagnosticGitHubWriter.write(diagnostics, cap: cap)
            // On GitHub Actions, also leave a summary on the run's page.
            if let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty,
               let handle = FileHandle(forWritingAtPath: path) {
                handle.seekToEndOfFile()
                handle.write(Data(DiagnosticGitHubWriter.stepSummary(diagnostics, summary: summary).utf8))
                try? handle.close()
            }
        case .sarif:
            text = DiagnosticSARIFWriter.write(diagnostics, rules: RuleRegistry.descriptors, version: Planc.version, cap: cap)
        }
        try outputOptions.emit(text)
        if unreadable { throw ExitCode(2) }
        if summary.errors > 0 || (strict && summary.warnings > 0) { throw ExitCode(1) }
    }

    /// The closing line for a plan whose errors stopped the schedule: what was not checked yet, so
    /// a user does not meet missed deadlines (E301) or events ahead of their features (E403) only
    /// in another round.
    static func notChecked(_ path: String, errors: Int, alone: Bool) -> String {
        let count = errors == 1 ? "the error above" : "the \(errors) errors above"
        return "\(alone ? "" : "\(Escape.terminal(path)): ")deadlines, events and gates were not checked: fix \(count) first\n"
    }
}
