import PlanKit

/// A minimal JSON writer with keys in the order written, so output is byte-identical run to run.
/// It appends UTF-8 bytes to one buffer: a 100,000-task schedule is 20 MB of JSON.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    private let pretty: Bool

    public init(pretty: Bool = false, capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// A writer for elements of an array that another writer has open: its output goes between
    /// that writer's `beginArray` and `endArray`, after its `takeBytes()` and `markElementsWritten()`.
    public init(arrayElementsWithCapacity capacity: Int) {
        self.init(capacity: capacity)
        needsComma = [false, false]
    }

    /// The bytes written so far, leaving the writer empty but where it was: what follows continues
    /// the same document.
    public mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// Records that elements of the open array were written elsewhere (between `takeBytes` calls);
    /// true when the next one needs a comma before it.
    public mutating func markElementsWritten() -> Bool {
        defer { needsComma[needsComma.count - 1] = true }
        return needsComma[needsComma.count - 1]
    }

    /// The JSON written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
        needsComma[needsComma.count - 1] = true
        if pretty, needsComma.count > 1 { newline(depth: needsComma.count - 1) }
    }

    private mutating func newline(depth: Int) {
        bytes.append(0x0A)
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func writeKey(_ key: StaticString) {
        separator()
        bytes.append(0x22)
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
    }

    private mutating func writeKey(_ key: String) {
        separator()
        JSONWriter.appendString(key, to: &bytes)
        bytes.append(0x3A)
        if pretty { bytes.append(0x20) }
    }

    private mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func beginObject(_ key: String? = nil) {
        if let key { writeKey(key) } else { separator() }
        bytes.append(0x7B)
        needsComma.append(false)
    }

    public mutating func beginObject(_ key: StaticString) {
        writeKey(key)
        bytes.append(0x7B)
        needsComma.append(false)
    }

    public mutating func endObject() {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { newline(depth: needsComma.count - 1) }
        bytes.append(0x7D)
    }

    public mutating func beginArray(_ key: String? = nil) {
        if let key { writeKey(key) } else { separator() }
        bytes.append(0x5B)
        needsComma.append(false)
    }

    public mutating func beginArray(_ key: StaticString) {
        writeKey(key)
        bytes.append(0x5B)
        needsComma.append(false)
    }

    public mutating func endArray() {
        let hadItems = needsComma.removeLast()
        if pretty, hadItems { newline(depth: needsComma.count - 1) }
        bytes.append(0x5D)
    }

    public mutating func string(_ key: StaticString, _ value: String?) {
        writeKey(key)
        if let value { JSONWriter.appendString(value, to: &bytes) } else { append("null") }
    }

    public mutating func string(_ value: String) {
        separator()
        JSONWriter.appendString(value, to: &bytes)
    }

    /// A date as `"YYYY-MM-DD"`, or null.
    public mutating func date(_ key: StaticString, _ value: Day?) {
        writeKey(key)
        guard let value else { return append("null") }
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { buffer -> Bool in
            guard value.writeISO(into: UnsafeMutableBufferPointer(rebasing: buffer[1..<11])) else { return false }
            buffer[0] = 0x22
            buffer[11] = 0x22
            bytes.append(contentsOf: buffer)
            return true
        }
        if !written { JSONWriter.appendString(value.iso, to: &bytes) }
    }

    public mutating func int(_ key: StaticString, _ value: Int?) {
        writeKey(key)
        if let value { appendInt(value) } else { append("null") }
    }

    private mutating func appendInt(_ value: Int) {
        if value == 0 { return bytes.append(0x30) }
        if value == .min { return bytes.append(contentsOf: String(value).utf8) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            while magnitude > 0 {
                digits[19 - count] = UInt8(0x30 + magnitude % 10)
                magnitude /= 10
                count += 1
            }
            if value < 0 { bytes.append(0x2D) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    public mutating func number(_ key: StaticString, _ value: Double?) {
        writeKey(key)
        if let value { bytes.append(contentsOf: JSONWriter.format(value).utf8) } else { append("null") }
    }

    /// Units held in thousandths as the number people read: `2`, `0.5`, `3.333`; or null.
    public mutating func units(_ key: StaticString, milli value: Int?) {
        writeKey(key)
        if let value { bytes.append(contentsOf: ResourceModel.format(milliUnits: value).utf8) } else { append("null") }
    }

    public mutating func bool(_ key: StaticString, _ value: Bool) {
        writeKey(key)
        if value { append("true") } else { append("false") }
    }

    public mutating func null(_ key: StaticString) {
        writeKey(key)
        append("null")
    }

    /// Shortest form that reads back as the same number; integers without a fraction.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    public static func appendString(_ value: String, to text: inout String) {
        var bytes: [UInt8] = []
        appendString(value, to: &bytes)
        text += String(decoding: bytes, as: UTF8.self)
    }

    public static func appendString(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            // Most strings need no escaping: append them whole. 0xE2 leads U+2028 and U+2029, 0xC2 the
            // C1 controls (NEL among them).
            bytes.append(0x22)
            if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 || $0 == 0xC2 }) {
                bytes.append(contentsOf: utf8)
            } else {
                appendEscaped(utf8, to: &bytes)
            }
            bytes.append(0x22)
        }
    }

    /// The second and third UTF-8 bytes of U+2028, U+2029 and the bidi controls in U+2000–U+2FFF.
    static func escapedAsCode(_ second: UInt8, _ third: UInt8) -> Bool {
        switch (second, third) {
        case (0x80, 0x8E), (0x80, 0x8F), (0x80, 0xA8...0xAE), (0x81, 0xA6...0xA9): return true
        default: return false
        }
    }

    private static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0xE2 where index + 2 < utf8.count && JSONWriter.escapedAsCode(utf8[index + 1], utf8[index + 2]):
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break JavaScript string
                // literals; bidi controls (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069)
                // would reorder a terminal's line.
                let scalar = 0x2000 | (UInt32(utf8[index + 1] & 0x3F) << 6) | UInt32(utf8[index + 2] & 0x3F)
                bytes.append(contentsOf: Array("\\u\(String(scalar, radix: 16))".utf8))
                index += 3
                continue
            case 0xC2 where index + 1 < utf8.count && (0x80...0x9F).contains(utf8[index + 1]):
                // C1 controls (U+0080 to U+009F): NEL is a line break to some readers.
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(utf8[index + 1] >> 4)])
                bytes.append(hex[Int(utf8[index + 1] & 0xF)])
                index += 2
                continue
            default:
                if byte < 0x20 || byte == 0x7F {
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0xF)])
                } else {
                    bytes.append(byte)
                }
            }
            index += 1
        }
    }
}
