import Foundation
import ArgumentParser
import PlanKit
import PlanRender
import PlanSyntax

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a change does to a plan: slips in working days, missed deadlines, verdicts, critical path.",
        discussion: """
        `planc diff BASE HEAD` compares two plan files. `planc diff --git REV [PLAN]` compares the plan \
        in the working tree with the same file at git revision REV (includes resolved at REV); PLAN \
        defaults to the only root plan under the repository's plans/ folder.
        Exit status: 0 when both sides compile (missed deadlines included: they are the news); 2 for a \
        usage error, an unreadable file or revision, or a side with errors that stop it from being \
        scheduled — its diagnostics go to standard error and the diff of tasks and risks is still \
        written, saying that dates could not be compared.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json
    }

    @Argument(help: ArgumentHelp("BASE and HEAD plan files; with --git, the working tree's plan.", valueName: "PLAN"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Compare the working tree's plan with the plan at this git revision.", valueName: "REV"))
    var git: String?

    @Option(help: "Output format.")
    var format: Format = .markdown

    @OptionGroup var status: StatusOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let git {
            if git.isEmpty || git.hasPrefix("-") { throw ValidationError("--git takes a revision such as origin/main or HEAD~1, not '\(git)'") }
            if paths.count > 1 { throw ValidationError("with --git, name at most one plan: the one in the working tree") }
        } else if paths.count != 2 {
            throw ValidationError("give two plans, `planc diff BASE HEAD`, or compare with git: `planc diff --git REV [PLAN]`")
        }
    }

    func run() throws {
        var basePath: String, headPath: String, baseName: String, headName: String
        var snapshot: GitSnapshot?
        if let git {
            do {
                snapshot = try GitSnapshot(revision: git, plan: paths.first)
            } catch let failure as GitSnapshot.Failure {
                Console.error("planc: error: \(failure.message)\n")
                throw ExitCode(2)
            }
            basePath = snapshot!.basePath
            baseName = snapshot!.baseName
            headPath = snapshot!.headPath
            headName = snapshot!.headName
        } else {
            basePath = paths[0]
            baseName = paths[0]
            headPath = paths[1]
            headName = paths[1]
        }
        defer { snapshot?.remove() }

        let base = Compiler.compile(path: basePath, limits: input.limits, asOf: status.statusDate, metricsFiles: status.metrics, resources: resources.options)
        let head = Compiler.compile(path: headPath, limits: input.limits, asOf: status.statusDate, metricsFiles: status.metrics, resources: resources.options)
        try resources.checkTeams(in: head.plan ?? base.plan)
        let writer = DiagnosticTextWriter(color: input.useColor(for: STDERR_FILENO), cap: DiagnosticCap(perFile: input.maxDiagnostics))
        // A side that schedules reports its forecast errors (a missed deadline) in the diff itself;
        // a side that does not gets its diagnostics printed, so the author can fix it.
        for (compilation, name) in [(base, baseName), (head, headName)] where compilation.schedule == nil {
            let diagnostics = compilation.diagnostics.map { snapshot?.rename($0) ?? $0 }
            Console.error(writer.write(diagnostics))
            if compilation.plan != nil {
                Console.error("planc: \(Escape.terminal(name)) has \(compilation.errorCount) error\(compilation.errorCount == 1 ? "" : "s"); its dates cannot be compared\n")
            }
        }
        let unreadable = base.diagnostics.contains { $0.code == SyntaxDiagnostics.unreadableFile.code && status.metrics.contains($0.file) }
        guard !unreadable, let diff = PlanDiff.compare(base: base, head: head, basePath: baseName, headPath: headName) else {
            throw ExitCode(2)
        }
        let whatIf = PlanInput.capacityWhatIf(headPath, assumed: head, input: input, status: status, resources: resources)
        let text: String
        switch format {
        case .markdown: text = DiffMarkdownWriter.write(diff, whatIf: whatIf)
        case .json: text = DiffJSONWriter.write(diff, whatIf: whatIf)
        }
        try outputOptions.emit(text)
        if !diff.datesCompared { throw ExitCode(2) }
    }
}

/// The plan as it was at a git revision: the plan's folder exported with `git archive` into a
/// temporary folder, so that its includes resolve as they were at that revision.
struct GitSnapshot {
    struct Failure: Error {
        let message: String
    }

    /// The plan at the revision (in the temporary folder), and how to name it: `REV:path`.
    let basePath: String
    let baseName: String
    /// The plan in the working tree, as given (or found), and how to name it: as given, or its
    /// path in the repository when it was found under plans/.
    let headPath: String
    let headName: String
    let folder: String
    let revision: String

    init(revision: String, plan: String?) throws {
        let top = Self.git(["rev-parse", "--show-toplevel"], in: nil)
        guard top.status == 0, let root = Self.realPath(top.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(message: "--git needs a git repository: \(top.error.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let headPath = try plan ?? Self.defaultPlan(in: root)
        self.headPath = headPath
        guard let real = Self.realPath(headPath) else { throw Failure(message: "no such file: \(headPath)") }
        guard real.hasPrefix(root + "/") else { throw Failure(message: "\(headPath) is not inside the git repository \(root)") }
        let relative = String(real.dropFirst(root.count + 1))
        headName = plan ?? relative
        let commit = Self.git(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: root)
        guard commit.status == 0 else { throw Failure(message: "'\(revision)' is not a commit in \(root)") }
        let sha = commit.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.git(["cat-file", "-e", "\(sha):\(relative)"], in: root).status == 0 else {
            throw Failure(message: "\(relative) does not exist at \(revision)")
        }
        // Includes never leave the root plan's folder, so that folder is all the revision needs.
        let directory = (relative as NSString).deletingLastPathComponent
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("planc-diff-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(message: "cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        folder = String(cString: created)
        self.revision = revision
        basePath = folder + "/" + relative
        baseName = "\(revision):\(relative)"
        let archive = ["archive", "--format=tar", sha] + (directory.isEmpty ? [] : ["--", directory])
        if let problem = Self.extract(archive, in: root, to: folder) {
            remove()
            throw Failure(message: "cannot read \(relative) at \(revision): \(problem)")
        }
    }

    /// The only root plan under `plans/` at the repository's top.
    static func defaultPlan(in root: String) throws -> String {
        let folder = root + "/plans"
        let found = PlanDiscovery.find([folder])
        guard found.missing.isEmpty, found.plans.count == 1 else {
            let what = found.missing.isEmpty ? "\(found.plans.count) root plans" : "no plans/ folder"
            throw Failure(message: "name the plan to compare: \(root) has \(what) (`planc diff --git REV PLAN`)")
        }
        return found.plans[0]
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Diagnostics name the plan at the revision `REV:path`, not the temporary folder.
    func rename(_ diagnostic: Diagnostic) -> Diagnostic {
        var copy = diagnostic
        let prefix = folder + "/"
        func renamed(_ file: String) -> String { file.hasPrefix(prefix) ? revision + ":" + file.dropFirst(prefix.count) : file }
        copy.file = renamed(copy.file)
        copy.notes = copy.notes.map { note in
            var note = note
            note.file = renamed(note.file)
            return note
        }
        return copy
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func git(_ arguments: [String], in directory: String?) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + (directory.map { ["-C", $0] } ?? []) + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (127, "", "cannot run git: \(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// `git ARGS | tar -x -C folder`; the problem, or nil.
    static func extract(_ arguments: [String], in directory: String, to folder: String) -> String? {
        let git = Process(), tar = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", directory] + arguments
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "-x", "-f", "-", "-C", folder]
        let pipe = Pipe(), gitError = Pipe(), tarError = Pipe()
        git.standardOutput = pipe
        git.standardError = gitError
        tar.standardInput = pipe
        tar.standardError = tarError
        tar.standardOutput = FileHandle.nullDevice
        do {
            try tar.run()
            try git.run()
        } catch {
            return "cannot run git or tar: \(error)"
        }
        // Close this process's copies of the pipe, so that tar sees the end of the archive.
        try? pipe.fileHandleForWriting.close()
        try? pipe.fileHandleForReading.close()
        let gitMessage = gitError.fileHandleForReading.readDataToEndOfFile()
        let tarMessage = tarError.fileHandleForReading.readDataToEndOfFile()
        git.waitUntilExit()
        tar.waitUntilExit()
        if git.terminationStatus != 0 { return String(decoding: gitMessage, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        if tar.terminationStatus != 0 { return String(decoding: tarMessage, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return nil
    }
}
