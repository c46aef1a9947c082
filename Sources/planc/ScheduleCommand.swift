import Foundation
import ArgumentParser
import PlanKit
import PlanRender
import PlanSyntax

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Compute and print a plan's critical-path schedule.",
        discussion: """
        Exit status: 0; 1 when the plan has errors (a plan that cannot be scheduled prints no \
        schedule; one that misses a deadline prints its schedule too); 2 usage error or unreadable input.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, markdown, json, csv, ics, mermaid, mspdi
    }

    @Argument(help: ArgumentHelp("The plan file.", valueName: "PLAN"))
    var plan: String

    @Option(help: "Output format.")
    var format: Format = .table

    @Option(name: .customLong("assume-risk"), help: ArgumentHelp("Show the schedule if this risk occurs: its `delay` is added to what it affects (repeatable).", valueName: "RISK"))
    var assumeRisk: [String] = []

    @Flag(help: "With --format csv: print every team's load (team, from, to, units, capacity, over) instead of the tasks.")
    var load = false

    @OptionGroup var status: StatusOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if load, format != .csv { throw ValidationError("--load goes with --format csv") }
    }

    func run() throws {
        let compilation = try PlanInput.compile(plan, input: input, status: status, resources: resources)
        guard var network = compilation.network, var schedule = compilation.schedule else { throw ExitCode(1) }
        var assumed: [String] = []
        var levelling = compilation.levelling, teamLoad = compilation.load
        if !assumeRisk.isEmpty {
            for id in assumeRisk {
                switch WhatIf.assuming(risk: id, in: network) {
                case .success(let changed):
                    if case .risk(let index)? = network.ids[id], let delay = WhatIf.assumedDelay(of: network.plan.risks[index]), delay.likely {
                        Console.error("planc: note: --assume-risk \(Escape.terminal(id)): its delay is a three-point estimate; assuming its likely value, \(delay.duration)\n")
                    }
                    network = Network(plan: changed)
                    assumed.append(id)
                case .failure(let problem):
                    Console.error("planc: error: --assume-risk \(Escape.terminal(id)): \(Escape.terminal("\(problem)"))\n")
                    throw ExitCode(2)
                }
            }
            // Scheduled again by the same rules (levelled when the plan is).
            guard let whatIf = Compiler.schedule(network, asOf: schedule.statusDate, levels: compilation.levelling != nil) else { throw ExitCode(1) }
            schedule = whatIf.schedule
            levelling = whatIf.levelling
            teamLoad = whatIf.load
        }
        var facts = PhaseTimer.measure("facts") {
            ScheduleFacts(network: network, schedule: schedule, assumedRisks: assumed, levelling: levelling, load: teamLoad)
        }
        if assumed.isEmpty { facts.capacityWhatIf = PlanInput.capacityWhatIf(plan, assumed: compilation, input: input, status: status, resources: resources) }
        ProcessLifetime.keep(facts)
        if format == .json {
            let pieces = PhaseTimer.measure("write json") { ScheduleJSONWriter.pieces(facts) }
            ProcessLifetime.keep(pieces)
            try PhaseTimer.measure("emit") { try outputOptions.emit(pieces: pieces) }
            if compilation.hasErrors { throw ExitCode(1) }
            return
        }
        let text: String
        switch format {
        case .table: text = ScheduleTableWriter.text(facts)
        case .markdown: text = ScheduleTableWriter.markdown(facts)
        case .json: text = ScheduleJSONWriter.write(facts)
        case .csv: text = load ? ScheduleCSVWriter.load(facts) : ScheduleCSVWriter.write(facts)
        case .ics: text = ICalendarWriter.write(facts)
        case .mermaid: text = MermaidGanttWriter.write(facts)
        case .mspdi: text = MSPDIWriter.write(facts)
        }
        try PhaseTimer.measure("emit") { try outputOptions.emit(text) }
        // A schedule with errors (a missed deadline) is still printed: the slip is what to look at.
        if compilation.hasErrors { throw ExitCode(1) }
    }
}

extension PlanInput {
    /// With `--capacity TEAM=N`: the plan compiled again with its own capacities, and what the
    /// assumed ones buy (nil without `--capacity`, or when either side has no schedule).
    static func capacityWhatIf(_ path: String, assumed: Compilation, input: InputOptions, status: StatusOptions,
                               resources: ResourceOptionGroup) -> CapacityWhatIf? {
        guard !resources.capacity.isEmpty, let network = assumed.network, let schedule = assumed.schedule else { return nil }
        let planned = Compiler.compile(path: path, limits: input.limits, asOf: status.statusDate, metricsFiles: status.metrics,
                                       resources: ResourceOptions(level: resources.level))
        ProcessLifetime.keep(planned)
        guard let plannedNetwork = planned.network, let plannedSchedule = planned.schedule else { return nil }
        return CapacityWhatIf(
            assumed: ScheduleFacts(network: network, schedule: schedule, levelling: assumed.levelling, load: assumed.load),
            planned: ScheduleFacts(network: plannedNetwork, schedule: plannedSchedule, levelling: planned.levelling, load: planned.load),
            capacities: resources.capacities)
    }
}

/// Compiling the one plan a command works on: diagnostics go to standard error; errors stop the
/// command with status 1, an unreadable file with status 2.
enum PlanInput {
    static func compile(_ path: String, input: InputOptions, status: StatusOptions, resources: ResourceOptionGroup) throws -> Compilation {
        let compilation = try status.portfolio.map { try PortfolioInput.member(path, of: $0, input: input, status: status, resources: resources) }
            ?? Compiler.compile(path: path, limits: input.limits, asOf: status.statusDate, metricsFiles: status.metrics, resources: resources.options)
        ProcessLifetime.keep(compilation)
        try resources.checkTeams(in: compilation.plan)
        if !compilation.diagnostics.isEmpty {
            let writer = DiagnosticTextWriter(color: input.useColor(for: STDERR_FILENO), cap: DiagnosticCap(perFile: input.maxDiagnostics))
            Console.error(writer.write(compilation.diagnostics))
        }
        let unreadable = [path] + status.metrics
        if compilation.diagnostics.contains(where: { $0.code == SyntaxDiagnostics.unreadableFile.code && unreadable.contains($0.file) }) {
            throw ExitCode(2)
        }
        // A forecast past 9999-12-31 (E207) has no dates any output can write.
        let outOfRange = compilation.diagnostics.contains { $0.code == DateOutOfRangeRule.descriptor.code && $0.severity == .error }
        if compilation.hasErrors, compilation.schedule == nil || outOfRange {
            Console.error("planc: \(Escape.terminal(path)) has \(compilation.errorCount) error\(compilation.errorCount == 1 ? "" : "s"); no schedule\n")
            throw ExitCode(1)
        }
        if compilation.plan != nil, compilation.schedule == nil {
            // Every error that stops the schedule is reported and cannot be switched off; should one
            // ever be missed, say so rather than exit 1 in silence.
            Console.error("planc: \(Escape.terminal(path)) could not be scheduled\n")
            throw ExitCode(1)
        }
        return compilation
    }
}
