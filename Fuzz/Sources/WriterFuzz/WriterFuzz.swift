// libFuzzer entry point for PlanRender's writers: every input is a plan file, compiled as
// `planc check` does, and every format planc prints is rendered from it — diagnostics (text,
// GitHub, JSON, SARIF), the schedule (table, Markdown, JSON, CSV, iCalendar, Mermaid, SVG), the
// gates (text, Markdown, JSON, JUnit) and the report (Markdown, HTML, e-mail). A writer that
// crashes stops the fuzzer; so does JSON that JSONSerialization cannot read, XML that XMLParser
// cannot read, or a line of output (other than GitHub's own commands) that opens with `::`.
//
// Compiler.compile takes a path, so each input is written to a private temporary folder (on
// /dev/shm when there is one) that holds nothing else. Built with -parse-as-library and
// -sanitize=fuzzer: libFuzzer supplies `main` (see PlanFuzz.swift and docs/fuzzing.md).
#if canImport(Glibc)
import Glibc
#endif
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlanKit
import PlanRender
import PlanSyntax

nonisolated(unsafe) private var planPath: String = {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    var template = Array("\(base)/writerfuzz-XXXXXX".utf8CString)
    guard let dir = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    return String(cString: dir) + "/plan.yaml"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = planPath
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot write \(path)") }
    var written = 0
    while written < size, let data {
        let count = write(descriptor, data + written, size - written)
        if count <= 0 { break }
        written += count
    }
    close(descriptor)

    let compilation = Compiler.compile(path: path)
    let diagnostics = compilation.diagnostics
    let summary = CheckSummary(plans: 1, tasks: compilation.plan?.tasks.count ?? 0,
                               errors: compilation.errorCount, warnings: compilation.warningCount)
    inert("diagnostics text", DiagnosticTextWriter(color: false).write(diagnostics))
    inert("diagnostics text (colour)", DiagnosticTextWriter(color: true).write(diagnostics))
    inert("step summary", DiagnosticGitHubWriter.stepSummary(diagnostics, summary: summary))
    let github = DiagnosticGitHubWriter.write(diagnostics)
    for line in lines(github) where !line.isEmpty {
        if !(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice ")) {
            fatalError("github: a line that is not planc's command: \(line.debugDescription)")
        }
    }
    json("diagnostics json", DiagnosticJSONWriter.write(diagnostics, summary: summary))
    json("sarif", DiagnosticSARIFWriter.write(diagnostics, rules: RuleRegistry.descriptors, version: "fuzz"))

    guard let plan = compilation.plan, let schedule = compilation.schedule else { return 0 }
    let facts = ScheduleFacts(plan: plan, schedule: schedule)
    inert("schedule table", ScheduleTableWriter.text(facts))
    inert("schedule markdown", ScheduleTableWriter.markdown(facts))
    json("schedule json", ScheduleJSONWriter.write(facts))
    inert("schedule csv", ScheduleCSVWriter.write(facts))
    inert("schedule ics", ICalendarWriter.write(facts))
    inert("schedule mermaid", MermaidGanttWriter.write(facts))
    xml("gantt svg", GanttSVGWriter.write(facts))

    let statusDate = plan.asOf?.value
    let evaluator = GateEvaluator(plan: plan, schedule: schedule, metrics: compilation.metrics, statusDate: statusDate)
    let gates = plan.gates.indices.map(evaluator.evaluate)
    inert("gate text", GateTextWriter.write(gates, plan: plan, statusDate: statusDate))
    inert("gate markdown", GateMarkdownWriter.write(gates, plan: plan, statusDate: statusDate))
    json("gate json", GateJSONWriter.write(gates, plan: plan, statusDate: statusDate))
    xml("junit", GateJUnitWriter.write(gates, plan: plan, statusDate: statusDate))

    guard let report = StatusReport.build(compilation: compilation) else { return 0 }
    let markdown = ReportMarkdownWriter.write(report, facts: facts)
    let html = ReportHTMLWriter.write(report, facts: facts)
    inert("report markdown", markdown)
    inert("report html", html)
    guard let writer = try? EmailWriter(from: "pmo@example.com", to: ["lead@example.com"], subject: report.title,
                                        date: statusDate ?? Day.lastWritable) else {
        fatalError("the e-mail writer refused a report title")
    }
    inert("report email", writer.write(plain: markdown, html: html))
    return 0
}

/// Lines as the strictest reader splits them (CR, LF, VT, FF, FS, GS, RS, NEL, U+2028, U+2029).
private func lines(_ text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { character in
        character.unicodeScalars.contains { [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029].contains($0.value) }
    }
}

/// No line opens, after blanks, with `::` (a workflow command in a CI log).
private func inert(_ format: String, _ output: String) {
    for line in lines(output) where line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("::") {
        fatalError("\(format): a line opens with '::': \(line.debugDescription)")
    }
}

private func json(_ format: String, _ output: String) {
    inert(format, output)
    do {
        _ = try JSONSerialization.jsonObject(with: Data(output.utf8))
    } catch {
        fatalError("\(format): JSONSerialization cannot read it: \(error)\n\(output.prefix(2000))")
    }
}

private func xml(_ format: String, _ output: String) {
    inert(format, output)
    let parser = XMLParser(data: Data(output.utf8))
    if !parser.parse() {
        fatalError("\(format): XMLParser cannot read it: \(parser.parserError.map { "\($0)" } ?? "?")\n\(output.prefix(2000))")
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("WriterFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, { data, size in fuzz(data, size) })
}
