import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// MS Project XML (MSPDI) as written, before planc reads any meaning into it: the project's
/// header, its calendars and its tasks with their links, each task and link with the line it
/// starts on. Read by `MSPDIReader`, turned into a plan by `MSPDIImport`.
public struct MSPDIProject: Sendable, Equatable {
    public var name: String?
    public var title: String?
    public var startDate: String?
    public var statusDate: String?
    public var minutesPerDay: Int?
    public var calendarUID: Int?
    public var defaultStartTime: String?
    public var defaultFinishTime: String?
    public var calendars: [Calendar] = []
    public var tasks: [Task] = []
    public var resources: [Resource] = []
    public var assignments: [Assignment] = []
    /// Custom fields the project defines (`ExtendedAttributes`).
    public var customFields: [CustomField] = []

    /// A custom field's definition: `FieldID` (e.g. 205520904, a resource's Text1), its name
    /// (`Text1`) and the alias MS Project shows as the column's title.
    public struct CustomField: Sendable, Equatable {
        public var fieldID: String
        public var fieldName: String?
        public var alias: String?
    }

    public struct Resource: Sendable, Equatable {
        public var line = 0
        public var column = 0
        public var uid: Int?
        public var name: String?
        /// 0 material, 1 work, 2 cost.
        public var type: Int?
        public var isNull = false
        /// A fraction: 1 is one person (100%).
        public var maxUnits: String?
        public var canLevel: Bool?
        public var calendarUID: Int?
        public var notes: String?
        public var availability: [Availability] = []
        /// Custom field values (`ExtendedAttribute`) by `FieldID`.
        public var customFields: [String: String] = [:]
    }

    /// `AvailableFrom`/`AvailableTo` (absent: open), `AvailableUnits` (a fraction).
    public struct Availability: Sendable, Equatable {
        public var line = 0
        public var from: String?
        public var to: String?
        public var units: String?
    }

    public struct Assignment: Sendable, Equatable {
        public var line = 0
        public var column = 0
        public var taskUID: Int?
        public var resourceUID: Int?
        /// A fraction: 1 is one person full time.
        public var units: String?
    }

    public struct Calendar: Sendable, Equatable {
        public var line = 0
        public var uid: Int?
        public var name: String?
        public var isBaseCalendar = false
        public var baseCalendarUID: Int?
        public var weekDays: [WeekDay] = []
        public var exceptions: [Exception] = []
        public var hasWorkWeeks = false
    }

    public struct WeekDay: Sendable, Equatable {
        public var line = 0
        public var dayType: Int?
        public var dayWorking: Bool?
        public var from: String?
        public var to: String?
    }

    public struct Exception: Sendable, Equatable {
        public var line = 0
        public var column = 1
        public var from: String?
        public var to: String?
        public var name: String?
        public var dayWorking = false
        public var type: Int?
        public var occurrences: Int?
    }

    public struct Task: Sendable, Equatable {
        public var line = 0
        public var column = 0
        public var uid: Int?
        public var name: String?
        public var outlineLevel: Int?
        public var summary = false
        public var milestone = false
        public var active = true
        public var isNull = false
        public var manual = false
        /// Tenths of a minute.
        public var levelingDelay: Int?
        public var duration: String?
        public var durationFormat: Int?
        public var start: String?
        public var finish: String?
        public var constraintType: Int?
        public var constraintDate: String?
        public var deadline: String?
        public var percentComplete: Int?
        public var actualStart: String?
        public var actualFinish: String?
        public var calendarUID: Int?
        public var priority: Int?
        public var notes: String?
        public var links: [Link] = []
    }

    public struct Link: Sendable, Equatable {
        public var line = 0
        public var column = 0
        public var predecessorUID: Int?
        public var type: Int?
        public var lag: Int?
        public var lagFormat: Int?
        public var crossProject = false
    }
}

/// A problem in the file being imported, with the XML line (and column) it was found at.
public struct ImportDiagnostic: Error, Sendable, Equatable {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var line: Int
    public var column: Int
    public var message: String

    public init(_ severity: Severity, line: Int, column: Int = 1, _ message: String) {
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
    }
}

/// Reads MSPDI: with `MSPDIScanner` when it accepts the file (well-formed UTF-8 XML in the shape
/// MS Project and MPXJ write, which is nearly every file), else with Foundation's streaming (SAX)
/// XML parser, which reports what is wrong with a file the scanner did not accept. Both feed one
/// `MSPDIBuilder`, so they read the same project. External entities are never resolved, and a
/// DOCTYPE that declares entities or names an external DTD is refused before parsing starts (no
/// XXE, no entity expansion bombs); the scanner leaves any DOCTYPE to XMLParser.
public enum MSPDIReader {
    public static func read(_ data: Data) -> Result<MSPDIProject, ImportDiagnostic> {
        if let refused = refusedDoctype(data) { return .failure(refused) }
        if let project = data.withUnsafeBytes({ MSPDIScanner.scan($0.bindMemory(to: UInt8.self)) }) { return .success(project) }
        return readWithXMLParser(data)
    }

    /// XMLParser alone (the tests compare it with the scanner).
    static func readWithXMLParser(_ data: Data) -> Result<MSPDIProject, ImportDiagnostic> {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let handler = Handler()
        handler.parser = parser
        parser.delegate = handler
        let parsed = parser.parse()
        if let problem = handler.problem { return .failure(problem) }
        if !parsed {
            let reason = parser.parserError.map { describe($0, open: handler.openElement, afterRoot: handler.sawRoot) } ?? "the XML is malformed"
            return .failure(ImportDiagnostic(.error, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                                             "malformed XML: \(reason)"))
        }
        guard handler.sawRoot else {
            return .failure(ImportDiagnostic(.error, line: 1, "not MS Project XML (MSPDI): the file has no root element"))
        }
        return .success(handler.builder.project)
    }

    /// What libxml2's error code means, in words: Foundation leaves its message empty on Linux.
    static func describe(_ error: Error, open: (name: String, line: Int)?, afterRoot: Bool = false) -> String {
        let code = (error as NSError).code
        // The NSError code is libxml2's (xmlParserErrors), not XMLParser.ErrorCode's raw value.
        switch code {
        case 76:
            return open.map { "an end tag does not match <\($0.name)> (opened on line \($0.line))" } ?? "an end tag does not match its start tag"
        case 4, 5, 77:
            return open.map { "the file ends inside <\($0.name)> (opened on line \($0.line))" } ?? (afterRoot ? "content after the root element" : "the file ends before its XML does")
        case 9: return "a character XML does not allow"
        case 23: return "an entity reference without its ';'"
        case 26, 27: return "an undeclared entity (MSPDI uses only &amp; &lt; &gt; &quot; &apos;)"
        case 31, 32: return "an encoding planc does not read (MSPDI is UTF-8)"
        case 38, 39, 40, 41, 42: return "a malformed attribute"
        case 68: return "a malformed tag"
        case 73: return "a tag is not closed with '>'"
        case 85, 86: return "content after the root element"
        default:
            let text = (error as NSError).localizedDescription
            return text.isEmpty || text.hasPrefix("The operation could not be completed") ? "libxml2 error \(code)" : text
        }
    }

    /// A DOCTYPE with an internal subset declaring entities, or one naming an external DTD
    /// (`SYSTEM`/`PUBLIC`), found in the prolog: MSPDI never has one.
    static func refusedDoctype(_ data: Data) -> ImportDiagnostic? {
        let bytes = [UInt8](data.prefix(1 << 20))
        var index = 0, line = 1
        // UTF-16 and UTF-32 would hide a DOCTYPE from this scan; MS Project and MPXJ write UTF-8.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(4).contains(0) {
            return ImportDiagnostic(.error, line: 1, "not UTF-8: planc reads MS Project XML in UTF-8, as MS Project and MPXJ write it")
        }
        func starts(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard position + pattern.count <= bytes.count else { return false }
            return Array(bytes[position..<position + pattern.count]) == pattern
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") { line += 1 }
            if byte == UInt8(ascii: "<") {
                if starts("<?", at: index) || starts("<!--", at: index) {
                    let close = starts("<?", at: index) ? "?>" : "-->"
                    while index < bytes.count, !starts(close, at: index) {
                        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                        index += 1
                    }
                    index += close.utf8.count
                    continue
                }
                if starts("<!DOCTYPE", at: index) {
                    let doctypeLine = line
                    var end = index, depth = 0
                    while end < bytes.count {
                        if bytes[end] == UInt8(ascii: "[") { depth += 1 }
                        if bytes[end] == UInt8(ascii: "]") { depth -= 1 }
                        if bytes[end] == UInt8(ascii: ">"), depth <= 0 { break }
                        end += 1
                    }
                    let text = String(decoding: bytes[index..<min(end + 1, bytes.count)], as: UTF8.self)
                    if text.contains("<!ENTITY") {
                        return ImportDiagnostic(.error, line: doctypeLine, "the DOCTYPE declares entities; planc never expands or resolves XML entities (MSPDI has none)")
                    }
                    let header = text.split(separator: "[", maxSplits: 1).first.map(String.init) ?? text
                    if header.contains("SYSTEM") || header.contains("PUBLIC") {
                        return ImportDiagnostic(.error, line: doctypeLine, "the DOCTYPE names an external DTD; planc never loads external XML (MSPDI has none)")
                    }
                    return nil
                }
                return nil  // the root element: the prolog is over
            }
            index += 1
        }
        return nil
    }

    final class Handler: NSObject, XMLParserDelegate {
        weak var parser: XMLParser?
        var builder = MSPDIBuilder()
        var problem: ImportDiagnostic?
        var sawRoot = false
        /// The names of the open elements as written, and the lines they start on.
        var names: [String] = []
        var openLines: [Int] = []
        var openElement: (name: String, line: Int)? { names.last.map { ($0, openLines.last ?? 0) } }
        var text = ""

        var line: Int { parser?.lineNumber ?? 0 }
        var column: Int { max(1, parser?.columnNumber ?? 1) }

        func fail(_ message: String) {
            guard problem == nil else { return }
            problem = ImportDiagnostic(.error, line: line, column: column, message)
            parser?.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let name = elementName.split(separator: ":").last.map(String.init) ?? elementName
            if names.isEmpty {
                sawRoot = true
                if name != "Project" {
                    fail("not MS Project XML (MSPDI): the root element is <\(elementName)>, not <Project>")
                    return
                }
            }
            names.append(name)
            openLines.append(line)
            text = ""
            // XMLParser reports the position after a start tag; MSPDI's tags have no attributes,
            // so the tag starts its length before.
            builder.start(MSPDIElement(name: name), line: line, column: max(1, column - name.utf8.count - 1))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text += String(decoding: CDATABlock, as: UTF8.self) }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            builder.end(text)
            names.removeLast()
            openLines.removeLast()
            text = ""
        }

        // Defence in depth: the prolog scan refuses these first.
        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            fail("the DOCTYPE declares the entity '\(name)'; planc never expands or resolves XML entities")
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            fail("the DOCTYPE declares the external entity '\(name)'; planc never resolves external entities")
        }

        func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
            fail("the file refers to the entity '&\(name);', which MSPDI does not use; planc never resolves entities")
            return nil
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            guard problem == nil else { return }
            problem = ImportDiagnostic(.error, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
                                       "malformed XML: \(MSPDIReader.describe(parseError, open: openElement, afterRoot: sawRoot))")
        }
    }
}
