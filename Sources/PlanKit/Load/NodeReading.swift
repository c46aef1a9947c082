import PlanSyntax

/// Reads typed values out of nodes, reporting a located diagnostic for each value that does not
/// have the expected type or form. Each reader returns nil after reporting.
struct NodeReader {
    let sink: any DiagnosticReporter

    static let idPattern = "[a-z0-9][a-z0-9_.-]*"

    /// Visits a mapping's entries, reporting unknown keys (with a did-you-mean) and non-scalar keys.
    func fields(
        _ node: Node, of what: @autoclosure () -> String, allowed: [String], allowExtensions: Bool = false,
        _ visit: (_ key: String, _ keyNode: Node, _ value: Node) -> Void
    ) {
        entries(node, of: what(), allowed: allowed, resolve: { key in
            // `x-` keys are extension fields, ignored by planc: a home for anchors and tool settings.
            if allowExtensions, key.hasPrefix("x-") { return .skip }
            return allowed.contains(key) ? .field(key) : .unknown
        }, visit)
    }

    /// `fields` for the hot mappings (tasks, gates): keys are looked up once in `lookup` and the
    /// visitor switches over an enum, instead of comparing the key with every allowed string.
    func fields<Field>(
        _ node: Node, of what: @autoclosure () -> String, allowed: [String], lookup: KeyTable<Field>,
        _ visit: (_ field: Field, _ keyNode: Node, _ value: Node) -> Void
    ) {
        entries(node, of: what(), allowed: allowed, resolve: { key in lookup.field(for: key).map { .field($0) } ?? .unknown }, visit)
    }

    enum KeyMeaning<Field> {
        case field(Field), skip, unknown
    }

    private func entries<Field>(
        _ node: Node, of what: @autoclosure () -> String, allowed: [String], resolve: (String) -> KeyMeaning<Field>,
        _ visit: (_ field: Field, _ keyNode: Node, _ value: Node) -> Void
    ) {
        guard let pairs = mapping(node, of: what()) else { return }
        for pair in pairs {
            guard let key = pair.key.scalar else {
                sink.emit(LoadDiagnostics.wrongType, "\(what()) keys must be plain names, found \(pair.key.kindDescription)",
                          at: pair.key.location)
                continue
            }
            switch resolve(key) {
            case .field(let field): visit(field, pair.key, pair.value)
            case .skip: continue
            case .unknown: unknownKey(key, at: pair.key.location, of: what(), allowed: allowed)
            }
        }
    }

    func unknownKey(_ key: String, at location: SourceLocation, of what: @autoclosure () -> String, allowed: [String]) {
        let help = Suggestion.help(for: key, in: allowed)
            ?? "the keys of \(what()) are: \(allowed.joined(separator: ", "))"
        sink.emit(LoadDiagnostics.unknownKey, "unknown key '\(key)' in \(what())", at: location, help: help)
    }

    func mapping(_ node: Node, of what: @autoclosure () -> String) -> Node.Pairs? {
        if let pairs = node.mapping { return pairs }
        wrongType(node, expected: "\(what()) as a mapping of keys to values", help: nil)
        return nil
    }

    func sequence(_ node: Node, of what: @autoclosure () -> String, example: String) -> Node.Items? {
        if let items = node.sequence { return items }
        if node.isNull { return [] }
        wrongType(node, expected: "a list of \(what())", help: "write a list, e.g. \(example)")
        return nil
    }

    func wrongType(_ node: Node, expected: String, help: String?) {
        sink.emit(LoadDiagnostics.wrongType, "expected \(expected), found \(node.kindDescription)",
                  at: node.location, help: help)
    }

    func invalid(_ node: Node, _ message: String, help: String? = nil) {
        sink.emit(LoadDiagnostics.invalidValue, message, at: node.location, help: help)
    }

    /// Any scalar but null, as text.
    func string(_ node: Node, of what: @autoclosure () -> String) -> String? {
        guard let value = node.scalar, !node.isNull else {
            wrongType(node, expected: "\(what()) as text", help: nil)
            return nil
        }
        return value
    }

    /// Text that names someone or something: empty or blank text is refused, as it would record
    /// nobody (an approver, a reason, who signed off).
    func nonEmptyString(_ node: Node, of what: @autoclosure () -> String, help: String? = nil) -> String? {
        guard let value = string(node, of: what()) else { return nil }
        if value.allSatisfy(\.isWhitespace) {
            invalid(node, "\(what()) is empty", help: help)
            return nil
        }
        return value
    }

    func locatedString(_ node: Node, of what: @autoclosure () -> String) -> Located<String>? {
        string(node, of: what()).map { Located($0, at: node.location) }
    }

    func id(_ node: Node, of what: @autoclosure () -> String) -> Located<String>? {
        guard let value = string(node, of: "\(what()) id") else { return nil }
        if !NodeReader.isValidID(value) {
            let fixed = NodeReader.suggestedID(for: value)
            sink.emit(LoadDiagnostics.invalidID,
                      "'\(value)' is not a valid \(what()) id: ids are lower case letters, digits, '-', '_' and '.', starting with a letter or digit",
                      at: node.location, help: fixed.isEmpty ? nil : "write '\(fixed)'")
            return nil
        }
        return Located(value, at: node.location)
    }

    /// A dependency's target: an id, or `plan-id:task-id` (a task of another plan of the portfolio).
    func linkTarget(_ node: Node) -> Located<String>? {
        guard let value = node.scalar, let colon = value.firstIndex(of: ":"), !node.isNull else { return id(node, of: "task") }
        let planID = String(value[..<colon]), taskID = String(value[value.index(after: colon)...])
        guard NodeReader.isValidID(planID), NodeReader.isValidID(taskID) else {
            sink.emit(LoadDiagnostics.invalidID,
                      "'\(value)' is not a valid cross-plan dependency: write plan-id:task-id, both lower case letters, digits, '-', '_' and '.'",
                      at: node.location, help: "write '\(NodeReader.suggestedID(for: planID)):\(NodeReader.suggestedID(for: taskID))'")
            return nil
        }
        return Located(value, at: node.location)
    }

    static func isValidID(_ value: String) -> Bool {
        var first = true
        for byte in value.utf8 {
            let isLower = byte >= 0x61 && byte <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            if first {
                guard isLower || isDigit else { return false }
                first = false
            } else {
                guard isLower || isDigit || byte == 0x2D || byte == 0x5F || byte == 0x2E else { return false }
            }
        }
        return !first
    }

    static func suggestedID(for value: String) -> String {
        var result = ""
        for character in value.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber || character == "_" || character == "." || character == "-" {
                result.append(character)
            } else if character == " " || character == "/" {
                if !result.hasSuffix("-") { result.append("-") }
            }
        }
        while let first = result.first, !(first.isLetter || first.isNumber) { result.removeFirst() }
        return result
    }

    func ids(_ node: Node, of what: @autoclosure () -> String) -> [Located<String>] {
        guard let items = sequence(node, of: "\(what()) ids", example: "[design, build]") else { return [] }
        return items.compactMap { id($0, of: what()) }
    }

    func day(_ node: Node, of what: @autoclosure () -> String) -> Located<Day>? {
        guard let text = node.scalar, !node.isNull else {
            wrongType(node, expected: "\(what()) as a date (YYYY-MM-DD)", help: nil)
            return nil
        }
        if let day = Day(iso: text) { return Located(day, at: node.location) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) {
            if !(1...12).contains(month) {
                invalid(node, "'\(text)' is not a date: there is no month \(month)", help: "dates are YYYY-MM-DD")
            } else {
                let monthName = NodeReader.monthNames[month - 1]
                invalid(node, "'\(text)' is not a date: \(monthName) \(year) has \(Day.daysIn(month: month, year: year)) days, not \(day)")
            }
            return nil
        }
        invalid(node, "expected \(what()) as a date like 2027-03-15, found '\(text)'", help: "dates are written YYYY-MM-DD")
        return nil
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    func duration(_ node: Node, of what: @autoclosure () -> String, allowElapsed: Bool = true) -> Located<Duration>? {
        let forms = allowElapsed ? "5d (working days), 2w (working weeks) or 7ed (elapsed days)" : "5d (working days) or 2w (working weeks)"
        guard let text = node.scalar, !node.isNull else {
            wrongType(node, expected: "\(what()) like \(forms)", help: nil)
            return nil
        }
        if let duration = Duration(parsing: text, allowElapsed: allowElapsed) { return Located(duration, at: node.location) }
        let help: String? = Int(text).map { "add a unit: \($0)d for \($0) working days" }
        invalid(node, "expected \(what()) like \(forms), found '\(text)'", help: help)
        return nil
    }

    /// Working days as an integer, or `Nd`/`Nw`, possibly negative.
    func lag(_ node: Node, of what: @autoclosure () -> String) -> Located<Duration>? {
        guard let text = node.scalar, !node.isNull else {
            wrongType(node, expected: "\(what()) like 2d, -1d or 1w", help: nil)
            return nil
        }
        if node.style == .plain, let days = Int(text), days.magnitude <= 999_999 {
            return Located(Duration(amount: days, unit: .workingDays), at: node.location)
        }
        if let lag = Duration(parsing: text, allowNegative: true, allowElapsed: false) {
            return Located(lag, at: node.location)
        }
        invalid(node, "expected \(what()) in working days like 2d, -1d or 1w, found '\(text)'")
        return nil
    }

    func bool(_ node: Node, of what: @autoclosure () -> String) -> Bool? {
        if let text = node.scalar, node.tag == nil || node.tag == .bool {
            switch text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        invalid(node, "expected \(what()) as true or false, found \(node.kindDescription)")
        return nil
    }

    func integer(_ node: Node, of what: @autoclosure () -> String, in range: ClosedRange<Int>) -> Located<Int>? {
        if let text = node.scalar, node.tag == nil || node.tag == .int, let value = Int(text) {
            if range.contains(value) { return Located(value, at: node.location) }
            invalid(node, "\(what()) must be from \(range.lowerBound) to \(range.upperBound), found \(value)")
            return nil
        }
        invalid(node, "expected \(what()) as a whole number from \(range.lowerBound) to \(range.upperBound), found \(node.kindDescription)")
        return nil
    }

    /// A finite number written as a plain scalar; nil for anything else (see `metric`).
    func number(_ node: Node) -> Double? {
        guard let text = node.scalar, node.style == .plain, node.tag == nil || node.tag == .int || node.tag == .float else { return nil }
        return NodeReader.parseNumber(text)
    }

    /// A measured value: a finite number, or with `allowPercent` a number followed by `%` (as
    /// people paste it from dashboards). An infinity or NaN (`.inf`, `-1e400`, `-nan`) is refused
    /// with E102: it would pass or fail every comparison whatever was measured.
    func metric(_ node: Node, name: String, key: String, allowPercent: Bool = false) -> Double? {
        if let value = number(node) { return value }
        if let text = node.scalar, !node.isNull {
            let body = allowPercent && text.hasSuffix("%") ? String(text.dropLast()) : text
            if node.style == .plain || body != text, let value = NodeReader.parseNumber(body) { return value }
            if node.style == .plain || body != text, NodeReader.isNonFinite(body) {
                invalid(node, "metric '\(name)' is \(text), which is not a finite number",
                        help: "write the measured value, e.g. \(key): 0.05")
                return nil
            }
        }
        wrongType(node, expected: "metric '\(name)' as a number", help: "write the measured value, e.g. \(key): 0.05")
        return nil
    }

    /// A finite number; infinities, NaN and numbers too large for a Double are nil.
    static func parseNumber(_ text: String) -> Double? {
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A number that is not finite: YAML's `.inf` and `.nan`, or digits beyond a Double (`1e400`).
    static func isNonFinite(_ text: String) -> Bool {
        if [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"].contains(text) {
            return true
        }
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else { return false }
        return Double(text).map { !$0.isFinite } ?? false
    }

    /// `40%` or a number from 0 to 100.
    func percent(_ node: Node, of what: @autoclosure () -> String) -> Located<Double>? {
        guard let text = node.scalar, !node.isNull else {
            wrongType(node, expected: "\(what()) as a percentage like 40%", help: nil)
            return nil
        }
        let body = text.hasSuffix("%") ? String(text.dropLast()) : text
        if let value = Double(body), value.isFinite {
            if (0...100).contains(value) { return Located(value, at: node.location) }
            invalid(node, "\(what()) must be from 0% to 100%, found \(text)")
            return nil
        }
        invalid(node, "expected \(what()) as a percentage like 40%, found '\(text)'")
        return nil
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, of what: @autoclosure () -> String, as type: Value.Type) -> Located<Value>?
    where Value.RawValue == String {
        guard let text = node.scalar, !node.isNull else {
            wrongType(node, expected: what(), help: nil)
            return nil
        }
        if let value = Value(rawValue: text) { return Located(value, at: node.location) }
        let names = Value.allCases.map(\.rawValue)
        invalid(node, "'\(text)' is not a valid \(what()); use one of: \(names.joined(separator: ", "))",
                help: Suggestion.help(for: text, in: names))
        return nil
    }

    /// `NAME OP NUMBER`, e.g. `matching.p99_ms <= 5`.
    func metricCondition(_ node: Node) -> Located<MetricCondition>? {
        guard let text = string(node, of: "a metric condition") else { return nil }
        if let condition = NodeReader.parseCondition(text) { return Located(condition, at: node.location) }
        if let target = text.split(separator: " ").last.map(String.init), NodeReader.isNonFinite(target) {
            invalid(node, "the target of '\(text)' is not a finite number",
                    help: "compare with a number, e.g. \"stability.error_rate_pct <= 0.1\"")
            return nil
        }
        invalid(node, "'\(text)' is not a metric condition; write NAME OP NUMBER, e.g. \"stability.error_rate_pct <= 0.1\"",
                help: "OP is one of < <= > >= == !=")
        return nil
    }

    static func parseCondition(_ text: String) -> MetricCondition? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 3, let comparison = ComparisonOperator(rawValue: String(parts[1])),
           isMetricName(parts[0]), let target = parseNumber(String(parts[2])) {
            return MetricCondition(metric: String(parts[0]), comparison: comparison, target: target, targetText: String(parts[2]))
        }
        // Also accept the operator without spaces around it: `matching.p99_ms<=5`.
        for comparison in [ComparisonOperator.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater] {
            guard parts.count == 1, let range = text.range(of: comparison.rawValue) else { continue }
            let name = text[..<range.lowerBound], number = String(text[range.upperBound...])
            if isMetricName(name), let target = parseNumber(number) {
                return MetricCondition(metric: String(name), comparison: comparison, target: target, targetText: number)
            }
        }
        return nil
    }

    static func isMetricName<S: StringProtocol>(_ name: S) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
    }
}

/// The keys of a mapping kind and what each means, looked up through an `IDTable` (the same
/// table as the plan's ids): a task is read with a dozen key lookups, which as a chain of string
/// comparisons or a `[String: Field]` cost several times more.
struct KeyTable<Field>: @unchecked Sendable {
    private var table: IDTable
    private var fields: [Field] = []

    init(_ pairs: [(String, Field)]) {
        table = IDTable(capacity: pairs.count)
        for (key, field) in pairs {
            table.insert(key, fields.count)
            fields.append(field)
        }
    }

    func field(for key: String) -> Field? {
        table[key].map { fields[$0] }
    }
}
