import ArgumentParser
import Foundation
import PlanKit
import PlanRender
import PlanSyntax

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a planc plan (YAML) from MS Project XML (MSPDI) or a Jira export.",
        discussion: """
        Tasks, outline, milestones, durations, links (type and lag), the project calendar and its \
        holidays, deadlines, "start no earlier than", progress and actual dates. What planc cannot \
        represent is kept as a comment at the task and reported as a warning with its XML line. \
        .mpp, ProjectLibre and Primavera files: convert them to MSPDI with MPXJ first (docs/cli.md).
        --from jira: a Jira CSV export (all fields) or the REST search API's JSON. Issues become \
        tasks (id = key lower-cased, tagged jira:KEY), epics and parents summaries, "Blocks" links \
        `after`, due dates deadlines, status categories statuses, story points effort and duration \
        (--points-per-day), assignees owners (--teams map.yaml: display name → team id).
        Exit status: 0 written (warnings allowed); 1 the file has errors (malformed XML, not MSPDI, \
        links to missing tasks or in a cycle; for Jira malformed CSV or JSON, no Issue key or Summary \
        column, Blocks links in a cycle); 2 usage error or unreadable input.
        """
    )

    @Argument(help: ArgumentHelp("The MS Project XML file, or with --from jira the Jira CSV or JSON.", valueName: "FILE"))
    var file: String

    @Option(name: .customLong("from"), help: ArgumentHelp("mspdi or jira (default: jira for .csv and .json, else mspdi).", valueName: "FORMAT"))
    var from: String?

    @Option(name: .customLong("points-per-day"), help: ArgumentHelp("Jira: story points in one day of work.", valueName: "N"))
    var pointsPerDay: Double = 1

    @Option(name: .customLong("teams"), help: ArgumentHelp("Jira: a YAML map of assignee display name → team id.", valueName: "map.yaml"))
    var teams: String?

    @Option(name: .customLong("start"), help: ArgumentHelp("Jira: the plan's start (default: the earliest created date).", valueName: "DATE"))
    var start: String?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest file read, in MiB.", valueName: "MiB"))
    var maxFileSize: Int = Limits.default.maxFileBytes >> 20

    @OptionGroup var outputOptions: OutputOptions

    var isJira: Bool {
        if let from { return from == "jira" }
        let lower = file.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".json")
    }

    func validate() throws {
        if let from, from != "jira", from != "mspdi" { throw ValidationError("--from takes mspdi or jira") }
        guard pointsPerDay.isFinite, pointsPerDay > 0 else { throw ValidationError("--points-per-day takes a number above 0") }
        if let start, Day(iso: start) == nil { throw ValidationError("--start takes a date, YYYY-MM-DD") }
        if !isJira, teams != nil || start != nil { throw ValidationError("--teams and --start go with --from jira") }
        guard maxFileSize > 0, maxFileSize <= 1 << 20 else {
            throw ValidationError("--max-file-size takes a size in MiB from 1 to 1048576")
        }
    }

    func run() throws {
        var limits = Limits.default
        limits.maxFileBytes = maxFileSize << 20
        let shown = Escape.terminal(file)
        let bytes: [UInt8]
        switch SourceReader.read(path: file, limits: limits) {
        case .success(let read):
            bytes = read
        case .failure(.cannotOpen(let reason)):
            Console.error("planc: error: cannot read \(shown): \(Escape.terminal(reason))\n")
            throw ExitCode(2)
        case .failure(.notARegularFile(let kind)):
            Console.error("planc: error: cannot read \(shown): it is \(kind)\n")
            throw ExitCode(2)
        case .failure(.tooLarge(let size, let limit)):
            Console.error("\(shown): error: the file is \(size) bytes, over the limit of \(limit) (--max-file-size)\n")
            throw ExitCode(1)
        }
        let diagnostics: [ImportDiagnostic]
        let plan: ImportedPlan?
        if isJira {
            var options = JiraImport.Options()
            options.pointsPerDay = pointsPerDay
            options.start = start.flatMap { Day(iso: $0) }
            if let teams { options.teams = try readTeams(teams, limits: limits) }
            switch JiraImport.read(Data(bytes)) {
            case .failure(let problem):
                diagnostics = [problem]
                plan = nil
            case .success(let issues):
                let outcome = JiraImport.convert(issues, fileName: file, options: options)
                diagnostics = outcome.diagnostics
                plan = outcome.plan
            }
        } else {
        switch MSPDIReader.read(Data(bytes)) {
        case .failure(let problem):
            diagnostics = [problem]
            plan = nil
        case .success(let project):
            let outcome = MSPDIImport.convert(project, fileName: file)
            diagnostics = outcome.diagnostics
            plan = outcome.plan
        }
        }
        Console.error(diagnostics.map { "\(shown):\($0.line):\($0.column): \($0.severity.rawValue): \(Escape.terminal($0.message))\n" }.joined())
        guard let plan else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            Console.error("planc: \(shown) has \(errors) error\(errors == 1 ? "" : "s"); no plan written\n")
            throw ExitCode(1)
        }
        try outputOptions.emit(PlanYAMLWriter.write(plan))
    }

    /// `Display Name: team-id` lines, read as YAML.
    func readTeams(_ path: String, limits: Limits) throws -> [String: String] {
        let shown = Escape.terminal(path)
        guard case .success(let bytes) = SourceReader.read(path: path, limits: limits) else {
            Console.error("planc: error: cannot read \(shown)\n")
            throw ExitCode(2)
        }
        let (root, problems) = YAMLLoader.load(bytes, path: path)
        if let problem = problems.first {
            Console.error("\(shown):\(problem.line):\(problem.column): error: \(Escape.terminal(problem.message))\n")
            throw ExitCode(2)
        }
        guard let root, let pairs = root.mapping else {
            Console.error("\(shown): error: --teams takes a YAML map of assignee display name → team id\n")
            throw ExitCode(2)
        }
        var map: [String: String] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar, let team = pair.value.scalar, MSPDIImport.slug(team) == team, !team.isEmpty else {
                Console.error("\(shown):\(pair.value.location.line):\(pair.value.location.column): error: a team id ([a-z0-9][a-z0-9_.-]*) for each display name\n")
                throw ExitCode(2)
            }
            map[name] = team
        }
        return map
    }
}
