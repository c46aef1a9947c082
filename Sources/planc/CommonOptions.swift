import ArgumentParser
import Foundation
import PlanKit
import PlanRender
import PlanSyntax

/// Options every command that reads plans shares.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest plan file read, in MiB.", valueName: "MiB"))
    var maxFileSize: Int = Limits.default.maxFileBytes >> 20

    @Option(name: .customLong("max-tasks"), help: ArgumentHelp("Most tasks, milestones and gates a plan may have.", valueName: "N"))
    var maxTasks: Int = Limits.default.maxTasks

    @Option(name: .customLong("max-dependencies"), help: ArgumentHelp("Most dependencies (`after:` entries) a plan may have.", valueName: "N"))
    var maxDependencies: Int = Limits.default.maxDependencies

    @Option(name: .customLong("max-diagnostics"), help: ArgumentHelp("Most diagnostics printed per file (0: all); a closing line counts the rest.", valueName: "N"))
    var maxDiagnostics: Int = DiagnosticCap.defaultPerFile

    @Flag(name: .customLong("no-color"), help: "Never colour the output (also: the NO_COLOR environment variable).")
    var noColor = false

    var limits: Limits {
        var limits = Limits.default
        limits.maxFileBytes = maxFileSize << 20
        limits.maxTasks = maxTasks
        limits.maxNodes = max(limits.maxNodes, 20 * maxTasks)
        limits.maxDependencies = maxDependencies
        return limits
    }

    func validate() throws {
        guard maxFileSize > 0, maxFileSize <= 1 << 20 else {
            throw ValidationError("--max-file-size takes a size in MiB from 1 to 1048576")
        }
        guard maxTasks > 0, maxTasks <= Int(Int32.max) else {
            throw ValidationError("--max-tasks takes a number from 1 to \(Int32.max)")
        }
        guard maxDependencies > 0 else {
            throw ValidationError("--max-dependencies takes a number from 1")
        }
        guard maxDiagnostics >= 0 else {
            throw ValidationError("--max-diagnostics takes a number from 0 (0 prints every diagnostic)")
        }
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    func useColor(for descriptor: Int32 = STDOUT_FILENO) -> Bool {
        if noColor { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) == 1
    }
}

struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Write the output to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    /// Writes `text` to the output file, or to standard output.
    func emit(_ text: String) throws {
        try emit(bytes: Array(text.utf8))
    }

    /// Writes UTF-8 `bytes` to the output file, or to standard output.
    func emit(bytes: [UInt8]) throws {
        try emit(pieces: [bytes])
    }

    /// Writes UTF-8 `pieces`, one after another, to the output file or to standard output. A write
    /// that fails prints the reason and exits 2 (1 means "the plan has errors", 0 that it worked).
    func emit(pieces: [[UInt8]]) throws {
        do {
            if let output {
                try AtomicFile.write(pieces: pieces, to: output)
            } else {
                for piece in pieces { try StandardOutput.write(piece) }
            }
        } catch {
            Console.error("planc: error: cannot write \(output.map { "'\(Escape.terminal($0))'" } ?? "to standard output"): \(error)\n")
            throw ExitCode(2)
        }
    }
}

enum Console {
    static func out(_ text: String) {
        out(bytes: Array(text.utf8))
    }

    /// Writes all of `bytes` to standard output; a closed pipe (`planc schedule | head`) ends
    /// quietly, any other failure exits 2.
    static func out(bytes: [UInt8]) {
        do {
            try StandardOutput.write(bytes)
        } catch {
            Console.error("planc: error: cannot write to standard output: \(error)\n")
            Foundation.exit(2)
        }
    }

    /// Writes to standard error. A failure there cannot be reported anywhere, so it is ignored
    /// (FileHandle would trap on it: `2>/dev/full` crashed); the exit status still says what happened.
    static func error(_ text: String) {
        _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
    }
}

/// The status the plan is read at: a status date and measured metrics.
struct StatusOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Status date (YYYY-MM-DD); overrides the plan's `as_of`.", valueName: "DATE"))
    var asOf: String?

    @Option(name: .customLong("metrics"), help: ArgumentHelp("A YAML or JSON file of metric values, laid over the plan's `metrics:` (repeatable; the last wins).", valueName: "FILE"))
    var metrics: [String] = []

    @Option(help: ArgumentHelp("Compile the plan in this portfolio: its shared teams, and its cross-plan links waiting for the other plans' dates.", valueName: "FILE"))
    var portfolio: String?

    var statusDate: Day? { asOf.flatMap(Day.init(iso:)) }

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of takes a date like 2027-01-15, not '\(asOf)'")
        }
    }
}

/// Levelling and capacity what-ifs (DESIGN.md "Resources and levelling").
struct ResourceOptionGroup: ParsableArguments {
    @Flag(name: .customLong("level"), inversion: .prefixedNo,
          help: "Level the plan (keep every team within capacity), or not; default: the plan's `level:`.")
    var level: Bool?

    @Option(name: .customLong("capacity"), help: ArgumentHelp("What if team TEAM had N people (repeatable).", valueName: "TEAM=N"))
    var capacity: [String] = []

    /// `TEAM=N` pairs, validated.
    var capacities: [(team: String, people: Int)] {
        capacity.compactMap { ResourceOptionGroup.parse($0) }
    }

    static func parse(_ text: String) -> (team: String, people: Int)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let team = String(text[..<equals]), number = text[text.index(after: equals)...]
        guard !team.isEmpty, let people = Int(number), (1...100_000).contains(people) else { return nil }
        return (team, people)
    }

    func validate() throws {
        for text in capacity where ResourceOptionGroup.parse(text) == nil {
            throw ValidationError("--capacity takes TEAM=N with N a whole number of people from 1 to 100000, not '\(text)'")
        }
    }

    var options: ResourceOptions { ResourceOptions(level: level, capacity: capacities) }

    /// Exits 2 when a `--capacity` names a team the plan does not declare.
    func checkTeams(in plan: Plan?) throws {
        guard let plan else { return }
        let ids = plan.teams.map(\.id.value)
        for (team, _) in capacities where !ids.contains(team) {
            let hint = Suggestion.help(for: team, in: ids).map { "; \($0)" } ?? (ids.isEmpty ? "; the plan declares no teams" : "")
            Console.error("planc: error: --capacity \(Escape.terminal(team)): no team '\(Escape.terminal(team))'\(Escape.terminal(hint))\n")
            throw ExitCode(2)
        }
    }
}
