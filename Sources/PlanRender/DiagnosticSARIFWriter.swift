import PlanSyntax

/// SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards. Every code planc
/// knows is listed as a rule, so `ruleIndex` values are stable across runs.
public enum DiagnosticSARIFWriter {
    /// Past the cap, a tool notification per file says how many results were left out.
    public static func write(
        _ diagnostics: [Diagnostic], rules: [DiagnosticDescriptor], version: String, cap: DiagnosticCap = DiagnosticCap()
    ) -> String {
        let (shown, omitted) = cap.apply(diagnostics)
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.string("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        json.string("version", "2.1.0")
        json.beginArray("runs")
        json.beginObject()
        json.beginObject("tool")
        json.beginObject("driver")
        json.string("name", "planc")
        json.string("semanticVersion", version)
        json.string("informationUri", "https://github.com/planc/planc")
        json.beginArray("rules")
        for rule in rules {
            json.beginObject()
            json.string("id", rule.code)
            json.string("name", rule.name)
            json.beginObject("shortDescription")
            json.string("text", rule.summary)
            json.endObject()
            json.beginObject("fullDescription")
            json.string("text", rule.rationale)
            json.endObject()
            json.beginObject("defaultConfiguration")
            json.string("level", level(rule.severity))
            json.endObject()
            json.beginObject("help")
            json.string("text", "Run `planc explain \(rule.code)` for examples.")
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        json.beginArray("results")
        let indexOf = Dictionary(rules.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        for diagnostic in shown {
            json.beginObject()
            json.string("ruleId", diagnostic.code)
            if let index = indexOf[diagnostic.code] { json.int("ruleIndex", index) }
            json.string("level", level(diagnostic.severity))
            json.beginObject("message")
            json.string("text", diagnostic.help.map { "\(diagnostic.message) (help: \($0))" } ?? diagnostic.message)
            json.endObject()
            json.beginArray("locations")
            location(&json, file: diagnostic.file, line: diagnostic.line, column: diagnostic.column, length: diagnostic.length)
            json.endArray()
            if !diagnostic.notes.isEmpty {
                json.beginArray("relatedLocations")
                for (index, note) in diagnostic.notes.enumerated() {
                    location(&json, file: note.file, line: note.line, column: note.column, length: note.length,
                             id: index, message: note.message)
                }
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        if !omitted.isEmpty {
            json.beginArray("invocations")
            json.beginObject()
            json.bool("executionSuccessful", true)
            json.beginArray("toolExecutionNotifications")
            for (file, count) in omitted {
                json.beginObject()
                json.string("level", "note")
                json.beginObject("message")
                json.string("text", DiagnosticCap.closingLine(file: file, count: count))
                json.endObject()
                json.endObject()
            }
            json.endArray()
            json.endObject()
            json.endArray()
        }
        json.endObject()
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    static func location(_ json: inout JSONWriter, file: String, line: Int, column: Int, length: Int,
                         id: Int? = nil, message: String? = nil) {
        json.beginObject()
        if let id { json.int("id", id) }
        json.beginObject("physicalLocation")
        json.beginObject("artifactLocation")
        json.string("uri", uri(file))
        if !file.hasPrefix("/") { json.string("uriBaseId", "%SRCROOT%") }
        json.endObject()
        if line > 0 {
            json.beginObject("region")
            json.int("startLine", line)
            json.int("startColumn", column)
            json.int("endColumn", column + max(1, length))
            json.endObject()
        }
        json.endObject()
        if let message {
            json.beginObject("message")
            json.string("text", message)
            json.endObject()
        }
        json.endObject()
    }

    /// A relative URI reference: path segments percent-encoded, `./` dropped.
    static func uri(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        var out = trimmed.hasPrefix("/") ? "file://" : ""
        for byte in trimmed.utf8 {
            let allowed = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || [0x2D, 0x2E, 0x5F, 0x7E, 0x2F].contains(byte)
            if allowed {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
