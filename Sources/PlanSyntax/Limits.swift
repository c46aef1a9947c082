/// Bounds that keep hostile or accidental input from exhausting time or memory. Each is reported
/// as a diagnostic with its own code when exceeded. (When planc uses a second thread is not a
/// limit: see `ExecutionPolicy`.)
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

    public init(
        maxFileBytes: Int = 256 << 20,
        maxDepth: Int = 200,
        maxScalarBytes: Int = 1 << 20,
        aliasExpansionBase: Int = 1_000_000,
        aliasExpansionPerNode: Int = 8,
        maxNodes: Int = 40_000_000,
        maxTasks: Int = 2_000_000,
        maxDependencies: Int = 10_000_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxScalarBytes = maxScalarBytes
        self.aliasExpansionBase = aliasExpansionBase
        self.aliasExpansionPerNode = aliasExpansionPerNode
        self.maxNodes = maxNodes
        self.maxTasks = maxTasks
        self.maxDependencies = maxDependencies
    }

    public static let `default` = Limits()
}
