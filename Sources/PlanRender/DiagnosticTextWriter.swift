import PlanSyntax

/// Prints diagnostics the way compilers do: location, severity and code, the source line with the
/// offending value underlined, then help and notes.
///
///     plans/perp-v2.yaml:42:15: error[E104]: task 'mm-integration' depends on unknown id 'risk-slipage'
///       42 |     after: [risk-slipage]
///          |             ^~~~~~~~~~~~
///          = help: did you mean 'risk-slippage'?
public struct DiagnosticTextWriter {
    public var color: Bool
    /// The most diagnostics printed per file; a closing line counts the rest.
    public var cap: DiagnosticCap
    /// The most characters of a source line shown; a longer line is cut around the column.
    public static let excerptWidth = 200

    public init(color: Bool, cap: DiagnosticCap = DiagnosticCap()) {
        self.color = color
        self.cap = cap
    }

    public func write(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        let (shown, omitted) = cap.apply(diagnostics)
        for diagnostic in shown { write(diagnostic, to: &out) }
        for (file, count) in omitted { out += DiagnosticCap.closingLine(file: file, count: count) + "\n" }
        return out
    }

    public func write(_ diagnostic: Diagnostic, to out: inout String) {
        let severityColor: String
        switch diagnostic.severity {
        case .error: severityColor = "\u{1B}[1;31m"
        case .warning: severityColor = "\u{1B}[1;33m"
        case .note: severityColor = "\u{1B}[1;36m"
        }
        out += paint(position(diagnostic.file, diagnostic.line, diagnostic.column), "\u{1B}[1m")
        out += " " + paint("\(diagnostic.severity.rawValue)[\(diagnostic.code)]:", severityColor)
        out += " " + paint(DiagnosticTextWriter.sanitize(diagnostic.message), "\u{1B}[1m") + "\n"
        let gutter = String(max(diagnostic.line, diagnostic.notes.map(\.line).max() ?? 0)).count
        excerpt(diagnostic.source, line: diagnostic.line, column: diagnostic.column, length: diagnostic.length,
                gutter: gutter, caretColor: severityColor, to: &out)
        if let help = diagnostic.help {
            out += String(repeating: " ", count: gutter + 3) + paint("= help:", "\u{1B}[1;32m") + " "
                + DiagnosticTextWriter.sanitize(help) + "\n"
        }
        for note in diagnostic.notes {
            out += paint(position(note.file, note.line, note.column), "\u{1B}[1m") + " " + paint("note:", "\u{1B}[1;36m")
                + " " + DiagnosticTextWriter.sanitize(note.message) + "\n"
            excerpt(note.source, line: note.line, column: note.column, length: note.length,
                    gutter: gutter, caretColor: "\u{1B}[1;36m", to: &out)
        }
    }

    func position(_ file: String, _ line: Int, _ column: Int) -> String {
        let file = Escape.terminal(file)
        return line > 0 ? "\(file):\(line):\(column):" : "\(file):"
    }

    /// The source line (a window of it around the column when it is long: minified JSON, binary
    /// junk), then a caret under the value. The window is read from the file, so the cost is the
    /// window's, however long the line.
    func excerpt(_ source: SourceFile?, line: Int, column: Int, length: Int, gutter: Int, caretColor: String, to out: inout String) {
        guard let source, line > 0,
              let window = source.excerpt(line: line, column: column, width: DiagnosticTextWriter.excerptWidth) else { return }
        let number = String(line)
        let bar = paint("|", "\u{1B}[1;34m")
        let shown = (window.clippedBefore ? "…" : "") + DiagnosticTextWriter.sanitize(window.text, keepTabs: true)
            + (window.clippedAfter ? "…" : "")
        let column = window.column + (window.clippedBefore ? 1 : 0)
        out += String(repeating: " ", count: gutter - number.count + 2) + paint(number, "\u{1B}[1;34m") + " " + bar + " " + shown + "\n"
        // Pad under the line with the same tabs and widths, so the caret lands under the value.
        var padding = ""
        var underline = 0
        for (index, scalar) in shown.unicodeScalars.enumerated() {
            let width = DiagnosticTextWriter.displayWidth(scalar)
            if index < column - 1 {
                padding += scalar == "\t" ? "\t" : String(repeating: " ", count: width)
            } else if index < column - 1 + length {
                underline += scalar == "\t" ? 1 : width
            } else {
                break
            }
        }
        underline = max(1, underline)
        out += String(repeating: " ", count: gutter + 3) + bar + " " + padding
            + paint("^" + String(repeating: "~", count: underline - 1), caretColor) + "\n"
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? code + text + "\u{1B}[0m" : text
    }

    /// Terminal columns a character takes: 2 for East Asian wide characters, 0 for combining marks.
    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if (0x0300...0x036F).contains(value) || (0x200B...0x200F).contains(value) { return 0 }
        if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value) {
            return 2
        }
        return 1
    }

    /// Replaces control characters (an escape sequence in a plan must not repaint the terminal).
    static func sanitize(_ text: String, keepTabs: Bool = false) -> String {
        Escape.terminal(text, keepTabs: keepTabs)
    }
}
