/// The codes PlanSyntax reports: reading the file and turning its bytes into a node tree.
/// None can be turned off: a plan that cannot be read cannot be compiled.
public enum SyntaxDiagnostics {
    public typealias Example = DiagnosticDescriptor.Example

    public static let syntax = DiagnosticDescriptor(
        code: "E001", name: "yaml-syntax", severity: .error,
        summary: "the file is not well-formed YAML",
        rationale: "Nothing can be compiled from text that YAML cannot parse. planc reports libyaml's finding at its exact place and, for the common slips (tabs, an unquoted ': ', an unclosed bracket), says how to fix it.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntitle: Phase 1↓: MVP\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntitle: \"Phase 1: MVP\"\n")])

    public static let duplicateKey = DiagnosticDescriptor(
        code: "E002", name: "duplicate-key", severity: .error,
        summary: "a mapping sets the same key twice",
        rationale: "YAML parsers disagree on duplicate keys and most keep the last one silently, so a plan could lose a dependency or a deadline without anyone noticing. The error points at the second key and notes the first.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: 5d\n    ↓duration: 8d\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: 8d\n")])

    public static let aliasExpansion = DiagnosticDescriptor(
        code: "E003", name: "alias-expansion-limit", severity: .error,
        summary: "aliases expand the document beyond the expansion budget",
        rationale: "A few lines of nested anchors and aliases can expand to billions of nodes (the \"billion laughs\" attack) and exhaust memory. planc counts what every alias adds as it parses and stops at a budget that grows with the document (1,000,000 nodes, or 8 per node written), in milliseconds.",
        configurable: false,
        triggering: [Example(
            "plan: bomb\nstart: 2026-12-07\nx-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nx-c: [↓*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
            limits: Limits(aliasExpansionBase: 100, aliasExpansionPerNode: 1))],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - &review { id: review-a, duration: 2d, owner: qa }\n  - { <<: *review, id: review-b }\nteams: { qa: { name: QA } }\n")])

    public static let unsupportedTag = DiagnosticDescriptor(
        code: "E004", name: "unsupported-tag", severity: .error,
        summary: "a value carries a tag outside YAML's core schema",
        rationale: "Tags such as !!timestamp, !!binary or application tags (!ruby/object) ask a YAML library to build objects; a plan is plain data, so only the core schema's tags are accepted.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: ↓!!timestamp 2026-12-07\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\n")])

    public static let invalidEncoding = DiagnosticDescriptor(
        code: "E005", name: "invalid-encoding", severity: .error,
        summary: "the file is not UTF-8",
        rationale: "Plans are UTF-8 text so that names in any language survive git, diffs and reports. A byte that is not valid UTF-8 (often a file saved as Latin-1 or UTF-16) is reported with its offset.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntitle: Caf↓⟨E9⟩ launch\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntitle: Café launch\n")])

    public static let emptyDocument = DiagnosticDescriptor(
        code: "E006", name: "empty-document", severity: .error,
        summary: "the file holds no YAML document, only blanks or comments",
        rationale: "An empty plan is almost always a mistake (a truncated file, a wrong path); compiling it to an empty schedule would hide that.",
        configurable: false,
        triggering: [Example("# the plan goes here\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\n")])

    public static let notAMapping = DiagnosticDescriptor(
        code: "E007", name: "not-a-mapping", severity: .error,
        summary: "the top level of the document is not a mapping",
        rationale: "A plan is a mapping of keys (`plan`, `start`, `tasks` ...) to values; a list or a single value at the top cannot be a plan.",
        configurable: false,
        triggering: [Example("↓- id: design\n  duration: 5d\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n")])

    public static let nestingTooDeep = DiagnosticDescriptor(
        code: "E008", name: "nesting-too-deep", severity: .error,
        summary: "lists and mappings are nested deeper than the limit (200 levels)",
        rationale: "Deeply nested input is a classic way to exhaust a parser's stack or time. Real plans nest a few levels; the limit is far above that.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks: [{id: a, tasks: ↓[{id: b}]}]\n", limits: Limits(maxDepth: 3))],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks: [{id: a, tasks: [{id: b, duration: 1d}]}]\n")])

    public static let fileTooLarge = DiagnosticDescriptor(
        code: "E009", name: "file-too-large", severity: .error,
        summary: "the file is larger than the size limit (256 MiB, `--max-file-size`)",
        rationale: "The limit is checked before the file is read, so a stray log file or disk image is refused at once instead of being loaded into memory. Split large plans with `include:`.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntitle: a plan larger than the limit this example sets\n", limits: Limits(maxFileBytes: 32))],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\n", limits: Limits(maxFileBytes: 32))])

    public static let scalarTooLong = DiagnosticDescriptor(
        code: "E010", name: "scalar-too-long", severity: .error,
        summary: "a single value is longer than the limit (1 MiB)",
        rationale: "No title or note needs a megabyte; a value that large is pasted data or an attack on memory.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntitle: ↓\"this title is longer than the example's limit\"\n", limits: Limits(maxScalarBytes: 16))],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntitle: Short\n", limits: Limits(maxScalarBytes: 16))])

    public static let multipleDocuments = DiagnosticDescriptor(
        code: "E011", name: "multiple-documents", severity: .error,
        summary: "the file holds more than one YAML document",
        rationale: "One file is one plan (or one fragment). A second document after `---` would be ignored by most tools; planc says so instead. Split plans over files with `include:`.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\n↓---\nplan: spot-v3\n")],
        passing: [Example("---\nplan: perp-v2\nstart: 2026-12-07\n")])

    public static let invalidMerge = DiagnosticDescriptor(
        code: "E012", name: "invalid-merge-key", severity: .error,
        summary: "a merge key `<<` is given something other than a mapping or a list of mappings",
        rationale: "`<<: *defaults` copies the keys of a mapping into another; merging a list or a value has no meaning, and silently ignoring it would drop the defaults the author meant to apply.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - <<: ↓[design]\n    id: build\n    duration: 5d\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nx-defaults: &defaults { duration: 5d }\ntasks:\n  - <<: *defaults\n    id: build\n")])

    public static let unreadableFile = DiagnosticDescriptor(
        code: "E013", name: "unreadable-file", severity: .error,
        summary: "a file cannot be read: it does not exist, is a folder, a FIFO, a socket or a device, or permission is denied",
        rationale: "A plan, include or metrics file that cannot be read is reported with the operating system's reason. What is not a regular file is refused at once, without waiting on it (a FIFO would otherwise hang the run until a writer came). Given on the command line, it makes planc exit with status 2.",
        configurable: false,
        triggering: [Example(files: [("plan.yaml", "plan: perp-v2\nstart: 2026-12-07\ninclude: [teams/]\n"), ("teams/README.md", "a folder, not a file\n")])],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\n")])

    public static let tooManyNodes = DiagnosticDescriptor(
        code: "E014", name: "too-many-nodes", severity: .error,
        summary: "the file holds more YAML values than the limit (40,000,000, or 20 per task of `--max-tasks`)",
        rationale: "Every value, list and mapping costs memory once read. A file of tiny values (a line `-` is two bytes) within the size limit would otherwise make planc allocate gigabytes before it found out that the file is no plan. A plan needs about 15 values a task, so the limit is far above any real one; planc stops reading where it is reached.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { ↓id: design, duration: 5d }\n", limits: Limits(maxNodes: 8))],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\n", limits: Limits(maxNodes: 8))])

    public static let all: [DiagnosticDescriptor] = [
        syntax, duplicateKey, aliasExpansion, unsupportedTag, invalidEncoding, emptyDocument, notAMapping,
        nestingTooDeep, fileTooLarge, scalarTooLong, multipleDocuments, invalidMerge, unreadableFile, tooManyNodes,
    ]
}
