import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlanKit
@testable import PlanRender
import PlanSyntax
import Testing

/// The same hostile strings through every field that reaches an output and every format: each
/// comes out inert. Every field holds `s + "::error::FIELD " + s` for a hostile `s`, so a line
/// break in `s` would put a workflow command at the start of a line, and `s` also opens the field
/// (a formula, a mention, a keyword).
@Suite struct HostileStringTests {
    static let hostile: [String] = [
        "\r", "\n", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{1B}[31m", "\u{7}", "\u{0}", "::error::x",
        "::add-mask::x", "@user", "@org/team", "<script>alert(1)</script>", "\u{202E}", "|", "]]>", "=cmd|",
        "section S", "click a href javascript:alert(1)", "http://evil.example www.evil.example", "`", "\n    section evil",
    ]

    /// Fields and the YAML that carries them.
    static func plan(_ s: String) -> String {
        func q(_ field: String) -> String { yamlString(s + "::error::" + field + " " + s) }
        return """
        plan: hostile
        title: \(q("title"))
        start: 2026-12-07
        as_of: 2026-12-09
        teams:
          qa: { name: \(q("team")), capacity: 2 }
        tasks:
          - { id: a, title: \(q("task")), duration: 3d, owner: qa }
          - { id: b, title: \(q("task-b")), duration: 2d, owner: qa, after: [a], deadline: 2027-01-29 }
          - { id: m, title: \(q("milestone")), milestone: true, after: [b] }
        gates:
          - id: go
            title: \(q("gate"))
            owner: qa
            after: [b]
            criteria:
              - { id: c1, title: \(q("criterion")), done: [a] }
              - { id: c2, title: \(q("waived")), done: [b] }
              - { id: c3, title: \(q("signoff-criterion")), signoff: qa }
            waivers:
              - { criterion: c2, approved_by: \(q("approver")), reason: \(q("reason")), expires: 2027-01-01 }
            signoffs:
              - { team: qa, by: \(q("signoff")), date: 2026-12-08 }
        events:
          - { id: e, title: \(q("event")), date: 2027-02-01, requires: [b] }
        risks:
          - { id: r, title: \(q("risk")), likelihood: 3, impact: 3, owner: qa, status: occurred, response: \(q("response")), affects: [a] }
          - { id: r2, title: \(q("risk-open")), likelihood: 4, impact: 4, owner: qa, response: \(q("response-open")), affects: [b] }

        """
    }

    /// A plan whose diagnostics quote the hostile text (an unknown key).
    static func brokenPlan(_ s: String) -> String {
        """
        plan: broken
        start: 2026-12-07
        tasks:
          - { id: a, duration: 1d, owner: qa, \(yamlString(s + "::error::key " + s)): 1 }

        """
    }

    /// A YAML double-quoted scalar holding exactly `text`.
    static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value >= 0x20 && scalar.value < 0x7F {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += String(format: "\\u%04x", scalar.value)
                }
            }
        }
        return out + "\""
    }

    static func compile(_ text: String) throws -> Compilation {
        let folder = NSTemporaryDirectory() + "planc-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/plan.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return Compiler.compile(path: path)
    }

    // MARK: - What inert means

    /// Line breaks as the strictest reader counts them (Python's `str.splitlines`).
    static func lines(_ text: String) -> [String] {
        var lines: [String] = [], current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if Escape.isLineBreak(scalar) {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        return lines + [String(current)]
    }

    /// No line opens (after blanks, which GitHub's runner trims) with `::`.
    static func expectNoWorkflowCommand(_ output: String, _ format: String, _ s: String) {
        for line in lines(output) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            #expect(!trimmed.hasPrefix("::"), "\(format) for \(s.debugDescription): line opens with '::': \(line.debugDescription)")
        }
    }

    /// No raw ESC, BEL, NUL, DEL, C1 control or bidi override; CR only in a CRLF where the format
    /// ends its lines so.
    static func expectNoRawControls(_ output: String, _ format: String, _ s: String, crlf: Bool = false, bidi: Bool = false) {
        let scalars = Array(output.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" || scalar == "\t" { continue }
            if scalar == "\r" {
                #expect(crlf && index + 1 < scalars.count && scalars[index + 1] == "\n", "\(format) for \(s.debugDescription): a raw CR")
                continue
            }
            #expect(!Escape.isControl(scalar), "\(format) for \(s.debugDescription): raw U+\(String(scalar.value, radix: 16))")
            #expect(scalar != "\u{2028}" && scalar != "\u{2029}", "\(format) for \(s.debugDescription): raw line separator")
            if !bidi { #expect(!Escape.isBidiControl(scalar), "\(format) for \(s.debugDescription): raw bidi control") }
        }
    }

    /// No live `@mention` or e-mail autolink, no raw tag, no bare URL; every table row keeps the
    /// header's number of columns.
    static func expectInertMarkdown(_ markdown: String, _ format: String, _ s: String) {
        let scalars = Array(markdown.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "@" && index + 1 < scalars.count {
            let next = scalars[index + 1]
            #expect(!(next.properties.isAlphabetic || ("0"..."9").contains(next)), "\(format) for \(s.debugDescription): live mention")
        }
        #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<script"), "\(format) for \(s.debugDescription): raw tag")
        #expect(!markdown.contains("://") && !markdown.lowercased().contains("www."), "\(format) for \(s.debugDescription): live URL")
        var columns: Int?
        for line in markdown.components(separatedBy: "\n") {
            guard line.hasPrefix("|") else { columns = nil; continue }
            var count = 0, escaped = false
            for character in line.unicodeScalars {
                if character == "|", !escaped { count += 1 }
                escaped = character == "\\" && !escaped
            }
            if let columns { #expect(count == columns, "\(format) for \(s.debugDescription): row \(line.debugDescription)") }
            columns = columns ?? count
        }
    }

    // MARK: - The formats

    @Test(arguments: hostile)
    func scheduleFormatsStayInert(_ s: String) throws {
        let compilation = try Self.compile(Self.plan(s))
        #expect(!compilation.hasErrors, "\(compilation.diagnostics.map(\.message))")
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))

        let table = ScheduleTableWriter.text(facts)
        Self.expectNoWorkflowCommand(table, "schedule table", s)
        Self.expectNoRawControls(table, "schedule table", s)
        #expect(table.components(separatedBy: "\n").count == ScheduleTableWriter.text(try scheduleFacts(Self.plan("x"))).components(separatedBy: "\n").count)

        let markdown = ScheduleTableWriter.markdown(facts)
        Self.expectNoWorkflowCommand(markdown, "schedule markdown", s)
        Self.expectNoRawControls(markdown, "schedule markdown", s)
        Self.expectInertMarkdown(markdown, "schedule markdown", s)

        let json = ScheduleJSONWriter.write(facts)
        Self.expectNoWorkflowCommand(json, "schedule json", s)
        Self.expectNoRawControls(json, "schedule json", s, bidi: true)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tasks = try #require(parsed["tasks"] as? [[String: Any]])
        #expect(tasks.first?["title"] as? String == s + "::error::task " + s, "JSON keeps the title exactly")

        let csv = ScheduleCSVWriter.write(facts)
        Self.expectNoWorkflowCommand(csv, "csv", s)
        Self.expectNoRawControls(csv, "csv", s, crlf: true)
        let records = Self.parseCSV(csv)
        #expect(records.count == facts.plan.tasks.count + 1)
        for record in records {
            #expect(record.count == 12, "csv for \(s.debugDescription): \(record)")
            for field in record { #expect(!["=", "+", "-", "@"].contains(field.first), "csv for \(s.debugDescription): formula \(field.debugDescription)") }
        }

        let mspdi = MSPDIWriter.write(facts)
        Self.expectNoWorkflowCommand(mspdi, "mspdi", s)
        Self.expectNoRawControls(mspdi, "mspdi", s)
        let xml = XMLParser(data: Data(mspdi.utf8))
        #expect(xml.parse(), "mspdi for \(s.debugDescription): \(xml.parserError.map { "\($0)" } ?? "")")

        let ics = ICalendarWriter.write(facts)
        Self.expectNoWorkflowCommand(ics, "ics", s)
        Self.expectNoRawControls(ics, "ics", s, crlf: true)
        let physical = ics.components(separatedBy: "\r\n").dropLast()
        #expect(physical.allSatisfy { $0.utf8.count <= 75 && !$0.contains("\n") })
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast()
        for line in unfolded {
            let name = line.prefix { $0.isUppercase || $0 == "-" }
            #expect(!name.isEmpty && (line.dropFirst(name.count).first == ":" || line.dropFirst(name.count).first == ";"),
                    "ics for \(s.debugDescription): not a content line: \(line.debugDescription)")
        }
        #expect(unfolded.filter { $0 == "BEGIN:VEVENT" }.count == 4)

        let mermaid = MermaidGanttWriter.write(facts)
        Self.expectNoWorkflowCommand(mermaid, "mermaid", s)
        Self.expectNoRawControls(mermaid, "mermaid", s)
        Self.expectOneStatementPerLine(mermaid, tasks: facts.plan.tasks.count + 1, s)
    }

    @Test(arguments: hostile)
    func gateFormatsStayInert(_ s: String) throws {
        let compilation = try Self.compile(Self.plan(s))
        let plan = try #require(compilation.plan)
        let evaluator = GateEvaluator(network: try #require(compilation.network), schedule: compilation.schedule, metrics: compilation.metrics, statusDate: plan.asOf?.value)
        let results = plan.gates.indices.map(evaluator.evaluate)
        #expect(results.first?.criteria.map(\.status) == [.fail, .waived, .pass])

        let text = GateTextWriter.write(results, plan: plan, statusDate: plan.asOf?.value)
        Self.expectNoWorkflowCommand(text, "gate text", s)
        Self.expectNoRawControls(text, "gate text", s)
        #expect(text.components(separatedBy: "\n").count == 8, "gate text for \(s.debugDescription): \(text)")

        let markdown = GateMarkdownWriter.write(results, plan: plan, statusDate: plan.asOf?.value)
        Self.expectNoWorkflowCommand(markdown, "gate markdown", s)
        Self.expectNoRawControls(markdown, "gate markdown", s)
        Self.expectInertMarkdown(markdown, "gate markdown", s)

        let json = GateJSONWriter.write(results, plan: plan, statusDate: plan.asOf?.value)
        Self.expectNoWorkflowCommand(json, "gate json", s)
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])

        let junit = GateJUnitWriter.write(results, plan: plan, statusDate: plan.asOf?.value)
        Self.expectNoWorkflowCommand(junit, "junit", s)
        Self.expectNoRawControls(junit, "junit", s)
        let reader = XMLCounter()
        let parser = XMLParser(data: Data(junit.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "junit for \(s.debugDescription): \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(reader.elements["testcase"] == 3 && reader.elements["failure"] == 1 && reader.elements["skipped"] == 1)
    }

    @Test(arguments: hostile)
    func reportFormatsStayInert(_ s: String) throws {
        let compilation = try Self.compile(Self.plan(s))
        let report = try #require(StatusReport.build(compilation: compilation))
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))

        let markdown = ReportMarkdownWriter.write(report, facts: facts)
        Self.expectNoWorkflowCommand(markdown, "report markdown", s)
        Self.expectNoRawControls(markdown, "report markdown", s)
        Self.expectInertMarkdown(markdown, "report markdown", s)
        let chart = try #require(markdown.components(separatedBy: "```mermaid\n").last?.components(separatedBy: "```").first)
        Self.expectOneStatementPerLine(chart, tasks: facts.plan.tasks.count + 1, s)

        let html = ReportHTMLWriter.write(report, facts: facts)
        Self.expectNoWorkflowCommand(html, "report html", s)
        Self.expectNoRawControls(html, "report html", s)
        #expect(!html.lowercased().contains("<script"), "report html for \(s.debugDescription): a script")

        let writer = try EmailWriter(from: "PMO <pmo@example.com>", to: ["lead@example.com"], subject: report.title, date: MailDate(day: Day(iso: "2026-12-09")!))
        let email = writer.write(plain: markdown, html: html)
        Self.expectNoWorkflowCommand(email, "email", s)
        Self.expectNoRawControls(email, "email", s, crlf: true)
        let head = try #require(email.components(separatedBy: "\r\n\r\n").first)
        let headers = head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
        #expect(headers.map { String($0.prefix { $0 != ":" }) } == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "X-Mailer"],
                "email for \(s.debugDescription): \(headers)")
    }

    @Test(arguments: hostile)
    func diagnosticFormatsStayInert(_ s: String) throws {
        let compilation = try Self.compile(Self.brokenPlan(s))
        let diagnostics = compilation.diagnostics
        #expect(diagnostics.contains { $0.code == "E100" }, "\(diagnostics.map(\.message))")

        let text = DiagnosticTextWriter(color: false).write(diagnostics)
        Self.expectNoWorkflowCommand(text, "diagnostics text", s)
        Self.expectNoRawControls(text, "diagnostics text", s)

        let github = DiagnosticGitHubWriter.write(diagnostics)
        Self.expectNoRawControls(github, "diagnostics github", s)
        let commandLines = Self.lines(github).filter { !$0.isEmpty }
        #expect(commandLines.count == diagnostics.count, "github for \(s.debugDescription): one command per diagnostic")
        #expect(commandLines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })

        let summary = DiagnosticGitHubWriter.stepSummary(diagnostics, summary: CheckSummary(plans: 1, tasks: 1, errors: diagnostics.count, warnings: 0))
        Self.expectNoWorkflowCommand(summary, "step summary", s)
        Self.expectNoRawControls(summary, "step summary", s)
        Self.expectInertMarkdown(summary, "step summary", s)

        for (format, output) in [("json", DiagnosticJSONWriter.write(diagnostics)),
                                 ("sarif", DiagnosticSARIFWriter.write(diagnostics, rules: RuleRegistry.descriptors, version: "test"))] {
            Self.expectNoWorkflowCommand(output, format, s)
            Self.expectNoRawControls(output, format, s, bidi: true)
            #expect(try JSONSerialization.jsonObject(with: Data(output.utf8)) is [String: Any])
        }
    }

    // MARK: - Readers

    /// Every line of a gantt is a header, a section or exactly one task, and there are `tasks` of
    /// them: no label opened a statement of its own.
    static func expectOneStatementPerLine(_ chart: String, tasks: Int, _ s: String) {
        var count = 0
        for line in lines(chart).dropFirst() where !line.isEmpty {
            let body = line.drop { $0 == " " }
            if body.hasPrefix("title ") || body.hasPrefix("dateFormat ") || body.hasPrefix("axisFormat ") || body.hasPrefix("%%") { continue }
            if body.hasPrefix("section ") {
                #expect(!body.contains(":"), "mermaid for \(s.debugDescription): \(line.debugDescription)")
                continue
            }
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            #expect(parts.count == 2, "mermaid for \(s.debugDescription): \(line.debugDescription)")
            let label = parts[0].lowercased()
            #expect(!Escape.mermaidKeywords.contains { label.hasPrefix($0 + " ") || label == $0 }, "mermaid for \(s.debugDescription): keyword \(line.debugDescription)")
            count += 1
        }
        #expect(count == tasks, "mermaid for \(s.debugDescription): \(count) task lines\n\(chart)")
    }

    /// RFC 4180 records (quoted fields may hold CR, LF and doubled quotes).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, afterQuote = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" { field += "\""; index += 1 } else { quoted = false; afterQuote = true }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote: quoted = true
            case ",": record.append(field); field = ""; afterQuote = false
            case "\r" where index < scalars.count && scalars[index] == "\n":
                index += 1
                record.append(field)
                records.append(record)
                record = []; field = ""; afterQuote = false
            default: field.unicodeScalars.append(scalar)
            }
        }
        return records
    }
}

private func scheduleFacts(_ text: String) throws -> ScheduleFacts {
    let compilation = try HostileStringTests.compile(text)
    return ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
}

private final class XMLCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
    }
}
