import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PlanKit
@testable import PlanRender
import Testing

/// The schedule writers on a levelled plan and on an over-allocated one (LevellingFixture): the
/// JSON contract of DESIGN.md "Resources and levelling", the table's delay column and levelling
/// section, and `--format csv --load`.
@Suite struct LevellingWriterTests {
    @Test func jsonCarriesDelaysWaitsTheBoundAndEveryTeamsLoad() throws {
        let facts = try LevellingFixture.levelled().facts
        let json = ScheduleJSONWriter.write(facts)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["levelled"] as? Bool == true)
        #expect(object["finish"] as? String == "2027-02-16")
        #expect(object["finish_lower_bound"] as? String == "2027-02-16")
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["delay"] as? Int } == [0, 0, 0, 5, 4])
        let waits = try #require(tasks[3]["waits_for"] as? [[String: Any]])
        #expect(waits.count == 1)
        #expect(waits[0]["team"] as? String == "qa")
        #expect(waits[0]["tasks"] as? [String] == ["perf-test", "risk-stress"])
        #expect((tasks[4]["waits_for"] as? [Any])?.isEmpty == true)
        #expect(json.contains(#""teams":[{"id":"qa","capacity":2,"overloads":[],"load":[{"from":"2027-02-04","to":"2027-02-05","units":2},"#))
        #expect(json.contains(#"{"id":"dev","capacity":null,"overloads":[],"load":[{"from":"2027-02-01","to":"2027-02-03","units":1}]}]"#))
        try LevellingFixture.expectGolden(json, "levelling.json")
    }

    @Test func overloadsAreWrittenWithDemandCapacityAndTasks() throws {
        let json = ScheduleJSONWriter.write(try LevellingFixture.unlevelled().facts)
        #expect(json.contains(#","levelled":false,"finish_lower_bound":"2027-02-10","#))
        #expect(json.contains(#""overloads":[{"from":"2027-02-04","to":"2027-02-09","demand":4,"capacity":2,"tasks":["perf-test","risk-stress","regression"]}]"#))
        #expect(json.contains(#""delay":0,"waits_for":[]}"#))
    }

    @Test func fractionalUnitsAreNumbers() {
        var json = JSONWriter()
        json.beginObject()
        json.units("a", milli: 500)
        json.units("b", milli: 3333)
        json.units("c", milli: 2000)
        json.units("d", milli: nil)
        json.endObject()
        #expect(json.text == #"{"a":0.5,"b":3.333,"c":2,"d":null}"#)
    }

    @Test func levelledJSONInTwoHalvesIsTheSameBytes() throws {
        let facts = try LevellingFixture.levelled().facts
        #expect(ScheduleJSONWriter.bytes(facts, parallelFrom: 1) == ScheduleJSONWriter.bytes(facts, parallelFrom: .max))
    }

    @Test func tableShowsTheDelayAndWhyEachTaskMoved() throws {
        let text = ScheduleTableWriter.text(try LevellingFixture.levelled().facts)
        #expect(text.contains("   id           title              owner  start       finish      days  float  delay\n"))
        #expect(text.contains("*  regression   Regression                2027-02-11  2027-02-16     4      0     +5\n"))
        #expect(text.contains("""

        levelling: finish 2027-02-16; no schedule can finish earlier
          resource-driven path: build → perf-test → regression → launch
          regression  +5  waits 5 working days for qa: busy with perf-test and risk-stress 2027-02-04 – 2027-02-10
          launch      +4  follows its predecessors, which levelling moved

        """))
        try LevellingFixture.expectGolden(text, "levelling.txt")
    }

    @Test func theFinishIsShownBesideItsLowerBound() throws {
        let facts = try LevellingFixture.levelled(bound: "2027-02-15").facts
        #expect(LevellingText.finish(facts) == "finish 2027-02-16; no schedule can finish before 2027-02-15")
        #expect(ScheduleTableWriter.markdown(facts).contains("\n**Levelling:** finish 2027-02-16; no schedule can finish before 2027-02-15.\n"))
    }

    @Test func markdownHasTheDelayColumnAndTheMovedTasks() throws {
        let markdown = ScheduleTableWriter.markdown(try LevellingFixture.levelled().facts)
        #expect(markdown.hasPrefix("| | id | title | owner | start | finish | days | float | delay |\n|---|---|---|---|---|---|--:|--:|--:|\n"))
        #expect(markdown.contains("| regression | +5 | waits 5 working days for qa: busy with perf-test and risk-stress 2027-02-04 – 2027-02-10 |\n"))
        #expect(markdown.contains("Resource-driven path: build → perf-test → regression → launch\n"))
    }

    @Test func anUnlevelledPlanKeepsItsColumnsAndListsTheOverload() throws {
        let facts = try LevellingFixture.unlevelled().facts
        let text = ScheduleTableWriter.text(facts)
        #expect(text.hasPrefix("   id           title              owner  start       finish      days  float\n"))
        #expect(!text.contains("levelling"))
        #expect(text.contains("\nover capacity\n  qa over capacity 2027-02-04 – 2027-02-09: 4 people of 2 (perf-test, risk-stress, regression)\n"))
        #expect(ScheduleTableWriter.markdown(facts).contains("\n**Over capacity:**\n\n- qa over capacity 2027-02-04 – 2027-02-09: 4 people of 2 (perf-test, risk-stress, regression)\n"))
    }

    @Test func loadCSVHasOneRowPerRunOfConstantDemandAndCapacity() throws {
        let csv = ScheduleCSVWriter.load(try LevellingFixture.unlevelled().facts)
        #expect(csv == """
        team,from,to,units,capacity,over\r
        qa,2027-02-04,2027-02-05,4,2,true\r
        qa,2027-02-08,2027-02-09,4,2,true\r
        qa,2027-02-10,2027-02-10,2,2,false\r
        risk,2027-02-04,2027-02-05,1,3,false\r
        risk,2027-02-08,2027-02-10,1,3,false\r
        dev,2027-02-01,2027-02-03,1,,false\r

        """)
        try LevellingFixture.expectGolden(csv, "levelling-load.csv")
    }

    @Test func anAbsenceSplitsALoadRowWhereTheCapacityChanges() throws {
        let plan = """
        plan: away
        start: 2027-02-01
        teams:
          qa: { capacity: 3, absences: [{ from: 2027-02-03, to: 2027-02-04, units: 2 }] }
        tasks:
          - { id: test, owner: qa, duration: 5d, assign: [{ team: qa, units: 2 }] }
        """
        let folder = NSTemporaryDirectory() + "planc-load-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try plan.write(toFile: folder + "/plan.yaml", atomically: true, encoding: .utf8)
        let compilation = Compiler.compile(path: folder + "/plan.yaml")
        let load = ResourceLoad(teams: [ResourceLoad.TeamLoad(team: 0, id: "qa", capacity: 3,
                                                              segments: [LevellingFixture.segment("2027-02-01", "2027-02-05", 2000)], overloads: [])])
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule), load: load)
        #expect(ScheduleCSVWriter.load(facts) == """
        team,from,to,units,capacity,over\r
        qa,2027-02-01,2027-02-02,2,3,false\r
        qa,2027-02-03,2027-02-04,2,1,true\r
        qa,2027-02-05,2027-02-05,2,3,false\r

        """)
    }

    @Test func teamIdsAreEscapedInEveryFormat() throws {
        let (compilation, _) = try LevellingFixture.unlevelled()
        var load = LevellingFixture.unlevelledLoad
        load.teams[0].id = "=cmd|<b>qa\u{1b}[2J"
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule), load: load)
        #expect(ScheduleCSVWriter.load(facts).contains("\r\n'=cmd|<b>qa"))
        let markdown = ScheduleTableWriter.markdown(facts), text = ScheduleTableWriter.text(facts)
        #expect(markdown.contains("- =cmd|\\<b\\>qa"), "\(markdown)")
        #expect(!markdown.contains("<b>") && !markdown.contains("\u{1b}") && !text.contains("\u{1b}"))
    }
}

/// The report's team load and levelling sections in Markdown, HTML (with the SVG load chart) and
/// the email's plain text.
@Suite struct ReportLoadTests {
    static func report(_ compilation: Compilation) throws -> StatusReport {
        try #require(StatusReport.build(compilation: compilation))
    }

    @Test func markdownHasAWeeklyTablePerTeamWithOverAllocatedWeeksMarked() throws {
        let (compilation, facts) = try LevellingFixture.unlevelled()
        let markdown = ReportMarkdownWriter.write(try Self.report(compilation), facts: facts)
        // qa: Thu-Fri of the first week at 4 people (8 person-days of 10); the second week 4, 4, 2.
        #expect(markdown.contains("""

        ## Team load

        **qa (QA), capacity 2: over capacity in 2 weeks**

        | week of | person-days asked | available | busiest day | |
        |---|--:|--:|--:|---|
        | 2027-02-01 | 8 | 10 | 4 of 2 | **over** |
        | 2027-02-08 | 10 | 10 | 4 of 2 | **over** |

        **risk (Risk control), capacity 3**

        """))
        #expect(markdown.contains("**dev (R&amp;D), no capacity limit**\n\n| week of | person-days asked | available | busiest day | |\n|---|--:|--:|--:|---|\n| 2027-02-01 | 3 | — | 1 |  |\n"))
        #expect(!markdown.contains("## Levelling"))
        try LevellingFixture.expectGolden(markdown, "levelling-report.md")
    }

    @Test func aLevelledReportSaysWhatLevellingDid() throws {
        let (compilation, facts, _) = try LevellingFixture.levelled(bound: "2027-02-15")
        let markdown = ReportMarkdownWriter.write(try Self.report(compilation), facts: facts)
        #expect(markdown.contains("""

        ## Levelling

        finish 2027-02-16; no schedule can finish before 2027-02-15.

        Resource-driven path: build → perf-test → regression → launch

        | task | delay | why |
        |---|--:|---|
        | Regression | +5 | waits 5 working days for qa: busy with perf-test and risk-stress 2027-02-04 – 2027-02-10 |
        | launch | +4 | follows its predecessors, which levelling moved |

        """))
        let html = ReportHTMLWriter.write(try Self.report(compilation), facts: facts)
        #expect(html.contains("<h2>Levelling</h2>\n<p>finish 2027-02-16; no schedule can finish before 2027-02-15.</p>"))
        let plain = ReportPlainTextWriter.write(try Self.report(compilation), facts: facts)
        #expect(plain.contains("\nLevelling\n---------\nfinish 2027-02-16; no schedule can finish before 2027-02-15\n"))
        #expect(plain.contains("  * regression +5: waits 5 working days for qa: busy with perf-test and risk-stress 2027-02-04 – 2027-02-10\n"))
    }

    @Test func htmlDrawsTheLoadChartUnderTheGanttWithOverAllocationShaded() throws {
        let (compilation, facts) = try LevellingFixture.unlevelled()
        let html = ReportHTMLWriter.write(try Self.report(compilation), facts: facts)
        let gantt = try #require(html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gantt\""))
        let load = try #require(html.range(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"load\""))
        #expect(gantt.lowerBound < load.lowerBound)
        // The key's swatch and two over-allocated qa weeks; dev, without a capacity, in grey.
        #expect(html.components(separatedBy: "<rect class=\"bar over\" x=").count - 1 == 3)
        #expect(html.contains("<title>qa, week of 2027-02-01: 8 of 10 person-days; busiest day 4 of 2; over capacity</title>"))
        #expect(html.components(separatedBy: "<rect class=\"bar free\" x=").count - 1 == 1)
        #expect(html.contains("<td class=\"num\">4 of 2</td><td><span class=\"tag late\">over</span></td>"))
        // The chart is well-formed XML on its own.
        let svg = String(html[load.lowerBound...])
        let end = try #require(svg.range(of: "</svg>\n"))
        #expect(XMLParser(data: Data(svg[..<end.upperBound].utf8)).parse())
        try LevellingFixture.expectGolden(html, "levelling-report.html")
    }

    @Test func theEmailTextListsTheWeeks() throws {
        let (compilation, facts) = try LevellingFixture.unlevelled()
        let plain = ReportPlainTextWriter.write(try Self.report(compilation), facts: facts)
        #expect(plain.contains("""

        Team load
        ---------
        qa (QA), capacity 2: over capacity in 2 weeks
          week of 2027-02-01: 8 of 10 person-days, busiest day 4 of 2  OVER CAPACITY
          week of 2027-02-08: 10 of 10 person-days, busiest day 4 of 2  OVER CAPACITY
        risk (Risk control), capacity 3
          week of 2027-02-01: 2 of 15 person-days, busiest day 1 of 3
          week of 2027-02-08: 3 of 15 person-days, busiest day 1 of 3
        dev (R&D), no capacity limit
          week of 2027-02-01: 3 person-days, busiest day 1

        """))
    }

    @Test func withoutALoadTheReportHasNoLoadSection() throws {
        let compilation = try LevellingFixture.compile(level: false)
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
        #expect(!ReportMarkdownWriter.write(try Self.report(compilation), facts: facts).contains("Team load"))
        #expect(!ReportHTMLWriter.write(try Self.report(compilation), facts: facts).contains("class=\"load\""))
    }

    @Test func theReportShowsWeeksFromTheStatusDateOnAndAtMostTheLimit() throws {
        let facts = try LevellingFixture.unlevelled().facts
        let later = facts.resources.reportLoad(facts.network, statusDate: LevellingFixture.day("2027-02-10"))
        #expect(later.teams.map(\.id) == ["qa", "risk"])
        #expect(later.teams[0].weeks.map(\.monday.iso) == ["2027-02-08"])
        let capped = facts.resources.reportLoad(facts.network, statusDate: nil, weekLimit: 1)
        #expect(capped.hiddenWeeks == 2)
    }
}

/// `planc diff` on over-allocations and levelling: what a change creates or removes, and whose
/// levelled dates it moves.
@Suite struct LevellingDiffTests {
    /// Base: the plan levelled (no overload). Head: the same plan unlevelled, qa over capacity.
    static func diffs() throws -> (levelledToOver: PlanDiff, overToLevelled: PlanDiff) {
        let (compilation, facts, levelling) = try LevellingFixture.levelled()
        let levelled = compilation.with(schedule: facts.schedule, levelling: levelling, load: LevellingFixture.levelledLoad)
        let over = compilation.with(levelling: nil, load: LevellingFixture.unlevelledLoad)
        return (try #require(PlanDiff.compare(base: levelled, head: over, basePath: "base.yaml", headPath: "head.yaml")),
                try #require(PlanDiff.compare(base: over, head: levelled, basePath: "base.yaml", headPath: "head.yaml")))
    }

    @Test func aChangeThatCreatesAnOverAllocationSaysWhoWhenAndHowMuch() throws {
        let diff = try Self.diffs().levelledToOver
        #expect(diff.overAllocations == [PlanDiff.OverAllocationChange(
            state: .created, team: "qa", from: LevellingFixture.day("2027-02-04"), to: LevellingFixture.day("2027-02-09"),
            peakMilliUnits: 4000, milliCapacity: 2000, tasks: ["perf-test", "risk-stress", "regression"])])
        #expect(diff.delays.map { "\($0.id) \($0.base)→\($0.head)" } == ["regression 5→0", "launch 4→0"])
        let markdown = DiffMarkdownWriter.write(diff)
        #expect(markdown.contains("""
        #### Team load

        - now over capacity: `qa` 2027-02-04 – 2027-02-09, 4 of 2 people (`perf-test`, `risk-stress`, `regression`)

        #### Levelling

        - `regression`: levelling delay 5 → 0 working days (-5)
        - `launch`: levelling delay 4 → 0 working days (-4)

        """))
        let json = DiffJSONWriter.write(diff)
        #expect(json.contains(#""over_allocations":[{"state":"created","team":"qa","from":"2027-02-04","to":"2027-02-09","demand":4,"capacity":2,"tasks":["perf-test","risk-stress","regression"]}],"levelling_delays":[{"id":"regression","title":"Regression","base":5,"head":0},{"id":"launch","title":null,"base":4,"head":0}]"#))
    }

    @Test func aChangeThatRemovesAnOverAllocationSaysSo() throws {
        let diff = try Self.diffs().overToLevelled
        #expect(diff.overAllocations.map(\.state) == [.removed])
        let markdown = DiffMarkdownWriter.write(diff)
        #expect(markdown.contains("- no longer over capacity: `qa` 2027-02-04 – 2027-02-09, was 4 of 2 people (`perf-test`, `risk-stress`, `regression`)\n"))
        #expect(markdown.contains("- `regression`: levelling delay 0 → 5 working days (+5)\n"))
    }

    @Test func theHeadlineNamesTheOverAllocationWhenNothingMoreImportantChanged() throws {
        let (compilation, _) = try LevellingFixture.unlevelled()
        let calm = compilation.with(levelling: nil, load: LevellingFixture.levelledLoad)
        let over = compilation.with(levelling: nil, load: LevellingFixture.unlevelledLoad)
        let diff = try #require(PlanDiff.compare(base: calm, head: over))
        #expect(diff.changes.count == 1 && diff.changesSchedule)
        #expect(DiffMarkdownWriter.headline(diff) == "`qa` is now over capacity 2027-02-04 – 2027-02-09 (4 of 2 people).")
    }

    @Test func anOverlappingOverAllocationOnBothSidesIsNoChange() throws {
        let (compilation, _) = try LevellingFixture.unlevelled()
        var moved = LevellingFixture.unlevelledLoad
        moved.teams[0].overloads[0].to = LevellingFixture.day("2027-02-10")
        let diff = try #require(PlanDiff.compare(base: compilation.with(levelling: nil, load: LevellingFixture.unlevelledLoad),
                                                 head: compilation.with(levelling: nil, load: moved)))
        #expect(diff.overAllocations.isEmpty && diff.delays.isEmpty)
    }
}

/// `--capacity TEAM=N`: the finish and each deadline's margin with the assumed capacity against
/// the plan's own.
@Suite struct CapacityWhatIfTests {
    /// Planned: qa=2, levelled to finish 2027-02-16. Assumed: qa=4, nothing waits, finish 2027-02-10.
    static func whatIf() throws -> CapacityWhatIf {
        let (compilation, planned, _) = try LevellingFixture.levelled()
        let schedule = try #require(compilation.schedule)
        let none = Levelling(delays: [0, 0, 0, 0, 0], waits: [[], [], [], [], []], finishLowerBound: schedule.finish,
                             resourcePath: [0, 1, 4], unlevelled: schedule)
        var calm = LevellingFixture.unlevelledLoad
        calm.teams[0].capacity = 4
        calm.teams[0].overloads = []
        let assumed = ScheduleFacts(network: try #require(compilation.network), schedule: schedule, levelling: none, load: calm)
        var overloaded = LevellingFixture.unlevelledLoad
        overloaded.teams[0].overloads[0].workingDays = 4
        let plannedOver = ScheduleFacts(network: planned.network, schedule: planned.schedule, levelling: planned.resources.levelling, load: overloaded)
        return CapacityWhatIf(assumed: assumed, planned: plannedOver, capacities: [("qa", 4)])
    }

    @Test func theSentenceSaysWhatTheCapacityBuys() throws {
        let whatIf = try Self.whatIf()
        #expect(whatIf.assumptions == [CapacityWhatIf.Assumption(team: "qa", people: 4, planned: 2)])
        #expect(whatIf.margins == [CapacityWhatIf.Margin(id: "launch", deadline: LevellingFixture.day("2027-03-05"), assumed: 17, planned: 13)])
        #expect(whatIf.sentence(escape: { $0 })
            == "with qa=4 (plan: 2): finish 2027-02-10 (was 2027-02-16); launch margin 17 working days (was 13); over capacity on 0 working days (was 4)")
    }

    @Test func everyFormatShowsIt() throws {
        let whatIf = try Self.whatIf()
        let (compilation, unlevelled) = try LevellingFixture.unlevelled()
        var facts = unlevelled
        facts.capacityWhatIf = whatIf
        let line = "with qa=4 (plan: 2): finish 2027-02-10 (was 2027-02-16); launch margin 17 working days (was 13); over capacity on 0 working days (was 4)"
        #expect(ScheduleTableWriter.text(facts).hasSuffix("\nwhat if: \(line)\n"))
        #expect(ScheduleTableWriter.markdown(facts).hasSuffix("\n**What if:** \(line)\n"))
        #expect(ScheduleJSONWriter.write(facts).hasSuffix(#","what_if":{"capacity":[{"team":"qa","people":4,"plan":2}],"finish":"2027-02-10","plan_finish":"2027-02-16","deadlines":[{"id":"launch","deadline":"2027-03-05","margin":17,"plan_margin":13}],"over_capacity_days":0,"plan_over_capacity_days":4}}"# + "\n"))
        let report = try #require(StatusReport.build(compilation: compilation))
        #expect(ReportMarkdownWriter.write(report, facts: facts).contains("\n\n**What if:** \(line)\n"))
        #expect(ReportHTMLWriter.write(report, facts: facts).contains("<p class=\"headline\">What if: \(line)</p>\n"))
        #expect(ReportPlainTextWriter.write(report, facts: facts).contains("\nWhat if: \(line)\n"))
        let diff = try #require(PlanDiff.compare(base: compilation, head: compilation))
        #expect(DiffMarkdownWriter.write(diff, whatIf: whatIf).contains("\n\nWhat if, on the head: \(line)\n\n"))
        #expect(DiffJSONWriter.write(diff, whatIf: whatIf).contains(#","what_if":{"capacity":[{"team":"qa","people":4,"plan":2}]"#))
    }

    @Test func unlevelledTheSentenceSaysCapacityMovesNoDate() throws {
        let facts = try LevellingFixture.unlevelled().facts
        let whatIf = CapacityWhatIf(assumed: facts, planned: facts, capacities: [("qa", 4)])
        #expect(whatIf.sentence(escape: { $0 }).hasSuffix("finish 2027-02-10 (unchanged); launch margin 17 working days (unchanged); over capacity on 4 working days (was 4) — the plan is not levelled, so capacity moves no date (--level)"))
    }
}

/// A team's name is free text: it reaches the report's load headings only through the escaper of
/// each format.
@Suite struct LoadHostileNameTests {
    @Test func aHostileTeamNameIsInertInEveryReportFormat() throws {
        let hostile = "<script>x</script> | @everyone\r\n::error::boom \u{1b}[2J"
        let text = try String(contentsOfFile: LevellingFixture.path, encoding: .utf8)
            .replacingOccurrences(of: "qa: { name: QA, capacity: 2 }", with: "qa: { name: \"\(hostile.replacingOccurrences(of: "\r\n", with: "\\r\\n").replacingOccurrences(of: "\u{1b}", with: "\\e"))\", capacity: 2 }")
        let folder = NSTemporaryDirectory() + "planc-hostile-load-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try text.write(toFile: folder + "/plan.yaml", atomically: true, encoding: .utf8)
        let compilation = Compiler.compile(path: folder + "/plan.yaml", resources: ResourceOptions(level: false))
        #expect(compilation.plan?.teams.first?.name == hostile)
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule),
                                  load: LevellingFixture.unlevelledLoad)
        let report = try #require(StatusReport.build(compilation: compilation))
        let markdown = ReportMarkdownWriter.write(report, facts: facts)
        let html = ReportHTMLWriter.write(report, facts: facts)
        let plain = ReportPlainTextWriter.write(report, facts: facts)
        // Plain text is not markup: `<script>` is only text there; controls and `::` lines are not.
        #expect(!markdown.contains("<script>") && !html.contains("<script>"))
        for output in [markdown, html, plain] {
            #expect(!output.contains("\u{1b}"))
            #expect(!output.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("::") })
        }
        #expect(!markdown.contains("@everyone") && !plain.contains("\r\n::"))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
    }
}
