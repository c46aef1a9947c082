import Foundation
import ArgumentParser
import PlanKit
import PlanRender
import PlanSyntax

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Schedule confidence: a Monte Carlo simulation from estimates and risks.",
        discussion: "Exit status: 0; 1 when the plan or its forecast input has errors; 2 usage error or unreadable input."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, csv, html
    }

    @Argument(help: ArgumentHelp("The plan file.", valueName: "PLAN"))
    var plan: String

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Iterations (1 to 1000000; default: the plan's `forecast: {iterations}`, else 10000).", valueName: "N"))
    var iterations: Int?

    @Option(help: ArgumentHelp("Random seed (default: the plan's `forecast: {seed}`, else 1).", valueName: "N"))
    var seed: UInt64?

    /// A testing aid (the output is the same bytes for any count); hidden from --help.
    @Option(help: .hidden)
    var threads: Int = 2

    @OptionGroup var status: StatusOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let iterations, !(1...ForecastSpec.maxIterations).contains(iterations) {
            throw ValidationError("--iterations takes a number from 1 to \(ForecastSpec.maxIterations)")
        }
        if !(1...64).contains(threads) { throw ValidationError("--threads takes a number from 1 to 64") }
    }

    func run() throws {
        let compilation = try PlanInput.compile(plan, input: input, status: status, resources: resources)
        guard let network = compilation.network, let schedule = compilation.schedule else { throw ExitCode(1) }
        // A plan that already misses a deadline (E301) is forecast all the same, as `schedule` prints
        // its schedule: how likely the date still is matters most then; the exit status says 1.
        let outcome = Forecaster.run(network: network, schedule: schedule, levels: compilation.levelling != nil,
                                     settings: ForecastSettings(iterations: iterations, seed: seed, threads: threads))
        switch outcome {
        case .failure(let problems):
            let sink = DiagnosticSink(sources: compilation.sources)
            for problem in problems.list { sink.emit(LoadDiagnostics.invalidValue, problem.message, at: problem.location) }
            let writer = DiagnosticTextWriter(color: input.useColor(for: STDERR_FILENO), cap: DiagnosticCap(perFile: input.maxDiagnostics))
            Console.error(writer.write(sink.diagnostics))
            throw ExitCode(1)
        case .success(let result):
            let text: String
            switch format {
            case .text: text = ForecastWriter.text(result)
            case .json: text = ForecastWriter.json(result)
            case .csv: text = ForecastWriter.csv(result)
            case .markdown: text = ForecastMarkdownWriter.write(result)
            case .html: text = ForecastHTMLWriter.write(result)
            }
            try outputOptions.emit(text)
            if compilation.hasErrors { throw ExitCode(1) }
        }
    }
}
