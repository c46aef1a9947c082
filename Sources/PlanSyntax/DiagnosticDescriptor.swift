/// The documentation of one diagnostic code: what it checks, why, and examples that must and must
/// not trigger it. docs/rules.md and `planc explain` are generated from these, and one generic test
/// compiles every example, so a code cannot exist without docs and a test.
public struct DiagnosticDescriptor: Sendable {
    public var code: String
    /// A short kebab-case name, e.g. `unknown-reference`.
    public var name: String
    public var severity: Severity
    /// One line: what the diagnostic reports.
    public var summary: String
    /// Why it matters to a program manager or to the compiler.
    public var rationale: String
    /// Whether a plan's `rules:` map may change its severity or turn it off. Syntax and type
    /// errors cannot be turned off: the plan could not be understood without fixing them.
    public var configurable: Bool
    /// Plans that must trigger the diagnostic exactly where `↓` marks them.
    public var triggering: [Example]
    /// Plans that must not trigger it.
    public var passing: [Example]

    public init(
        code: String, name: String, severity: Severity, summary: String, rationale: String,
        configurable: Bool = true, triggering: [Example], passing: [Example]
    ) {
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.rationale = rationale
        self.configurable = configurable
        self.triggering = triggering
        self.passing = passing
    }

    /// An example plan, possibly over several files (the first is the root). `↓` marks where the
    /// diagnostic must be reported; `⟨FF⟩` stands for a raw byte that text cannot show.
    public struct Example: Sendable {
        public var files: [(name: String, text: String)]
        /// How the example is compiled when it needs a smaller limit to show the diagnostic.
        public var limits: Limits?

        public init(_ text: String, limits: Limits? = nil) {
            self.files = [("plan.yaml", text)]
            self.limits = limits
        }

        public init(files: [(name: String, text: String)], limits: Limits? = nil) {
            self.files = files
            self.limits = limits
        }

        public static let marker: Character = "↓"
    }
}
