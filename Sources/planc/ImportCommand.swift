import ArgumentParser
import Foundation
import PlanKit
import PlanRender
import PlanSyntax

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write a planc plan (YAML) from MS Project XML (MSPDI).",
        discussion: """
        Tasks, outline, milestones, durations, links (type and lag), the project calendar and its \
        holidays, deadlines, "start no earlier than", progress and actual dates. What planc cannot \
        represent is kept as a comment at the task and reported as a warning with its XML line. \
        .mpp, ProjectLibre and Primavera files: convert them to MSPDI with MPXJ first (docs/cli.md).
        Exit status: 0 written (warnings allowed); 1 the file has errors (malformed XML, not MSPDI, \
        links to missing tasks or in a cycle); 2 usage error or unreadable input.
        """
    )

    @Argument(help: ArgumentHelp("The MS Project XML file.", valueName: "FILE.xml"))
    var file: String

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest file read, in MiB.", valueName: "MiB"))
    var maxFileSize: Int = Limits.default.maxFileBytes >> 20

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
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
        switch MSPDIReader.read(Data(bytes)) {
        case .failure(let problem):
            diagnostics = [problem]
            plan = nil
        case .success(let project):
            let outcome = MSPDIImport.convert(project, fileName: file)
            diagnostics = outcome.diagnostics
            plan = outcome.plan
        }
        Console.error(diagnostics.map { "\(shown):\($0.line):\($0.column): \($0.severity.rawValue): \(Escape.terminal($0.message))\n" }.joined())
        guard let plan else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            Console.error("planc: \(shown) has \(errors) error\(errors == 1 ? "" : "s"); no plan written\n")
            throw ExitCode(1)
        }
        try outputOptions.emit(PlanYAMLWriter.write(plan))
    }
}
