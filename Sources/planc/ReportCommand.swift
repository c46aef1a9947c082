import ArgumentParser
import Foundation
import PlanKit
import PlanRender
import PlanSyntax

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the status report leadership reads: Markdown, a self-contained HTML page, or an email.",
        discussion: "Exit status: 0 once the report is written, whatever its colour (--fail-on red|amber makes the colour exit 1); 1 when the plan has errors that stop the schedule (no report is written); 2 usage error or unreadable input (--trend where the plan has no git history to read)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html, email
    }

    /// The colour from which the report exits 1 (`amber`: AMBER or RED).
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case red, amber

        func fails(_ health: StatusReport.Health) -> Bool {
            switch self {
            case .red: return health == .red
            case .amber: return health != .green
            }
        }
    }

    @Argument(help: ArgumentHelp("The plan file.", valueName: "PLAN"))
    var plan: String

    @Option(help: "Output format.")
    var format: Format = .markdown

    @Option(help: ArgumentHelp("A saved schedule (`planc schedule --format json`) to compare against.", valueName: "FILE"))
    var baseline: String?

    @Option(help: ArgumentHelp("Working days after the status date in which gates are judged and critical work is coming up.", valueName: "N"))
    var horizon: Int = StatusReport.defaultHorizon

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when the report is this colour or worse (for CI that wants it).", valueName: "COLOUR"))
    var failOn: FailOn?

    @Flag(help: "Add a trend line per deadline task from the plan's git history (planc trend).")
    var trend = false

    @OptionGroup var email: EmailOptions
    @OptionGroup var status: StatusOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        try email.validate(isEmail: format == .email)
        guard (0...1000).contains(horizon) else { throw ValidationError("--horizon takes 0 to 1000 working days, not \(horizon)") }
    }

    func run() throws {
        var saved: Baseline?
        if let baseline {
            switch Baseline.load(path: baseline) {
            case .success(let loaded): saved = loaded
            case .failure(let problem):
                Console.error("planc: error: --baseline \(Escape.terminal(baseline)): \(Escape.terminal("\(problem)"))\n")
                throw ExitCode(2)
            }
        }
        let compilation = try PlanInput.compile(plan, input: input, status: status, resources: resources)
        guard let network = compilation.network, let schedule = compilation.schedule,
              let report = PhaseTimer.measure("status report", { StatusReport.build(compilation: compilation, baseline: saved, horizon: horizon) }) else { throw ExitCode(1) }
        var facts = ScheduleFacts(network: network, schedule: schedule, levelling: compilation.levelling, load: compilation.load)
        facts.capacityWhatIf = PlanInput.capacityWhatIf(plan, assumed: compilation, input: input, status: status, resources: resources)
        if trend { facts.trend = try TrendCommand.summaries(plan, input: input, resources: resources) }
        let text: String
        switch format {
        case .markdown: text = PhaseTimer.measure("write markdown") { ReportMarkdownWriter.write(report, facts: facts) }
        case .html: text = ReportHTMLWriter.write(report, facts: facts)
        case .email:
            text = try email.write(subject: "\(report.title) — status \(report.statusDate?.iso ?? report.finish.iso): \(report.health.label)",
                                   plain: { ReportPlainTextWriter.write(report, facts: facts) },
                                   html: { ReportHTMLWriter.write(report, facts: facts, includeFindings: false) })
        }
        try outputOptions.emit(text)
        // Written: the colour is the news, not a failure (a missed deadline is an error of the
        // plan, and exactly what a RED report is for). Only `--fail-on` makes it an exit status.
        if let failOn, failOn.fails(report.health) { throw ExitCode(1) }
    }
}
