import PlanSyntax
#if canImport(Glibc)
import Glibc
#endif

/// Turns a root plan file, and the fragments it includes, into a typed `Plan`, reporting every
/// problem it finds on the way rather than stopping at the first.
final class PlanLoader {
    let sources: SourceManager
    /// Where diagnostics are reported: the compilation's sink, or a helper's own buffer.
    let sink: any DiagnosticReporter
    /// The compilation's sink, for reading the files the root plan includes; nil in a helper,
    /// which reads none.
    private let compilationSink: DiagnosticSink?
    /// A helper's diagnostics, kept back until its tasks join the plan (nil in the loader itself).
    let heldDiagnostics: DiagnosticBuffer?
    let limits: Limits
    /// Where the plan's files are read from: the disk, or a commit's tree.
    var source: any SourceProvider = DiskSource.shared
    /// Files parsed at earlier commits of a trend walk, by blob (nil: parse every file).
    var documents: ParsedDocuments?
    /// When to read a task list in two halves at once.
    let policy: ExecutionPolicy
    let read: NodeReader
    var plan: Plan
    /// Gates are read into a side list and their milestones appended after every task, so that
    /// tasks from fragments still come before them.
    var pendingGates: [(task: Task, gate: Gate)] = []
    /// Dependencies read so far, against `Limits.maxDependencies`.
    var dependencyCount = 0
    /// Set when the plan is over a size limit (E114, E115): reading stops and nothing is compiled.
    var overLimit = false

    static let rootKeys = ["plan", "title", "start", "as_of", "calendar", "teams", "dod", "phases", "tasks",
                           "gates", "events", "risks", "metrics", "rules", "include", "level", "forecast", "priority"]
    static let fragmentKeys = ["teams", "dod", "phases", "tasks", "gates", "events", "risks", "metrics"]

    init(sources: SourceManager, sink: DiagnosticSink, limits: Limits, policy: ExecutionPolicy, rootFile: SourceFile, root: Node) {
        self.sources = sources
        self.sink = sink
        compilationSink = sink
        heldDiagnostics = nil
        self.limits = limits
        self.policy = policy
        self.read = NodeReader(sink: sink)
        self.plan = Plan(file: rootFile.path, location: root.location)
    }

    /// A loader that reads part of `parent`'s plan on another thread: into a plan of its own, with
    /// its diagnostics held back until they are passed on in order.
    init(helping parent: PlanLoader) {
        sources = parent.sources
        let buffer = DiagnosticBuffer()
        sink = buffer
        compilationSink = nil
        heldDiagnostics = buffer
        limits = parent.limits
        policy = parent.policy
        read = NodeReader(sink: sink)
        plan = Plan(file: parent.plan.file, location: parent.plan.location)
    }

    static func load(path: String, sources: SourceManager, sink: DiagnosticSink, limits: Limits,
                     policy: ExecutionPolicy = .default, source: any SourceProvider = DiskSource.shared,
                     documents: ParsedDocuments? = nil) -> Plan? {
        guard let file = PhaseTimer.measure("read", { SourceReader.load(path: path, limits: limits, sources: sources, sink: sink, from: source) }),
              let root = PhaseTimer.measure("yaml", { mapping(of: file, limits: limits, policy: policy, sink: sink, source: source, documents: documents) })
        else { return nil }
        let loader = PlanLoader(sources: sources, sink: sink, limits: limits, policy: policy, rootFile: file, root: root)
        loader.source = source
        loader.documents = documents
        PhaseTimer.measure("model") { loader.readRoot(root, file: file) }
        let plan = loader.finish()
        return loader.overLimit ? nil : plan
    }

    /// The file's top-level mapping: parsed, or the nodes a trend walk parsed from the same blob.
    static func mapping(of file: SourceFile, limits: Limits, policy: ExecutionPolicy, sink: DiagnosticSink,
                        source: any SourceProvider, documents: ParsedDocuments?) -> Node? {
        let parse = { YAMLLoader(file: file, limits: limits, policy: policy, sink: sink).loadMapping() }
        guard let documents else { return parse() }
        return documents.mapping(of: file, blob: (source as? GitTreeSource)?.blob(read: file.path), sink: sink, parse: parse)
    }

    /// True (after reporting E114 once) when one more item would exceed `Limits.maxTasks`.
    func refuseTask(at location: SourceLocation) -> Bool {
        if overLimit { return true }
        guard plan.tasks.count + pendingGates.count >= limits.maxTasks else { return false }
        overLimit = true
        sink.emit(LoadDiagnostics.tooManyTasks,
                  "the plan has more than \(limits.maxTasks) tasks, milestones and gates, the limit; planc stops reading here",
                  at: location, help: "raise the limit with --max-tasks, or compile the program's workstreams as separate plans")
        return true
    }

    func finish() -> Plan {
        for (task, gate) in pendingGates {
            var gate = gate
            gate.task = plan.tasks.count
            var milestone = task
            milestone.gate = plan.gates.count
            plan.tasks.append(milestone)
            plan.gates.append(gate)
        }
        pendingGates = []
        return plan
    }

    // MARK: - Root and fragments

    func readRoot(_ root: Node, file: SourceFile) {
        var sawPlan = false, sawStart = false
        read.fields(root, of: "the plan", allowed: PlanLoader.rootKeys, allowExtensions: true) { key, _, value in
            switch key {
            case "plan":
                sawPlan = true
                plan.id = read.id(value, of: "plan")
            case "title": plan.title = read.string(value, of: "the title")
            case "start":
                sawStart = true
                plan.start = read.day(value, of: "the start")
            case "as_of": plan.asOf = read.day(value, of: "the status date")
            case "calendar": readCalendar(value, into: &plan.calendar)
            case "forecast": readForecast(value)
            case "level": plan.level = read.bool(value, of: "level").map { Located($0, at: value.location) }
            case "priority": plan.priority = read.integer(value, of: "priority", in: 1...1000)
            case "include":
                guard let items = read.sequence(value, of: "files", example: "[teams/risk.yaml, workstreams/*.yaml]") else { return }
                plan.includes = items.compactMap { read.locatedString($0, of: "an include path") }
            case "rules": readRules(value)
            default: readSection(key, value)
            }
        }
        if !sawPlan {
            sink.emit(LoadDiagnostics.missingKey, "the plan has no `plan:` id", at: root.location,
                      help: "add a line `plan: my-launch` at the top")
        }
        if !sawStart {
            sink.emit(LoadDiagnostics.missingKey, "the plan has no `start:` date", at: root.location,
                      help: "add a line `start: YYYY-MM-DD`: the first day of work")
        }
        guard let compilationSink else { return }
        var includer = IncludeResolver(rootFile: file, sink: compilationSink)
        includer.source = source
        for path in includer.resolve(plan.includes) {
            readFragment(path)
        }
    }

    func readFragment(_ path: String) {
        guard let compilationSink,
              let file = SourceReader.load(path: path, limits: limits, sources: sources, sink: compilationSink, from: source),
              let root = Self.mapping(of: file, limits: limits, policy: policy, sink: compilationSink, source: source, documents: documents)
        else { return }
        for pair in root.mapping ?? [] {
            guard let key = pair.key.scalar else { continue }
            if key == "plan" {
                sink.emit(LoadDiagnostics.invalidFragment,
                          "'\(file.path)' is a root plan (it has `plan:`); only fragments can be included",
                          at: pair.key.location,
                          help: "remove `plan:` (and start, calendar ...) from the included file, or compile it on its own")
                return
            }
        }
        read.fields(root, of: "an included fragment", allowed: PlanLoader.rootKeys, allowExtensions: true) { key, keyNode, value in
            guard PlanLoader.fragmentKeys.contains(key) else {
                sink.emit(LoadDiagnostics.invalidFragment,
                          "`\(key)` belongs in the root plan, not in an included fragment",
                          at: keyNode.location,
                          help: "fragments hold \(PlanLoader.fragmentKeys.joined(separator: ", ")); move `\(key)` to \(plan.file)")
                return
            }
            readSection(key, value)
        }
    }

    /// The sections a root plan and a fragment share.
    func readSection(_ key: String, _ value: Node) {
        switch key {
        case "teams": readTeams(value)
        case "dod": readDoD(value)
        case "phases": readPhases(value)
        case "tasks":
            if let items = read.sequence(value, of: "tasks", example: "- { id: design, duration: 5d }") {
                readTasks(value, items)
            }
        case "gates":
            for item in read.sequence(value, of: "gates", example: "- { id: go-live, after: [launch-prep] }") ?? [] {
                readGate(item)
            }
        case "events":
            for item in read.sequence(value, of: "events", example: "- { id: competition, date: 2027-03-22, requires: [launch] }") ?? [] {
                readEvent(item)
            }
        case "risks":
            for item in read.sequence(value, of: "risks", example: "- { id: liquidity, likelihood: 3, impact: 4 }") ?? [] {
                readRisk(item)
            }
        case "metrics": readMetrics(value, prefix: "")
        default: break
        }
    }

    // MARK: - Calendar, teams, DoD, phases, metrics, rules

    /// The plan's `calendar:` or a team's `workdays` and `holidays` (`what`: "the calendar", "a team").
    func readCalendar(_ node: Node, into spec: inout CalendarSpec) {
        read.fields(node, of: "the calendar", allowed: ["workdays", "holidays"]) { key, _, value in
            readCalendarField(key, value, into: &spec)
        }
    }

    func readCalendarField(_ key: String, _ value: Node, into spec: inout CalendarSpec) {
        switch key {
        case "workdays":
            guard let items = read.sequence(value, of: "weekdays", example: "[mon, tue, wed, thu, fri]") else { return }
            var days: [Weekday] = []
            for item in items {
                guard let text = read.string(item, of: "a weekday") else { continue }
                guard let day = Weekday(shortName: text) else {
                    let names = Weekday.allCases.map(\.shortName)
                    read.invalid(item, "'\(text)' is not a weekday; use mon, tue, wed, thu, fri, sat, sun",
                                 help: Suggestion.help(for: String(text.lowercased().prefix(3)), in: names))
                    continue
                }
                if days.contains(day) {
                    read.invalid(item, "'\(text)' is listed twice")
                } else {
                    days.append(day)
                }
            }
            if items.isEmpty {
                read.invalid(value, "a calendar needs at least one working day", help: "list the working days, e.g. [mon, tue, wed, thu, fri]")
            } else {
                spec.workdays = Located(days.sorted { $0.rawValue < $1.rawValue }, at: value.location)
            }
        case "holidays":
            for item in read.sequence(value, of: "holidays", example: "[2026-12-25, { from: 2027-02-16, to: 2027-02-20 }]") ?? [] {
                if let holiday = readHoliday(item) { spec.holidays.append(holiday) }
            }
        default: break
        }
    }

    func readHoliday(_ node: Node) -> Holiday? {
        if node.scalar != nil {
            guard let day = read.day(node, of: "a holiday") else { return nil }
            return Holiday(from: day.value, to: day.value, name: nil, location: node.location)
        }
        var date: Located<Day>?, from: Located<Day>?, to: Located<Day>?, name: String?
        read.fields(node, of: "a holiday", allowed: ["date", "from", "to", "name"]) { key, _, value in
            switch key {
            case "date": date = read.day(value, of: "the holiday's date")
            case "from": from = read.day(value, of: "the first day of the holiday")
            case "to": to = read.day(value, of: "the last day of the holiday")
            case "name": name = read.string(value, of: "the holiday's name")
            default: break
            }
        }
        guard node.mapping != nil else { return nil }
        if let date {
            if from != nil || to != nil {
                read.invalid(node, "a holiday has either `date` or `from` and `to`, not both")
            }
            return Holiday(from: date.value, to: date.value, name: name, location: node.location)
        } else if let from, let to {
            if to.value < from.value {
                sink.emit(LoadDiagnostics.invalidValue, "the holiday ends (\(to.value)) before it starts (\(from.value))",
                          at: to.location, help: "swap `from` and `to`")
                return nil
            }
            return Holiday(from: from.value, to: to.value, name: name, location: node.location)
        } else if node.mapping?.isEmpty == false, node["date"] == nil, node["from"] == nil || node["to"] == nil {
            sink.emit(LoadDiagnostics.missingKey, "a holiday needs `date`, or `from` and `to`", at: node.location,
                      help: "write { date: 2026-12-25 } or { from: 2027-02-16, to: 2027-02-20 }")
        }
        return nil
    }

    func readTeams(_ node: Node) {
        guard let pairs = read.mapping(node, of: "teams") else { return }
        for pair in pairs {
            guard let id = read.id(pair.key, of: "team") else { continue }
            var team = Team(id: id)
            if pair.value.isNull {
                plan.teams.append(team)
                continue
            }
            var absences: Node?
            read.fields(pair.value, of: "a team", allowed: ["name", "capacity", "external", "lead", "workdays", "holidays", "absences"]) { key, _, value in
                switch key {
                case "name": team.name = read.string(value, of: "the team's name")
                case "capacity":
                    team.capacity = read.integer(value, of: "capacity (people)", in: 1...100_000)?.value
                    team.capacityLocation = value.location
                case "external": team.external = read.bool(value, of: "external") ?? false
                case "lead": team.lead = read.string(value, of: "the team's lead")
                case "workdays", "holidays": readCalendarField(key, value, into: &team.calendar)
                case "absences": absences = value
                default: break
                }
            }
            if let absences { readAbsences(absences, of: &team) }
            plan.teams.append(team)
        }
    }

    /// `absences: [{from, to, units, name}]`, after the team's `capacity` is known: an absence
    /// lowers a capacity, so it needs one and never takes more people than the team has.
    func readAbsences(_ node: Node, of team: inout Team) {
        for item in read.sequence(node, of: "absences", example: "[{ from: 2027-02-01, to: 2027-02-05, units: 1, name: offsite }]") ?? [] {
            var from: Located<Day>?, to: Located<Day>?, units: Located<Int>?, name: String?
            read.fields(item, of: "an absence", allowed: ["from", "to", "units", "name"]) { key, _, value in
                switch key {
                case "from": from = read.day(value, of: "the first day of the absence")
                case "to": to = read.day(value, of: "the last day of the absence")
                case "units": units = read.integer(value, of: "units (people away)", in: 1...100_000)
                case "name": name = read.string(value, of: "the absence's name")
                default: break
                }
            }
            guard item.mapping != nil else { continue }
            guard let from, let to else {
                if item.mapping?.isEmpty == false, from == nil || to == nil, item["from"] == nil || item["to"] == nil {
                    sink.emit(LoadDiagnostics.missingKey, "an absence needs `from` and `to`", at: item.location,
                              help: "write { from: 2027-02-01, to: 2027-02-05, units: 1 }")
                }
                continue
            }
            if to.value < from.value {
                sink.emit(LoadDiagnostics.invalidValue, "the absence ends (\(to.value)) before it starts (\(from.value))",
                          at: to.location, help: "swap `from` and `to`")
                continue
            }
            guard let capacity = team.capacity else {
                sink.emit(LoadDiagnostics.invalidValue, "team '\(team.id.value)' has an absence but no `capacity` to lower",
                          at: item.location, help: "give the team a `capacity` (people), or remove the absence")
                continue
            }
            if let units, units.value > capacity {
                sink.emit(LoadDiagnostics.invalidValue,
                          "the absence takes \(units.value) people from team '\(team.id.value)', which has \(capacity)",
                          at: units.location, help: "at most \(capacity); leave `units` out for the whole team")
                continue
            }
            team.absences.append(Absence(from: from.value, to: to.value, units: units, name: name, location: item.location))
        }
    }

    func readDoD(_ node: Node) {
        guard let pairs = read.mapping(node, of: "Definition-of-Done lists") else { return }
        for pair in pairs {
            guard let name = read.id(pair.key, of: "Definition-of-Done list") else { continue }
            var list = DoDList(name: name)
            for item in read.sequence(pair.value, of: "Definition-of-Done items", example: "- { id: reviewed, text: Code reviewed }") ?? [] {
                var id: Located<String>?, text: String?, metric: Located<MetricCondition>?
                read.fields(item, of: "a Definition-of-Done item", allowed: ["id", "text", "metric"]) { key, _, value in
                    switch key {
                    case "id": id = read.id(value, of: "Definition-of-Done item")
                    case "text": text = read.string(value, of: "the item's text")
                    case "metric": metric = read.metricCondition(value)
                    default: break
                    }
                }
                guard item.mapping != nil else { continue }
                guard let id else {
                    if item["id"] == nil {
                        sink.emit(LoadDiagnostics.missingKey, "a Definition-of-Done item needs an `id`", at: item.location,
                                  help: "write { id: reviewed, text: Code reviewed and merged }")
                    }
                    continue
                }
                if text == nil, item["text"] == nil {
                    sink.emit(LoadDiagnostics.missingKey, "Definition-of-Done item '\(id.value)' needs a `text`",
                              at: id.location, help: "say what must be true, e.g. text: Unit and integration tests green in CI")
                }
                list.items.append(DoDItem(id: id, text: text, metric: metric))
            }
            plan.dodLists.append(list)
        }
    }

    func readPhases(_ node: Node) {
        for item in read.sequence(node, of: "phases", example: "[mvp, internal-testing, public-testing, launch]") ?? [] {
            if item.scalar != nil {
                if let id = read.id(item, of: "phase") { plan.phases.append(Phase(id: id)) }
                continue
            }
            var id: Located<String>?, title: String?, gate: Located<String>?
            read.fields(item, of: "a phase", allowed: ["id", "title", "gate"]) { key, _, value in
                switch key {
                case "id": id = read.id(value, of: "phase")
                case "title": title = read.string(value, of: "the phase's title")
                case "gate": gate = read.id(value, of: "gate")
                default: break
                }
            }
            if let id {
                plan.phases.append(Phase(id: id, title: title, gate: gate))
            } else if item.mapping != nil, item["id"] == nil {
                sink.emit(LoadDiagnostics.missingKey, "a phase needs an `id`", at: item.location)
            }
        }
    }

    func readMetrics(_ node: Node, prefix: String) {
        guard let pairs = read.mapping(node, of: "metrics") else { return }
        for pair in pairs {
            guard let key = pair.key.scalar, NodeReader.isMetricName(key) else {
                read.invalid(pair.key, "'\(pair.key.scalar ?? "")' is not a metric name: use letters, digits, '_', '-' and '.'")
                continue
            }
            let name = prefix.isEmpty ? key : prefix + "." + key
            if pair.value.mapping != nil {
                readMetrics(pair.value, prefix: name)
            } else if let value = read.metric(pair.value, name: name, key: key) {
                plan.metrics.append(Metric(name: name, value: value, location: pair.value.location))
            }
        }
    }

    func readRules(_ node: Node) {
        guard let pairs = read.mapping(node, of: "rules") else { return }
        let severities: [String: Severity?] = ["error": .error, "warning": .warning, "off": nil]
        for pair in pairs {
            guard let code = read.locatedString(pair.key, of: "a diagnostic code") else { continue }
            guard let value = pair.value.scalar, !pair.value.isNull, let severity = severities[value] else {
                read.invalid(pair.value, "a rule's severity is error, warning or off, found \(pair.value.kindDescription)",
                             help: Suggestion.help(for: pair.value.scalar ?? "", in: ["error", "warning", "off"]))
                continue
            }
            plan.ruleSettings.append(RuleSetting(code: code, severity: Located(severity, at: pair.value.location)))
        }
    }
}
