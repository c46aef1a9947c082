import ArgumentParser

@main
struct Planc: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "planc",
        abstract: "Compile program plans written in YAML: check them, schedule them, gate releases on them.",
        version: version,
        subcommands: [Check.self, ScheduleCommand.self, GateCommand.self, ReportCommand.self, DiffCommand.self, Explain.self]
    )
}
