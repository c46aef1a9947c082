import PlanSyntax

/// A portfolio file: several root plans compiled together, sharing teams.
///
/// ```yaml
/// portfolio: pmo
/// title: Q1 launches
/// plans: [options.yaml, campaigns/*.yaml]
/// teams:
///   qa: { capacity: 2 }
/// ```
public struct Portfolio: Sendable {
    /// One plan of the portfolio: its path (relative to where the portfolio was named) and the
    /// `plans:` entry that named it.
    public struct Member: Sendable {
        public var path: String
        public var entry: Located<String>
    }

    public var file: String
    public var id: Located<String>?
    public var title: String?
    /// The `plans:` entries as written.
    public var entries: [Located<String>] = []
    /// The plans the entries resolve to, sorted by path (each once).
    public var members: [Member] = []
    /// The shared teams (same syntax as a plan's `teams:`).
    public var teams: [Team] = []
    /// `level:` at the root: whether the plans are levelled together.
    public var level: Located<Bool>?
    public var location: SourceLocation

    public init(file: String, location: SourceLocation) {
        self.file = file
        self.location = location
    }
}
