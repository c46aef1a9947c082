import CYAML

/// Builds a source-mapped node tree from libyaml's event stream. Decides here, once for every
/// consumer: duplicate keys, anchors and aliases (within a budget), merge keys, tags, depth and
/// scalar-size limits, encoding, and that the file holds exactly one document whose top is a mapping.
public struct YAMLLoader {
    let file: SourceFile
    let limits: Limits
    let policy: ExecutionPolicy
    let sink: DiagnosticSink

    public init(file: SourceFile, limits: Limits = .default, policy: ExecutionPolicy = .default, sink: DiagnosticSink) {
        self.file = file
        self.limits = limits
        self.policy = policy
        self.sink = sink
    }

    /// The document's top-level mapping, or nil after reporting why there is none.
    public func loadMapping() -> Node? {
        guard let root = load() else { return nil }
        if root.isNull {
            sink.emit(SyntaxDiagnostics.emptyDocument, "the file holds no plan", file: file.path,
                      help: "start the file with `plan: my-plan` and `start: YYYY-MM-DD`")
            return nil
        }
        guard root.mapping != nil else {
            sink.emit(SyntaxDiagnostics.notAMapping,
                      "the top level of a plan must be a mapping of keys to values, found \(root.kindDescription)",
                      at: root.location, help: "write `key: value` lines at the top level, e.g. `plan: perp-v2`")
            return nil
        }
        return root
    }

    /// The document's root node, or nil after reporting why there is none.
    public func load() -> Node? {
        let bytes = file.bytes
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
            sink.emit(SyntaxDiagnostics.invalidEncoding, "the file is UTF-16 encoded; planc reads UTF-8",
                      at: location(line: 1, column: 1), help: "save the file as UTF-8")
            return nil
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            sink.emit(SyntaxDiagnostics.emptyDocument, "the file is empty", file: file.path,
                      help: "start the file with `plan: my-plan` and `start: YYYY-MM-DD`")
            return nil
        }
        let (root, aborted) = bytes.withUnsafeBufferPointer { buffer -> (Node?, aborted: Bool) in
            if buffer.count >= policy.splitParseBytes, let split = PhaseTimer.measure("split find", { ParseSplit.find(in: buffer) }),
               let root = loadSplit(buffer, split) {
                return (root, false)
            }
            var builder = TreeBuilder(loader: self, expectedBytes: buffer.count)
            return builder.run(buffer, threaded: buffer.count >= policy.threadedEventSourceBytes)
        }
        if root == nil, !aborted {
            sink.emit(SyntaxDiagnostics.emptyDocument, "the file holds no plan, only comments", file: file.path,
                      help: "start the file with `plan: my-plan` and `start: YYYY-MM-DD`")
        }
        return root
    }

    func location(line: Int, column: Int, length: Int = 1) -> SourceLocation {
        SourceLocation(file: file.id, line: line, column: column, length: length)
    }
}

extension YAMLLoader {
    /// Loads text held in memory as the file `path`: the root node, or nil, and what was reported.
    /// For tests and the fuzzer, which compare trees.
    public static func load(_ bytes: [UInt8], path: String = "plan.yaml", limits: Limits = .default,
                            policy: ExecutionPolicy = .default) -> (root: Node?, diagnostics: [Diagnostic]) {
        let sources = SourceManager()
        let sink = DiagnosticSink(sources: sources)
        let root = YAMLLoader(file: sources.add(path: path, bytes: bytes), limits: limits, policy: policy, sink: sink).load()
        return (root, sink.diagnostics)
    }
}

/// One open sequence or mapping while its events arrive.
struct Frame {
    var isMapping: Bool
    /// Where its entries start in `TreeBuilder.pending` (a mapping's keys and values alternate).
    var pendingStart: Int
    var location: SourceLocation
    var isFlow: Bool
    var anchor: String?
    var tag: CoreTag?
    var weight = 1
}

/// The builder stops: the document is broken, and the reason reported.
struct Abort: Error {}

/// Builds the document from libyaml's events, one at a time, as they come. (The split parse,
/// SplitParse.swift, runs one of these for each part and joins them; this builder knows nothing of it.)
struct TreeBuilder {
    let loader: YAMLLoader
    var stack: [Frame] = []
    /// The most frames open at once.
    var deepest = 0
    /// Finished nodes waiting for their collection to end, innermost last.
    var pending: [Int32] = []
    var anchors: [String: Int32] = [:]
    var root: Int32?
    var documents = 0
    var realNodes = 0
    var aliasNodes = 0
    /// Scalars and collections begun, against `Limits.maxNodes`.
    var startedNodes = 0
    // The document being built; moved into a `Document` at the end.
    var records: [Document.Record] = []
    var children: [Int32] = []
    var scalars: [String] = []
    /// Where diagnostics go: the loader's sink, unless the builder's caller says otherwise.
    var sink: any DiagnosticReporter

    /// `expectedBytes`: the size of the text this builder will see, to reserve room.
    init(loader: YAMLLoader, expectedBytes: Int, sink: (any DiagnosticReporter)? = nil) {
        self.loader = loader
        self.sink = sink ?? loader.sink
        // About one node per 7 bytes of a typical plan; reserving saves the copies of growing.
        let estimate = min(expectedBytes / 7, 1 << 24)
        records.reserveCapacity(estimate)
        children.reserveCapacity(estimate)
        scalars.reserveCapacity(estimate * 2 / 3)
    }

    /// Parses `buffer` whole: libyaml on a second thread when `threaded`, else on this one.
    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, threaded: Bool) -> (Node?, aborted: Bool) {
        let source = YAMLEventSource(buffer: buffer, threaded: threaded)
        defer { source.close() }
        do {
            // The chunk with the stream's end (or a failure) is the last one `next()` returns.
            while let chunk = source.next() {
                try chunk.text.withUnsafeBufferPointer { text in
                    for index in chunk.events.indices where chunk.events[index].type != YAML_STREAM_END_EVENT {
                        try handle(chunk.events[index], text: text)
                    }
                }
                if let failure = chunk.failure {
                    reportParserError(failure)
                    return (nil, true)
                }
            }
        } catch {
            return (nil, true)
        }
        return (finish(), false)
    }

    /// The finished document's root.
    mutating func finish() -> Node? {
        guard let root else { return nil }
        let document = Document(records: records, children: children, scalars: scalars)
        records = []
        children = []
        scalars = []
        return Node(document, root)
    }

    func location(_ mark: yaml_mark_t, length: Int = 1) -> SourceLocation {
        SourceLocation(file: loader.file.id, line: Int(mark.line) + 1, column: Int(mark.column) + 1, length: length)
    }

    mutating func handle(_ event: YAMLEvent, text: UnsafeBufferPointer<UInt8>) throws {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                sink.emit(SyntaxDiagnostics.multipleDocuments, "a plan file holds one YAML document; a second one starts here",
                          at: location(event.start, length: 3),
                          help: "remove the `---` line, or move the second document to a file of its own and `include:` it")
                throw Abort()
            }
        case YAML_SCALAR_EVENT:
            try countNode(at: event.start)
            if event.valueLength > loader.limits.maxScalarBytes {
                sink.emit(SyntaxDiagnostics.scalarTooLong,
                          "a value of \(SourceReader.formatBytes(event.valueLength)) is over the limit of \(SourceReader.formatBytes(loader.limits.maxScalarBytes))",
                          at: location(event.start))
                throw Abort()
            }
            let value = event.valueLength == 0 ? "" :
                String(decoding: UnsafeBufferPointer(rebasing: text[event.valueStart..<(event.valueStart + event.valueLength)]), as: UTF8.self)
            let tag = event.tag == nil ? nil : try resolveTag(event.tag, at: event.start)
            let style: Node.ScalarStyle
            switch event.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            let start = event.start, end = event.end
            let length = end.line == start.line ? Int(end.column) - Int(start.column) : 1
            let node = Int32(records.count)
            records.append(Document.Record(location: location(start, length: length), start: Int32(scalars.count),
                                           count: 0, weight: 1, kind: .scalar, style: style, tag: tag))
            scalars.append(value)
            realNodes += 1
            if let anchor = event.anchor { anchors[anchor] = node }
            attach(node)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            try countNode(at: event.start)
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= loader.limits.maxDepth {
                sink.emit(SyntaxDiagnostics.nestingTooDeep,
                          "nesting is deeper than the limit of \(loader.limits.maxDepth) levels",
                          at: location(event.start),
                          help: "flatten the structure; plans rarely need more than a dozen levels")
                throw Abort()
            }
            let tag = event.tag == nil ? nil : try resolveTag(event.tag, at: event.start)
            stack.append(Frame(isMapping: isMapping, pendingStart: pending.count, location: location(event.start),
                               isFlow: event.isFlow, anchor: event.anchor, tag: tag))
            if stack.count > deepest { deepest = stack.count }
        case YAML_SEQUENCE_END_EVENT:
            let frame = stack.removeLast()
            let node = Int32(records.count)
            records.append(Document.Record(location: frame.location, start: Int32(children.count),
                                           count: Int32(pending.count - frame.pendingStart), weight: frame.weight,
                                           kind: .sequence, style: .plain, tag: frame.tag))
            children.append(contentsOf: pending[frame.pendingStart...])
            pending.removeSubrange(frame.pendingStart...)
            realNodes += 1
            if let anchor = frame.anchor { anchors[anchor] = node }
            attach(node)
        case YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let node = finishMapping(frame)
            realNodes += 1
            if let anchor = frame.anchor { anchors[anchor] = node }
            attach(node)
        case YAML_ALIAS_EVENT:
            let name = event.anchor ?? ""
            guard let target = anchors[name] else {
                sink.emit(SyntaxDiagnostics.syntax, "alias '*\(name)' names no anchor defined before it",
                          at: location(event.start, length: name.utf8.count + 1),
                          help: "define `&\(name)` on a value above this line; an anchor cannot refer to itself")
                throw Abort()
            }
            aliasNodes += records[Int(target)].weight
            let budget = max(loader.limits.aliasExpansionBase, realNodes * loader.limits.aliasExpansionPerNode)
            if aliasNodes > budget {
                sink.emit(SyntaxDiagnostics.aliasExpansion,
                          "aliases expand to more than \(budget) nodes (a \"billion laughs\" alias bomb?)",
                          at: location(event.start, length: name.utf8.count + 1),
                          help: "use fewer nested aliases; planc refuses documents that grow this much when expanded")
                throw Abort()
            }
            attach(target)
        default:
            break
        }
    }

    /// Counts one more node, stopping at `Limits.maxNodes`.
    mutating func countNode(at mark: yaml_mark_t) throws {
        startedNodes += 1
        guard startedNodes > loader.limits.maxNodes else { return }
        sink.emit(SyntaxDiagnostics.tooManyNodes,
                  "the file holds more than \(loader.limits.maxNodes) YAML values (scalars, lists and mappings), the limit; planc stops reading here",
                  at: location(mark),
                  help: "a plan needs about 15 values a task: is this file a plan? For a larger plan, raise --max-tasks (the limit grows with it)")
        throw Abort()
    }

    mutating func attach(_ node: Int32) {
        if stack.isEmpty {
            root = node
            return
        }
        pending.append(node)
        stack[stack.count - 1].weight += records[Int(node)].weight
    }

    func resolveTag(_ tag: String?, at mark: yaml_mark_t) throws -> CoreTag? {
        guard let tag else { return nil }
        if tag == "!" { return nil }
        let prefix = "tag:yaml.org,2002:"
        if tag.hasPrefix(prefix) {
            let name = String(tag.dropFirst(prefix.count))
            if let core = CoreTag(rawValue: name) { return core }
            if name == "merge" { return nil }
        }
        let shown = tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
        sink.emit(SyntaxDiagnostics.unsupportedTag,
                  "tag '\(shown)' is not part of YAML's core schema",
                  at: location(mark, length: shown.count),
                  help: "remove the tag; plans use plain values, or !!str, !!int, !!float, !!bool, !!null, !!map, !!seq")
        return nil
    }

    func scalar(_ node: Int32) -> String? {
        let record = records[Int(node)]
        return record.kind == .scalar ? scalars[Int(record.start)] : nil
    }

    func kindDescription(_ node: Int32) -> String {
        switch records[Int(node)].kind {
        case .scalar:
            let value = scalar(node) ?? ""
            let record = records[Int(node)]
            if record.tag == .null || (record.style == .plain && record.tag == nil && ["", "~", "null", "Null", "NULL"].contains(value)) {
                return "nothing (null)"
            }
            if record.style == .plain, record.tag == nil, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(value) {
                return "a boolean"
            }
            return "'\(value.count > 40 ? String(value.prefix(40)) + "…" : value)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Pairs the keys and values, reports duplicate keys and expands `<<` merge keys: keys written
    /// in the mapping win over merged ones, and earlier merged mappings over later ones.
    mutating func finishMapping(_ frame: Frame) -> Int32 {
        let entries = frame.pendingStart..<pending.count
        var hasMerge = false
        for index in stride(from: entries.lowerBound, to: entries.upperBound - 1, by: 2) {
            let key = pending[index]
            if records[Int(key)].style == .plain, records[Int(key)].kind == .scalar, scalar(key) == "<<" {
                hasMerge = true
                break
            }
        }
        let start = Int32(children.count)
        var weight = 1
        if !hasMerge {
            // The common case: the entries as written.
            var index = entries.lowerBound
            while index + 1 < entries.upperBound {
                weight += records[Int(pending[index])].weight + records[Int(pending[index + 1])].weight
                index += 2
            }
            children.append(contentsOf: pending[entries.lowerBound..<(entries.lowerBound + (entries.count / 2) * 2)])
        } else {
            var explicit: [(key: Int32, value: Int32)] = []
            var merged: [Int32] = []
            var index = entries.lowerBound
            while index + 1 < entries.upperBound {
                let key = pending[index], value = pending[index + 1]
                index += 2
                if records[Int(key)].style == .plain, scalar(key) == "<<" {
                    switch records[Int(value)].kind {
                    case .mapping:
                        merged.append(value)
                        continue
                    case .sequence:
                        let record = records[Int(value)]
                        let items = children[Int(record.start)..<Int(record.start + record.count)]
                        if items.allSatisfy({ records[Int($0)].kind == .mapping }) {
                            merged.append(contentsOf: items)
                            continue
                        }
                    case .scalar:
                        break
                    }
                    sink.emit(SyntaxDiagnostics.invalidMerge,
                              "a merge key `<<` needs a mapping or a list of mappings, found \(kindDescription(value))",
                              at: records[Int(value)].location, help: "write `<<: *defaults` where `&defaults` anchors a mapping")
                    continue
                }
                explicit.append((key, value))
            }
            var pairs = explicit
            var seen = Set(explicit.compactMap { scalar($0.key) })
            for source in merged {
                let record = records[Int(source)]
                var position = Int(record.start)
                while position + 1 < Int(record.start + record.count) {
                    let key = children[position], value = children[position + 1]
                    position += 2
                    guard let name = scalar(key) else { continue }
                    if seen.insert(name).inserted { pairs.append((key, value)) }
                }
            }
            reportDuplicateKeys(explicit.map(\.key))
            for pair in pairs {
                weight += records[Int(pair.key)].weight + records[Int(pair.value)].weight
                children.append(pair.key)
                children.append(pair.value)
            }
        }
        if !hasMerge {
            var keys: [Int32] = []
            if entries.count > 2 {
                keys.reserveCapacity(entries.count / 2)
                for index in stride(from: entries.lowerBound, to: entries.upperBound - 1, by: 2) { keys.append(pending[index]) }
                reportDuplicateKeys(keys)
            }
        }
        pending.removeSubrange(entries)
        let node = Int32(records.count)
        records.append(Document.Record(location: frame.location, start: start, count: Int32(children.count) - start,
                                       weight: weight, kind: .mapping, style: .plain, tag: frame.tag))
        return node
    }

    func reportDuplicateKeys(_ keys: [Int32]) {
        guard keys.count > 1 else { return }
        if keys.count <= 16 {
            for later in 1..<keys.count {
                guard let name = scalar(keys[later]) else { continue }
                for earlier in 0..<later where scalar(keys[earlier]) == name {
                    reportDuplicate(name, first: keys[earlier], second: keys[later])
                    break
                }
            }
            return
        }
        var first: [String: Int32] = [:]
        for key in keys {
            guard let name = scalar(key) else { continue }
            if let earlier = first[name] {
                reportDuplicate(name, first: earlier, second: key)
            } else {
                first[name] = key
            }
        }
    }

    func reportDuplicate(_ name: String, first: Int32, second: Int32) {
        let firstLocation = records[Int(first)].location
        sink.emit(SyntaxDiagnostics.duplicateKey,
                  "duplicate key '\(name)'; the first is on line \(firstLocation.line)",
                  at: records[Int(second)].location,
                  help: "remove one of them or merge their values; YAML would silently keep only one",
                  notes: [("'\(name)' first set here", firstLocation)])
    }

    func reportParserError(_ parser: YAMLParserFailure) {
        let problem = parser.problem ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            var offset = parser.problemOffset
            if problem.contains("trailing"), offset > 0 {
                // libyaml points at the byte after the sequence's lead byte; point at the lead byte.
                let bytes = loader.file.bytes
                offset -= 1
                while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
            }
            let (line, column) = loader.file.position(ofByte: offset)
            let at = loader.location(line: line, column: column)
            let bytes = loader.file.bytes
            let byte = offset < bytes.count ? String(bytes[offset], radix: 16, uppercase: true) : "?"
            if problem.contains("UTF-8") || problem.contains("Unicode") {
                sink.emit(SyntaxDiagnostics.invalidEncoding,
                          "the file is not valid UTF-8: \(problem) (byte 0x\(byte) at offset \(offset))",
                          at: at, help: "save the file as UTF-8")
            } else {
                sink.emit(SyntaxDiagnostics.syntax,
                          "\(problem) (byte 0x\(byte) at offset \(offset))",
                          at: at, help: "the file contains binary data or control characters; a plan is UTF-8 text")
            }
            return
        }
        let mark = parser.problemMark
        var message = problem
        if let context = parser.context {
            let contextMark = parser.contextMark
            message += " (\(context) that starts at line \(contextMark.line + 1), column \(contextMark.column + 1))"
        }
        var notes: [(String, SourceLocation)] = []
        if parser.context != nil, parser.contextMark.line != mark.line {
            notes.append(("it starts here", location(parser.contextMark)))
        }
        sink.emit(SyntaxDiagnostics.syntax, message, at: location(mark),
                  help: help(forProblem: problem, at: mark), notes: notes)
    }

    func help(forProblem problem: String, at mark: yaml_mark_t) -> String? {
        let line = loader.file.line(Int(mark.line) + 1) ?? ""
        let character: Character? = {
            let scalars = Array(line.unicodeScalars)
            let index = Int(mark.column)
            return index < scalars.count ? Character(scalars[index]) : nil
        }()
        if problem.contains("tab") {
            return "indent with spaces: YAML does not allow tabs for indentation"
        }
        switch problem {
        case "found character that cannot start any token":
            if character == "\t" { return "indent with spaces: YAML does not allow tabs for indentation" }
            if let character { return "quote the value: '\(character)' cannot start a plain value" }
            return nil
        case "mapping values are not allowed in this context":
            return "quote a value that contains ': ', e.g. title: \"Phase 1: MVP\"; or check the indentation"
        case "did not find expected key", "did not find expected '-' indicator":
            return "check this line's indentation against the lines above it"
        case "could not find expected ':'":
            return "a key needs ':' after it; a value that continues on the next line must be quoted"
        case "found unexpected end of stream":
            return "a quote or bracket opened earlier is never closed"
        case "did not find expected ',' or ']'":
            return "close the list with ']' and separate its items with ','"
        case "did not find expected ',' or '}'":
            return "close the mapping with '}' and separate its entries with ','"
        case "found undefined tag handle":
            return "remove the tag; plans use plain values"
        default:
            return nil
        }
    }
}
