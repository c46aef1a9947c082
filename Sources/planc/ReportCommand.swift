import ArgumentParser
import Foundation
import PlanKit
import PlanRender
import PlanSyntax

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the status report leadership reads: Markdown, a self-contained HTML page, or an email.",
        discussion: "Exit status: 0; 1 when the plan has errors (a plan that cannot be scheduled gets no report); 2 usage error or unreadable input."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html, email
    }

    @Argument(help: ArgumentHelp("The plan file.", valueName: "PLAN"))
    var plan: String

    @Option(help: "Output format.")
    var format: Format = .markdown

    @Option(help: ArgumentHelp("A saved schedule (`planc schedule --format json`) to compare against.", valueName: "FILE"))
    var baseline: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("With --format email: recipients.", valueName: "ADDR"))
    var to: [String] = []

    @Option(help: ArgumentHelp("With --format email: the sender, e.g. \"PMO <pmo@example.com>\".", valueName: "ADDR"))
    var from: String?

    @Option(help: ArgumentHelp("With --format email: the subject (default: plan title, status date and health).", valueName: "TEXT"))
    var subject: String?

    @OptionGroup var status: StatusOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if format == .email {
            guard from != nil, !to.isEmpty else { throw ValidationError("--format email needs --from ADDR and --to ADDR...") }
        } else if from != nil || !to.isEmpty || subject != nil {
            throw ValidationError("--from, --to and --subject go with --format email")
        }
    }

    func run() throws {
        var saved: Baseline?
        if let baseline {
            switch Baseline.load(path: baseline) {
            case .success(let loaded): saved = loaded
            case .failure(let problem):
                Console.error("planc: error: --baseline \(baseline): \(problem)\n")
                throw ExitCode(2)
            }
        }
        let compilation = try PlanInput.compile(plan, input: input, status: status)
        guard let network = compilation.network, let schedule = compilation.schedule,
              let report = PhaseTimer.measure("status report", { StatusReport.build(compilation: compilation, baseline: saved) }) else { throw ExitCode(1) }
        let facts = ScheduleFacts(network: network, schedule: schedule)
        let text: String
        switch format {
        case .markdown: text = PhaseTimer.measure("write markdown") { ReportMarkdownWriter.write(report, facts: facts) }
        case .html: text = ReportHTMLWriter.write(report, facts: facts)
        case .email:
            let health = report.health.label
            let title = subject ?? "\(report.title) — status \(report.statusDate?.iso ?? report.finish.iso): \(health)"
            do {
                let writer = try EmailWriter(from: from ?? "", to: to, subject: title,
                                             date: report.statusDate ?? schedule.start)
                text = writer.write(plain: ReportMarkdownWriter.write(report, facts: facts),
                                    html: ReportHTMLWriter.write(report, facts: facts))
            } catch let problem as EmailWriter.Problem {
                Console.error("planc: error: \(problem)\n")
                throw ExitCode(2)
            }
        }
        try outputOptions.emit(text)
        if compilation.hasErrors { throw ExitCode(1) }
    }
}
