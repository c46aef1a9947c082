/// Bounds that keep hostile or accidental input from exhausting time or memory. Each is reported
/// as a diagnostic with its own code when exceeded.
public struct Limits: Sendable, Equatable {
    /// Largest file read, in bytes (E009).
    public var maxFileBytes: Int
    /// Deepest nesting of sequences and mappings (E008).
    public var maxDepth: Int
    /// Longest single scalar, in bytes (E010).
    public var maxScalarBytes: Int
    /// Nodes that aliases may add to a document beyond its own (E003); the budget grows with the
    /// document so that a large plan using `<<: *defaults` on every task is not mistaken for a bomb.
    public var aliasExpansionBase: Int
    public var aliasExpansionPerNode: Int
    /// Most YAML nodes (scalars, lists and mappings) in one file (E014). A node costs ~60 bytes
    /// in memory, so this bounds what a file of tiny nodes (`-` lines) can make planc allocate;
    /// `--max-tasks` raises it to 20 nodes per task when that is more.
    public var maxNodes: Int
    /// Most tasks, milestones and gates in a plan and its fragments (E114, `--max-tasks`).
    public var maxTasks: Int
    /// Most `after:` entries in a plan and its fragments (E115, `--max-dependencies`).
    public var maxDependencies: Int
    /// Files this large or larger are parsed by libyaml on a second thread while the document is
    /// built (not a limit: the result is the same either way).
    public var parallelParseBytes: Int
    /// Files this large or larger are parsed as two parts at once where their shape allows it (see
    /// `ParseSplit`; not a limit either: the result is the same).
    public var splitParseBytes: Int
    /// A `tasks:` list of this many YAML nodes or more is read into the model in two halves at
    /// once (not a limit: the result is the same).
    public var parallelReadNodes: Int

    public init(
        maxFileBytes: Int = 256 << 20,
        maxDepth: Int = 200,
        maxScalarBytes: Int = 1 << 20,
        aliasExpansionBase: Int = 1_000_000,
        aliasExpansionPerNode: Int = 8,
        maxNodes: Int = 40_000_000,
        maxTasks: Int = 2_000_000,
        maxDependencies: Int = 10_000_000,
        parallelParseBytes: Int = 1 << 20,
        splitParseBytes: Int = 1 << 20,
        parallelReadNodes: Int = 1 << 16
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxScalarBytes = maxScalarBytes
        self.aliasExpansionBase = aliasExpansionBase
        self.aliasExpansionPerNode = aliasExpansionPerNode
        self.maxNodes = maxNodes
        self.maxTasks = maxTasks
        self.maxDependencies = maxDependencies
        self.parallelParseBytes = parallelParseBytes
        self.splitParseBytes = splitParseBytes
        self.parallelReadNodes = parallelReadNodes
    }

    public static let `default` = Limits()

    /// These limits with the parse on the calling thread, whole (`split: false`) or split wherever
    /// the text allows (`split: true`, whatever its size): for tests and the fuzzer, which check
    /// that the two agree.
    public func parsing(split: Bool) -> Limits {
        var limits = self
        limits.parallelParseBytes = .max
        limits.splitParseBytes = split ? 0 : .max
        return limits
    }
}
