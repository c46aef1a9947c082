/// A YAML node with its place in the source. Aliases share the anchored node rather than copying it.
public final class Node: @unchecked Sendable {
    public enum Content {
        case scalar(String)
        case sequence([Node])
        case mapping([Pair])
    }

    public struct Pair {
        public let key: Node
        public let value: Node
    }

    public enum ScalarStyle: UInt8, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public let content: Content
    public let location: SourceLocation
    /// Scalar style; `.plain` for collections.
    public let style: ScalarStyle
    /// The core-schema tag given explicitly (`!!str`, `!!int` ...), or nil.
    public let tag: CoreTag?
    /// Nodes in this subtree, aliases counted at their full size: the alias-expansion budget.
    let weight: Int

    init(content: Content, location: SourceLocation, style: ScalarStyle, tag: CoreTag?, weight: Int) {
        self.content = content
        self.location = location
        self.style = style
        self.tag = tag
        self.weight = weight
    }

    public var scalar: String? {
        if case .scalar(let value) = content { return value }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// A plain scalar that the core schema reads as null (`~`, `null`, empty) and carries no tag.
    public var isNull: Bool {
        guard case .scalar(let value) = content else { return false }
        if tag == .null { return true }
        guard style == .plain, tag == nil else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// What the node is, in words, for "expected X, found Y" messages.
    public var kindDescription: String {
        switch content {
        case .scalar(let value):
            if isNull { return "nothing (null)" }
            if style == .plain, tag == nil, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(value) {
                return "a boolean"
            }
            return "'\(value.count > 40 ? String(value.prefix(40)) + "…" : value)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Looks a key up in a mapping (linear: plan mappings are small).
    public subscript(key: String) -> Node? {
        guard case .mapping(let pairs) = content else { return nil }
        for pair in pairs where pair.key.scalar == key { return pair.value }
        return nil
    }
}

/// The tags of YAML's core schema, the only ones a plan may use.
public enum CoreTag: String, Sendable {
    case str, int, float, bool, null, map, seq
}
