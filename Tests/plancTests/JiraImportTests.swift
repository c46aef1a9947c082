import Foundation
import Testing

/// `planc import --from jira`: Jira's CSV export and REST JSON in, a planc plan out, checked by planc itself.
@Suite struct JiraImportTests {
    static let golden = Planc.repository.appendingPathComponent("Tests/Golden")
    static let teams = "Tests/Golden/import-jira-teams.yaml"

    static func golden(_ result: Planc.Result, _ name: String) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PLANC_RECORD_GOLDEN"] == "1" {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOf: url, encoding: .utf8)))
    }

    static func checksClean(_ plan: String) throws {
        let check = try Planc.run(["check", plan])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(ImportCommandTests.errorLines(check.stderr) == [])
    }

    /// Imports `text` (written as `name`) and returns the result.
    static func importing(_ text: String, _ name: String = "export.csv", _ extra: [String] = []) throws -> (Planc.Result, String) {
        let folder = try temporaryFolder()
        let path = try ImportCommandTests.write(text, name, in: folder)
        let result = try Planc.run(["import", "--from", "jira", path] + extra)
        try? FileManager.default.removeItem(at: folder)
        return (result, path)
    }

    /// An epic with stories, Blocks links both ways, a link outside the export, both story point
    /// columns, a quoted summary with a comma, quotes and a line break, Jira's date format.
    @Test func csvExportImportsToTheExpectedPlan() throws {
        let source = "Tests/Golden/import-jira.csv"
        let result = try Planc.run(["import", "--from", "jira", source, "--teams", Self.teams])
        #expect(result.status == 0)
        try Self.golden(result, "import-jira-csv.yaml")
        #expect(result.stderr == """
        \(source):3:1: warning: PERP-101: done; Jira gives no start date, so its created date is taken as the actual start
        \(source):6:1: warning: PERP-103: Blocks link with RISK-42, not in the export, not imported
        \(source):7:1: warning: PERP-104: assignee 'Nobody Mapped' is not in the teams map; no owner
        \(source):7:1: warning: PERP-104: status 'Awaiting Legal' is not a Jira status category (new, indeterminate, done); imported as not started
        \(source):7:1: warning: PERP-104: no story points in Jira; duration 1d is a placeholder
        \(source):8:1: warning: PERP-110: 2.5 story points at 1 a day is 2.5 days; rounded up to 3d

        """)
        #expect(try Planc.run(["import", "--from", "jira", source, "--teams", Self.teams]).stdout == result.stdout)
        try Self.checksClean("Tests/Golden/import-jira-csv.yaml")
    }

    @Test func jsonSearchResultImportsToTheExpectedPlan() throws {
        let source = "Tests/Golden/import-jira.json"
        // .json picks Jira without --from.
        let result = try Planc.run(["import", source, "--teams", Self.teams, "--points-per-day", "2"])
        #expect(result.status == 0)
        try Self.golden(result, "import-jira-json.yaml")
        #expect(result.stderr == """
        \(source):30:1: warning: CLR-201: done; Jira gives no start date, so its created date is taken as the actual start
        \(source):30:1: warning: CLR-201: 3 story points at 2 a day is 1.5 days; rounded up to 2d
        \(source):68:1: warning: CLR-203: Blocks link with OPS-77, not in the export, not imported
        \(source):68:1: warning: CLR-203: status 'undefined' is not a Jira status category (new, indeterminate, done); imported as not started
        \(source):68:1: warning: CLR-203: no story points in Jira; duration 1d is a placeholder

        """)
        try Self.checksClean("Tests/Golden/import-jira-json.yaml")
    }

    /// "A blocks B" makes B after A, whichever side of the link the export lists it on.
    @Test(arguments: [
        ("Outward issue link (Blocks)", "A-2", ""),
        ("Inward issue link (Blocks)", "", "A-1"),
    ])
    func csvBlocksEitherSide(column: String, onFirst: String, onSecond: String) throws {
        let csv = """
        Issue key,Summary,Created,Story Points,\(column)
        A-1,First,2026-12-01,2,\(onFirst)
        A-2,Second,2026-12-02,1,\(onSecond)

        """
        let (result, _) = try Self.importing(csv)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout.contains("""
          - id: a-2
            title: Second
            duration: 1d
            effort: 1d
            after: [a-1]
        """))
        #expect(!result.stdout.contains("after: [a-2]"))
    }

    @Test(arguments: [
        (#"{ "type": { "name": "Blocks", "inward": "is blocked by", "outward": "blocks" }, "outwardIssue": { "key": "A-2" } }"#, ""),
        ("", #"{ "type": { "name": "Blocks", "inward": "is blocked by", "outward": "blocks" }, "inwardIssue": { "key": "A-1" } }"#),
    ])
    func jsonBlocksEitherSide(onFirst: String, onSecond: String) throws {
        let json = """
        {"issues": [
          {"key": "A-1", "fields": {"summary": "First", "created": "2026-12-01T09:00:00.000+0000", "issuelinks": [\(onFirst)]}},
          {"key": "A-2", "fields": {"summary": "Second", "created": "2026-12-02T09:00:00.000+0000", "issuelinks": [\(onSecond)]}}
        ]}
        """
        let (result, _) = try Self.importing(json, "export.json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("""
          - id: a-2
            # no story points in Jira; duration 1d is a placeholder
            title: Second
            duration: 1d
            after: [a-1]
        """))
        #expect(!result.stdout.contains("after: [a-2]"))
    }

    @Test func storyPointsSetEffortAndDurationAtPointsPerDay() throws {
        let csv = """
        Issue key,Summary,Created,Due date,Custom field (Story point estimate)
        Q-1,Eight points,01/Dec/26 9:30 AM,18/Dec/26 5:00 PM,8

        """
        let (result, _) = try Self.importing(csv, "export.csv", ["--points-per-day", "4"])
        #expect(result.status == 0)
        #expect(result.stdout == """
        # Imported by `planc import` from export.csv (Jira).
        plan: export
        start: 2026-12-01
        tasks:
          - id: q-1
            title: Eight points
            duration: 2d
            effort: 2d
            deadline: 2026-12-18
            tags: [jira:Q-1]

        """)
    }

    @Test(arguments: [
        ("Summary,Created\nOnly a summary,2026-12-01\n", "1:1: error: row 1 (the header) has no 'Issue key' column; export with Filters → Export → CSV (all fields)"),
        ("Issue key,Created\nP-1,2026-12-01\n", "1:1: error: row 1 (the header) has no 'Summary' column; export with Filters → Export → CSV (all fields)"),
        ("Issue key,Summary\nP-1,\"Two\nlines\"\n,No key\n", "4:1: error: row 3 has no Issue key"),
        ("Issue key,Summary\nP-1,One\nP-2,\n", "3:1: error: row 3 (P-2) has no Summary"),
        ("Issue key,Summary\nP-1,\"never closed\nP-2,Two\n", "2:1: error: malformed CSV: a quoted field is not closed"),
        ("Issue key,Summary,Created\nP-1,One,31/Foo/26\n", "2:1: error: row 2 (P-1): created date '31/Foo/26' is not a date (01/Dec/26 9:30 AM or 2026-12-01)"),
        ("Issue key,Summary,Story Points\nP-1,One,lots\n", "2:1: error: row 2 (P-1): story points 'lots' is not a number"),
        ("Issue key,Summary\nP-1,One\n", "1:1: error: no issue has a created date; give the plan's start with --start YYYY-MM-DD"),
        ("Issue key,Summary,Created\nP-1,One,2026-12-01\nP-1,Again,2026-12-01\n", "3:1: error: issue P-1 appears twice"),
        ("", "1:1: error: the file is empty: no header row"),
        ("Issue key,Summary,Created,Story Points\nP-1,One,2026-12-01,1e300\n", "2:1: error: P-1: 1e+300 story points at 1 a day is over 100000 days"),
    ])
    func csvErrorsNameTheRow(csv: String, expected: String) throws {
        let (result, path) = try Self.importing(csv)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(ImportCommandTests.errorLines(result.stderr) == ["\(path):\(expected)"])
        #expect(result.stderr.hasSuffix("; no plan written\n"))
    }

    @Test func blocksCycleIsAnErrorNamingIt() throws {
        let csv = """
        Issue key,Summary,Created,Outward issue link (Blocks)
        C-1,One,2026-12-01,C-2
        C-2,Two,2026-12-01,C-1

        """
        let (result, path) = try Self.importing(csv)
        #expect(result.status == 1)
        #expect(ImportCommandTests.errorLines(result.stderr) == ["\(path):3:1: error: Blocks links form a cycle: C-1 → C-2 → C-1"])
    }

    @Test func startOptionStandsInForCreatedDates() throws {
        let (result, _) = try Self.importing("Issue key,Summary\nS-1,One\n", "export.csv", ["--start", "2027-01-04"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("start: 2027-01-04\n"))
    }

    @Test func jsonErrors() throws {
        let (broken, path) = try Self.importing("{\"issues\": [", "export.json")
        #expect(broken.status == 1)
        #expect(ImportCommandTests.errorLines(broken.stderr) == ["\(path):1:1: error: malformed JSON: expected the REST search API's {\"issues\": [...]}"])
        let (noSummary, other) = try Self.importing("{\"issues\": [\n{\"key\": \"J-1\", \"fields\": {}}]}", "export.json")
        #expect(noSummary.status == 1)
        #expect(ImportCommandTests.errorLines(noSummary.stderr) == ["\(other):2:1: error: issue 1 (J-1) has no summary"])
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try Planc.run(["import", "--from", "trello", "Tests/Golden/import-jira.csv"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--from takes mspdi or jira"))
    }

    /// Newer exports give the parent's issue id in `Parent`; a parent outside the export is a warning.
    @Test func parentsByIssueIDAndOutsideTheExport() throws {
        let csv = """
        Issue key,Issue id,Summary,Issue Type,Created,Parent,Story Points
        E-1,501,Epic,Epic,2026-12-01,,
        E-2,502,Story,Story,2026-12-01,501,2
        E-3,503,Orphan,Story,2026-12-01,E-99,1

        """
        let (result, path) = try Self.importing(csv)
        #expect(result.status == 0)
        #expect(result.stdout.contains("""
          - id: e-1
            title: Epic
            tags: [jira:E-1]
            tasks:
              - id: e-2
        """))
        #expect(result.stdout.contains("\n  - id: e-3\n"))
        #expect(result.stderr == "\(path):4:1: warning: E-3: parent E-99 is not in the export; imported at the top level\n")
    }

    @Test func teamsMapMustNameTeamIDs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try ImportCommandTests.write("Arjun Rao: Trading Core\n", "teams.yaml", in: folder)
        let result = try Planc.run(["import", "Tests/Golden/import-jira.csv", "--teams", map])
        #expect(result.status == 2)
        #expect(result.stderr == "\(map):1:12: error: a team id ([a-z0-9][a-z0-9_.-]*) for each display name\n")
        #expect(result.stdout == "")
    }

    /// A Blocks link between an epic and its own story is not a dependency planc can schedule (E202).
    @Test func blocksBetweenASummaryAndItsPartIsAWarning() throws {
        let csv = """
        Issue key,Summary,Issue Type,Created,Parent,Story Points,Outward issue link (Blocks),Inward issue link (Blocks)
        E-1,Epic,Epic,2026-12-01,,,,E-3
        E-2,Story,Story,2026-12-01,E-1,2,E-1,
        E-3,Other,Story,2026-12-01,E-1,2,,

        """
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try ImportCommandTests.write(csv, "export.csv", in: folder)
        let plan = folder.appendingPathComponent("plan.yaml").path
        let result = try Planc.run(["import", path, "-o", plan])
        #expect(result.status == 0)
        #expect(result.stderr == """
        \(path):2:1: warning: E-1: Blocks link with E-3, part of it, not imported; a summary spans its parts
        \(path):3:1: warning: E-2: Blocks link with E-1, a summary that contains it, not imported; a summary spans its parts

        """)
        try Self.checksClean(plan)
    }
}
