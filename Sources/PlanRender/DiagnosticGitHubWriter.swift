import PlanSyntax

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which show
/// as annotations on the pull request's diff.
public enum DiagnosticGitHubWriter {
    /// Past the cap, a plain closing line per file (a log line, not an annotation).
    public static func write(_ diagnostics: [Diagnostic], cap: DiagnosticCap = DiagnosticCap()) -> String {
        var out = ""
        let (shown, omitted) = cap.apply(diagnostics)
        for diagnostic in shown {
            let command: String
            switch diagnostic.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties = ["file=" + escapeProperty(diagnostic.file)]
            if diagnostic.line > 0 {
                properties.append("line=\(diagnostic.line)")
                properties.append("col=\(diagnostic.column)")
                properties.append("endColumn=\(diagnostic.column + diagnostic.length)")
            }
            properties.append("title=" + escapeProperty("planc \(diagnostic.code)"))
            var message = diagnostic.message
            if let help = diagnostic.help { message += "\nhelp: " + help }
            for note in diagnostic.notes {
                message += "\nnote: \(note.file):\(note.line):\(note.column): \(note.message)"
            }
            out += "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
        }
        for (file, count) in omitted {
            out += escapeData(DiagnosticCap.closingLine(file: file, count: count)) + "\n"
        }
        return out
    }

    /// A Markdown summary for `$GITHUB_STEP_SUMMARY`: the counts, then a table of the first
    /// diagnostics (GitHub caps a step summary at 1 MiB; this stays far below).
    public static func stepSummary(_ diagnostics: [Diagnostic], summary: CheckSummary, limit: Int = 100) -> String {
        let icon = summary.errors > 0 ? "❌" : (summary.warnings > 0 ? "⚠️" : "✅")
        var out = "### \(icon) planc check\n\n\(summary.line.prefix(1).uppercased() + summary.line.dropFirst())\n"
        guard !diagnostics.isEmpty else { return out + "\n" }
        out += "\n| | location | code | message |\n|---|---|---|---|\n"
        for diagnostic in diagnostics.prefix(limit) {
            let mark = diagnostic.severity == .error ? "❌" : (diagnostic.severity == .warning ? "⚠️" : "ℹ️")
            let place = diagnostic.line > 0 ? "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)" : diagnostic.file
            var message = diagnostic.message
            if let help = diagnostic.help { message += " — " + help }
            out += "| \(mark) | `\(Escape.terminal(place.replacingAll("`", with: "'")).replacingAll("|", with: "\\|"))` | \(diagnostic.code) | \(markdownCell(message)) |\n"
        }
        if diagnostics.count > limit { out += "\n… and \(diagnostics.count - limit) more; run `planc check` locally for all of them.\n" }
        return out + "\n"
    }

    static func markdownCell(_ text: String) -> String {
        Escape.markdownCell(text)
    }

    /// Message text: `%`, CR and LF are escaped so plan text cannot end the command or start another.
    public static func escapeData(_ text: String) -> String {
        Escape.workflowData(text)
    }

    /// Property values additionally escape `:` and `,`, which separate properties.
    public static func escapeProperty(_ text: String) -> String {
        Escape.workflowProperty(text)
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
