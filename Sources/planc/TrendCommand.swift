import Foundation
import ArgumentParser
import PlanKit
import PlanRender
import PlanSyntax

struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Milestone trend analysis from the plan's git history.",
        discussion: """
        Compiles the plan at each commit on HEAD's first-parent line that changed it or a file it \
        includes (read from git, no checkout), and tables every milestone's, gate's and deadline \
        task's forecast against that commit's status date (`as_of`, else the commit date in UTC); \
        each slip names the commit and the change on the milestone's driving chain.
        Exit status: 0 written (commits where the plan does not compile are listed); 2 usage error: \
        not a git repository, the plan not tracked, an unknown --since revision, git not installed.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, csv, html
    }

    @Argument(help: ArgumentHelp("The plan file (tracked by git).", valueName: "PLAN"))
    var plan: String

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Start at this revision: the plan as it was there, then every change after it.", valueName: "REV"))
    var since: String?

    @Option(name: .customLong("max-commits"), help: ArgumentHelp("Most commits walked, newest first.", valueName: "N"))
    var maxCommits: Int = 200

    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        guard (1...100_000).contains(maxCommits) else { throw ValidationError("--max-commits takes a number from 1 to 100000") }
        if let since, since.isEmpty || since.hasPrefix("-") {
            throw ValidationError("--since takes a revision such as v1.0 or HEAD~10, not '\(since)'")
        }
    }

    func run() throws {
        var options = TrendAnalysis.Options()
        options.maxCommits = maxCommits
        options.since = since
        options.limits = input.limits
        options.resources = resources.options
        let terminal = isatty(STDERR_FILENO) == 1
        let trend: Trend
        do {
            trend = try TrendAnalysis.analyse(
                plan: plan, workingFolder: FileManager.default.currentDirectoryPath, options: options,
                notice: { Console.error($0) },
                progress: { done, total in
                    guard terminal, total >= 10 else { return }
                    Console.error("\rplanc: trend: \(done) of \(total) commits" + (done == total ? "\n" : ""))
                })
        } catch {
            Console.error("planc: error: \(Escape.terminal(error.message))\n")
            throw ExitCode(2)
        }
        let text: String
        switch format {
        case .text: text = TrendTextWriter.write(trend)
        case .markdown: text = TrendMarkdownWriter.write(trend)
        case .json: text = TrendJSONWriter.write(trend)
        case .csv: text = TrendCSVWriter.write(trend)
        case .html: text = TrendHTMLWriter.write(trend)
        }
        try outputOptions.emit(text)
    }
}

extension TrendCommand {
    /// The trend summaries for `planc report --trend`. A history that cannot be read (not a
    /// repository, the plan not committed, no git) is a usage error, exit 2, and no report: the
    /// trend asked for does not exist, and a report without it would say nothing of that.
    static func summaries(_ plan: String, input: InputOptions, resources: ResourceOptionGroup) throws -> [Trend.Summary] {
        var options = TrendAnalysis.Options()
        options.limits = input.limits
        options.resources = resources.options
        do {
            return try TrendAnalysis.analyse(plan: plan, workingFolder: FileManager.default.currentDirectoryPath, options: options,
                                             notice: { Console.error($0) }).deadlineSummaries
        } catch {
            Console.error("planc: error: --trend: \(Escape.terminal(error.message)); no report written (leave out --trend for one without the trend)\n")
            throw ExitCode(2)
        }
    }
}
