import PlanSyntax

/// The codes the loader reports while it turns nodes into the typed plan. They cannot be turned
/// off: a value that could not be understood leaves nothing to compile.
public enum LoadDiagnostics {
    public typealias Example = DiagnosticDescriptor.Example

    public static let unknownKey = DiagnosticDescriptor(
        code: "E100", name: "unknown-key", severity: .error,
        summary: "a mapping has a key the plan language does not define",
        rationale: "A misspelt key (`dependson`, `deadine`) would otherwise be ignored and the plan would silently lose a constraint. The error names the closest known key.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: 5d\n    ↓deadine: 2027-01-15\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: 5d\n    deadline: 2027-01-15\n")])

    public static let wrongType = DiagnosticDescriptor(
        code: "E101", name: "wrong-type", severity: .error,
        summary: "a value has the wrong shape: a list where a mapping belongs, text where a list belongs",
        rationale: "Each key takes one kind of value; the error says which kind was expected and shows how to write it.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - id: build\n    duration: 10d\n    after: ↓design\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - id: build\n    duration: 10d\n    after: [design]\n")])

    public static let invalidValue = DiagnosticDescriptor(
        code: "E102", name: "invalid-value", severity: .error,
        summary: "a value has the right shape but not a valid form: a date that does not exist, a duration without a unit, progress over 100%",
        rationale: "Values are checked where they are written, with the expected form in the message: dates are real YYYY-MM-DD dates, durations are `5d`, `2w` or `7ed`, percentages are 0% to 100%.",
        configurable: false,
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: ↓five days\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: 5d\n    deadline: ↓2027-02-30\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: 5d\n    progress: ↓140%\n"),
        ],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    duration: 5d\n    deadline: 2027-02-26\n    progress: 40%\n")])

    public static let missingKey = DiagnosticDescriptor(
        code: "E103", name: "missing-key", severity: .error,
        summary: "a required key is missing: a plan's `plan` or `start`, a task's `id`, an event's `date`, one of an estimate's `low`, `likely` and `high`",
        rationale: "Without these the item cannot be placed in the schedule or referred to; the error says what to add. A three-point estimate needs all three points: a partial one would otherwise be scheduled as one day.",
        configurable: false,
        triggering: [
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - ↓title: Architecture review\n    duration: 5d\n"),
            Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: engine-core\n    estimate: ↓{ low: 10d, likely: 15d }\n"),
        ],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: design\n    title: Architecture review\n    duration: 5d\n")])

    public static let invalidID = DiagnosticDescriptor(
        code: "E106", name: "invalid-id", severity: .error,
        summary: "an id is not lower case letters, digits, '-', '_' and '.'",
        rationale: "Ids are written in dependencies, reports, URLs and calendar UIDs; one spelling rule keeps them unambiguous and safe everywhere. The error suggests a valid spelling.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: ↓Risk Slippage\n    duration: 5d\n")],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - id: risk-slippage\n    title: Risk Slippage\n    duration: 5d\n")])

    public static let includeNotFound = DiagnosticDescriptor(
        code: "E110", name: "include-not-found", severity: .error,
        summary: "an `include:` path does not exist, or a glob matches no file",
        rationale: "A missing fragment means missing work in the schedule; it is an error, with the closest existing file suggested.",
        configurable: false,
        triggering: [Example(files: [("plan.yaml", "plan: perp-v2\nstart: 2026-12-07\ninclude: [↓risk-tasks.yaml]\n"),
                                     ("risk-task.yaml", "tasks:\n  - { id: slippage-guard, duration: 5d }\n")])],
        passing: [Example(files: [("plan.yaml", "plan: perp-v2\nstart: 2026-12-07\ninclude: [risk-task.yaml]\n"),
                                  ("risk-task.yaml", "tasks:\n  - { id: slippage-guard, duration: 5d }\n")])])

    public static let includeOutsideRoot = DiagnosticDescriptor(
        code: "E111", name: "include-outside-root", severity: .error,
        summary: "an `include:` path leaves the root plan's folder (by `..`, an absolute path or a symbolic link), or a plan resolves outside the folder it was named in",
        rationale: "A plan compiled in CI must not read files outside its own folder: that would let a pull request pull in arbitrary files from the machine, and print their lines in diagnostics. The same holds for the plan itself: a root plan, a plan found in a folder, a `diff` side or a plan at a `diff --git` revision that is a symbolic link resolving outside the folder it was named in (`a/b` for `a/b/plan.yaml`; the folder itself for a folder searched) is not read. A glob is matched inside the plan's folder only, so nothing outside is ever listed; at most 3 E111s are reported per `include:` entry, with a note counting the rest.",
        configurable: false,
        triggering: [Example(files: [("plans/plan.yaml", "plan: perp-v2\nstart: 2026-12-07\ninclude: [↓../secrets.yaml]\n"),
                                     ("secrets.yaml", "tasks: []\n")])],
        passing: [Example(files: [("plans/plan.yaml", "plan: perp-v2\nstart: 2026-12-07\ninclude: [team/../tasks.yaml]\n"),
                                  ("plans/tasks.yaml", "tasks: []\n"), ("plans/team/.keep", "")])])

    public static let invalidFragment = DiagnosticDescriptor(
        code: "E112", name: "invalid-fragment", severity: .error,
        summary: "an included file is a root plan, includes the plan itself, or sets keys only a root plan may set",
        rationale: "Fragments add teams, DoD lists, phases, tasks, gates, events, risks and metrics to one plan; the plan's id, start, calendar and status date are set once, in the root.",
        configurable: false,
        triggering: [Example(files: [("plan.yaml", "plan: perp-v2\nstart: 2026-12-07\ninclude: [risk.yaml]\n"),
                                     ("risk.yaml", "↓start: 2027-01-04\ntasks:\n  - { id: slippage-guard, duration: 5d }\n")])],
        passing: [Example(files: [("plan.yaml", "plan: perp-v2\nstart: 2026-12-07\ninclude: [risk.yaml]\n"),
                                  ("risk.yaml", "tasks:\n  - { id: slippage-guard, duration: 5d, not_before: 2027-01-04 }\n")])])

    public static let tooManyTasks = DiagnosticDescriptor(
        code: "E114", name: "too-many-tasks", severity: .error,
        summary: "the plan has more tasks, milestones and gates than the limit (2,000,000, `--max-tasks`)",
        rationale: "The limit bounds the memory and time one compilation may take: planc stops reading at the first item over it and schedules nothing. Raise it with `--max-tasks` for a portfolio that really is that large.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - { id: build, duration: 10d }\n  - ↓{ id: launch, milestone: true }\n",
                             limits: Limits(maxTasks: 2))],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nrules: { W301: off }\ntasks:\n  - { id: design, duration: 5d }\n  - { id: build, duration: 10d }\n",
                          limits: Limits(maxTasks: 2))])

    public static let tooManyDependencies = DiagnosticDescriptor(
        code: "E115", name: "too-many-dependencies", severity: .error,
        summary: "the plan has more dependencies (`after:` entries) than the limit (10,000,000, `--max-dependencies`)",
        rationale: "Scheduling time and memory grow with the dependencies as well as the tasks; the limit stops a generated or hostile plan before it exhausts either. planc stops reading at the first entry over it and schedules nothing.",
        configurable: false,
        triggering: [Example("plan: perp-v2\nstart: 2026-12-07\ntasks:\n  - { id: design, duration: 5d }\n  - { id: build, duration: 10d, after: [design] }\n  - { id: launch, milestone: true, after: [design, ↓build] }\n",
                             limits: Limits(maxDependencies: 2))],
        passing: [Example("plan: perp-v2\nstart: 2026-12-07\nrules: { W301: off }\ntasks:\n  - { id: design, duration: 5d }\n  - { id: build, duration: 10d, after: [design] }\n  - { id: launch, milestone: true, after: [build] }\n",
                          limits: Limits(maxDependencies: 2))])

    public static let all: [DiagnosticDescriptor] = [
        unknownKey, wrongType, invalidValue, missingKey, invalidID, includeNotFound, includeOutsideRoot, invalidFragment,
        tooManyTasks, tooManyDependencies,
    ]
}
