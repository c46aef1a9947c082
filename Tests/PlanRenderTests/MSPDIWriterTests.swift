import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlanKit
@testable import PlanRender
import Testing

/// MS Project XML: the parts MS Project reads by number (link types, lags in tenths of a minute,
/// day types), milestone times, and holidays as non-overlapping exceptions. scripts/check-mspdi.py
/// reads the same files with MPXJ and reschedules them with its MS Project scheduler.
@Suite struct MSPDIWriterTests {
    static func write(_ text: String) throws -> String {
        let compilation = try HostileStringTests.compile(text)
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
        return MSPDIWriter.write(facts)
    }

    /// The text of every `<tag>` element, in document order.
    static func values(_ tag: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(tag)>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    static let plan = """
    plan: xml
    title: Links & holidays <v2>
    start: 2027-01-04
    calendar:
      workdays: [mon, tue, wed, thu]
      holidays:
        - { from: 2027-01-13, to: 2027-01-14, name: Break }
        - { date: 2027-01-14, name: Overlap }
        - 2027-01-20
    tasks:
      - { id: kickoff, milestone: true, owner: x }
      - { id: a, duration: 2d, owner: x, after: [kickoff] }
      - { id: b, duration: 1w, owner: x, after: [{ task: a, type: SS, lag: 1d }] }
      - { id: c, duration: 1d, owner: x, after: [{ task: b, type: FF, lag: -1d }, { task: a, type: SF }] }
      - id: phase
        owner: x
        tasks:
          - { id: d, duration: 3d, after: [c], not_before: 2027-01-09, deadline: 2027-02-01 }
      - { id: done, milestone: true, owner: x, after: [phase] }

    """

    @Test func linksKeepTheirTypeCodeAndLagInTenthsOfAMinute() throws {
        let xml = try Self.write(Self.plan)
        // 0 FF, 1 FS, 2 SF, 3 SS; a day is 480 minutes: 4,800 tenths; a week of four days is 4 days.
        #expect(Self.values("PredecessorUID", in: xml) == ["1", "2", "3", "2", "4", "5"])
        let links = xml.components(separatedBy: "<PredecessorLink>").dropFirst().map { link in
            (Self.values("PredecessorUID", in: link)[0], Self.values("Type", in: link)[0], Self.values("LinkLag", in: link)[0])
        }
        #expect(links.map { "\($0.0):\($0.1):\($0.2)" } == ["1:1:0", "2:3:4800", "3:0:-4800", "2:2:0", "4:1:0", "5:1:0"])
        #expect(Self.values("Duration", in: xml)[2] == "PT32H0M0S")  // 1w on a four-day week
    }

    /// `not_before` on a team's own days: a Sunday team may start on a Sunday, and a summary holds
    /// its parts back on any day some task may work (found by check-import.py's round trip).
    @Test func notBeforeIsWrittenOnTheTasksOwnDays() throws {
        let xml = try Self.write("""
        plan: t
        start: 2028-01-03
        teams:
          weekend: { workdays: [sat, sun] }
        tasks:
          - { id: a, duration: 1d, owner: weekend, not_before: 2028-02-06 }
          - id: s
            not_before: 2028-02-05
            tasks:
              - { id: b, duration: 1d, owner: weekend }
          - { id: m, milestone: true, after: [a], not_before: 2028-02-05 }

        """)
        // 2028-02-05 is a Saturday, 2028-02-06 a Sunday; the plan works Monday to Friday.
        #expect(Self.values("ConstraintDate", in: xml) == ["2028-02-06T08:00:00", "2028-02-05T08:00:00", "2028-02-07T08:00:00"])
    }

    @Test func milestonesAreReachedAtTheStartOrTheEndOfTheirDay() throws {
        let xml = try Self.write(Self.plan)
        let starts = Self.values("Start", in: xml), finishes = Self.values("Finish", in: xml)
        // The kickoff is reached at 08:00 on the first day; `done` after the phase at 17:00.
        #expect(starts[0] == "2027-01-04T08:00:00" && finishes[0] == "2027-01-04T08:00:00")
        #expect(finishes.last == starts.last && finishes.last!.hasSuffix("T17:00:00"))
        #expect(Self.values("Milestone", in: xml) == ["1", "0", "0", "0", "0", "0", "1"])
        #expect(Self.values("Summary", in: xml) == ["0", "0", "0", "0", "1", "0", "0"])
        #expect(Self.values("OutlineNumber", in: xml) == ["1", "2", "3", "4", "5", "5.1", "6"])
        #expect(Self.values("ConstraintType", in: xml) == ["0", "0", "0", "0", "0", "4", "0"])
        #expect(Self.values("Deadline", in: xml) == ["2027-02-01T17:00:00"])
    }

    @Test func holidaysAreMergedExceptionsAndWorkdaysAreDayTypes() throws {
        let xml = try Self.write(Self.plan)
        #expect(Self.values("FromDate", in: xml) == ["2027-01-13T00:00:00", "2027-01-20T00:00:00"])
        #expect(Self.values("ToDate", in: xml) == ["2027-01-14T23:59:00", "2027-01-20T23:59:00"])
        #expect(Self.values("Name", in: xml).contains("Break / Overlap"))
        // Sunday (1) to Saturday (7): Monday to Thursday work.
        #expect(Self.values("DayWorking", in: xml).prefix(7) == ["0", "1", "1", "1", "1", "0", "0"])
        #expect(Self.values("MinutesPerWeek", in: xml) == ["1920"])
    }

    @Test func theFileIsWellFormedXMLWithPlanTextEscaped() throws {
        let xml = try Self.write(Self.plan)
        #expect(Self.values("Title", in: xml) == ["Links &amp; holidays &lt;v2&gt;"])
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        // Deterministic bytes.
        #expect(try Self.write(Self.plan) == xml)
    }

    static let teams = """
    plan: teams
    start: 2027-01-04
    teams:
      qa: { name: Quality assurance, capacity: 2, absences: [{ from: 2027-01-11, to: 2027-01-12, units: 1 }] }
      ops: { capacity: 3, workdays: [mon, tue, wed, thu, fri, sat], holidays: [2027-01-07] }
      mm: { external: true }
    tasks:
      - { id: a, duration: 3d, owner: qa }
      - { id: b, duration: 4d, after: [a], assign: [ops, { team: qa, units: 0.5 }] }
      - { id: c, duration: 2d, effort: 5d, owner: ops, after: [a] }
      - { id: m, milestone: true, owner: qa, after: [b, c] }

    """

    @Test func teamsAreResourcesWithCapacityAsMaxUnitsAndAbsencesAsAvailability() throws {
        let xml = try Self.write(Self.teams)
        let resources = String(xml[xml.range(of: "<Resources>")!.lowerBound..<xml.range(of: "</Resources>")!.upperBound])
        #expect(resources.contains("""
                <Resource>
                    <UID>1</UID>
                    <ID>1</ID>
                    <Name>qa</Name>
                    <Type>1</Type>
                    <IsNull>0</IsNull>
                    <MaxUnits>2</MaxUnits>
                    <CanLevel>1</CanLevel>
                    <Notes>Quality assurance</Notes>
                    <AvailabilityPeriods>
                        <AvailabilityPeriod>
                            <AvailableTo>2027-01-10T23:59:00</AvailableTo>
                            <AvailableUnits>2</AvailableUnits>
                        </AvailabilityPeriod>
                        <AvailabilityPeriod>
                            <AvailableFrom>2027-01-11T00:00:00</AvailableFrom>
                            <AvailableTo>2027-01-12T23:59:00</AvailableTo>
                            <AvailableUnits>1</AvailableUnits>
                        </AvailabilityPeriod>
                        <AvailabilityPeriod>
                            <AvailableFrom>2027-01-13T00:00:00</AvailableFrom>
                            <AvailableUnits>2</AvailableUnits>
                        </AvailabilityPeriod>
                    </AvailabilityPeriods>
                </Resource>
        """))
        // ops has a calendar of its own (UID 2, derived from the Standard calendar); mm is never
        // over-allocated: no MaxUnits, not levelled.
        #expect(Self.values("MaxUnits", in: resources) == ["2", "3"])
        #expect(Self.values("CanLevel", in: resources) == ["1", "1", "0"])
        #expect(Self.values("CalendarUID", in: resources) == ["2"])
        let calendars = String(xml[xml.range(of: "<Calendars>")!.lowerBound..<xml.range(of: "</Calendars>")!.upperBound])
        #expect(Self.values("Name", in: calendars) == ["Standard", "ops", "Holiday"])
        #expect(Self.values("BaseCalendarUID", in: calendars) == ["-1", "1"])
        #expect(Self.values("DayWorking", in: calendars).suffix(8) == ["0", "1", "1", "1", "1", "1", "1", "0"])
        #expect(Self.values("FromDate", in: calendars) == ["2027-01-07T00:00:00"])
    }

    @Test func everyUseOfATeamIsAnAssignmentWithUnitsAndWork() throws {
        let xml = try Self.write(Self.teams)
        let assignments = xml.components(separatedBy: "<Assignment>").dropFirst().map { part in
            ["TaskUID", "ResourceUID", "Units", "Work", "Start", "Finish"].map { Self.values($0, in: part)[0] }.joined(separator: " ")
        }
        // a: its owner; b: two teams, one at half time; c: effort 5d over 2d is 2.5 people; the
        // milestone uses nothing. ops works Saturdays: c takes Friday and Saturday.
        #expect(assignments == [
            "1 1 1 PT24H0M0S 2027-01-04T08:00:00 2027-01-06T17:00:00",
            "2 2 1 PT32H0M0S 2027-01-08T08:00:00 2027-01-13T17:00:00",
            "2 1 0.5 PT16H0M0S 2027-01-08T08:00:00 2027-01-13T17:00:00",
            "3 2 2.5 PT40H0M0S 2027-01-08T08:00:00 2027-01-09T17:00:00",
        ])
        // Resources and assignments come after the tasks, as the schema orders them.
        #expect(xml.range(of: "</Tasks>")!.lowerBound < xml.range(of: "<Resources>")!.lowerBound)
        #expect(xml.range(of: "</Resources>")!.lowerBound < xml.range(of: "<Assignments>")!.lowerBound)
        #expect(!(try Self.write(Self.plan)).contains("<Resources>"))
    }
}
