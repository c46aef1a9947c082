import Foundation
import Testing

/// Runs planc with standard output sent to `stdout` (a file handle of the test's choosing), and
/// kills it if it has not finished in 20 seconds (SIGKILL: it may not see SIGTERM), so that a FIFO
/// that makes planc wait fails the test instead of hanging the suite.
private func runPlanc(_ arguments: [String], in folder: URL, stdout: FileHandle? = nil, stderr: FileHandle? = nil) throws -> Planc.Result {
    let process = Process()
    process.executableURL = Planc.executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe(), err = Pipe()
    process.standardOutput = stdout ?? out
    process.standardError = stderr ?? err
    try process.run()
    let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: watchdog)
    if stdout != nil { try? out.fileHandleForWriting.close() }
    if stderr != nil { try? err.fileHandleForWriting.close() }
    let output = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
    let error = stderr == nil ? err.fileHandleForReading.readDataToEndOfFile() : Data()
    process.waitUntilExit()
    watchdog.cancel()
    return Planc.Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                        stderr: String(decoding: error, as: UTF8.self))
}

private func write(_ text: String, _ path: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: false, encoding: .utf8)
}

private func link(_ path: String, to destination: String, in folder: URL) throws {
    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(path).path, withDestinationPath: destination)
}

private func makeFIFO(_ path: String, in folder: URL) {
    #expect(mkfifo(folder.appendingPathComponent(path).path, 0o644) == 0)
}

/// The file type bits and permissions of `path`, not following a symbolic link.
private func mode(_ path: String, in folder: URL) -> mode_t {
    var info = stat()
    #expect(lstat(folder.appendingPathComponent(path).path, &info) == 0)
    return info.st_mode
}

private func realFolder(_ folder: URL) -> String {
    guard let resolved = realpath(folder.path, nil) else { return folder.path }
    defer { free(resolved) }
    return String(cString: resolved)
}

private let plan = "plan: p\nstart: 2026-12-07\ntasks:\n  - { id: a, title: A, duration: 1d, owner: x }\n"

@Suite struct OutputFileTests {
    @Test func aFIFOAFolderAndADeviceAreRefusedAndLeftAsTheyWere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "plan.yaml", in: folder)
        makeFIFO("out.fifo", in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out.d"), withIntermediateDirectories: false)
        let fifo = try runPlanc(["schedule", "plan.yaml", "--output", "out.fifo"], in: folder)
        #expect(fifo.status == 2)
        #expect(fifo.stderr == "planc: error: cannot write 'out.fifo': it is a FIFO; planc writes only regular files\n")
        #expect(mode("out.fifo", in: folder) & S_IFMT == S_IFIFO)
        let directory = try runPlanc(["check", "plan.yaml", "--output", "out.d"], in: folder)
        #expect(directory.status == 2)
        #expect(directory.stderr == "planc: error: cannot write 'out.d': it is a folder; planc writes only regular files\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out.d").path).isEmpty)
        // Nothing is left behind: no temporary file next to the target.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out.d", "out.fifo", "plan.yaml"])
    }

    /// A node like /dev/null (character device 1,3), made in the test's folder: only root may.
    @Test(.enabled(if: getuid() == 0)) func aCharacterDeviceIsRefusedAndLeftAsItWas() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "plan.yaml", in: folder)
        #expect(mknod(folder.appendingPathComponent("null").path, S_IFCHR | 0o666, (1 << 8) | 3) == 0)
        let result = try runPlanc(["schedule", "plan.yaml", "--output", "null"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "planc: error: cannot write 'null': it is a character device; planc writes only regular files\n")
        #expect(mode("null", in: folder) & S_IFMT == S_IFCHR)
    }

    @Test func aSymbolicLinkIsWrittenThroughAndTheModeIsKept() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "plan.yaml", in: folder)
        try write("old\n", "reports/schedule.txt", in: folder)
        #expect(chmod(folder.appendingPathComponent("reports/schedule.txt").path, 0o640) == 0)
        try link("latest.txt", to: "reports/schedule.txt", in: folder)
        let expected = try runPlanc(["schedule", "plan.yaml"], in: folder)
        let result = try runPlanc(["schedule", "plan.yaml", "--output", "latest.txt"], in: folder)
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(mode("latest.txt", in: folder) & S_IFMT == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("latest.txt").path) == "reports/schedule.txt")
        #expect(try String(contentsOf: folder.appendingPathComponent("reports/schedule.txt"), encoding: .utf8) == expected.stdout)
        #expect(mode("reports/schedule.txt", in: folder) & 0o7777 == 0o640)
        // A new file gets the umask's permissions, not mkstemp's 0600.
        let mask = umask(0o022)
        umask(mask)
        #expect(try runPlanc(["schedule", "plan.yaml", "--output", "new.txt"], in: folder).status == 0)
        #expect(mode("new.txt", in: folder) & 0o7777 == 0o666 & ~mask)
    }

    @Test func theRunsOwnInputsAreNeverOverwritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("plan: p\nstart: 2026-12-07\ninclude: [tasks.yaml]\n", "plan.yaml", in: folder)
        try write("tasks:\n  - { id: a, title: A, duration: 1d, owner: x }\n", "tasks.yaml", in: folder)
        try write("{ \"error_rate_pct\": 0.1 }\n", "metrics.json", in: folder)
        try write(plan, "other.yaml", in: folder)
        try link("alias.yaml", to: "tasks.yaml", in: folder)
        let cases: [([String], String)] = [
            (["check", "plan.yaml", "--output", "plan.yaml"], "plan.yaml"),
            (["schedule", "plan.yaml", "--output", "tasks.yaml"], "tasks.yaml"),
            (["schedule", "plan.yaml", "--output", "alias.yaml"], "alias.yaml"),
            (["schedule", "other.yaml", "--metrics", "metrics.json", "--output", "metrics.json"], "metrics.json"),
            (["diff", "plan.yaml", "other.yaml", "--output", "other.yaml"], "other.yaml"),
        ]
        for (arguments, target) in cases {
            let before = try String(contentsOf: folder.appendingPathComponent(target), encoding: .utf8)
            let result = try runPlanc(arguments, in: folder)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasSuffix("planc: error: cannot write '\(target)': it is one of this run's inputs\n"), "\(arguments): \(result.stderr)")
            #expect(try String(contentsOf: folder.appendingPathComponent(target), encoding: .utf8) == before)
        }
    }

    @Test func aFullStandardOutputExitsTwoWithTheReason() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "plan.yaml", in: folder)
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }
        for arguments in [["schedule", "plan.yaml"], ["check", "plan.yaml"], ["explain", "E111"]] {
            let result = try runPlanc(arguments, in: folder, stdout: full)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == "planc: error: cannot write to standard output: no space left on device\n", "\(arguments)")
        }
        // A full standard error has nowhere to report to: the status still tells (it trapped).
        let missing = try runPlanc(["check", "missing.yaml"], in: folder, stderr: full)
        #expect(missing.status == 2)
    }
}

@Suite struct InputPathTests {
    @Test func aRootPlanThatLinksOutOfItsFolderIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "secret/plan.yaml", in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("repo"), withIntermediateDirectories: false)
        try link("repo/plan.yaml", to: "../secret/plan.yaml", in: folder)
        let real = realFolder(folder)
        let result = try runPlanc(["check", "repo/plan.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == """
        repo/plan.yaml: error[E111]: 'repo/plan.yaml' resolves to '\(real)/secret/plan.yaml', outside the folder it was named in, \(real)/repo
            = help: planc reads only files inside the folder a plan is named in (symbolic links are followed)

        checked 1 plan: 0 tasks, 1 error, 0 warnings
        """ + "\n")
        let schedule = try runPlanc(["schedule", "repo/plan.yaml", "--format", "json"], in: folder)
        #expect(schedule.status == 1 && schedule.stdout.isEmpty)
        #expect(schedule.stderr.hasPrefix("repo/plan.yaml: error[E111]: "))
        // A diff side is a root plan too.
        let diff = try runPlanc(["diff", "secret/plan.yaml", "repo/plan.yaml"], in: folder)
        #expect(diff.status == 2 && diff.stdout.isEmpty)
        #expect(diff.stderr.hasPrefix("repo/plan.yaml: error[E111]: 'repo/plan.yaml' resolves to '\(real)/secret/plan.yaml'"))
    }

    /// The plan at a revision is exported to a temporary folder; a link committed there that
    /// points out of the plan's folder is not followed.
    @Test func aRevisionsPlanThatLinksOutIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "secret.yaml", in: folder)
        let repository = folder.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try link("repo/plans/plan.yaml", to: realFolder(folder) + "/secret.yaml", in: folder)
        let git = ["git", "-c", "user.name=planc test", "-c", "user.email=planc@example.com", "-c", "commit.gpgsign=false"]
        for arguments in [["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "a link out"]] {
            let process = try Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: git + ["-C", repository.path] + arguments)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        try FileManager.default.removeItem(at: repository.appendingPathComponent("plans/plan.yaml"))
        try write(plan, "repo/plans/plan.yaml", in: folder)
        let result = try runPlanc(["diff", "--git", "HEAD", "plans/plan.yaml"], in: repository)
        #expect(result.status == 2 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("HEAD:plans/plan.yaml: error[E111]: "), "\(result.stderr)")
        #expect(result.stderr.contains("resolves to '\(realFolder(folder))/secret.yaml', outside the folder it was named in"))
    }

    @Test func aFolderSearchNeitherFollowsLinksOutNorOpensFIFOs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "outside/secret.yaml", in: folder)
        try write(plan, "outside/deeper/other.yaml", in: folder)
        try write(plan, "plans/a.yaml", in: folder)
        try link("plans/linked.yaml", to: "../outside/secret.yaml", in: folder)
        try write("tasks: []\n", "outside/fragment.yaml", in: folder)
        try link("plans/fragment.yaml", to: "../outside/fragment.yaml", in: folder)
        try link("plans/sub", to: "../outside/deeper", in: folder)
        makeFIFO("plans/pipe.yaml", in: folder)
        let real = realFolder(folder)
        let result = try runPlanc(["check", "--format", "json", "plans"], in: folder)
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?["code"] as? String == "E111")
        #expect(diagnostics.first?["file"] as? String == "plans/linked.yaml")
        #expect(diagnostics.first?["line"] as? Int == 0 && diagnostics.first?["column"] as? Int == 0)
        #expect(diagnostics.first?["message"] as? String == "'plans/linked.yaml' resolves to '\(real)/outside/secret.yaml', outside the folder it was named in, \(real)/plans")
        #expect((object?["summary"] as? [String: Any])?["plans"] as? Int == 2)
    }

    @Test func aFIFOIsRefusedAtOnceWhereverAFileIsRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(plan, "plan.yaml", in: folder)
        try write("plan: p\nstart: 2026-12-07\ninclude: [pipe.yaml]\n", "includes.yaml", in: folder)
        makeFIFO("pipe.yaml", in: folder)
        let fifo = "cannot read 'pipe.yaml': it is a FIFO, not a regular file"
        let root = try runPlanc(["check", "pipe.yaml"], in: folder)
        #expect(root.status == 2)
        #expect(root.stdout.hasPrefix("pipe.yaml: error[E013]: \(fifo)\n"))
        let include = try runPlanc(["check", "includes.yaml"], in: folder)
        #expect(include.status == 1)
        #expect(include.stdout.hasPrefix("pipe.yaml: error[E013]: \(fifo)\n"))
        let metrics = try runPlanc(["gate", "plan.yaml", "--metrics", "pipe.yaml"], in: folder)
        #expect(metrics.status == 2)
        #expect(metrics.stderr.hasPrefix("pipe.yaml: error[E013]: \(fifo)\n"))
        let diff = try runPlanc(["diff", "plan.yaml", "pipe.yaml"], in: folder)
        #expect(diff.status == 2)
        #expect(diff.stderr.hasPrefix("pipe.yaml: error[E013]: \(fifo)\n"))
        let baseline = try runPlanc(["report", "plan.yaml", "--baseline", "pipe.yaml"], in: folder)
        #expect(baseline.status == 2)
        #expect(baseline.stderr == "planc: error: --baseline pipe.yaml: \(fifo)\n")
    }

    @Test func includeGlobsListNothingOutsideThePlansFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write("plan: p\nstart: 2026-12-07\ninclude: [\"../../*\", \"/etc/*\", \"/proc/*/environ\", \"sub/../../*\", \"links/*\", \"etc/*\"]\n",
                  "plan/plan.yaml", in: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plan/links"), withIntermediateDirectories: false)
        for index in 1...5 { try link("plan/links/\(index).yaml", to: "/etc/passwd", in: folder) }
        try link("plan/etc", to: "/etc", in: folder)
        let result = try runPlanc(["check", "--format", "json", "plan/plan.yaml"], in: folder)
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        let positions = diagnostics.map { "\($0["line"] ?? ""):\($0["column"] ?? "") \($0["code"] ?? "")" }
        // One E111 per entry, at most 3 for the glob of 5 links, and the rest counted in a note.
        #expect(positions == ["3:11 E111", "3:22 E111", "3:32 E111", "3:51 E111", "3:66 E111", "3:66 E111", "3:66 E111", "3:77 E111"])
        let notes = diagnostics.compactMap { $0["notes"] as? [[String: Any]] }.flatMap { $0 }
        #expect(notes.map { $0["message"] as? String } == ["2 more matches resolve outside the plan's folder, not reported"])
        #expect(diagnostics.last?["message"] as? String == "include 'etc/*' matches 'etc', which resolves to '/etc', outside the plan's folder \(realFolder(folder))/plan")
    }
}
