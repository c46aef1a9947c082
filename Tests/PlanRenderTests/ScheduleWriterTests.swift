import Foundation
import PlanKit
@testable import PlanRender
import PlanSyntax
import Testing

/// Compiles a plan from text and returns the facts the schedule writers read.
private func facts(_ text: String) throws -> ScheduleFacts {
    let folder = NSTemporaryDirectory() + "planc-writer-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/plan.yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let compilation = Compiler.compile(path: path)
    #expect(!compilation.hasErrors, "\(compilation.diagnostics.map(\.message))")
    return ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
}

private let small = """
plan: mini
title: "Mini | launch"
start: 2026-12-04
rules: { W301: off }
tasks:
  - { id: design, title: "=HYPERLINK(\\"http://x\\")", duration: 3d }
  - id: build
    title: Build, test; ship
    tasks:
      - { id: code, duration: 2d, after: [design] }
      - { id: soak, duration: 3ed, after: [code] }
  - { id: launch, title: "Launch: day #1", milestone: true, after: [build], deadline: 2026-12-18 }
"""

@Suite struct ScheduleWriterTests {
    @Test func jsonFollowsTheContractExactly() throws {
        let json = ScheduleJSONWriter.write(try facts(small))
        // Fri 4 Dec start; design Fri-Tue; code Wed-Thu; soak Fri-Sun (elapsed); launch on Monday.
        #expect(json == """
        {"plan":"mini","as_of":null,"start":"2026-12-04","finish":"2026-12-14","levelled":false,"finish_lower_bound":"2026-12-14","critical_path":["design","code","soak","launch"],\
        "tasks":[{"id":"design","title":"=HYPERLINK(\\"http://x\\")","start":"2026-12-04","finish":"2026-12-08","duration":3,"total_float":0,"free_float":0,"critical":true,"milestone":false,"summary":false,"parent":null,"delay":0,"waits_for":[]},\
        {"id":"build","title":"Build, test; ship","start":"2026-12-09","finish":"2026-12-13","duration":3,"total_float":0,"free_float":0,"critical":true,"milestone":false,"summary":true,"parent":null,"delay":0,"waits_for":[]},\
        {"id":"code","title":null,"start":"2026-12-09","finish":"2026-12-10","duration":2,"total_float":0,"free_float":0,"critical":true,"milestone":false,"summary":false,"parent":"build","delay":0,"waits_for":[]},\
        {"id":"soak","title":null,"start":"2026-12-11","finish":"2026-12-13","duration":1,"total_float":0,"free_float":0,"critical":true,"milestone":false,"summary":false,"parent":"build","delay":0,"waits_for":[]},\
        {"id":"launch","title":"Launch: day #1","start":"2026-12-14","finish":"2026-12-14","duration":0,"total_float":0,"free_float":0,"critical":true,"milestone":true,"summary":false,"parent":null,"delay":0,"waits_for":[]}],"events":[],"teams":[]}

        """)
    }

    @Test func jsonWrittenInTwoHalvesIsTheSameBytes() throws {
        let facts = try facts(small)
        let sequential = ScheduleJSONWriter.bytes(facts, parallelFrom: .max)
        #expect(sequential == Array(ScheduleJSONWriter.write(facts).utf8))
        // Five tasks split 2 + 3 over two threads: the same output, byte for byte.
        #expect(ScheduleJSONWriter.bytes(facts, parallelFrom: 1) == sequential)
        // Printed as pieces: head up to `"tasks":[`, the first half, a comma, the second, the rest.
        let pieces = ScheduleJSONWriter.pieces(facts, parallelFrom: 1)
        #expect(pieces.count == 5)
        #expect(pieces[2] == [UInt8(ascii: ",")])
        #expect(Array(pieces.joined()) == sequential)
        let parsed = try JSONSerialization.jsonObject(with: Data(ScheduleJSONWriter.bytes(facts, parallelFrom: 1))) as? [String: Any]
        #expect((parsed?["tasks"] as? [Any])?.count == 5)
    }

    @Test func csvQuotesAndNeutralisesFormulas() throws {
        let csv = ScheduleCSVWriter.write(try facts(small))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "id,title,owner,parent,kind,start,finish,duration,total_float,free_float,critical,status")
        #expect(lines[1] == "design,\"'=HYPERLINK(\"\"http://x\"\")\",,,task,2026-12-04,2026-12-08,3,0,0,true,planned")
        #expect(lines[2].hasPrefix("build,\"Build, test; ship\",,,summary,"))
        #expect(csv.hasSuffix("\r\n") && !csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for prefix in ["=", "+", "-", "@", "\t", "\r"] {
            #expect(ScheduleCSVWriter.text(prefix + "1+1").hasPrefix(prefix == "\r" ? "\"'" : "'"))
        }
        #expect(ScheduleCSVWriter.text("plain") == "plain")
    }

    @Test func icalendarIsFoldedEscapedAndReproducible() throws {
        let facts = try facts(small)
        let ics = ICalendarWriter.write(facts)
        #expect(ics == ICalendarWriter.write(facts))
        let lines = ics.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR" && lines.dropLast().last == "END:VCALENDAR")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(ics.contains("UID:launch@mini.planc\r\n"))
        #expect(ics.contains("UID:launch.deadline@mini.planc\r\n"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20261214\r\nDTEND;VALUE=DATE:20261215\r\n"))
        #expect(ics.contains("DTSTAMP:20261204T000000Z\r\n"))
        #expect(ics.contains("SUMMARY:Milestone: Launch: day #1\r\n"))
        #expect(ics.contains("X-WR-CALNAME:Mini | launch\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func longICalendarLinesFoldWithoutSplittingCharacters() {
        let folded = ICalendarWriter.fold("SUMMARY:" + String(repeating: "永", count: 40))
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.joined().replacingOccurrences(of: " 永", with: "永") == "SUMMARY:" + String(repeating: "永", count: 40))
    }

    @Test func mermaidUsesExplicitDatesAndSafeLabels() throws {
        let chart = MermaidGanttWriter.write(try facts(small))
        #expect(chart == """
        gantt
            title Mini | launch
            dateFormat YYYY-MM-DD
            axisFormat %b %d
            section Milestones and tasks
            =HYPERLINK("http -//x") :crit, t0_design, 2026-12-04, 2026-12-09
            section Build, test, ship
            code :crit, t2_code, 2026-12-09, 2026-12-11
            soak :crit, t3_soak, 2026-12-11, 2026-12-14
            section Milestones and tasks (2)
            Launch - day no.1 :crit, milestone, t4_launch, 2026-12-14, 0d

        """)
        #expect(!chart.contains("excludes"))
        #expect(MermaidGanttWriter.label("<b>Bold</b> & `code`") == "‹b›Bold‹/b› ＆ 'code'")
    }

    @Test func largePlansCollapseBelowTheCharacterLimit() throws {
        var text = "plan: big\nstart: 2026-12-07\nrules: { W301: off }\ntasks:\n"
        for stream in 0..<40 {
            text += "  - id: stream\(stream)\n    title: Workstream \(stream)\n    tasks:\n"
            for task in 0..<50 {
                text += "      - { id: s\(stream)-t\(task), title: A task with a fairly long title number \(task), duration: 2d\(task > 0 ? ", after: [s\(stream)-t\(task - 1)]" : "") }\n"
            }
        }
        let chart = MermaidGanttWriter.write(try facts(text))
        #expect(chart.count < 50_000)
        #expect(chart.contains("collapsed to summary level"))
        #expect(chart.contains("Workstream 39 :"))
        #expect(!chart.contains("s0-t1"))
    }

    @Test func tableMarksCriticalWorkAndSummarisesTheDeadline() throws {
        let table = ScheduleTableWriter.text(try facts(small))
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "   id        title                   owner  start       finish      days  float")
        #expect(lines[1] == "*  design    =HYPERLINK(\"http://x\")         2026-12-04  2026-12-08     3      0")
        #expect(lines[3] == "*    code                                   2026-12-09  2026-12-10     2      0")
        #expect(table.hasSuffix("start 2026-12-04, finish 2026-12-14; launch: 4 working days before its deadline 2026-12-18\n"))
    }

    @Test func markdownEscapesPlanText() throws {
        let markdown = ScheduleTableWriter.markdown(try facts(small))
        // The bare URL is defused with U+2060 so GitHub does not link it.
        #expect(markdown.contains("| \\* | design | =HYPERLINK(\"http:\u{2060}//x\") |"))
        #expect(MarkdownText.cell("a | b <script>") == "a \\| b \\<script\\>")
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("|") }.allSatisfy { $0.filter { $0 == "|" }.count - $0.components(separatedBy: "\\|").count + 1 == 9 })
    }
}
