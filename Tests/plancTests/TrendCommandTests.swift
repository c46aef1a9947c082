import Foundation
import Testing

/// A git repository with a plan's history, built by the test with fixed names and dates so that
/// every commit id, and so every output, is the same on any machine.
enum TrendRepository {
    static let planPath = "plans/launch.yaml"

    /// git with no user or system configuration, fixed identities and the given dates.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL, date: String = "2027-01-04T09:00:00Z") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_AUTHOR_NAME"] = "Pat PMO"
        environment["GIT_AUTHOR_EMAIL"] = "pmo@exchange.example"
        environment["GIT_COMMITTER_NAME"] = "Pat PMO"
        environment["GIT_COMMITTER_EMAIL"] = "pmo@exchange.example"
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TrendFixtureError(message: "git \(arguments.joined(separator: " ")): \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    struct TrendFixtureError: Error {
        let message: String
    }

    static func write(_ text: String, to path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    static func commit(_ subject: String, date: String, in folder: URL) throws {
        try git(["add", "-A"], in: folder, date: date)
        try git(["commit", "-q", "--no-gpg-sign", "-m", subject], in: folder, date: date)
    }

    static func plan(build: String = "10d", after: String = "design", asOf: String? = nil) -> String {
        """
        plan: launch-plan
        title: Launch plan
        start: 2027-03-01
        \(asOf.map { "as_of: \($0)\n" } ?? "")include: [teams/*.yaml]
        teams:
          eng: { name: Engineering }
        tasks:
          - { id: design, title: Design, owner: eng, duration: 5d }
          - { id: build, title: Build, owner: eng, duration: \(build), after: [\(after)] }
          - { id: beta, title: Beta opens, milestone: true, after: [build] }
          - { id: launch, title: Public launch, milestone: true, after: [qa], deadline: 2027-04-09 }

        """
    }

    static func qa(_ duration: String) -> String {
        """
        teams:
          qa: { name: QA }
        tasks:
          - { id: qa, title: Regression, owner: qa, duration: \(duration), after: [build] }

        """
    }

    /// The hostile subject of the fourth commit: markup, a table pipe, a workflow command and ESC.
    static let hostileSubject = "QA needs 8d <b>bold</b> | `tick` ::error::boom \u{1B}[31mred"

    /// Six commits: the plan; build 10d → 15d (launch +5); a README only; the included QA
    /// fragment 5d → 8d (launch +3); a typo that breaks the plan; fixed, with a status date that
    /// pushes the unstarted work (launch +8, now past its deadline).
    static let folder: URL = {
        do {
            let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("planc-trend-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try git(["init", "-q", "-b", "main"], in: folder)
            try write(plan(), to: planPath, in: folder)
            try write(qa("5d"), to: "plans/teams/qa.yaml", in: folder)
            try commit("Launch plan", date: "2027-01-04T09:00:00Z", in: folder)
            try write(plan(build: "15d"), to: planPath, in: folder)
            try commit("Build takes three weeks", date: "2027-01-11T09:00:00Z", in: folder)
            try write("Plans.\n", to: "plans/README.md", in: folder)
            try commit("Explain the folder", date: "2027-01-13T09:00:00Z", in: folder)
            try write(qa("8d"), to: "plans/teams/qa.yaml", in: folder)
            try commit(hostileSubject, date: "2027-01-18T09:00:00Z", in: folder)
            try write(plan(build: "15d", after: "desing"), to: planPath, in: folder)
            try commit("Rename design", date: "2027-01-25T09:00:00Z", in: folder)
            try write(plan(build: "15d", asOf: "2027-03-10"), to: planPath, in: folder)
            try commit("Status as of 10 March", date: "2027-02-01T09:00:00Z", in: folder)
            return folder
        } catch {
            fatalError("cannot build the trend repository: \(error)")
        }
    }()

    static func planc(_ arguments: [String], environment: [String: String] = [:], in directory: URL = folder) throws -> Planc.Result {
        try Planc.run(arguments, environment: environment, in: directory)
    }
}

@Suite struct TrendCommandTests {
    static let golden = Planc.repository.appendingPathComponent("Tests/Golden")

    static let cases: [(name: String, format: String)] = [
        ("trend.txt", "text"), ("trend.md", "markdown"), ("trend.json", "json"), ("trend.csv", "csv"), ("trend.html", "html"),
    ]

    @Test(arguments: cases.map(\.name))
    func outputMatchesItsGoldenFile(name: String) throws {
        let format = try #require(Self.cases.first { $0.name == name }).format
        let result = try TrendRepository.planc(["trend", "--format", format, TrendRepository.planPath])
        #expect(result.status == 0, "\(result.stderr)")
        let url = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PLANC_RECORD_GOLDEN"] == "1" {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(result.stdout == expected, "\(name) differs from Tests/Golden/\(name); re-record with PLANC_RECORD_GOLDEN=1 swift test")
    }

    struct Document: Decodable {
        struct Commit: Decodable {
            var short: String
            var subject: String
            var status_date: String
            var scheduled: Bool
            var error: String?
        }

        struct Point: Decodable {
            var commit: String
            var forecast: String
        }

        struct Milestone: Decodable {
            var id: String
            var points: [Point]
        }

        struct Cause: Decodable {
            var kind: String
            var task: String?
            var field: String?
            var base: String?
            var head: String?
        }

        struct Slip: Decodable {
            var id: String
            var commit: String
            var from: String
            var to: String
            var working_days: Int
            var causes: [Cause]
        }

        var shallow: Bool
        var truncated: Bool
        var unchanged_commits: Int
        var commits: [Commit]
        var milestones: [Milestone]
        var slips: [Slip]
    }

    static func document(_ arguments: [String] = [], environment: [String: String] = [:], in folder: URL = TrendRepository.folder) throws -> (Document, Planc.Result) {
        let result = try TrendRepository.planc(["trend", "--format", "json"] + arguments + [TrendRepository.planPath], environment: environment, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8)), result)
    }

    @Test func eachCommitIsTheScheduleOfThatRevision() throws {
        let (trend, _) = try Self.document()
        #expect(trend.commits.map(\.subject) == ["Launch plan", "Build takes three weeks", TrendRepository.hostileSubject,
                                                 "Rename design", "Status as of 10 March"])
        #expect(trend.unchanged_commits == 1)
        #expect(trend.commits.map(\.status_date) == ["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25", "2027-03-10"])
        let launch = try #require(trend.milestones.first { $0.id == "launch" })
        #expect(launch.points.map(\.forecast) == ["2027-03-26", "2027-04-02", "2027-04-07", "2027-04-19"])
        let beta = try #require(trend.milestones.first { $0.id == "beta" })
        #expect(beta.points.map(\.forecast) == ["2027-03-19", "2027-03-26", "2027-03-26", "2027-04-07"])
        // The broken commit is listed with its first error, not skipped.
        let broken = trend.commits[3]
        #expect(!broken.scheduled)
        #expect(broken.error == "plans/launch.yaml:9:67: error[E104]: task 'build' depends on unknown id 'desing'")
    }

    @Test func eachSlipNamesTheCommitAndTheChangeOnTheDrivingChain() throws {
        let (trend, _) = try Self.document()
        let launch = trend.slips.filter { $0.id == "launch" }
        #expect(launch.map(\.working_days) == [5, 3, 8])
        #expect(launch.map(\.from) == ["2027-03-26", "2027-04-02", "2027-04-07"])
        let first = try #require(launch.first?.causes.first)
        #expect((first.kind, first.task, first.field, first.base, first.head) == ("changed", "build", "duration", "10d", "15d"))
        // A change in an included fragment is found the same way.
        let second = try #require(launch.dropFirst().first?.causes.first)
        #expect((second.kind, second.task, second.field, second.base, second.head) == ("changed", "qa", "duration", "5d", "8d"))
        // Nothing on the chain changed: the status date moved past work not started.
        let third = try #require(launch.last?.causes.first)
        #expect((third.kind, third.base, third.head) == ("status-date", "2027-01-18", "2027-03-10"))
        #expect(launch.last?.commit == trend.commits.last?.short)
        #expect(trend.slips.filter { $0.id == "beta" }.map(\.working_days) == [5, 8])
    }

    @Test func aSlipFromAChangeAndAStatusDateTogetherNamesBoth() throws {
        let folder = try temporaryFolder()
        try TrendRepository.git(["init", "-q", "-b", "main"], in: folder)
        try TrendRepository.write(TrendRepository.plan(asOf: "2027-03-01"), to: "plans/launch.yaml", in: folder)
        try TrendRepository.write(TrendRepository.qa("5d"), to: "plans/teams/qa.yaml", in: folder)
        try TrendRepository.commit("Plan", date: "2027-03-01T09:00:00Z", in: folder)
        // Nothing started by 8 March: design opens the day after the status date (2 March, now 9 March: +5) and build is 2 days longer.
        try TrendRepository.write(TrendRepository.plan(build: "12d", asOf: "2027-03-08"), to: "plans/launch.yaml", in: folder)
        try TrendRepository.commit("Build longer, status of 8 March", date: "2027-03-08T09:00:00Z", in: folder)
        // The status date stays: only the change.
        try TrendRepository.write(TrendRepository.plan(build: "13d", asOf: "2027-03-08"), to: "plans/launch.yaml", in: folder)
        try TrendRepository.commit("Build longer again", date: "2027-03-09T09:00:00Z", in: folder)
        let (trend, _) = try Self.document(in: folder)
        let launch = trend.slips.filter { $0.id == "launch" }
        #expect(launch.map(\.working_days) == [7, 1])
        #expect(launch.first?.causes.map { "\($0.kind) \($0.task ?? "-") \($0.base ?? "") \($0.head ?? "")" }
                == ["changed build 10d 12d", "status-date - 2027-03-01 2027-03-08"])
        #expect(launch.last?.causes.map(\.kind) == ["changed"])
    }

    @Test func aPlanInAnotherRepositoryIsReadFromItsOwnRepository() throws {
        let outside = try temporaryFolder()
        let plan = TrendRepository.folder.appendingPathComponent(TrendRepository.planPath).path
        let result = try TrendRepository.planc(["trend", "--format", "json", plan], in: outside)
        #expect(result.status == 0, "\(result.stderr)")
        let trend = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
        #expect(trend.commits.count == 5 && trend.slips.filter { $0.id == "launch" }.map(\.working_days) == [5, 3, 8])
    }

    @Test func eachCommitTakesItsSharedTeamsFromThePortfolioOfThatCommit() throws {
        let folder = try temporaryFolder()
        try TrendRepository.git(["init", "-q", "-b", "main"], in: folder)
        let plan = { (team: String) in
            "plan: solo\nstart: 2027-03-01\nlevel: true\n\(team)tasks:\n  - { id: a, owner: qa, duration: 5d }\n"
                + "  - { id: b, owner: qa, duration: 5d }\n  - { id: done, milestone: true, after: [a, b] }\n"
        }
        // At first qa is the portfolio's shared team, one person: levelled, a and b run one after
        // the other. Later the portfolio is gone and the plan declares the same team itself.
        try TrendRepository.write(plan(""), to: "plans/solo.yaml", in: folder)
        try TrendRepository.write("portfolio: pmo\nplans: [solo.yaml]\nteams:\n  qa: { name: QA, capacity: 1 }\n", to: "plans/pmo.yaml", in: folder)
        try TrendRepository.commit("Plan in the portfolio", date: "2027-01-04T09:00:00Z", in: folder)
        // A change to the shared team alone is a revision: two people, a and b side by side.
        try TrendRepository.write("portfolio: pmo\nplans: [solo.yaml]\nteams:\n  qa: { name: QA, capacity: 2 }\n", to: "plans/pmo.yaml", in: folder)
        try TrendRepository.commit("Second tester", date: "2027-01-06T09:00:00Z", in: folder)
        try TrendRepository.git(["rm", "-q", "plans/pmo.yaml"], in: folder)
        try TrendRepository.write(plan("teams:\n  qa: { name: QA, capacity: 1 }\n"), to: "plans/solo.yaml", in: folder)
        try TrendRepository.commit("Own QA team", date: "2027-01-11T09:00:00Z", in: folder)
        let result = try TrendRepository.planc(["trend", "--format", "json", "plans/solo.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let trend = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
        // Read from today's disk (no portfolio), the first commit's qa would be unlimited: 2027-03-05.
        #expect(trend.commits.map(\.subject) == ["Plan in the portfolio", "Second tester", "Own QA team"])
        #expect(trend.milestones.first { $0.id == "done" }?.points.map(\.forecast) == ["2027-03-12", "2027-03-05", "2027-03-12"])
        #expect(trend.slips.map(\.working_days) == [5])
    }

    @Test func aMovedPlanKeepsItsHistory() throws {
        let folder = try temporaryFolder()
        try TrendRepository.git(["clone", "-q", "file://" + TrendRepository.folder.path, "clone"], in: folder)
        let clone = folder.appendingPathComponent("clone")
        try TrendRepository.git(["mv", TrendRepository.planPath, "plans/perp-launch.yaml"], in: clone)
        try TrendRepository.commit("Move the plan", date: "2027-02-08T09:00:00Z", in: clone)
        let result = try TrendRepository.planc(["trend", "--format", "json", "plans/perp-launch.yaml"], in: clone)
        #expect(result.status == 0, "\(result.stderr)")
        let trend = try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8))
        #expect(trend.commits.map(\.subject) == ["Launch plan", "Build takes three weeks", TrendRepository.hostileSubject,
                                                 "Rename design", "Status as of 10 March", "Move the plan"])
        #expect(trend.slips.filter { $0.id == "launch" }.map(\.working_days) == [5, 3, 8])
        // A commit from before the move names the file as it was then.
        #expect(trend.commits[3].error?.hasPrefix("plans/launch.yaml:9:67: error[E104]") == true, "\(trend.commits[3].error ?? "")")
        let report = try TrendRepository.planc(["report", "--trend", "plans/perp-launch.yaml"], in: clone)
        #expect(report.stdout.contains("launch slipped 3 times in 10 weeks, 16 working days in all"), "\(report.stdout)")
    }

    @Test func theWorkingTreeAndHeadAreLeftAlone() throws {
        let head = try TrendRepository.git(["rev-parse", "HEAD"], in: TrendRepository.folder)
        _ = try TrendRepository.planc(["trend", TrendRepository.planPath])
        #expect(try TrendRepository.git(["status", "--porcelain"], in: TrendRepository.folder) == "")
        #expect(try TrendRepository.git(["rev-parse", "HEAD"], in: TrendRepository.folder) == head)
    }

    @Test func commitSubjectsAreInertInEveryFormat() throws {
        for format in ["text", "markdown", "html", "csv"] {
            let result = try TrendRepository.planc(["trend", "--format", format, TrendRepository.planPath])
            #expect(!result.stdout.unicodeScalars.contains("\u{1B}"), "\(format): ESC reached the output")
            if format == "markdown" || format == "html" { #expect(!result.stdout.contains("<b>"), "\(format): markup reached the output") }
            #expect(!result.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("::") }, "\(format)")
        }
    }

    @Test func sinceStartsAtThatRevision() throws {
        let second = try TrendRepository.git(["rev-list", "--max-count=1", "--skip=4", "HEAD"], in: TrendRepository.folder)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (trend, _) = try Self.document(["--since", second])
        #expect(trend.commits.map(\.subject) == ["Build takes three weeks", TrendRepository.hostileSubject, "Rename design", "Status as of 10 March"])
    }

    @Test func maxCommitsKeepsTheNewest() throws {
        let (trend, _) = try Self.document(["--max-commits", "2"])
        #expect(trend.truncated)
        #expect(trend.commits.map(\.subject) == ["Rename design", "Status as of 10 March"])
        #expect(trend.slips.isEmpty)
    }

    @Test func unknownRevisionIsAUsageError() throws {
        let result = try TrendRepository.planc(["trend", "--since", "no-such-tag", TrendRepository.planPath])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("planc: error: 'no-such-tag' is not a commit in "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func notARepositoryIsAUsageError() throws {
        let folder = try temporaryFolder()
        try TrendRepository.write(TrendRepository.plan(), to: "plan.yaml", in: folder)
        let result = try TrendRepository.planc(["trend", "plan.yaml"], environment: ["GIT_CEILING_DIRECTORIES": folder.deletingLastPathComponent().path], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not in a git repository"), "\(result.stderr)")
    }

    @Test func untrackedPlanIsAUsageError() throws {
        let folder = try temporaryFolder()
        try TrendRepository.git(["init", "-q", "-b", "main"], in: folder)
        try TrendRepository.write("x\n", to: "README", in: folder)
        try TrendRepository.commit("Start", date: "2027-01-04T09:00:00Z", in: folder)
        try TrendRepository.write(TrendRepository.plan(), to: "plan.yaml", in: folder)
        let result = try TrendRepository.planc(["trend", "plan.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "planc: error: plan.yaml is not tracked by git at HEAD (commit it first: planc trend reads the plan's history, not the working tree)\n")
    }

    @Test func gitNotInstalledIsAUsageError() throws {
        let result = try TrendRepository.planc(["trend", TrendRepository.planPath], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("planc: error: git is not installed, or not on PATH"), "\(result.stderr)")
    }

    @Test func shallowCloneSaysSoAndUsesWhatItHas() throws {
        let folder = try temporaryFolder()
        try TrendRepository.git(["clone", "-q", "--depth", "2", "file://" + TrendRepository.folder.path, "clone"], in: folder)
        let (trend, result) = try Self.document(in: folder.appendingPathComponent("clone"))
        #expect(trend.shallow)
        #expect(result.stderr.contains("shallow clone"), "\(result.stderr)")
        #expect(trend.commits.map(\.subject) == ["Rename design", "Status as of 10 March"])
    }

    @Test func aCommitWhosePlanIsOverTheSizeLimitIsListedWithItsError() throws {
        let folder = try temporaryFolder()
        try TrendRepository.git(["init", "-q", "-b", "main"], in: folder)
        try TrendRepository.write(TrendRepository.plan(), to: "plans/launch.yaml", in: folder)
        try TrendRepository.write(TrendRepository.qa("5d"), to: "plans/teams/qa.yaml", in: folder)
        try TrendRepository.commit("Plan", date: "2027-01-04T09:00:00Z", in: folder)
        try TrendRepository.write(TrendRepository.plan() + "# " + String(repeating: "x", count: 1_200_000) + "\n", to: "plans/launch.yaml", in: folder)
        try TrendRepository.commit("Huge", date: "2027-01-05T09:00:00Z", in: folder)
        let (trend, _) = try Self.document(["--max-file-size", "1"], in: folder)
        #expect(trend.commits.map(\.scheduled) == [true, false])
        #expect(trend.commits.last?.error?.contains("over the limit of 1 MiB") == true, "\(trend.commits.last?.error ?? "")")
    }

    @Test func theReportGainsATrendLinePerDeadlineTask() throws {
        let line = "launch slipped 3 times in 10 weeks, 16 working days in all"
        let markdown = try TrendRepository.planc(["report", "--trend", TrendRepository.planPath])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("**Trend** (git history):\n\n- \(line)\n"), "\(markdown.stdout)")
        let html = try TrendRepository.planc(["report", "--trend", "--format", "html", TrendRepository.planPath])
        #expect(html.stdout.contains("<li>\(line)</li>"))
        let email = try TrendRepository.planc(["report", "--trend", "--format", "email", "--from", "pmo@exchange.example",
                                               "--to", "cto@exchange.example", "--date", "2027-03-10T08:00:00Z", TrendRepository.planPath])
        #expect(email.stdout.contains("  * \(line)"), "\(email.stdout)")
        // Without --trend, no line.
        #expect(!(try TrendRepository.planc(["report", TrendRepository.planPath])).stdout.contains("Trend"))
    }

    @Test func reportTrendWithoutAHistoryIsAUsageError() throws {
        // Outside a repository, and a plan git does not track: exit 2, the reason, no report.
        let folder = try temporaryFolder()
        try TrendRepository.write(TrendRepository.plan(), to: "plan.yaml", in: folder)
        try TrendRepository.write(TrendRepository.qa("5d"), to: "teams/qa.yaml", in: folder)
        let ceiling = ["GIT_CEILING_DIRECTORIES": folder.deletingLastPathComponent().path]
        let outside = try TrendRepository.planc(["report", "--trend", "plan.yaml"], environment: ceiling, in: folder)
        #expect(outside.status == 2)
        #expect(outside.stderr.hasPrefix("planc: error: --trend: "), "\(outside.stderr)")
        #expect(outside.stderr.contains(" is not in a git repository"), "\(outside.stderr)")
        #expect(outside.stderr.hasSuffix("; no report written (leave out --trend for one without the trend)\n"), "\(outside.stderr)")
        #expect(outside.stdout.isEmpty)
        #expect(try TrendRepository.planc(["report", "plan.yaml"], environment: ceiling, in: folder).status == 0)
        try TrendRepository.git(["init", "-q", "-b", "main"], in: folder)
        let untracked = try TrendRepository.planc(["report", "--trend", "plan.yaml", "--format", "email", "--from", "pmo@exchange.example",
                                                   "--to", "cto@exchange.example"], in: folder)
        #expect(untracked.status == 2)
        #expect(untracked.stderr.hasPrefix("planc: error: --trend: "), "\(untracked.stderr)")
        #expect(untracked.stdout.isEmpty)
    }
}
