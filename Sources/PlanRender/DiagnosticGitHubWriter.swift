import PlanSyntax

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which show
/// as annotations on the pull request's diff.
public enum DiagnosticGitHubWriter {
    public static func write(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
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
        return out
    }

    /// Message text: `%`, CR and LF are escaped so plan text cannot end the command or start another.
    public static func escapeData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Property values additionally escape `:` and `,`, which separate properties.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
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
