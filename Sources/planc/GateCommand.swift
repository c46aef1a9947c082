import Foundation
import ArgumentParser
import PlanKit
import PlanRender
import PlanSyntax

struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Evaluate Go/No-Go gates: GO, CONDITIONAL GO or NO-GO, criterion by criterion.",
        discussion: """
        Exit status: 0 GO or CONDITIONAL GO (with --strict: GO only); 1 NO-GO; 2 the plan has errors \
        (other than forecasts: a missed deadline or an event ahead of its feature), an unreadable \
        file, an unknown gate, or a usage error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, junit
    }

    @Argument(help: ArgumentHelp("The plan file.", valueName: "PLAN"))
    var plan: String

    @Argument(help: ArgumentHelp("Gates to evaluate (default: all).", valueName: "GATE"))
    var gates: [String] = []

    @Option(help: "Output format.")
    var format: Format = .text

    @Flag(help: "CONDITIONAL GO (passing only thanks to waivers) exits 1 too.")
    var strict = false

    @OptionGroup var status: StatusOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let compilation = Compiler.compile(path: plan, limits: input.limits, asOf: status.statusDate, metricsFiles: status.metrics, resources: resources.options)
        try resources.checkTeams(in: compilation.plan)
        if !compilation.diagnostics.isEmpty {
            Console.error(DiagnosticTextWriter(color: input.useColor(for: STDERR_FILENO), cap: DiagnosticCap(perFile: input.maxDiagnostics)).write(compilation.diagnostics))
        }
        // Forecast findings (a missed deadline, an event ahead of its feature) do not stop a
        // verdict: they are what the meeting needs to hear. Defects in the plan do.
        let forecastCodes = Set(RuleRegistry.rules.filter { $0.needsSchedule }.map { $0.descriptor.code })
            .subtracting([DateOutOfRangeRule.descriptor.code])
        let blocking = compilation.diagnostics.filter { $0.severity == .error && !forecastCodes.contains($0.code) }
        guard let network = compilation.network, blocking.isEmpty else {
            // Name the files the errors are in: a broken --metrics file, not the plan, may be the cause.
            var seen: Set<String> = []
            let files = blocking.map(\.file).filter { !$0.isEmpty && seen.insert($0).inserted }
            let named = files.isEmpty ? plan : files.joined(separator: ", ")
            Console.error("planc: \(Escape.terminal(named)) \(files.count > 1 ? "have" : "has") \(blocking.count) error\(blocking.count == 1 ? "" : "s"); no verdict\n")
            throw ExitCode(2)
        }
        let compiledPlan = network.plan
        let statusDate = status.statusDate ?? compiledPlan.asOf?.value
        // Simulated only when a gate has a `confidence` criterion, with the plan's `forecast:` settings.
        let forecast = GateForecast.run(network: network, schedule: compilation.schedule, levels: compilation.levelling != nil)
        let evaluator = GateEvaluator(network: network, schedule: compilation.schedule, metrics: compilation.metrics,
                                      statusDate: statusDate, forecast: forecast)
        let ids = compiledPlan.gates.map { compiledPlan.tasks[$0.task].id.value }
        var selected: [Int] = []
        for name in gates {
            guard let index = ids.firstIndex(of: name) else {
                let hint = Suggestion.help(for: name, in: ids).map { " (\($0))" } ?? ""
                Console.error("planc: error: '\(Escape.terminal(name))' is not a gate of \(Escape.terminal(plan))\(hint); its gates are: \(ids.joined(separator: ", "))\n")
                throw ExitCode(2)
            }
            selected.append(index)
        }
        if gates.isEmpty { selected = Array(ids.indices) }
        if selected.isEmpty {
            Console.error("planc: error: \(Escape.terminal(plan)) has no gates\n")
            throw ExitCode(2)
        }
        let results = selected.map(evaluator.evaluate)
        let text: String
        switch format {
        case .text: text = GateTextWriter.write(results, plan: compiledPlan, statusDate: statusDate)
        case .markdown: text = GateMarkdownWriter.write(results, plan: compiledPlan, statusDate: statusDate)
        case .json: text = GateJSONWriter.write(results, plan: compiledPlan, statusDate: statusDate)
        case .junit: text = GateJUnitWriter.write(results, plan: compiledPlan, statusDate: statusDate)
        }
        try outputOptions.emit(text)
        if results.contains(where: { $0.verdict == .noGo }) { throw ExitCode(1) }
        if strict, results.contains(where: { $0.verdict == .conditional }) { throw ExitCode(1) }
    }
}
