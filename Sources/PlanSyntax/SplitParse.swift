import CYAML
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where libyaml's marks are in the file. A part parsed on its own counts lines from its own
/// start, and its end (where libyaml closes what is still open) stands for the next token after
/// it in the file. Each event's marks are moved to the file before the tree builder sees them.
struct MarkMapping {
    /// Added to libyaml's 0-based line.
    var lineShift = 0
    /// Marks on this 0-based line of the part, or after it, are at its end...
    var endLine = Int.max
    /// ...which is this 0-based line and column of the file.
    var endInFile = (line: 0, column: 0)

    /// The mark, 0-based, in the file. (A scalar's length is taken from its marks' columns when
    /// they are on one line: marks moved together keep it; only empty scalars, whose two marks are
    /// one, stand at the end.)
    @inline(__always)
    func inFile(_ mark: yaml_mark_t) -> yaml_mark_t {
        var moved = mark
        if Int(mark.line) >= endLine {
            moved.line = .init(endInFile.line)
            moved.column = .init(endInFile.column)
        } else {
            moved.line = .init(Int(mark.line) + lineShift)
        }
        return moved
    }
}

/// An anchored node's tree, copied out of the outer part for the middle part's aliases.
struct AnchoredTree {
    var records: [Document.Record] = []
    var children: [Int32] = []
    var scalars: [String] = []
    var root: Int32 = 0
}

/// The middle part of a split parse, built on its own: the items of its one root sequence.
struct Fragment {
    var records: [Document.Record]
    var children: [Int32]
    var scalars: [String]
    var anchors: [String: Int32]
    var root: Int32
    var realNodes: Int
    var aliasNodes: Int
    var startedNodes: Int
    var deepest: Int
    var diagnostics: DiagnosticBuffer
}

/// The tree builder of one part of a split parse: it hands the core `TreeBuilder` libyaml's events
/// with their marks moved to where they are in the file, and handles the anchors that cross the
/// cut: the outer part publishes those it finishes before the cut, the middle imports them.
struct PartBuilder {
    var tree: TreeBuilder
    var marks = MarkMapping()
    /// In the outer part, until the cut: told of each anchored node as it is finished, so that the
    /// middle part can use anchors defined before it.
    var onAnchor: ((String, AnchoredTree) -> Void)?
    /// In the middle part: an anchor defined before it, or nil when none can be vouched for.
    var anchorBefore: ((String) -> AnchoredTree?)?
    /// Anchors from before the middle part, copied in, by name.
    var imported: [String: Int32] = [:]

    /// Builds the event; false when the builder stops (the document is broken, or the split does
    /// not hold).
    mutating func build(_ event: yaml_event_t) -> Bool {
        guard event.type != YAML_STREAM_END_EVENT else { return true }
        var copy = YAMLEvent(event, valueStart: 0)
        copy.start = marks.inFile(copy.start)
        copy.end = marks.inFile(copy.end)
        // The anchor of the node this event finishes, when the outer part publishes it.
        var finished: String?
        if onAnchor != nil {
            switch event.type {
            case YAML_SCALAR_EVENT: finished = copy.anchor
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: finished = tree.stack.last?.anchor
            default: break
            }
        }
        if event.type == YAML_ALIAS_EVENT, anchorBefore != nil, let name = copy.anchor, tree.anchors[name] == nil {
            // The middle part, parsed on its own: the anchor may be defined before it.
            guard importAnchor(name) else { return false }
        }
        do {
            try tree.handle(copy, text: YAMLEvent.text(of: event))
        } catch {
            return false
        }
        if let finished, let onAnchor, let node = tree.anchors[finished] { onAnchor(finished, tree.subtree(node)) }
        return true
    }

    /// Copies in the anchor `name` from before the middle part, once, as the anchor the builder
    /// knows by that name; false when none can be vouched for.
    mutating func importAnchor(_ name: String) -> Bool {
        guard let copied = anchorBefore?(name) else { return false }
        let base = tree.append(records: copied.records, children: copied.children, scalars: copied.scalars)
        imported[name] = copied.root + base
        tree.anchors[name] = copied.root + base
        return true
    }

    /// The middle part's own anchors, for the rest of the file: those it defines, not the copies
    /// it imported.
    var ownAnchors: [String: Int32] {
        tree.anchors.filter { name, node in imported[name] != node }
    }
}

/// The middle part's thread: its result, and a way to stop it early.
private final class FragmentJob: @unchecked Sendable {
    let loader: YAMLLoader
    let text: UnsafeBufferPointer<UInt8>
    /// Signalled once `result` is set.
    let done = DispatchSemaphore(value: 0)
    var result: Fragment?
    /// The text before the middle part, where the anchors it may use are defined.
    let before: UnsafeBufferPointer<UInt8>
    // What the two threads share, under `lock`; `changed` is signalled when any of it changes.
    private let lock = DispatchQueue(label: "planc.split-parse")
    private let changed = DispatchSemaphore(value: 0)
    private var stopRequested = false
    private var failed = false
    private var anchors: [String: AnchoredTree] = [:]
    private var outerAtCut = false

    init(loader: YAMLLoader, text: UnsafeBufferPointer<UInt8>, before: UnsafeBufferPointer<UInt8>) {
        self.loader = loader
        self.text = text
        self.before = before
    }

    /// The outer part finished an anchored node before the cut.
    func publish(_ name: String, _ tree: AnchoredTree) {
        lock.sync { anchors[name] = tree }
        changed.signal()
    }

    /// The outer part is at the cut (or gave up): it publishes no more anchors.
    func outerReachedCut() {
        lock.sync { outerAtCut = true }
        changed.signal()
    }

    /// The anchor `name` as the outer part defines it before the cut, waiting for the outer part
    /// to get there; nil unless `&name` occurs exactly once in the text before the middle (then that
    /// occurrence is the definition an alias in the middle means).
    func anchor(named name: String) -> AnchoredTree? {
        guard occursOnceBefore("&" + name) else { return nil }
        while true {
            let (tree, atCut) = lock.sync { (anchors[name], outerAtCut || stopRequested) }
            if let tree { return tree }
            if atCut { return nil }
            changed.wait()
        }
    }

    /// `token` occurs exactly once in `before`, not followed by another anchor character.
    private func occursOnceBefore(_ token: String) -> Bool {
        let needle = Array(token.utf8)
        guard let base = before.baseAddress, needle.count <= before.count else { return false }
        var count = 0, from = 0
        while from < before.count, let found = memchr(base + from, Int32(needle[0]), before.count - from) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = index + 1
            guard index + needle.count <= before.count,
                  (0..<needle.count).allSatisfy({ base[index + $0] == needle[$0] }) else { continue }
            let end = index + needle.count
            if end < before.count, Self.isAnchorCharacter(base[end]) { continue }
            count += 1
            if count > 1 { return false }
        }
        return count == 1
    }

    /// libyaml's anchor characters: ASCII letters and digits, `_` and `-`.
    static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D
    }

    /// The outer part gave up: the middle's builder stops at its next check.
    var isStopped: Bool { lock.sync { stopRequested } }
    func stop() {
        lock.sync { stopRequested = true }
        changed.signal()
    }
    /// The middle part is done and does not stand on its own: the outer part can stop too.
    var hasFailed: Bool { lock.sync { failed } }

    /// Builds the middle part on a second thread; `done` is signalled when `result` is set.
    func start(_ split: ParseSplit) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let diagnostics = DiagnosticBuffer()
            var builder = PartBuilder(tree: TreeBuilder(loader: loader, expectedBytes: text.count, sink: diagnostics))
            builder.anchorBefore = { [unowned self] name in anchor(named: name) }
            builder.marks = MarkMapping(lineShift: split.startLine, endLine: split.endLine - split.startLine,
                                        endInFile: (split.endLine, split.column))
            result = PhaseTimer.measure("split middle") {
                builder.runFragment(text, column: split.column, diagnostics: diagnostics, isStopped: { self.isStopped })
            }
            if result == nil { lock.sync { failed = true } }
            done.signal()
        }
    }
}

/// libyaml's input for the outer part of a split parse: the text before the middle, then the text
/// from the middle's end, as if the middle were not there.
private final class SplicedInput {
    let parts: [UnsafeBufferPointer<UInt8>]
    var part = 0
    var offset = 0

    init(_ parts: [UnsafeBufferPointer<UInt8>]) {
        self.parts = parts
    }

    static let read: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?) -> Int32 = {
        data, buffer, size, sizeRead in
        let input = Unmanaged<SplicedInput>.fromOpaque(data!).takeUnretainedValue()
        var written = 0
        while written < size, input.part < input.parts.count {
            let part = input.parts[input.part]
            let count = min(size - written, part.count - input.offset)
            if count > 0 {
                (buffer! + written).update(from: part.baseAddress! + input.offset, count: count)
                written += count
                input.offset += count
            }
            if input.offset == part.count {
                input.part += 1
                input.offset = 0
            }
        }
        sizeRead!.pointee = written
        return 1
    }
}

extension YAMLLoader {
    /// Parses `buffer` as two parts at once (see `ParseSplit`): the middle, `split.start..<split.end`,
    /// on a second thread into a `Fragment`; the rest on this thread, splicing the fragment's items
    /// in when the parse gets to where they were cut out.
    ///
    /// The result is the root of the document the whole parse gives, with the same diagnostics, or
    /// nil when the split does not hold; then nothing has been reported, and the caller parses the
    /// file whole. It holds when
    ///  - the middle parses on its own, without errors, as one block sequence at the split's
    ///    column whose first item starts the middle; its aliases name anchors in it, or anchors
    ///    whose `&name` occurs exactly once before it, which this part copies out for it as it
    ///    finishes them (the middle waits for that);
    ///  - in the rest, the events up to the cut end at or before it, and the first event after it
    ///    finds a block sequence at the split's column, opened before the cut, innermost: then the
    ///    `-` at the cut is the next item of that sequence in both texts, libyaml is in the same
    ///    state after the middle as before it, and the middle's items belong right there.
    /// Any error on either side also abandons the split, so that the error is reported by the
    /// whole parse, exactly.
    func loadSplit(_ buffer: UnsafeBufferPointer<UInt8>, _ split: ParseSplit) -> Node? {
        let diagnostics = DiagnosticBuffer()
        var builder = PartBuilder(tree: TreeBuilder(loader: self, expectedBytes: buffer.count, sink: diagnostics))
        let middle = UnsafeBufferPointer(rebasing: buffer[split.start..<split.end])
        let middleLines = split.endLine - split.startLine
        let job = FragmentJob(loader: self, text: middle, before: UnsafeBufferPointer(rebasing: buffer[..<split.start]))
        job.start(split)
        builder.onAnchor = { [unowned job] name, tree in job.publish(name, tree) }
        var joined = false
        defer {
            job.outerReachedCut()
            if !joined {
                job.stop()
                job.done.wait()
            }
        }

        let input = SplicedInput([UnsafeBufferPointer(rebasing: buffer[..<split.start]),
                                  UnsafeBufferPointer(rebasing: buffer[split.end...])])
        // The cut, in the outer text: the `-` of the first item after the middle.
        let cut = (line: split.startLine, column: split.column)
        var lastEnd = (line: 0, column: 0)
        var spliced = false
        var count = 0
        let parsed = parseEvents(input: { yaml_parser_set_input($0, SplicedInput.read, Unmanaged.passUnretained(input).toOpaque()) }) { event in
            count += 1
            if !spliced, count & 4095 == 0, job.hasFailed { return false }
            if !spliced {
                let start = (line: Int(event.start_mark.line), column: Int(event.start_mark.column))
                if start > cut {
                    guard let top = builder.tree.stack.last, !top.isMapping, !top.isFlow,
                          Int(top.location.column) == split.column + 1, Int(top.location.line) <= split.startLine,
                          lastEnd <= cut else { return false }
                    builder.onAnchor = nil
                    job.outerReachedCut()
                    PhaseTimer.measure("split wait") { job.done.wait() }
                    joined = true
                    // The limits that count across both parts: over any, the whole parse says where.
                    // (The alias budget is checked against this part's nodes alone: never more than
                    // the whole parse allows at any alias in the middle.)
                    // (Read in place: a copy of the builder would make the splice copy the document.)
                    guard let fragment = job.result, builder.tree.stack.count - 1 + fragment.deepest <= limits.maxDepth,
                          builder.tree.startedNodes + fragment.startedNodes - 1 <= limits.maxNodes,
                          builder.tree.aliasNodes + fragment.aliasNodes
                            <= max(limits.aliasExpansionBase, builder.tree.realNodes * limits.aliasExpansionPerNode)
                    else { return false }
                    PhaseTimer.measure("splice") { builder.tree.splice(fragment) }
                    builder.marks.lineShift = middleLines
                    spliced = true
                } else {
                    let end = (line: Int(event.end_mark.line), column: Int(event.end_mark.column))
                    if end > lastEnd { lastEnd = end }
                }
            }
            return builder.build(event)
        }
        // Broken, or the split does not hold. libyaml validates its input a buffer ahead of the
        // parse, so a broken file's first error may be one that the whole parse meets sooner: only
        // the whole parse can report it faithfully.
        guard parsed, spliced else { return nil }
        diagnostics.commit(to: sink)
        return builder.tree.finish()
    }
}

extension PartBuilder {
    /// Builds the middle part of a split parse, or returns nil when it is not one block sequence
    /// at `column` parsed cleanly (or when `isStopped` says the outer part gave up).
    /// `diagnostics`: the buffer the builder reports into.
    mutating func runFragment(_ text: UnsafeBufferPointer<UInt8>, column: Int, diagnostics: DiagnosticBuffer,
                              isStopped: () -> Bool) -> Fragment? {
        var count = 0
        let parsed = parseEvents(input: { yaml_parser_set_input_string($0, text.baseAddress, text.count) }) { event in
            count += 1
            if count & 4095 == 0, isStopped() { return false }
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                guard event.data.document_start.implicit != 0, tree.documents == 0 else { return false }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT, YAML_SCALAR_EVENT, YAML_ALIAS_EVENT:
                // Nothing but the one root sequence, starting with the text.
                guard !tree.stack.isEmpty || (tree.root == nil && event.type == YAML_SEQUENCE_START_EVENT
                    && event.data.sequence_start.style == YAML_BLOCK_SEQUENCE_STYLE
                    && event.start_mark.line == 0 && Int(event.start_mark.column) == column) else { return false }
            default:
                break
            }
            return build(event)
        }
        guard parsed else { return nil }
        guard let root = tree.root, tree.records[Int(root)].kind == .sequence else { return nil }
        return Fragment(records: tree.records, children: tree.children, scalars: tree.scalars, anchors: ownAnchors, root: root,
                        realNodes: tree.realNodes, aliasNodes: tree.aliasNodes, startedNodes: tree.startedNodes,
                        deepest: tree.deepest, diagnostics: diagnostics)
    }
}

extension TreeBuilder {
    /// Appends the fragment's nodes to the document and its items to the innermost sequence.
    mutating func splice(_ fragment: Fragment) {
        let recordBase = append(records: fragment.records, children: fragment.children, scalars: fragment.scalars)
        for (name, node) in fragment.anchors { anchors[name] = node + recordBase }
        // The fragment's root sequence stands for the sequence it was cut from: not a node of its own.
        realNodes += fragment.realNodes - 1
        aliasNodes += fragment.aliasNodes
        startedNodes += fragment.startedNodes - 1
        fragment.diagnostics.commit(to: sink)
        let root = fragment.records[Int(fragment.root)]
        for index in Int(root.start)..<Int(root.start + root.count) {
            attach(fragment.children[index] + recordBase)
        }
    }

    /// A copy of the tree under `node`, on its own (aliases in it copied out in full).
    func subtree(_ node: Int32) -> AnchoredTree {
        var tree = AnchoredTree()
        func copy(_ node: Int32) -> Int32 {
            var record = records[Int(node)]
            if record.kind == .scalar {
                tree.scalars.append(scalars[Int(record.start)])
                record.start = Int32(tree.scalars.count - 1)
            } else {
                let items = (Int(record.start)..<Int(record.start + record.count)).map { copy(children[$0]) }
                record.start = Int32(tree.children.count)
                tree.children.append(contentsOf: items)
            }
            tree.records.append(record)
            return Int32(tree.records.count - 1)
        }
        tree.root = copy(node)
        return tree
    }

    /// Appends nodes numbered from 0 to the document; returns the number of the first.
    mutating func append(records more: [Document.Record], children moreChildren: [Int32], scalars moreScalars: [String]) -> Int32 {
        let recordBase = Int32(records.count), childBase = Int32(children.count), scalarBase = Int32(scalars.count)
        records.reserveCapacity(records.count + more.count)
        for var record in more {
            record.start += record.kind == .scalar ? scalarBase : childBase
            records.append(record)
        }
        children.reserveCapacity(children.count + moreChildren.count)
        for child in moreChildren { children.append(child + recordBase) }
        scalars.append(contentsOf: moreScalars)
        return recordBase
    }
}

/// Runs a libyaml parser that `input` points at its text, handing `visit` each event up to the
/// stream's end. False when libyaml fails or `visit` returns false.
private func parseEvents(input: (UnsafeMutablePointer<yaml_parser_t>) -> Void, visit: (yaml_event_t) -> Bool) -> Bool {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    parser.initialize(to: yaml_parser_t())
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else { return false }
    defer { yaml_parser_delete(parser) }
    input(parser)
    while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { return false }
        defer { yaml_event_delete(&event) }
        guard visit(event) else { return false }
        if event.type == YAML_STREAM_END_EVENT { return true }
    }
}
