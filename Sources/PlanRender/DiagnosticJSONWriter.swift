import PlanSyntax

/// `{"diagnostics":[{"code","severity","message","file","line","column","help","notes"}], "summary": {...}}`;
/// past the cap, `"omitted":[{"file","count"}]` says how many of a file's diagnostics were left out.
public enum DiagnosticJSONWriter {
    public static func write(_ diagnostics: [Diagnostic], summary: CheckSummary? = nil, cap: DiagnosticCap = DiagnosticCap()) -> String {
        let (shown, omitted) = cap.apply(diagnostics)
        var json = JSONWriter()
        json.beginObject()
        json.beginArray("diagnostics")
        for diagnostic in shown {
            json.beginObject()
            json.string("code", diagnostic.code)
            json.string("severity", diagnostic.severity.rawValue)
            json.string("message", diagnostic.message)
            json.string("file", diagnostic.file)
            json.int("line", diagnostic.line)
            json.int("column", diagnostic.column)
            json.int("length", diagnostic.length)
            json.string("help", diagnostic.help)
            json.beginArray("notes")
            for note in diagnostic.notes {
                json.beginObject()
                json.string("message", note.message)
                json.string("file", note.file)
                json.int("line", note.line)
                json.int("column", note.column)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        if !omitted.isEmpty {
            json.beginArray("omitted")
            for (file, count) in omitted {
                json.beginObject()
                json.string("file", file)
                json.int("count", count)
                json.endObject()
            }
            json.endArray()
        }
        if let summary {
            json.beginObject("summary")
            json.int("plans", summary.plans)
            json.int("tasks", summary.tasks)
            json.int("errors", summary.errors)
            json.int("warnings", summary.warnings)
            json.endObject()
        }
        json.endObject()
        return json.text + "\n"
    }
}

/// What `planc check` counted.
public struct CheckSummary: Sendable, Equatable {
    public var plans: Int
    public var tasks: Int
    public var errors: Int
    public var warnings: Int

    public init(plans: Int, tasks: Int, errors: Int, warnings: Int) {
        self.plans = plans
        self.tasks = tasks
        self.errors = errors
        self.warnings = warnings
    }

    /// `checked 1 plan: 72 tasks, 0 errors, 1 warning`
    public var line: String {
        func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
        return "checked \(count(plans, "plan")): \(count(tasks, "task")), \(count(errors, "error")), \(count(warnings, "warning"))"
    }
}
