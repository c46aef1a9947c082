import Foundation

/// The one escaping layer: every writer puts plan text through one of these, chosen by where the
/// text lands. All of them walk Unicode scalars, never Characters: Swift reads "\r\n" as one
/// Character, which is how a CRLF once got past escapers that looked for "\r" and "\n". A CRLF is
/// one line break here, CR, LF, VT, FF, NEL, U+2028 and U+2029 the others.
///
/// Two threats run through every format: a line of output that starts (after blanks) with `::`
/// is a command to GitHub Actions when the output reaches a CI log, and control characters
/// (ESC, BEL, NUL...) or bidi overrides repaint or reorder what a reader sees.
public enum Escape {
    /// U+2060 WORD JOINER: invisible, not whitespace, so `@`+U+2060+`user` is no mention and a
    /// line starting U+2060 `::` is no workflow command.
    public static let joiner: Unicode.Scalar = "\u{2060}"
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    // MARK: - What a scalar is

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// C0, DEL and C1 controls (line breaks among them).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Marks and overrides that reorder text on screen (the "Trojan Source" characters), and the
    /// invisible U+FEFF (a byte-order mark inside text hides where a word starts).
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// Text that needs no escaping in any format checks these ASCII bytes only.
    private static func isPlain(_ text: String, special: (UInt8) -> Bool) -> Bool {
        !text.utf8.contains { $0 < 0x20 || $0 >= 0x7F || special($0) }
    }

    /// Calls `body` for each scalar, with a CRLF pair passed once as "\n" and every other line
    /// break passed as "\n" too.
    static func forEachScalar(_ text: String, _ body: (Unicode.Scalar) -> Void) {
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", afterCR { afterCR = false; continue }
            afterCR = scalar == "\r"
            body(isLineBreak(scalar) ? "\n" : scalar)
        }
    }

    /// Inserts the joiner before a `::` that opens the text or a line of it (after blanks).
    static func defuseCommands(_ text: String) -> String {
        // Only a `::` is ever defused.
        guard hasPair(text, 0x3A, 0x3A) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var lineStart = true
        for (index, scalar) in scalars.enumerated() {
            if lineStart, scalar == ":", index + 1 < scalars.count, scalars[index + 1] == ":" {
                out.append(joiner)
            }
            out.append(scalar)
            if scalar == "\n" || scalar == "\r" { lineStart = true } else if scalar != " " && scalar != "\t" { lineStart = false }
        }
        return String(out)
    }

    // MARK: - Terminal and CI log

    /// Plain text on one line of a terminal or CI log: line breaks (a CRLF as one) become a space,
    /// other controls and bidi controls U+FFFD (tabs kept with `keepTabs`), and a leading `::`
    /// cannot start a workflow command.
    public static func terminal(_ text: String, keepTabs: Bool = false) -> String {
        if isPlain(text, special: { _ in false }) { return defuseCommands(text) }
        var out = String.UnicodeScalarView()
        forEachScalar(text) { scalar in
            if scalar == "\n" {
                out.append(" ")
            } else if scalar == "\t", keepTabs {
                out.append(scalar)
            } else if isControl(scalar) || isBidiControl(scalar) {
                out.append(replacement)
            } else {
                out.append(scalar)
            }
        }
        return defuseCommands(String(out))
    }

    // MARK: - Markdown (GitHub flavoured)

    /// Inline Markdown (prose, headings, list items): markup characters backslash-escaped, `&`
    /// as an entity, line breaks as spaces, controls as U+FFFD; `@user` and `@org/team` mentions,
    /// bare URLs (`http://`, `www.`) and e-mail autolinks made inert with U+2060.
    public static func markdown(_ text: String) -> String {
        markdown(text, cell: false)
    }

    /// A table cell: as `markdown`, and `|` escaped so the row keeps its columns.
    public static func markdownCell(_ text: String) -> String {
        markdown(text, cell: true)
    }

    static func markdown(_ text: String, cell: Bool) -> String {
        let special: (UInt8) -> Bool = { byte in
            switch byte {
            case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x3C, 0x3E, 0x23, 0x26, 0x40, 0x7C, 0x3A, 0x77, 0x57: return true
            default: return false
            }
        }
        if isPlain(text, special: special) { return text }
        var scalars: [Unicode.Scalar] = []
        forEachScalar(text) { scalars.append($0) }
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            index += 1
            switch scalar {
            case "\n": out.append(" ")
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#":
                out.append("\\")
                out.append(scalar)
            case "|":
                if cell { out.append("\\") }
                out.append(scalar)
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "@":
                out.append(scalar)
                if let next, next.properties.isAlphabetic || ("0"..."9").contains(next) || next == "-" { out.append(joiner) }
            case ":":
                out.append(scalar)
                if next == "/", index + 1 < scalars.count, scalars[index + 1] == "/" { out.append(joiner) }
            case "w", "W":
                // `www.` starts an autolink; `www` + U+2060 + `.` does not.
                let start = index - 1
                if start + 3 < scalars.count, scalars[start + 3] == ".",
                   scalars[start..<start + 3].allSatisfy({ $0 == "w" || $0 == "W" }),
                   start == 0 || !scalars[start - 1].properties.isAlphabetic {
                    out.append(contentsOf: scalars[start..<start + 3])
                    out.append(joiner)
                    index = start + 3
                } else {
                    out.append(scalar)
                }
            default:
                out.append(isControl(scalar) || isBidiControl(scalar) ? replacement : scalar)
            }
        }
        return defuseCommands(String(out))
    }

    /// A table cell of planc's own Markdown (rule summaries): markup kept, only `|` escaped and
    /// line breaks folded, so the row keeps its columns.
    static func markdownTrustedCell(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        forEachScalar(text) { scalar in
            if scalar == "|" { out.append("\\") }
            out.append(scalar == "\n" ? " " : scalar)
        }
        return String(out)
    }

    // MARK: - Mermaid

    /// Mermaid keywords that start a statement when they open a line of a gantt chart.
    static let mermaidKeywords = ["gantt", "dateformat", "axisformat", "tickinterval", "includes", "excludes",
                                  "todaymarker", "weekday", "weekend", "inclusiveenddates", "topaxis", "title",
                                  "acctitle", "accdescr", "section", "click", "call", "href", "displaymode"]

    /// A label in a Mermaid gantt (title, section or task text): no `:` (it starts the task's
    /// data), `#` or `;`, no line breaks or controls, no markup (Mermaid renders labels as HTML),
    /// and never a keyword at its start, so no label can begin a new statement.
    public static func mermaid(_ text: String) -> String {
        var out = ""
        forEachScalar(text) { scalar in
            switch scalar {
            case ":": out += " -"
            case "#": out += "no."
            case ";": out += ","
            case "\n", "\t": out += " "
            case "%": out += " pct"
            case "<": out += "‹"
            case ">": out += "›"
            case "`": out += "'"
            case "&": out += "＆"
            case "{": out += "("
            case "}": out += ")"
            default:
                if isControl(scalar) || isBidiControl(scalar) { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        let trimmed = inertLinks(out.trimmingSpaces())
        guard !trimmed.isEmpty else { return "untitled" }
        let lowered = trimmed.lowercased()
        for keyword in mermaidKeywords where lowered.hasPrefix(keyword) {
            let rest = lowered.unicodeScalars.dropFirst(keyword.unicodeScalars.count)
            if rest.first.map({ !$0.properties.isAlphabetic }) ?? true { return String(Character(joiner)) + trimmed }
        }
        return trimmed
    }

    /// U+2060 after an `@` that starts a mention or an e-mail domain, and inside `www.`, for text
    /// that is shown but not Markdown-escaped (chart labels in a report GitHub renders).
    static func inertLinks(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x40 || $0 == 0x2E }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == ".", index >= 3, scalars[index - 3..<index].allSatisfy({ $0 == "w" || $0 == "W" }) { out.append(joiner) }
            out.append(scalar)
            if scalar == "@", index + 1 < scalars.count, scalars[index + 1].properties.isAlphabetic || ("0"..."9").contains(scalars[index + 1]) {
                out.append(joiner)
            }
        }
        return String(out)
    }

    // MARK: - HTML, SVG and XML

    /// Text and attribute values in HTML, SVG and XML (JUnit): `& < > " '` as entities, controls
    /// XML 1.0 forbids as U+FFFD, bidi controls as U+FFFD. Line breaks (a CRLF as one) are written
    /// as `newline`: a raw "\n" for HTML text, "&#10;" where an XML attribute must keep it. A line
    /// of plan text cannot open with `::`.
    public static func markup(_ text: String, newline: String = "\n") -> String {
        let special: (UInt8) -> Bool = { byte in
            byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
        }
        if isPlain(text, special: special) { return defuseCommands(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        forEachScalar(text) { scalar in
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += newline
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if isControl(scalar) || isBidiControl(scalar) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out.unicodeScalars.append(replacement)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return defuseCommands(out)
    }

    // MARK: - CSV

    /// An RFC 4180 field of plan text: a cell starting with `=` `+` `-` `@`, a tab or a CR gets
    /// a `'` so a spreadsheet never runs it as a formula; line breaks (a CRLF as one) become LF
    /// inside a quoted field, other controls U+FFFD; quoted when it holds `,` `"` or a line break.
    public static func csv(_ text: String) -> String {
        var value = ""
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" }
        var needsQuotes = false
        forEachScalar(text) { scalar in
            switch scalar {
            case "\n", ",", "\"":
                needsQuotes = true
                value.unicodeScalars.append(scalar)
            case "\t": value.unicodeScalars.append(scalar)
            default:
                value.unicodeScalars.append(isControl(scalar) || isBidiControl(scalar) ? replacement : scalar)
            }
        }
        value = defuseCommands(value)
        guard needsQuotes else { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    // MARK: - iCalendar

    /// RFC 5545 TEXT (3.3.11): backslash, `;` and `,` escaped, a line break (a CRLF as one) as
    /// `\n`; other controls and bidi controls dropped.
    public static func icalendarText(_ text: String) -> String {
        var out = ""
        forEachScalar(text) { scalar in
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default:
                if isControl(scalar) || isBidiControl(scalar) { return }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line (RFC 5545 3.1) so no line exceeds 75 octets, never splitting a UTF-8
    /// sequence, and never so that a continuation line opens with `::`; ends it with CRLF.
    public static func icalendarFold(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        // True when the text from `start` opens, after blanks, with `::`.
        func opensCommand(_ start: Int) -> Bool {
            var index = start
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            return index + 1 < scalars.count && scalars[index] == ":" && scalars[index + 1] == ":"
        }
        var out = String.UnicodeScalarView()
        var octets = 0
        var lineStart = 0
        var index = 0
        while index < scalars.count {
            if octets + String(scalars[index]).utf8.count > 75 {
                // Fold earlier while the continuation would open with `::` (keeping some of
                // this line); a run too long for that gets U+2060 to open the continuation.
                var cut = index
                while opensCommand(cut), cut - 1 > lineStart, index - cut < 60 { cut -= 1 }
                if opensCommand(cut) { cut = index }
                for scalar in scalars[cut..<index].reversed() {
                    out.removeLast()
                    octets -= String(scalar).utf8.count
                }
                index = cut
                out.append(contentsOf: "\r\n ".unicodeScalars)
                octets = 1
                lineStart = index
                if opensCommand(index) {
                    out.append(joiner)
                    octets += 3
                }
            }
            out.append(scalars[index])
            octets += String(scalars[index]).utf8.count
            index += 1
        }
        return String(out) + "\r\n"
    }

    // MARK: - Mail headers

    /// A header value from plan text: controls (CR and LF among them) and line breaks become one
    /// space, bidi controls are dropped, surrounding spaces trimmed.
    public static func mailHeaderText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) || isLineBreak(scalar) {
                if !out.hasSuffix(" ") { out += " " }
            } else if !isBidiControl(scalar) {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.trimmingCharacters(" ")
    }

    /// RFC 2047: printable ASCII stays as it is; anything else (and any `::`, so a folded header
    /// line cannot open with a workflow command) becomes `=?UTF-8?B?…?=` encoded words of at most
    /// 75 characters, each holding whole characters, separated by CRLF and a space.
    public static func mailHeader(_ text: String) -> String {
        let text = mailHeaderText(text)
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }), !text.contains("::") { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 12 characters of `=?UTF-8?B?` and `?=`; base64 of n bytes is 4*ceil(n/3) characters.
            if 12 + 4 * ((chunk.count + bytes.count + 2) / 3) > 75, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + EmailWriter.base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + EmailWriter.base64(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    // MARK: - GitHub workflow commands

    /// A workflow command's message: `%`, CR and LF percent-encoded (a CRLF as `%0D%0A`, other
    /// line breaks as `%0A`) so plan text cannot end the command or start another; other
    /// controls and bidi controls U+FFFD.
    public static func workflowData(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if isLineBreak(scalar) {
                    out += "%0A"
                } else if (isControl(scalar) && scalar != "\t") || isBidiControl(scalar) {
                    out.unicodeScalars.append(replacement)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A workflow command's property value: as the message, and `:` and `,` (which separate
    /// properties) encoded too.
    public static func workflowProperty(_ text: String) -> String {
        workflowData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

// MARK: - YAML (plans written by `planc import`)

extension Escape {
    /// A YAML scalar that reads back as exactly `text`, as a string: plain when nothing in it
    /// could mean anything else to YAML, else double-quoted with escapes for `"`, `\`, line
    /// breaks, control and bidirectional-control characters. `flow`: inside `{ }` or `[ ]`,
    /// where `,` `[` `]` `{` `}` are special too.
    public static func yamlScalar(_ text: String, flow: Bool = false) -> String {
        if isPlainYAML(text, flow: flow) { return text }
        var out = "\""
        forEachScalar(text) { scalar in
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if isControl(scalar) || isLineBreak(scalar) || isBidiControl(scalar) || scalar.value == 0xFEFF {
                    out += scalar.value <= 0xFF ? String(format: "\\x%02X", scalar.value) : String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static let yamlReserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"]

    /// The UTF-8 of `text` has `first` followed by `second`.
    static func hasPair(_ text: String, _ first: UInt8, _ second: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == first, byte == second { return true }
            previous = byte
        }
        return false
    }

    static func isPlainYAML(_ text: String, flow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        // Must start with a letter (no indicator, digit, quote or sign) and not end in a space.
        guard first.properties.isAlphabetic, last != " " else { return false }
        if text.utf8.count <= 16, yamlReserved.contains(text.lowercased()) { return false }
        // Foundation's `contains` is slow; it can only find ": " or " #" where the bytes have them.
        if hasPair(text, 0x3A, 0x20) && text.contains(": ") || hasPair(text, 0x20, 0x23) && text.contains(" #") || text.hasSuffix(":") { return false }
        for scalar in text.unicodeScalars {
            if isControl(scalar) || isLineBreak(scalar) || isBidiControl(scalar) || scalar == "\t" || scalar.value == 0xFEFF { return false }
            if scalar.isASCII {
                let plain = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || " _.-()/'&+:#?;=%@!$*<>^~|".unicodeScalars.contains(scalar) || (!flow && ",[]{}".unicodeScalars.contains(scalar))
                if !plain { return false }
            }
        }
        return true
    }
}
