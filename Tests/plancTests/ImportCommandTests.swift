import Foundation
import Testing

/// `planc import`: MS Project XML in, a planc plan out, checked by planc itself.
@Suite struct ImportCommandTests {
    static let golden = Planc.repository.appendingPathComponent("Tests/Golden")
    /// Files written by MS Project and MPXJ, kept outside the repository (licence): the tests that
    /// read them are skipped where they are absent.
    static let msProject = Planc.repository.deletingLastPathComponent().appendingPathComponent("shared/msproject")

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// (start, finish) of every task, in plan order, from `planc schedule --format json`.
    static func dates(_ plan: String) throws -> [[String]] {
        let result = try Planc.run(["schedule", "--format", "json", plan])
        #expect(result.status == 0, "\(plan): \(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tasks = try #require(json["tasks"] as? [[String: Any]])
        return tasks.map { [$0["start"] as? String ?? "", $0["finish"] as? String ?? ""] }
    }

    static func errorLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(": error") }
    }

    /// Every feature the importer reads, and one of each thing it cannot represent: the expected
    /// plan is Tests/Golden/import-features.yaml (re-record with PLANC_RECORD_GOLDEN=1).
    @Test func featuresImportToTheExpectedPlanAndWarnings() throws {
        let source = "Tests/Golden/import-features.xml"
        let result = try Planc.run(["import", source])
        #expect(result.status == 0)
        let url = Self.golden.appendingPathComponent("import-features.yaml")
        if ProcessInfo.processInfo.environment["PLANC_RECORD_GOLDEN"] == "1" {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(result.stdout == (try String(contentsOf: url, encoding: .utf8)))
        #expect(result.stderr == """
        \(source):36:17: warning: calendar: working exception 'Sunday shift' 2027-01-10 not imported; planc's calendar has only non-working days
        \(source):62:9: warning: task 'design-api-1-2': manually scheduled in MS Project; planc schedules it from its links
        \(source):62:9: warning: task 'design-api-1-2': levelling delay of 2 days not imported; planc does not level
        \(source):62:9: warning: task 'design-api-1-2': duration 12h (1.50 days at 480 minutes a day) is not a whole number of days; rounded up to 2d
        \(source):68:9: warning: task 'soak': has its own calendar (UID 7) in MS Project; planc schedules every task on the plan calendar
        \(source):68:9: warning: task 'soak': constraint 'must start on' 2027-01-13 not imported; planc has only not_before (start no earlier than)
        \(source):72:13: warning: task 'soak': elapsed lag 2ed after 'design-api-1-2'; planc lags are working days, written as 2d
        \(source):74:9: warning: task 'sign-off': zero duration but not a milestone in MS Project; imported as a milestone

        """)
        // Same file, same bytes (ids included).
        #expect(try Planc.run(["import", source]).stdout == result.stdout)
        let check = try Planc.run(["check", "Tests/Golden/import-features.yaml"])
        #expect(check.status == 0)
        #expect(Self.errorLines(check.stderr) == [])
    }

    /// planc → MSPDI → planc: the imported plan checks clean and schedules every task to the same
    /// start and finish as the original.
    @Test(arguments: ["Tests/Golden/milestones.yaml", "plans/perp-v2-launch.yaml", "Tests/Golden/progress.yaml"])
    func roundTripSchedulesToTheSameDates(plan: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let exported = try Planc.run(["schedule", "--format", "mspdi", plan])
        #expect(exported.status == 0)
        let xml = try Self.write(exported.stdout, "exported.xml", in: folder)
        let imported = folder.appendingPathComponent("imported.yaml").path
        let result = try Planc.run(["import", xml, "--output", imported])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let check = try Planc.run(["check", imported])
        #expect(check.status == 0)
        #expect(Self.errorLines(check.stderr) == [])
        let original = try Self.dates(plan)
        #expect(original.count > 10)
        #expect(try Self.dates(imported) == original)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: msProject.appendingPathComponent("mp_j30_a2_nr1.xml").path)),
          arguments: [("mp_j30_a2_nr1.xml", 64), ("mp_j30_a5_nr1.xml", 160)])
    func msProjectFilesImportAndCheckClean(file: String, tasks: Int) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = folder.appendingPathComponent("imported.yaml").path
        let result = try Planc.run(["import", Self.msProject.appendingPathComponent(file).path, "-o", imported])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let check = try Planc.run(["check", imported])
        #expect(check.status == 0)
        #expect(Self.errorLines(check.stderr) == [])
        #expect(try Self.dates(imported).count == tasks)
    }

    /// MS Project's own dates for the two-project file (no lag on a milestone), day for day.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: msProject.appendingPathComponent("mp_j30_a2_nr1.xml").path)))
    func msProjectDatesAreReproduced() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = Self.msProject.appendingPathComponent("mp_j30_a2_nr1.xml")
        let imported = folder.appendingPathComponent("imported.yaml").path
        #expect(try Planc.run(["import", source.path, "-o", imported]).status == 0)
        let xml = try String(contentsOf: source, encoding: .utf8)
        var expected: [[String]] = []
        for task in xml.components(separatedBy: "<Task>").dropFirst() {
            func field(_ name: String) -> String {
                guard let open = task.range(of: "<\(name)>"), let close = task.range(of: "</\(name)>", range: open.upperBound..<task.endIndex) else { return "" }
                return String(task[open.upperBound..<close.lowerBound])
            }
            if field("UID") == "0" { continue }
            expected.append([String(field("Start").prefix(10)), String(field("Finish").prefix(10))])
        }
        #expect(try Self.dates(imported) == expected)
    }

    /// The name of each task survives YAML: quoted where YAML would read it as something else.
    @Test func hostileNamesComeBackAsTheirTitles() throws {
        let names = ["a: b", "- dash", "#hash", "true", "null", "123", "\"quoted\"", "it's", "tab\there", "line\nbreak",
                     "[x]", "{y}", "* star", "& amp", "é accent", "\u{202E}bidi", "%pct", "@at", "a\\b", "yes", "key:",
                     "x #y", "设计评审", "~", "?q", "a,b", "2027-01-04", "0x1F", "1e3", "'single'", "|pipe", ">gt", "!bang", "`tick`"]
        func xml(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#9;")
        }
        let tasks = names.enumerated().map { index, name in
            "<Task><UID>\(index + 1)</UID><Name>\(xml(name))</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task>"
        }.joined(separator: "\n")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try Self.write("""
        <?xml version="1.0"?>
        <Project xmlns="http://schemas.microsoft.com/project"><StartDate>2027-01-04T08:00:00</StartDate><Tasks>
        \(tasks)
        </Tasks></Project>
        """, "hostile.xml", in: folder)
        let imported = folder.appendingPathComponent("hostile.yaml").path
        #expect(try Planc.run(["import", source, "-o", imported]).status == 0)
        let result = try Planc.run(["schedule", "--format", "json", imported])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let written = try #require(json["tasks"] as? [[String: Any]]).map { ($0["title"] as? String) ?? ($0["id"] as? String ?? "") }
        #expect(written == names)
    }

    static let badInputs: [(name: String, xml: String, error: String)] = [
        ("malformed", "<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n  <Tasks>\n    <Task><UID>1</UID>\n  </Tasks>\n</Project>\n",
         ":5:11: error: malformed XML: an end tag does not match <Task> (opened on line 4)"),
        ("not-mspdi", "<?xml version=\"1.0\"?>\n<html>\n<body/>\n</html>\n",
         ":2:6: error: not MS Project XML (MSPDI): the root element is <html>, not <Project>"),
        ("missing-uid", """
         <?xml version="1.0"?>
         <Project xmlns="http://schemas.microsoft.com/project">
         <StartDate>2027-01-04T08:00:00</StartDate>
         <Tasks>
         <Task><UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
           <PredecessorLink><PredecessorUID>7</PredecessorUID><Type>1</Type></PredecessorLink>
         </Task>
         </Tasks>
         </Project>

         """, ":6:3: error: task 'a' links to the missing task UID 7"),
        ("cycle", """
         <?xml version="1.0"?>
         <Project xmlns="http://schemas.microsoft.com/project">
         <StartDate>2027-01-04T08:00:00</StartDate>
         <Tasks>
         <Task><UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
         <PredecessorLink><PredecessorUID>3</PredecessorUID></PredecessorLink></Task>
         <Task><UID>2</UID><Name>B</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
         <PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>
         <Task><UID>3</UID><Name>C</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
         <PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink></Task>
         </Tasks>
         </Project>

         """, ":8:1: error: links form a cycle: a → b → c → a"),
        ("xxe", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<Project><Name>&e;</Name></Project>\n",
         ":2:1: error: the DOCTYPE declares entities; planc never expands or resolves XML entities (MSPDI has none)"),
        ("external-dtd", "<?xml version=\"1.0\"?>\n\n<!DOCTYPE Project SYSTEM \"http://example.com/x.dtd\">\n<Project/>\n",
         ":3:1: error: the DOCTYPE names an external DTD; planc never loads external XML (MSPDI has none)"),
        ("undeclared-entity", "<Project><Name>&e;</Name></Project>\n",
         ":1:19: error: the file refers to the entity '&e;', which MSPDI does not use; planc never resolves entities"),
        ("empty", "", ":1:1: error: not MS Project XML (MSPDI): the file has no root element"),
    ]

    @Test(arguments: badInputs.map(\.name))
    func badInputIsAnErrorWithItsLine(name: String) throws {
        let input = try #require(Self.badInputs.first { $0.name == name })
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.write(input.xml, "\(name).xml", in: folder)
        let output = folder.appendingPathComponent("out.yaml").path
        let result = try Planc.run(["import", path, "-o", output])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "\(path)\(input.error)\nplanc: \(path) has 1 error; no plan written\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func utf16IsRefusedSoNoDoctypeHidesInIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("utf16.xml")
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<Project><Name>&e;</Name></Project>\n"
        try #require(text.data(using: .utf16)).write(to: url)
        let result = try Planc.run(["import", url.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(url.path):1:1: error: not UTF-8"))
    }

    @Test func unreadableInputExitsTwoAndTooLargeOne() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Planc.run(["import", folder.appendingPathComponent("none.xml").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read"))
        #expect(try Planc.run(["import", folder.path]).status == 2)
        #expect(try Planc.run(["import"]).status == 2)
        let big = try Self.write("<Project>" + String(repeating: " ", count: (1 << 20) + 1) + "</Project>", "big.xml", in: folder)
        let tooLarge = try Planc.run(["import", big, "--max-file-size", "1"])
        #expect(tooLarge.status == 1)
        #expect(tooLarge.stderr.contains("over the limit of 1048576"))
    }

    /// planc → MSPDI → planc: the same teams (capacity, external, lead, calendars, absences and
    /// their names) and the same team uses, so the same dates and the same load.
    @Test func teamsAndAssignmentsRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planc-import-teams-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try Self.write("""
        plan: teams
        start: 2027-01-04
        teams:
          qa: { name: Quality assurance, capacity: 2, lead: Tomasz Nowak, absences: [{ from: 2027-01-11, to: 2027-01-12, units: 1, name: QA guild offsite }, { from: 2027-01-25, to: 2027-01-26, name: "Training; part 2: labs" }] }
          ops: { capacity: 3, workdays: [mon, tue, wed, thu, fri, sat], holidays: [2027-01-07] }
          vendor: { capacity: 4, external: true, lead: "Market-maker desk (BD)" }
          mm: {}
        tasks:
          - { id: a, duration: 3d, owner: qa }
          - { id: b, duration: 4d, owner: ops, after: [a], assign: [ops, { team: qa, units: 0.5 }] }
          - { id: c, duration: 2d, effort: 5d, owner: ops, after: [a] }
          - { id: d, duration: 2d, owner: mm, after: [b], assign: [mm, vendor] }

        """, "teams.yaml", in: folder)
        let xml = try Planc.run(["schedule", "--format", "mspdi", plan, "--output", folder.appendingPathComponent("teams.xml").path])
        #expect(xml.status == 0, "\(xml.stderr)")
        let imported = try Planc.run(["import", folder.appendingPathComponent("teams.xml").path])
        #expect(imported.status == 0 && imported.stderr == "", "\(imported.stderr)")
        let lines = imported.stdout.split(separator: "\n").map(String.init)
        let teams = Array(lines.drop { $0 != "teams:" }.prefix { $0 != "tasks:" })
        #expect(teams == [
            "teams:",
            "  qa: { name: Quality assurance, capacity: 2, lead: Tomasz Nowak, absences: [{ from: 2027-01-11, to: 2027-01-12, units: 1, name: QA guild offsite }, { from: 2027-01-25, to: 2027-01-26, name: \"Training; part 2: labs\" }] }",
            "  ops: { capacity: 3, workdays: [mon, tue, wed, thu, fri, sat], holidays: [{ date: 2027-01-07, name: Holiday }] }",
            "  vendor: { capacity: 4, external: true, lead: Market-maker desk (BD) }",
            "  mm: {}",
        ])
        #expect(lines.filter { $0.contains("owner:") || $0.contains("assign:") } == [
            "    owner: qa",
            "    owner: ops", "    assign: [ops, { team: qa, units: 0.5 }]",
            "    owner: ops", "    assign: [{ team: ops, units: 2.5 }]",
            "    owner: mm", "    assign: [mm, vendor]",
        ])
        let back = try Self.write(imported.stdout, "back.yaml", in: folder)
        #expect(try Self.dates(back) == (try Self.dates(plan)))
        let load = { (path: String) in try Planc.run(["schedule", "--format", "csv", "--load", path]).stdout }
        #expect(try load(back) == (try load(plan)))
    }
}
