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
}
