import Foundation
import ArgumentParser

@main
struct Planc: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "planc",
        abstract: "Compile program plans written in YAML: check them, schedule them, gate releases on them.",
        version: version,
        subcommands: [Check.self, ScheduleCommand.self, GateCommand.self, ReportCommand.self, DiffCommand.self, ImportCommand.self, ForecastCommand.self, PortfolioCommand.self, TrendCommand.self, Explain.self]
    )

    static func main() {
        ProcessLifetime.tuneAllocator()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // ArgumentParser exits 64 (EX_USAGE) on a usage error; planc's contract (docs/cli.md) is 2.
            if exitCode(for: error) == .validationFailure {
                Console.error(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
