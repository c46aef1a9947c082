/// The nodes of one YAML document, stored flat: a record per node, the children of every
/// collection in one index array, and scalar text in one string array. A plan of 100,000 tasks has
/// about 1.5 million nodes; as objects they cost an allocation, a reference count and a free
/// each, and most of the loader's time. Aliases share the anchored node's record.
public final class Document: @unchecked Sendable {
    @usableFromInline
    struct Record {
        var location: SourceLocation
        /// A scalar's index in `scalars`, or a collection's first entry in `children`.
        var start: Int32
        /// A collection's entries in `children`: items, or keys and values alternating.
        var count: Int32
        /// Nodes in this subtree, aliases counted at their full size: the alias-expansion budget.
        /// 32 bits (saturating) keep a record at 32 bytes; the budget is far below 2^32.
        private var storedWeight: UInt32
        var kind: Node.Kind
        var style: Node.ScalarStyle
        var tag: CoreTag?

        var weight: Int { Int(storedWeight) }

        init(location: SourceLocation, start: Int32, count: Int32, weight: Int, kind: Node.Kind, style: Node.ScalarStyle, tag: CoreTag?) {
            self.location = location
            self.start = start
            self.count = count
            self.storedWeight = UInt32(clamping: weight)
            self.kind = kind
            self.style = style
            self.tag = tag
        }
    }

    // `let`s: reading a class's `var` costs a dynamic exclusivity check, on every node access.
    @usableFromInline let records: [Record]
    @usableFromInline let children: [Int32]
    @usableFromInline let scalars: [String]

    init(records: [Record], children: [Int32], scalars: [String]) {
        self.records = records
        self.children = children
        self.scalars = scalars
    }
}

/// A YAML node with its place in the source: a handle into its document.
public struct Node: @unchecked Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case scalar, sequence, mapping
    }

    public enum ScalarStyle: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public struct Pair {
        public let key: Node
        public let value: Node
    }

    @usableFromInline let document: Document
    @usableFromInline let index: Int32

    @usableFromInline
    init(_ document: Document, _ index: Int32) {
        self.document = document
        self.index = index
    }

    public static func == (a: Node, b: Node) -> Bool { a.document === b.document && a.index == b.index }

    @usableFromInline var record: Document.Record {
        _read { yield document.records[Int(index)] }
    }

    public var kind: Kind { record.kind }
    public var location: SourceLocation { record.location }
    /// Scalar style; `.plain` for collections.
    public var style: ScalarStyle { record.style }
    /// The core-schema tag given explicitly (`!!str`, `!!int` ...), or nil.
    public var tag: CoreTag? { record.tag }
    var weight: Int { record.weight }

    /// Nodes in this subtree, itself included (an alias counts as the nodes it stands for).
    public var subtreeSize: Int { record.weight }

    /// The same node through a document handle of its own, for reading on another thread: every
    /// handle to a document shares its reference count, and two threads walking nodes at once
    /// would contend on that one count.
    public func detached() -> Node {
        Node(Document(records: document.records, children: document.children, scalars: document.scalars), index)
    }

    public var scalar: String? {
        let record = self.record
        return record.kind == .scalar ? document.scalars[Int(record.start)] : nil
    }

    public var sequence: Items? {
        let record = self.record
        return record.kind == .sequence ? Items(document, start: Int(record.start), count: Int(record.count)) : nil
    }

    public var mapping: Pairs? {
        let record = self.record
        return record.kind == .mapping ? Pairs(Items(document, start: Int(record.start), count: Int(record.count))) : nil
    }

    /// A sequence's items.
    public struct Items: RandomAccessCollection, ExpressibleByArrayLiteral {
        let document: Document?
        let start: Int
        public let count: Int

        init(_ document: Document, start: Int, count: Int) {
            self.document = document
            self.start = start
            self.count = count
        }

        /// No items.
        public init(arrayLiteral elements: Never...) {
            document = nil
            start = 0
            count = 0
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> Node {
            precondition(position >= 0 && position < count, "index out of range")
            return Node(document!, document!.children[start + position])
        }
    }

    /// A mapping's entries, in the order written (merged entries after them).
    public struct Pairs: RandomAccessCollection, ExpressibleByArrayLiteral {
        /// Keys and values, alternating.
        let entries: Items

        init(_ entries: Items) {
            self.entries = entries
        }

        /// No entries.
        public init(arrayLiteral elements: Never...) {
            entries = []
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { entries.count / 2 }

        public subscript(position: Int) -> Pair {
            Pair(key: entries[2 * position], value: entries[2 * position + 1])
        }
    }

    /// A plain scalar that the core schema reads as null (`~`, `null`, empty) and carries no tag.
    public var isNull: Bool {
        let record = self.record
        guard record.kind == .scalar else { return false }
        if record.tag == .null { return true }
        guard record.style == .plain, record.tag == nil else { return false }
        // Asked of nearly every value read: compare lengths before text.
        let value = document.scalars[Int(record.start)]
        switch value.utf8.count {
        case 0: return true
        case 1: return value == "~"
        case 4: return value == "null" || value == "Null" || value == "NULL"
        default: return false
        }
    }

    /// What the node is, in words, for "expected X, found Y" messages.
    public var kindDescription: String {
        switch kind {
        case .scalar:
            let value = scalar ?? ""
            if isNull { return "nothing (null)" }
            if style == .plain, tag == nil, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(value) {
                return "a boolean"
            }
            return "'\(value.count > 40 ? String(value.prefix(40)) + "…" : value)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The whole subtree as one line of text: kinds, scalars with their style and tag, and every
    /// node's line, column and length. For tests and the fuzzer, which compare trees.
    public var outline: String {
        let place = "@\(location.line):\(location.column)+\(location.length)"
        switch kind {
        case .scalar: return "\(scalar!.debugDescription)/\(style)/\(tag.map(\.rawValue) ?? "-")\(place)"
        case .sequence: return "[" + sequence!.map(\.outline).joined(separator: ", ") + "]\(place)"
        case .mapping: return "{" + mapping!.map { $0.key.outline + ": " + $0.value.outline }.joined(separator: ", ") + "}\(place)"
        }
    }

    /// Looks a key up in a mapping (linear: plan mappings are small).
    public subscript(key: String) -> Node? {
        guard let pairs = mapping else { return nil }
        for pair in pairs where pair.key.scalar == key { return pair.value }
        return nil
    }
}

/// The tags of YAML's core schema, the only ones a plan may use.
public enum CoreTag: String, Sendable {
    case str, int, float, bool, null, map, seq
}
