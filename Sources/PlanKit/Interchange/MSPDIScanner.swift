import Foundation

/// A byte-level reader for MSPDI that accepts only XML it can prove well-formed: UTF-8 (an
/// optional BOM and `<?xml version="1.0" encoding="UTF-8" standalone="yes|no"?>`), ASCII element
/// and attribute names without namespace prefixes, the five predefined entities and character
/// references, comments and CDATA sections, and no DOCTYPE or processing instruction. On
/// anything else it returns nil and `MSPDIReader` reads the file with XMLParser, which says what
/// is wrong; it never reports a problem itself. Line and column of each start tag are those
/// XMLParser (libxml2) gives (the position of the tag's `>` or `/>`, columns in characters), so
/// that diagnostics do not depend on which reader read the file.
///
/// Why: XMLParser's callbacks make Strings of every element name, every text run and an
/// attribute dictionary per element, and trimming them went through NSString; most of an
/// import's time was spent there.
enum MSPDIScanner {
    static func scan(_ input: UnsafeBufferPointer<UInt8>) -> MSPDIProject? {
        guard let base = input.baseAddress, !input.isEmpty else { return nil }
        var scanner = Scanner(base: base, end: input.count)
        return try? scanner.run()
    }

    /// Limits far below libxml2's, so that nothing libxml2 refuses for its size is accepted here.
    static let maxDepth = 128
    static let maxNameBytes = 1000
    static let maxRunBytes = 1_000_000

    struct Reject: Error {}

    /// Element names by length, then bytes.
    static let names: [[(bytes: [UInt8], element: MSPDIElement)]] = {
        var table = [[(bytes: [UInt8], element: MSPDIElement)]](repeating: [], count: 33)
        for element in MSPDIElement.allCases.dropFirst() {
            let bytes = Array("\(element)".utf8)
            table[bytes.count].append((bytes, element))
        }
        return table
    }()

    static let namespace = Array("http://schemas.microsoft.com/project".utf8)

    struct Scanner {
        let p: UnsafePointer<UInt8>
        let end: Int
        var pos = 0
        var line = 1
        var lineStart = 0
        /// UTF-8 continuation bytes between `lineStart` and `pos` (libxml2 counts columns in characters).
        var lineExtra = 0
        var builder = MSPDIBuilder()
        /// Open elements: where each name is in the input.
        var open: [(start: Int, count: Int)] = []
        /// The text of the element being read: one run of the input while it needs no decoding,
        /// else decoded into `scratch`.
        var textStart = 0
        var runStart = 0
        var decoded = false
        var scratch: [UInt8] = []

        init(base: UnsafePointer<UInt8>, end: Int) {
            p = base
            self.end = end
        }

        @inline(__always) func at(_ offset: Int) -> UInt8 { pos + offset < end ? p[pos + offset] : 0 }

        func starts(with literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard pos + count <= end else { return false }
            return memcmp(p + pos, literal.utf8Start, count) == 0
        }

        var column: Int { pos - lineStart - lineExtra + 1 }

        mutating func newline() {
            pos += 1
            line += 1
            lineStart = pos
            lineExtra = 0
        }

        mutating func run() throws -> MSPDIProject {
            if end >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF {
                pos = 3
                lineStart = 3  // libxml2 does not count the BOM as a column
            }
            if starts(with: "<?xml"), isSpace(at(5)) { try declaration() }
            try misc()
            guard pos < end, p[pos] == UInt8(ascii: "<"), isNameStart(at(1)) else { throw Reject() }
            try element()
            try misc()
            guard pos == end, open.isEmpty else { throw Reject() }
            return builder.project
        }

        // MARK: - Prolog and epilog

        /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, encoding and standalone optional.
        mutating func declaration() throws {
            pos += 5
            guard try space() else { throw Reject() }
            try expect("version")
            try equals()
            guard try quoted() == Array("1.0".utf8) else { throw Reject() }
            var spaced = try space()
            if spaced, starts(with: "encoding") {
                pos += 8
                try equals()
                guard String(decoding: try quoted(), as: UTF8.self).uppercased() == "UTF-8" else { throw Reject() }
                spaced = try space()
            }
            if spaced, starts(with: "standalone") {
                pos += 10
                try equals()
                let value = try quoted()
                guard value == Array("yes".utf8) || value == Array("no".utf8) else { throw Reject() }
                _ = try space()
            }
            try expect("?>")
        }

        mutating func expect(_ literal: StaticString) throws {
            guard starts(with: literal) else { throw Reject() }
            pos += literal.utf8CodeUnitCount
        }

        /// `S? = S?`
        mutating func equals() throws {
            _ = try space()
            try expect("=")
            _ = try space()
        }

        /// A quoted ASCII value without references (the declaration's).
        mutating func quoted() throws -> [UInt8] {
            let quote = at(0)
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw Reject() }
            pos += 1
            let start = pos
            while pos < end, p[pos] != quote {
                guard p[pos] >= 0x20, p[pos] < 0x80 else { throw Reject() }
                pos += 1
            }
            guard pos < end, pos - start < 64 else { throw Reject() }
            defer { pos += 1 }
            return Array(UnsafeBufferPointer(start: p + start, count: pos - start))
        }

        /// White space and comments, before the root element or after it.
        mutating func misc() throws {
            while pos < end {
                if try space() { continue }
                if starts(with: "<!--") {
                    try comment()
                    continue
                }
                return
            }
        }

        /// Skips white space; whether there was any. A carriage return must start a CRLF (libxml2
        /// counts a lone one differently).
        @inline(__always) mutating func space() throws -> Bool {
            let start = pos
            while pos < end {
                switch p[pos] {
                case 0x20, 0x09: pos += 1
                case 0x0A: newline()
                case 0x0D:
                    guard at(1) == 0x0A else { throw Reject() }
                    pos += 1
                default: return pos > start
                }
            }
            return pos > start
        }

        // MARK: - Elements

        /// The root element and everything in it, without recursion.
        mutating func element() throws {
            try startTag()
            while !open.isEmpty {
                try characters()
                guard pos < end else { throw Reject() }
                // p[pos] == "<"
                switch at(1) {
                case UInt8(ascii: "/"):
                    try endTag()
                case UInt8(ascii: "!"):
                    if starts(with: "<!--") {
                        flushRun()
                        try comment()
                        runStart = pos
                    } else if starts(with: "<![CDATA[") {
                        flushRun()
                        try cdata()
                        runStart = pos
                    } else {
                        throw Reject()
                    }
                default:
                    guard isNameStart(at(1)) else { throw Reject() }  // also `<?`: no processing instructions
                    try startTag()
                }
            }
        }

        mutating func name() throws -> (start: Int, count: Int) {
            let start = pos
            guard pos < end, isNameStart(p[pos]) else { throw Reject() }
            pos += 1
            while pos < end, isNameChar(p[pos]) { pos += 1 }
            guard pos - start <= MSPDIScanner.maxNameBytes else { throw Reject() }
            return (start, pos - start)
        }

        func element(named name: (start: Int, count: Int)) -> MSPDIElement {
            guard name.count < MSPDIScanner.names.count else { return .other }
            for entry in MSPDIScanner.names[name.count] where entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, p + name.start, name.count) == 0 }) {
                return entry.element
            }
            return .other
        }

        mutating func startTag() throws {
            pos += 1  // <
            let name = try name()
            if open.isEmpty {
                // The root: anything but <Project> is XMLParser's to report.
                guard name.count == 7, memcmp(p + name.start, "Project", 7) == 0 else { throw Reject() }
            }
            guard open.count < MSPDIScanner.maxDepth else { throw Reject() }
            var attributes: [(start: Int, count: Int)] = []
            while true {
                let spaced = try space()
                guard pos < end else { throw Reject() }
                if p[pos] == UInt8(ascii: ">") || (p[pos] == UInt8(ascii: "/") && at(1) == UInt8(ascii: ">")) { break }
                guard spaced else { throw Reject() }
                let attribute = try self.name()
                for other in attributes where other.count == attribute.count && memcmp(p + other.start, p + attribute.start, attribute.count) == 0 {
                    throw Reject()  // a repeated attribute
                }
                attributes.append(attribute)
                try equals()
                let value = try attributeValue()
                if attribute.count == 5, memcmp(p + attribute.start, "xmlns", 5) == 0 {
                    // Another default namespace (or none) draws warnings from libxml2.
                    guard value.count == MSPDIScanner.namespace.count,
                          memcmp(p + value.start, MSPDIScanner.namespace, value.count) == 0 else { throw Reject() }
                }
            }
            // libxml2 reports a start tag at its `>` (or `/>`); MSPDIReader's XMLParser path takes
            // the tag to start its name's length before, and so does this.
            let line = self.line, column = self.column
            open.append(name)
            builder.start(element(named: name), line: line, column: max(1, column - name.count - 1))
            if p[pos] == UInt8(ascii: "/") {
                pos += 2
                open.removeLast()
                builder.end(ScannedText(bytes: UnsafeBufferPointer(start: p, count: 0)))
            } else {
                pos += 1
            }
            resetText()
        }

        /// A quoted attribute value, checked (references valid, no `<`); where its text is in the input.
        mutating func attributeValue() throws -> (start: Int, count: Int) {
            let quote = at(0)
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw Reject() }
            pos += 1
            let start = pos
            while true {
                guard pos < end else { throw Reject() }
                let byte = p[pos]
                if byte == quote { break }
                switch byte {
                case UInt8(ascii: "<"): throw Reject()
                case UInt8(ascii: "&"):
                    try reference(keep: false)
                case 0x0A: newline()
                case 0x09: pos += 1
                case 0x0D:
                    guard at(1) == 0x0A else { throw Reject() }
                    pos += 1
                case 0x20..<0x80: pos += 1
                case 0x80...: try multibyte()
                default: throw Reject()
                }
            }
            guard pos - start <= MSPDIScanner.maxRunBytes else { throw Reject() }
            pos += 1
            return (start, pos - 1 - start)
        }

        mutating func endTag() throws {
            let textEnd = pos
            pos += 2  // </
            let name = try name()
            guard let top = open.last, top.count == name.count, memcmp(p + top.start, p + name.start, name.count) == 0 else { throw Reject() }
            _ = try space()
            guard pos < end, p[pos] == UInt8(ascii: ">") else { throw Reject() }
            open.removeLast()
            if decoded {
                appendInput(from: runStart, to: textEnd)
                scratch.withUnsafeBufferPointer { builder.end(ScannedText(bytes: $0)) }
            } else {
                builder.end(ScannedText(bytes: UnsafeBufferPointer(start: p + textStart, count: textEnd - textStart)))
            }
            pos += 1
            resetText()
        }

        mutating func resetText() {
            textStart = pos
            runStart = pos
            decoded = false
            scratch.removeAll(keepingCapacity: true)
        }

        /// The text run from `runStart` to here into `scratch`: the text needs decoding from now on.
        mutating func flushRun() {
            appendInput(from: runStart, to: pos)
            decoded = true
        }

        mutating func appendInput(from start: Int, to stop: Int) {
            if stop > start { scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: stop - start)) }
        }

        /// Character data up to the next `<`.
        mutating func characters() throws {
            while pos < end {
                let byte = p[pos]
                if byte >= 0x20, byte < 0x80 {
                    if byte == UInt8(ascii: "<") { break }
                    if byte == UInt8(ascii: "&") {
                        flushRun()
                        try reference(keep: true)
                        runStart = pos
                        continue
                    }
                    if byte == UInt8(ascii: "]"), at(1) == UInt8(ascii: "]"), at(2) == UInt8(ascii: ">") { throw Reject() }
                    pos += 1
                    continue
                }
                switch byte {
                case 0x0A: newline()
                case 0x09: pos += 1
                case 0x0D:
                    // CRLF is read as LF.
                    guard at(1) == 0x0A else { throw Reject() }
                    flushRun()
                    pos += 1
                    runStart = pos
                case 0x80...: try multibyte()
                default: throw Reject()
                }
            }
            guard pos - textStart <= MSPDIScanner.maxRunBytes else { throw Reject() }
        }

        /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xH;`, checked, and decoded into
        /// `scratch` when `keep`.
        mutating func reference(keep: Bool) throws {
            pos += 1  // &
            if at(0) == UInt8(ascii: "#") {
                pos += 1
                let hex = at(0) == UInt8(ascii: "x")
                if hex { pos += 1 }
                var value: UInt32 = 0, digits = 0
                while pos < end, p[pos] != UInt8(ascii: ";") {
                    let byte = p[pos]
                    let digit: UInt32
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                    case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
                    case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
                    default: throw Reject()
                    }
                    value = value * (hex ? 16 : 10) + digit
                    digits += 1
                    guard digits <= 7 else { throw Reject() }
                    pos += 1
                }
                guard digits > 0, pos < end, isXMLChar(value), let scalar = Unicode.Scalar(value) else { throw Reject() }
                pos += 1
                if keep { scratch.append(contentsOf: Array(String(Character(scalar)).utf8)) }
                return
            }
            let entities: [(StaticString, UInt8)] = [("lt;", 0x3C), ("gt;", 0x3E), ("amp;", 0x26), ("quot;", 0x22), ("apos;", 0x27)]
            for (name, byte) in entities where starts(with: name) {
                pos += name.utf8CodeUnitCount
                if keep { scratch.append(byte) }
                return
            }
            throw Reject()
        }

        mutating func comment() throws {
            pos += 4  // <!--
            let start = pos
            while true {
                guard pos < end else { throw Reject() }
                let byte = p[pos]
                if byte == UInt8(ascii: "-"), at(1) == UInt8(ascii: "-") {
                    guard at(2) == UInt8(ascii: ">") else { throw Reject() }
                    pos += 3
                    break
                }
                try contentByte(byte)
            }
            guard pos - start <= MSPDIScanner.maxRunBytes else { throw Reject() }
        }

        /// `<![CDATA[...]]>`, its text into `scratch` (a CRLF in it stays one: XMLParser passes it on).
        mutating func cdata() throws {
            pos += 9
            let run = pos
            while true {
                guard pos < end else { throw Reject() }
                let byte = p[pos]
                if byte == UInt8(ascii: "]"), at(1) == UInt8(ascii: "]"), at(2) == UInt8(ascii: ">") {
                    appendInput(from: run, to: pos)
                    pos += 3
                    break
                }
                try contentByte(byte)
            }
            guard scratch.count <= MSPDIScanner.maxRunBytes else { throw Reject() }
        }

        /// One character of a comment or CDATA section, checked; CRs are the caller's.
        @inline(__always) mutating func contentByte(_ byte: UInt8) throws {
            switch byte {
            case 0x20..<0x80, 0x09: pos += 1
            case 0x0A: newline()
            case 0x0D:
                guard at(1) == 0x0A else { throw Reject() }
                pos += 1
            case 0x80...: try multibyte()
            default: throw Reject()
            }
        }

        /// A UTF-8 sequence of two to four bytes that XML allows as a character.
        mutating func multibyte() throws {
            let lead = p[pos]
            let count: Int
            var value: UInt32
            switch lead {
            case 0xC2...0xDF: count = 2; value = UInt32(lead & 0x1F)
            case 0xE0...0xEF: count = 3; value = UInt32(lead & 0x0F)
            case 0xF0...0xF4: count = 4; value = UInt32(lead & 0x07)
            default: throw Reject()
            }
            guard pos + count <= end else { throw Reject() }
            for offset in 1..<count {
                let byte = p[pos + offset]
                guard byte & 0xC0 == 0x80 else { throw Reject() }
                value = value << 6 | UInt32(byte & 0x3F)
            }
            // Overlong forms, surrogates and values above U+10FFFF are not UTF-8.
            let minimum: UInt32 = count == 2 ? 0x80 : count == 3 ? 0x800 : 0x10000
            guard value >= minimum, value <= 0x10FFFF, isXMLChar(value) else { throw Reject() }
            pos += count
            lineExtra += count - 1
        }
    }
}

/// Text found by `MSPDIScanner`: bytes in the input (or decoded), made a String only when asked.
struct ScannedText: MSPDIText {
    let bytes: UnsafeBufferPointer<UInt8>

    var raw: String { String(decoding: bytes, as: UTF8.self) }

    /// Without ASCII white space at the ends; when a non-ASCII character is then at an end, it
    /// may be white space too, and Foundation's trimming decides, as for `String.value`.
    var trimmed: UnsafeBufferPointer<UInt8>? {
        var start = 0, stop = bytes.count
        while start < stop, isASCIISpace(bytes[start]) { start += 1 }
        while stop > start, isASCIISpace(bytes[stop - 1]) { stop -= 1 }
        if start < stop, bytes[start] >= 0x80 || bytes[stop - 1] >= 0x80 { return nil }
        return UnsafeBufferPointer(rebasing: bytes[start..<stop])
    }

    var value: String {
        guard let trimmed else { return raw.value }
        return String(decoding: trimmed, as: UTF8.self)
    }

    var number: Int? {
        // Digits with an optional sign, as Int(_: String) reads them, without making the String.
        guard let trimmed, !trimmed.isEmpty, trimmed.count <= 18 else { return raw.number }
        var index = 0
        let negative = trimmed[0] == UInt8(ascii: "-")
        if negative || trimmed[0] == UInt8(ascii: "+") { index = 1 }
        guard index < trimmed.count else { return nil }
        var result = 0
        while index < trimmed.count {
            let digit = Int(trimmed[index]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            result = result * 10 + digit
            index += 1
        }
        return negative ? -result : result
    }

    var flag: Bool {
        guard let trimmed else { return raw.flag }
        return (trimmed.count == 1 && trimmed[0] == UInt8(ascii: "1"))
            || (trimmed.count == 4 && memcmp(trimmed.baseAddress!, "true", 4) == 0)
    }
}

@inline(__always) private func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
}

@inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
}

@inline(__always) private func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
}

@inline(__always) private func isNameChar(_ byte: UInt8) -> Bool {
    isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
}

/// XML 1.0's Char production, less what UTF-8 cannot encode.
@inline(__always) private func isXMLChar(_ value: UInt32) -> Bool {
    value == 0x09 || value == 0x0A || value == 0x0D || (value >= 0x20 && value <= 0xD7FF)
        || (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF)
}
