/// A minimal JSON writer with keys in the order written, so output is byte-identical run to run.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool

    public init(pretty: Bool = false) {
        self.pretty = pretty
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if pretty, needsComma.count > 1 { text += "\n" + String(repeating: "  ", count: needsComma.count - 1) }
    }

    private mutating func writeKey(_ key: String) {
        separator()
        JSONWriter.appendString(key, to: &text)
        text += pretty ? ": " : ":"
    }

    public mutating func beginObject(_ key: String? = nil) {
        if let key { writeKey(key) } else { separator() }
        text += "{"
        needsComma.append(false)
    }

    public mutating func endObject() {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { text += "\n" + String(repeating: "  ", count: needsComma.count - 1) }
        text += "}"
    }

    public mutating func beginArray(_ key: String? = nil) {
        if let key { writeKey(key) } else { separator() }
        text += "["
        needsComma.append(false)
    }

    public mutating func endArray() {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { text += "\n" + String(repeating: "  ", count: needsComma.count - 1) }
        text += "]"
    }

    public mutating func string(_ key: String, _ value: String?) {
        writeKey(key)
        if let value { JSONWriter.appendString(value, to: &text) } else { text += "null" }
    }

    public mutating func string(_ value: String) {
        separator()
        JSONWriter.appendString(value, to: &text)
    }

    public mutating func int(_ key: String, _ value: Int?) {
        writeKey(key)
        text += value.map(String.init) ?? "null"
    }

    public mutating func number(_ key: String, _ value: Double?) {
        writeKey(key)
        text += value.map(JSONWriter.format) ?? "null"
    }

    public mutating func bool(_ key: String, _ value: Bool) {
        writeKey(key)
        text += value ? "true" : "false"
    }

    public mutating func null(_ key: String) {
        writeKey(key)
        text += "null"
    }

    /// Shortest form that reads back as the same number; integers without a fraction.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    public static func appendString(_ value: String, to text: inout String) {
        // Most strings need no escaping: append them whole. 0xE2 leads U+2028 and U+2029.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            text += "\""
            text += value
            text += "\""
            return
        }
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
