import Foundation
import Testing

/// Runs the built `planc` binary, as a user or CI would.
struct Planc {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits next to the test bundle in the build products folder.
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [Bundle.main.bundleURL, folder] {
            let url = candidate.appendingPathComponent("planc")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        while folder.path != "/" {
            let url = folder.appendingPathComponent("planc")
            if FileManager.default.isExecutableFile(atPath: url.path), !url.hasDirectoryPath { return url }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: "planc")
    }()

    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL = repository) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        env.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

func temporaryFolder() throws -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("planc-cli-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct CheckCommandTests {
    @Test func examplePlanChecksClean() throws {
        let result = try Planc.run(["check", "plans/perp-v2-launch.yaml"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("checked 1 plan: "))
        #expect(result.stdout.hasSuffix(" tasks, 0 errors, 0 warnings\n"))
    }

    @Test func folderIsSearchedForRootPlans() throws {
        let result = try Planc.run(["check", "plans"])
        #expect(result.status == 0)
        // plans/portfolio/ is one portfolio of two plans: its two shared-team W501s come once.
        #expect(result.stdout.contains("\nchecked 4 plans: 115 tasks, 0 errors, 4 warnings\n"))
    }

    @Test func brokenPlanExitsOneWithLocatedDiagnostics() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "plan: p\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 1d, owner: x, after: [b] }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["check", "plan.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == """
        plan.yaml:4:46: error[E104]: task 'a' depends on unknown id 'b'
          4 |   - { id: a, duration: 1d, owner: x, after: [b] }
            |                                              ^
            = help: define it, or check the spelling against the plan's ids

        checked 1 plan: 1 task, 1 error, 0 warnings
        deadlines, events and gates were not checked: fix the error above first
        """ + "\n")
    }

    @Test func missingPathOrNoPlansExitTwo() throws {
        let missing = try Planc.run(["check", "no-such-plan.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "planc: error: no such file or folder: no-such-plan.yaml\n")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try Planc.run(["check", folder.path])
        #expect(empty.status == 2)
        let usage = try Planc.run(["check", "--format", "xml", "plans"])
        #expect(usage.status == 64 || usage.status == 2)
    }

    @Test func machineFormats() throws {
        let json = try Planc.run(["check", "--format", "json", "plans/perp-v2-launch.yaml"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["diagnostics"] as? [Any])?.isEmpty == true)
        let sarif = try Planc.run(["check", "--format", "sarif", "plans/perp-v2-launch.yaml"])
        let sarifObject = try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any]
        #expect(sarifObject?["version"] as? String == "2.1.0")
        let github = try Planc.run(["check", "--format", "github", "plans/perp-v2-launch.yaml"])
        #expect(github.status == 0 && github.stdout.isEmpty)
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "plan: p\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 1d }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        #expect(try Planc.run(["check", "plan.yaml"], in: folder).status == 0)
        #expect(try Planc.run(["check", "--strict", "plan.yaml"], in: folder).status == 1)
    }

    @Test func outputFileIsWrittenAndNoColourWithoutATerminal() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("report.json")
        try "old".write(to: target, atomically: true, encoding: .utf8)
        let result = try Planc.run(["check", "--format", "json", "--output", target.path, "plans/perp-v2-launch.yaml"])
        #expect(result.status == 0 && result.stdout.isEmpty)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("{\"diagnostics\":[]"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "report.json" }
        #expect(leftovers.isEmpty)
        let unwritable = try Planc.run(["check", "--output", "/nonexistent-dir/x.txt", "plans"])
        #expect(unwritable.status != 0)
        #expect(unwritable.stderr.contains("cannot write '/nonexistent-dir/x.txt'"))
    }

    @Test func outputIsDeterministic() throws {
        let first = try Planc.run(["check", "--format", "sarif", "plans/perp-v2-launch.yaml"])
        let second = try Planc.run(["check", "--format", "sarif", "plans/perp-v2-launch.yaml"])
        #expect(first.stdout == second.stdout)
    }
}

@Suite struct ExplainCommandTests {
    @Test func explainsACodeByCodeOrName() throws {
        let byCode = try Planc.run(["explain", "E104"])
        #expect(byCode.status == 0)
        #expect(byCode.stdout.hasPrefix("E104 unknown-reference (error, configurable)\n"))
        #expect(byCode.stdout.contains("after: [↓risk-slipage]"))
        let byName = try Planc.run(["explain", "unknown-reference"])
        #expect(byName.stdout == byCode.stdout)
    }

    @Test func unknownCodeExitsTwoWithASuggestion() throws {
        let result = try Planc.run(["explain", "E1044"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown diagnostic code 'E1044' (did you mean 'E104'?)"))
    }

    @Test func listNamesEveryCode() throws {
        let result = try Planc.run(["explain", "--list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("E201  dependency-cycle"))
        #expect(result.stdout.contains("W301  missing-owner"))
    }
}

@Suite struct ScheduleCommandTests {
    @Test func schedulesTheExamplePlanInEveryFormat() throws {
        for format in ["table", "markdown", "json", "csv", "ics", "mermaid"] {
            let result = try Planc.run(["schedule", "--format", format, "plans/perp-v2-launch.yaml"])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
            #expect(result.stderr.isEmpty)
        }
        let json = try Planc.run(["schedule", "--format", "json", "plans/perp-v2-launch.yaml"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["plan"] as? String == "perp-v2")
        #expect(object?["as_of"] as? String == "2027-03-07")
    }

    @Test func asOfOverridesTheStatusDate() throws {
        // A week on with no progress recorded, the go-live review has slipped past its deadline:
        // the schedule is still printed, the error explains it, and the exit status is 1.
        let result = try Planc.run(["schedule", "--format", "json", "--as-of", "2027-03-15", "plans/perp-v2-launch.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[E301]: gate 'go-live' misses its deadline 2027-03-12: forecast 2027-03-16, 2 working days late"))
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["as_of"] as? String == "2027-03-15")
        // A status date before recorded actual dates is an error in the plan: no schedule at all.
        let before = try Planc.run(["schedule", "--as-of", "2027-01-20", "plans/perp-v2-launch.yaml"])
        #expect(before.status == 1 && before.stdout.isEmpty)
        #expect(before.stderr.contains("error[E302]"))
        let bad = try Planc.run(["schedule", "--as-of", "20/01/2027", "plans/perp-v2-launch.yaml"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--as-of takes a date like 2027-01-15"))
    }

    @Test func brokenPlanPrintsDiagnosticsAndNoSchedule() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "plan: p\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 1d, owner: x, after: [a] }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["schedule", "plan.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("plan.yaml:4:46: error[E202]: 'a' depends on itself\n"))
        #expect(result.stderr.hasSuffix("planc: plan.yaml has 1 error; no schedule\n"))
        let missing = try Planc.run(["schedule", "missing.yaml"], in: folder)
        #expect(missing.status == 2)
    }

    @Test func taskAndDependencyLimitsAreOptionsAndStopTheCompilation() throws {
        let example = "plans/perp-v2-launch.yaml"
        let tasks = try Planc.run(["schedule", "--max-tasks", "10", example])
        #expect(tasks.status == 1)
        #expect(tasks.stdout.isEmpty)
        #expect(tasks.stderr.contains("error[E114]: the plan has more than 10 tasks, milestones and gates, the limit; planc stops reading here"))
        #expect(tasks.stderr.hasSuffix("planc: \(example) has 1 error; no schedule\n"))
        let dependencies = try Planc.run(["check", "--max-dependencies", "5", example])
        #expect(dependencies.status == 1)
        #expect(dependencies.stdout.contains("plans/perp-v2-launch.yaml:82:21: error[E115]: the plan has more than 5 dependencies"))
        // The defaults leave the example plan alone, and a limit of zero is a usage error.
        #expect(try Planc.run(["check", "--max-tasks", "200", "--max-dependencies", "400", example]).status == 0)
        #expect(try Planc.run(["check", "--max-tasks", "0", example]).status == 2)
        let unknownOption = try Planc.run(["check", "--no-such-option", example])
        #expect(unknownOption.status == 2)
        #expect(unknownOption.stderr.contains("Unknown option '--no-such-option'"))
    }

    @Test func outputIsWrittenAtomicallyAndIsByteIdentical() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("plan.ics").path
        for _ in 0..<2 {
            #expect(try Planc.run(["schedule", "--format", "ics", "--output", target, "plans/perp-v2-launch.yaml"]).status == 0)
        }
        let first = try String(contentsOfFile: target, encoding: .utf8)
        let again = try Planc.run(["schedule", "--format", "ics", "plans/perp-v2-launch.yaml"])
        #expect(first == again.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["plan.ics"])
        // A failed run leaves the existing file untouched.
        #expect(try Planc.run(["schedule", "--format", "ics", "--output", target, "missing.yaml"]).status == 2)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == first)
    }
}

@Suite struct GateCommandTests {
    static let passing = "plans/metrics/perp-v2-2027-03-08.yaml"
    static let weekEarlier = "plans/metrics/perp-v2-2027-03-01.json"

    @Test func goLivePassesWithTheLaunchDayMetrics() throws {
        let result = try Planc.run(["gate", "plans/perp-v2-launch.yaml", "go-live", "--metrics", Self.passing])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("GO: go-live — Go/No-Go for official launch (2027-03-08)\n  all 9 criteria pass\n"))
    }

    @Test func goLiveFailsWithTheMetricsOfAWeekEarlier() throws {
        let result = try Planc.run(["gate", "plans/perp-v2-launch.yaml", "go-live", "--metrics", Self.weekEarlier])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "NO-GO: go-live — Go/No-Go for official launch (2027-03-08)")
        #expect(lines[1] == "  3 of 9 criteria failed: stability, risk-params, liquidity")
        #expect(lines[2] == "  ✗ FAIL    stability      Error rate during grayscale soak: stability.error_rate_pct is 0.34, needs ≤ 0.1")
    }

    @Test func missingMetricsAreNoGo() throws {
        let result = try Planc.run(["gate", "plans/perp-v2-launch.yaml", "go-live", "--format", "json"])
        #expect(result.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let gate = try #require((object?["gates"] as? [[String: Any]])?.first)
        #expect(gate["verdict"] as? String == "NO-GO")
        let criteria = try #require(gate["criteria"] as? [[String: Any]])
        #expect(criteria.first?["status"] as? String == "MISSING")
        #expect(criteria.first?["actual"] is NSNull)
        #expect(criteria.first?["target"] as? String == "≤ 0.1")
    }

    @Test func conditionalGoExitsZeroUnlessStrict() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        plan: p
        start: 2027-03-01
        as_of: 2027-03-03
        rules: { W301: off }
        tasks:
          - { id: drill, duration: 5d }
        gates:
          - id: go-live
            criteria:
              - { id: drills, done: [drill] }
            waivers:
              - { criterion: drills, approved_by: CTO, reason: Drill runs in hypercare week, expires: 2027-03-10 }
        """.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["gate", "plan.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("CONDITIONAL GO: go-live (2027-03-04)\n  every criterion passes except 1 waived: drills\n"))
        #expect(try Planc.run(["gate", "--strict", "plan.yaml"], in: folder).status == 1)
        let expired = try Planc.run(["gate", "--as-of", "2027-03-11", "plan.yaml"], in: folder)
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("the waiver by CTO expired on 2027-03-10"))
    }

    @Test func unknownGateBrokenPlanAndUnreadableMetricsExitTwo() throws {
        let unknown = try Planc.run(["gate", "plans/perp-v2-launch.yaml", "go-lve"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'go-lve' is not a gate of plans/perp-v2-launch.yaml (did you mean 'go-live'?)"))
        let metrics = try Planc.run(["gate", "plans/perp-v2-launch.yaml", "--metrics", "nope.json"])
        #expect(metrics.status == 2)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "plan: p\nstart: 2027-03-01\ngates:\n  - { id: g, after: [missing], criteria: [{ id: c, signoff: qa }] }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let broken = try Planc.run(["gate", "plan.yaml"], in: folder)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasSuffix("planc: plan.yaml has 1 error; no verdict\n"))
    }

    @Test func junitAndMarkdownFormats() throws {
        let junit = try Planc.run(["gate", "plans/perp-v2-launch.yaml", "--format", "junit", "--metrics", Self.weekEarlier])
        #expect(junit.status == 1)
        #expect(junit.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"planc gates: perp-v2\" tests=\"15\" failures=\"3\" errors=\"0\">\n"))
        #expect(junit.stdout.contains("<failure type=\"FAIL\" message=\"stability.error_rate_pct is 0.34, needs ≤ 0.1\">"))
        let markdown = try Planc.run(["gate", "plans/perp-v2-launch.yaml", "go-live", "--format", "markdown", "--metrics", Self.passing])
        #expect(markdown.stdout.hasPrefix("### go-live — Go/No-Go for official launch: **GO**\n"))
    }
}

@Suite struct WhatIfCommandTests {
    @Test func assumingARiskShowsTheSlip() throws {
        let base = try Planc.run(["schedule", "--format", "json", "plans/perp-v2-launch.yaml"])
        let whatIf = try Planc.run(["schedule", "--format", "json", "--assume-risk", "regulatory-notice", "plans/perp-v2-launch.yaml"])
        #expect(whatIf.status == 0 || whatIf.status == 1)
        func finish(_ json: String, _ id: String) throws -> String? {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return (object?["tasks"] as? [[String: Any]])?.first { $0["id"] as? String == id }?["finish"] as? String
        }
        // legal-review is done, so the 10-day delay on what it affects lands on the launch announcement only.
        #expect(try finish(base.stdout, "launch") == "2027-03-08")
        let object = try JSONSerialization.jsonObject(with: Data(whatIf.stdout.utf8)) as? [String: Any]
        #expect(object?["assumed_risks"] as? [String] == ["regulatory-notice"])
        let unknown = try Planc.run(["schedule", "--assume-risk", "rebate-exploi", "plans/perp-v2-launch.yaml"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no risk 'rebate-exploi'; did you mean 'rebate-exploit'?"))
        let noDelay = try Planc.run(["schedule", "--assume-risk", "rebate-exploit", "plans/perp-v2-launch.yaml"])
        #expect(noDelay.status == 2)
        #expect(noDelay.stderr.contains("risk 'rebate-exploit' has no `delay:`"))
    }

    @Test func aThreePointDelayIsAssumedAtItsLikelyValueAndSaysSo() throws {
        let result = try Planc.run(["schedule", "--assume-risk", "vendor-late", "Tests/Golden/forecast.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "planc: note: --assume-risk vendor-late: its delay is a three-point estimate; assuming its likely value, 4d\n")
        #expect(result.stdout.contains("assuming risk vendor-late occurs"))
    }
}

@Suite struct GitHubSummaryTests {
    @Test func githubFormatAppendsAStepSummary() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = folder.appendingPathComponent("summary.md")
        try "earlier step\n".write(to: summary, atomically: true, encoding: .utf8)
        let result = try Planc.run(["check", "--format", "github", "Tests/Golden/broken-plan.yaml"],
                                   environment: ["GITHUB_STEP_SUMMARY": summary.path])
        #expect(result.status == 1)
        let text = try String(contentsOf: summary, encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n### ❌ planc check\n\nChecked 1 plan: 4 tasks, 5 errors, 1 warning\n"))
        #expect(text.contains("| ❌ | `Tests/Golden/broken-plan.yaml:12:40` | E107 | owner 'risc' is not a declared team — did you mean 'risk'? |"))
    }
}

@Suite struct ReportCommandTests {
    @Test func planTextCannotInjectEmailHeaders() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "plan: p\ntitle: \"Launch\\r\\nBcc: attacker@evil.example\"\nstart: 2027-03-01\nrules: { W301: off }\ntasks:\n  - { id: a, title: \"<script>alert(1)</script>\", duration: 2d }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["report", "plan.yaml", "--format", "email", "--from", "pmo@exchange.example", "--to", "a@exchange.example"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let headers = try #require(result.stdout.components(separatedBy: "\r\n\r\n").first).components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.lowercased().hasPrefix("bcc:") })
        // The text/plain part says the title as text; the HTML part escapes it.
        let htmlPart = try #require(result.stdout.components(separatedBy: "Content-Type: text/html").last)
        #expect(!htmlPart.contains("<script>"))
        let html = try Planc.run(["report", "plan.yaml", "--format", "html"], in: folder)
        #expect(!html.stdout.contains("<script"))
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func emailNeedsAddressesAndRejectsBadOnes() throws {
        let missing = try Planc.run(["report", "plans/perp-v2-launch.yaml", "--format", "email"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--format email needs --from ADDR and --to ADDR..."))
        let bad = try Planc.run(["report", "plans/perp-v2-launch.yaml", "--format", "email", "--from", "pmo", "--to", "a@exchange.example"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'pmo' is not an email address"))
        let stray = try Planc.run(["report", "plans/perp-v2-launch.yaml", "--to", "a@exchange.example"])
        #expect(stray.status == 2)
    }

    @Test func baselineShowsSlips() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = folder.appendingPathComponent("baseline.json")
        let saved = try Planc.run(["schedule", "--format", "json", "--output", baseline.path, "plans/perp-v2-launch.yaml"])
        #expect(saved.status == 0)
        // Pretend the launch was baselined one working day earlier.
        var text = try String(contentsOf: baseline, encoding: .utf8)
        text = text.replacingOccurrences(of: #""id":"launch","title":"Perpetual Futures V2 officially launched","start":"2027-03-08","finish":"2027-03-08""#,
                                         with: #""id":"launch","title":"Perpetual Futures V2 officially launched","start":"2027-03-05","finish":"2027-03-05""#)
        try text.write(to: baseline, atomically: true, encoding: .utf8)
        let report = try Planc.run(["report", "plans/perp-v2-launch.yaml", "--baseline", baseline.path])
        #expect(report.status == 0)
        #expect(report.stdout.contains("| ● | Perpetual Futures V2 officially launched | 2027-03-08 | 2027-03-05 | +1 | 2027-03-15 | 5 | — |"))
        #expect(report.stdout.contains("## Changes since the baseline"))
        let broken = try Planc.run(["report", "plans/perp-v2-launch.yaml", "--baseline", "plans/README.md"])
        #expect(broken.status == 2)
    }
}

@Suite struct ReportExitStatusTests {
    static let plan = "plans/perp-v2-launch.yaml"
    static let weekEarlier = "plans/metrics/perp-v2-2027-03-01.json"
    static let passing = "plans/metrics/perp-v2-2027-03-08.yaml"

    @Test func aWrittenReportExitsZeroWhateverItsColour() throws {
        let red = try Planc.run(["report", Self.plan, "--metrics", Self.weekEarlier])
        #expect(red.status == 0, "\(red.stderr)")
        #expect(red.stdout.contains("**Status: 🔴 RED**\n\n- gate 'go-live' (2027-03-08) is forecast NO-GO: 3 of 9 criteria fail (stability, risk-params, liquidity)\n"))
        #expect(red.stdout.contains("  - FAIL **stability** — Error rate during grayscale soak: stability.error\\_rate\\_pct is 0.34, needs ≤ 0.1\n"))
        let amber = try Planc.run(["report", Self.plan])
        #expect(amber.status == 0)
        #expect(amber.stdout.contains("**Status: 🟠 AMBER**"))
    }

    @Test(arguments: [
        (weekEarlier, "red", Int32(1)), (weekEarlier, "amber", 1),
        ("", "red", 0), ("", "amber", 1),
        (passing, "red", 0), (passing, "amber", 0),
    ])
    func failOnTurnsTheColourIntoAnExitStatus(metrics: String, colour: String, expected: Int32) throws {
        let result = try Planc.run(["report", Self.plan, "--fail-on", colour] + (metrics.isEmpty ? [] : ["--metrics", metrics]))
        #expect(result.status == expected, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# Perpetual Futures V2 launch"))
    }

    @Test func aMissedDeadlineStillGetsItsReport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "plan: p\nstart: 2027-03-01\nas_of: 2027-02-26\ntasks:\n  - { id: build, duration: 10d, owner: eng }\n  - { id: launch, milestone: true, after: [build], deadline: 2027-03-10 }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run(["report", "plan.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("- 'launch' is forecast 2 working days past its deadline 2027-03-10\n"))
        #expect(try Planc.run(["report", "plan.yaml", "--fail-on", "red"], in: folder).status == 1)
        // The email leaves the findings to `planc check` but says there are errors, in both parts.
        let mail = try Planc.run(["report", "plan.yaml", "--format", "email", "--from", "pmo@exchange.example", "--to", "a@exchange.example"], in: folder)
        #expect(mail.status == 0)
        let parts = decodeQuotedPrintable(mail.stdout)
        #expect(parts.contains("\nThe plan has 1 error for its authors to fix (planc check lists them).\n"))
        #expect(parts.contains("<p class=\"key\">The plan has 1 error for its authors to fix (<code>planc check</code> lists them).</p>"))
        #expect(!parts.contains("E301"))
        // A plan that cannot be scheduled gets no report at all.
        try "plan: p\nstart: 2027-03-01\ntasks:\n  - { id: a, duration: 1d, after: [b] }\n  - { id: b, duration: 1d, after: [a] }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let cycle = try Planc.run(["report", "plan.yaml"], in: folder)
        #expect(cycle.status == 1 && cycle.stdout.isEmpty)
    }

    @Test func theHorizonDecidesWhichGatesCount() throws {
        let near = try Planc.run(["report", Self.plan, "--metrics", Self.weekEarlier, "--horizon", "0"])
        #expect(near.status == 0)
        #expect(near.stdout.contains("| ◆ Go/No-Go for official launch | 2027-03-08 | — | — | 2027-03-12 | 4 | not yet due |"), "\(near.stdout.prefix(2000))")
        #expect(near.stdout.contains("(go-live, 2027-03-08, deadline 2027-03-12): not yet due: 3 of 9 criteria still open\n"))
        #expect(!near.stdout.contains("NO-GO") && near.stdout.contains("**Status: 🟢 GREEN**"))
        let bad = try Planc.run(["report", Self.plan, "--horizon", "-1"])
        #expect(bad.status == 2)
    }

    static func emailArguments(_ extra: [String]) -> [String] {
        ["report", plan, "--format", "email", "--from", "pmo@exchange.example", "--to", "a@exchange.example", "--metrics", weekEarlier] + extra
    }

    @Test func theEmailIsDatedWhenItIsWrittenUnlessPinned() throws {
        let pinned = try Planc.run(Self.emailArguments(["--date", "2027-03-08T07:30:00+01:00"]))
        #expect(pinned.status == 0)
        #expect(pinned.stdout.contains("\r\nDate: Mon, 08 Mar 2027 07:30:00 +0100\r\n"))
        let now = try Planc.run(Self.emailArguments([]))
        let header = try #require(now.stdout.components(separatedBy: "\r\n").first { $0.hasPrefix("Date: ") })
        // Written today (or just before midnight), never on the plan's status date.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd MMM yyyy"
        let today = formatter.string(from: Date()), yesterday = formatter.string(from: Date().addingTimeInterval(-86_400))
        #expect(header.contains(today) || header.contains(yesterday), "\(header)")
        #expect(header.hasSuffix(" +0000"))
        let bad = try Planc.run(Self.emailArguments(["--date", "Sunday"]))
        #expect(bad.status == 2 && bad.stderr.contains("--date takes a time like 2027-03-07T08:00:00Z"))
        #expect(try Planc.run(["report", Self.plan, "--date", "2027-03-07"]).status == 2)
    }

    @Test func thePlainTextPartIsPlainText() throws {
        let result = try Planc.run(Self.emailArguments(["--date", "2027-03-07T08:00:00Z"]))
        let parts = result.stdout.components(separatedBy: "Content-Type: text/")
        let plain = decodeQuotedPrintable(try #require(parts.dropFirst().first { $0.hasPrefix("plain") }))
        #expect(plain.contains("STATUS: RED\n  * gate 'go-live' (2027-03-08) is forecast NO-GO: 3 of 9 criteria fail (stability, risk-params, liquidity)\n"))
        #expect(plain.contains("  * FAIL stability: Error rate during grayscale soak: stability.error_rate_pct is 0.34, needs ≤ 0.1\n"))
        for markup in ["```", "mermaid", "gantt", "\\_", "**", "| --- |", "|---", "warning[", "error["] {
            #expect(!plain.contains(markup), "\(markup)")
        }
        // The plan's findings are for its authors: in the Markdown report, not in the email.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "plan: p\nstart: 2027-03-01\ntasks:\n  - { id: build_it, title: \"Build *it* `now`\", duration: 2d }\n"
            .write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let markdown = try Planc.run(["report", "plan.yaml"], in: folder)
        #expect(markdown.stdout.contains("## Plan findings\n\n- warning\\[W301\\]"))
        let mail = try Planc.run(["report", "plan.yaml", "--format", "email", "--from", "pmo@exchange.example", "--to", "a@exchange.example"], in: folder)
        #expect(mail.status == 0)
        #expect(!mail.stdout.contains("W301") && !mail.stdout.contains("Plan findings"))
        let text = decodeQuotedPrintable(try #require(mail.stdout.components(separatedBy: "Content-Type: text/").dropFirst().first))
        #expect(text.contains("  2027-03-01 – 2027-03-02  Build *it* `now`\n"))
    }
}

/// Quoted-printable (RFC 2045) back to text, line breaks as LF.
private func decodeQuotedPrintable(_ text: String) -> String {
    var bytes: [UInt8] = []
    let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "\r\n", with: "\n").utf8)
    var index = 0
    while index < source.count {
        if source[index] == UInt8(ascii: "="), index + 2 < source.count,
           let byte = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16) {
            bytes.append(byte)
            index += 3
        } else {
            bytes.append(source[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// `--load` and `--capacity` on the commands (the values they print are tested on the writers).
@Suite struct LoadOptionTests {
    static let plan = "Tests/Golden/levelling.yaml"

    @Test func loadGoesWithCSVOnly() throws {
        let refused = try Planc.run(["schedule", "--load", Self.plan])
        #expect(refused.status == 64 || refused.status == 2)
        #expect(refused.stderr.contains("--load goes with --format csv"))
        let csv = try Planc.run(["schedule", "--format", "csv", "--load", Self.plan])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("team,from,to,units,capacity,over\r\n"))
    }

    @Test func capacityShowsWhatItBuysOnScheduleReportAndDiff() throws {
        let schedule = try Planc.run(["schedule", "--capacity", "qa=4", Self.plan])
        #expect(schedule.status == 0)
        #expect(schedule.stdout.contains("\nwhat if: with qa=4 (plan: 2): finish "))
        let report = try Planc.run(["report", "--capacity", "qa=4", Self.plan])
        #expect(report.stdout.contains("\n**What if:** with qa=4 (plan: 2): finish "))
        let diff = try Planc.run(["diff", "--capacity", "qa=4", Self.plan, Self.plan])
        #expect(diff.stdout.contains("What if, on the head: with qa=4 (plan: 2): finish "))
        let plain = try Planc.run(["schedule", Self.plan])
        #expect(!plain.stdout.contains("what if"))
    }
}
