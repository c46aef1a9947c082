import Foundation
import PlanKit
@testable import PlanRender
import Testing

/// Writers are total on far dates: a schedule running past 9999-12-31 crashes none of them, and
/// none prints a five-digit year of its own making (the day after a finish, an axis's next month).
@Suite struct FarDateTests {
    static func renderEverything(_ text: String) throws -> [String: String] {
        let compilation = try HostileStringTests.compile(text)
        let plan = try #require(compilation.plan)
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
        let report = try #require(StatusReport.build(compilation: compilation))
        let evaluator = GateEvaluator(network: try #require(compilation.network), schedule: compilation.schedule, metrics: compilation.metrics, statusDate: nil)
        let gates = plan.gates.indices.map(evaluator.evaluate)
        let markdown = ReportMarkdownWriter.write(report, facts: facts), html = ReportHTMLWriter.write(report, facts: facts)
        let email = try EmailWriter(from: "pmo@example.com", to: ["lead@example.com"], subject: report.title, date: MailDate(day: Day.lastWritable))
        return [
            "table": ScheduleTableWriter.text(facts), "markdown": ScheduleTableWriter.markdown(facts),
            "json": ScheduleJSONWriter.write(facts), "csv": ScheduleCSVWriter.write(facts),
            "ics": ICalendarWriter.write(facts), "mermaid": MermaidGanttWriter.write(facts), "svg": GanttSVGWriter.write(facts),
            "gate text": GateTextWriter.write(gates, plan: plan, statusDate: nil),
            "gate markdown": GateMarkdownWriter.write(gates, plan: plan, statusDate: nil),
            "gate json": GateJSONWriter.write(gates, plan: plan, statusDate: nil),
            "junit": GateJUnitWriter.write(gates, plan: plan, statusDate: nil),
            "report markdown": markdown, "report html": html, "email": email.write(plain: markdown, html: html),
        ]
    }

    static func plan(start: String, duration: String) -> String {
        """
        plan: far
        title: Far
        start: \(start)
        tasks:
          - { id: a, title: A, duration: \(duration), owner: qa }
          - { id: m, title: M, milestone: true, after: [a] }
        gates:
          - id: g
            title: G
            owner: qa
            after: [m]
            criteria:
              - { id: c, title: C, done: [a] }

        """
    }

    static func fiveDigitYears(_ text: String) -> [String] {
        let pattern = try! Regex("[0-9]{5}-[0-9]{2}-[0-9]{2}|[0-9]{9}(T|\\r)")
        return text.matches(of: pattern).map { String(text[$0.range]) }
    }

    @Test func aScheduleEndingOnTheLastWritableDayPrintsNoFiveDigitYear() throws {
        // Monday 9999-12-27 to Friday 9999-12-31: the day after the finish is 10000-01-01.
        let outputs = try Self.renderEverything(Self.plan(start: "9999-12-27", duration: "5d"))
        for (format, output) in outputs {
            #expect(Self.fiveDigitYears(output).isEmpty, "\(format): \(Self.fiveDigitYears(output))")
        }
        #expect(outputs["mermaid"]?.contains("A :crit, t0_a, 9999-12-27, 9999-12-31\n") == true)
        #expect(outputs["ics"]?.contains("DTSTART;VALUE=DATE:99991231\r\nSUMMARY:Milestone: M") == true)
        #expect(outputs["svg"]?.contains(">Dec 9999</text>") == true)
    }

    @Test func aScheduleRunningPastYear9999CrashesNoWriter() throws {
        let outputs = try Self.renderEverything(Self.plan(start: "9999-12-01", duration: "60d"))
        #expect(outputs.count == 14)
        // The writers' own dates stay four-digit: the calendar leaves the far events out, the
        // chart clamps its bars, the axis stops at December 9999.
        for format in ["ics", "mermaid"] {
            #expect(Self.fiveDigitYears(outputs[format] ?? "").isEmpty, "\(format): \(Self.fiveDigitYears(outputs[format] ?? ""))")
        }
        #expect(outputs["ics"]?.contains("BEGIN:VEVENT") == false)
        #expect(outputs["svg"]?.contains("10000</text>") == false)
    }
}
