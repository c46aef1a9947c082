import PlanSyntax

/// The keys of tasks and gates.
enum TaskField: String, CaseIterable {
    case id, title, owner, assign, duration, effort, estimate, milestone, after, deadline
    case notBefore = "not_before", status, progress, actualStart = "actual_start", actualFinish = "actual_finish"
    case priority, phase, tags, checks, dod, notes, tasks
    case approvers, criteria, waivers, signoffs

    static func lookup(_ keys: [String]) -> KeyTable<TaskField> {
        KeyTable(keys.map { ($0, TaskField(rawValue: $0)!) })
    }
}

extension PlanLoader {
    static let taskKeys = ["id", "title", "owner", "assign", "duration", "effort", "estimate", "milestone", "after",
                           "deadline", "not_before", "status", "progress", "actual_start", "actual_finish", "priority",
                           "phase", "tags", "checks", "dod", "notes", "tasks"]
    static let taskFields = TaskField.lookup(taskKeys)

    enum DependencyField: String {
        case task, type, lag
    }
    static let dependencyKeys = ["task", "type", "lag"]
    static let dependencyFields = KeyTable(dependencyKeys.map { ($0, DependencyField(rawValue: $0)!) })

    /// Reads a `tasks:` list. A long one is read in two halves at once: the second by a loader of
    /// its own on another thread, whose tasks then follow the first half's, exactly as if read in
    /// order. When the two together pass `--max-tasks` or `--max-dependencies`, the second half is
    /// read again here, so that the limit is reported where the reading in order meets it.
    func readTasks(_ list: Node, _ items: Node.Items) {
        let size = list.subtreeSize
        guard size >= policy.parallelReadNodes, items.count >= 2 else {
            for item in items { readTask(item, parent: nil) }
            return
        }
        var half = 0, firstSize = 0
        while half < items.count - 1, firstSize < size / 2 {
            firstSize += items[half].subtreeSize
            half += 1
        }
        let helper = PlanLoader(helping: self)
        let detached = list.detached()
        let helped = BackgroundResult {
            PhaseTimer.measure("model helper") {
                for item in (detached.sequence ?? [])[half...] { helper.readTask(item, parent: nil) }
            }
        }
        PhaseTimer.measure("model first half") {
            for item in items[..<half] { readTask(item, parent: nil) }
        }
        PhaseTimer.measure("model wait") { helped.value }
        if overLimit { return }  // the reading in order would refuse every task after this, silently
        guard !helper.overLimit, plan.tasks.count + pendingGates.count + helper.plan.tasks.count <= limits.maxTasks,
              dependencyCount + helper.dependencyCount <= limits.maxDependencies else {
            for item in items[half...] { readTask(item, parent: nil) }
            return
        }
        var tasks = helper.plan.tasks
        helper.plan.tasks = []
        let base = plan.tasks.count
        for index in tasks.indices {
            if let parent = tasks[index].parent { tasks[index].parent = parent + base }
            if !tasks[index].children.isEmpty { tasks[index].children = tasks[index].children.map { $0 + base } }
        }
        plan.tasks.append(contentsOf: tasks)
        dependencyCount += helper.dependencyCount
        helper.heldDiagnostics?.commit(to: sink)
    }

    /// Reads a task and, depth-first, its children; returns its index in `plan.tasks`.
    @discardableResult
    func readTask(_ node: Node, parent: Int?) -> Int? {
        guard node.mapping != nil else {
            read.wrongType(node, expected: "a task as a mapping with an `id`", help: "write - { id: design, duration: 5d }")
            return nil
        }
        if refuseTask(at: node.location) { return nil }
        var task = Task(id: Located("", at: node.location), location: node.location)
        task.parent = parent
        var children: Node?
        read.fields(node, of: "a task", allowed: PlanLoader.taskKeys, lookup: PlanLoader.taskFields) { field, keyNode, value in
            if readScheduleField(field, keyNode, value, into: &task) { return }
            switch field {
            case .assign: task.assign = readAssignments(value)
            case .effort: task.effort = read.duration(value, of: "effort (person-days)", allowElapsed: false)
            case .estimate: task.estimate = readEstimate(value)
            case .milestone:
                switch read.bool(value, of: "milestone") {
                case true?:
                    task.kind = .milestone
                    task.milestoneFlag = keyNode.location
                case nil:
                    // Invalid, already reported: remember the intent so no "missing duration" follows.
                    task.milestoneFlag = keyNode.location
                case false?:
                    break
                }
            case .progress: task.progress = read.percent(value, of: "progress")
            case .actualStart: task.actualStart = read.day(value, of: "the actual start")
            case .priority: task.priority = read.integer(value, of: "priority", in: 1...1000)
            case .tags:
                task.tags = (read.sequence(value, of: "tags", example: "[launch, risk]") ?? []).compactMap { read.string($0, of: "a tag") }
            case .checks: task.checks = readChecks(value)
            case .dod: task.dod = read.ids(value, of: "Definition-of-Done list")
            case .tasks: children = value
            default: break
            }
        }
        if task.id.value.isEmpty, node["id"] == nil {
            sink.emit(LoadDiagnostics.missingKey, "a task needs an `id`", at: node.location,
                      help: "give every task a unique id, e.g. id: matching-engine")
        }
        let index = plan.tasks.count
        plan.tasks.append(task)
        if let children {
            var indices: [Int] = []
            for child in read.sequence(children, of: "child tasks", example: "- { id: engine-core, duration: 15d }") ?? [] {
                if let childIndex = readTask(child, parent: index) { indices.append(childIndex) }
            }
            plan.tasks[index].children = indices
        }
        return index
    }

    /// The fields tasks and gates share; true when `key` was one of them.
    func readScheduleField(_ field: TaskField, _ keyNode: Node, _ value: Node, into task: inout Task) -> Bool {
        switch field {
        case .id:
            if let id = read.id(value, of: task.kind == .gate ? "gate" : "task") { task.id = id }
        case .title: task.title = read.string(value, of: "the title")
        case .owner: task.owner = read.id(value, of: "team")
        case .duration:
            task.durationKey = keyNode.location
            task.duration = read.duration(value, of: "a duration")
        case .after: task.after = readDependencies(value)
        case .deadline: task.deadline = read.day(value, of: "the deadline")
        case .notBefore: task.notBefore = read.day(value, of: "the earliest start")
        case .status: task.status = read.choice(value, of: "status", as: TaskStatus.self)
        case .actualFinish: task.actualFinish = read.day(value, of: "the actual finish")
        case .phase: task.phase = read.id(value, of: "phase")
        case .notes: task.notes = read.string(value, of: "notes")
        default: return false
        }
        return true
    }

    func readDependencies(_ node: Node) -> [Dependency] {
        guard let items = read.sequence(node, of: "dependencies", example: "[design, { task: engine-core, type: SS, lag: 5d }]") else {
            return []
        }
        var dependencies: [Dependency] = []
        dependencies.reserveCapacity(items.count)
        for item in items {
            if overLimit { break }
            dependencyCount += 1
            if dependencyCount > limits.maxDependencies {
                overLimit = true
                sink.emit(LoadDiagnostics.tooManyDependencies,
                          "the plan has more than \(limits.maxDependencies) dependencies, the limit; planc stops reading here",
                          at: item.location, help: "raise the limit with --max-dependencies, or compile the program's workstreams as separate plans")
                break
            }
            if item.scalar != nil {
                if let id = read.linkTarget(item) {
                    dependencies.append(Dependency(target: id, location: item.location))
                }
                continue
            }
            var target: Located<String>?, type = DependencyType.finishToStart, lag: Located<Duration>?
            read.fields(item, of: "a dependency", allowed: PlanLoader.dependencyKeys, lookup: PlanLoader.dependencyFields) { field, _, value in
                switch field {
                case .task: target = read.linkTarget(value)
                case .type:
                    if let text = value.scalar, !value.isNull,
                       let parsed = DependencyType(rawValue: text) ?? DependencyType(rawValue: text.uppercased()) {
                        type = parsed
                    } else {
                        read.invalid(value, "'\(value.scalar ?? "")' is not a dependency type; use FS, SS, FF or SF",
                                     help: "FS: finish-to-start (default), SS: start-to-start, FF: finish-to-finish, SF: start-to-finish")
                    }
                case .lag: lag = read.lag(value, of: "a lag")
                }
            }
            if let target {
                dependencies.append(Dependency(target: target, type: type, lag: lag, location: item.location))
            } else if item.mapping != nil, item["task"] == nil {
                sink.emit(LoadDiagnostics.missingKey, "a dependency needs `task`", at: item.location,
                          help: "write { task: design, type: SS, lag: 2d }")
            }
        }
        return dependencies
    }

    /// `assign: qa`, `assign: [qa, risk]` or entries `{team: qa, units: 2}` (units > 0: people, or
    /// a share of one such as 0.5).
    func readAssignments(_ value: Node) -> [Assignment] {
        if value.scalar != nil, !value.isNull {
            return read.id(value, of: "team").map { [Assignment(team: $0)] } ?? []
        }
        guard let items = read.sequence(value, of: "team ids", example: "[qa, { team: risk, units: 2 }]") else { return [] }
        var assignments: [Assignment] = []
        for item in items {
            if item.mapping == nil {
                if let team = read.id(item, of: "team") { assignments.append(Assignment(team: team)) }
                continue
            }
            var team: Located<String>?, units: Located<Double>?
            read.fields(item, of: "an assignment", allowed: ["team", "units"]) { key, _, field in
                switch key {
                case "team": team = read.id(field, of: "team")
                case "units": units = readUnits(field)
                default: break
                }
            }
            if let team {
                assignments.append(Assignment(team: team, units: units))
            } else if item["team"] == nil {
                sink.emit(LoadDiagnostics.missingKey, "an assignment needs `team`", at: item.location,
                          help: "write { team: qa, units: 2 }")
            }
        }
        return assignments
    }

    /// Units of a team a task uses on each of its days: a number above 0 (at most 100,000, in
    /// thousandths at the finest).
    func readUnits(_ node: Node) -> Located<Double>? {
        guard let number = read.number(node) else {
            read.invalid(node, "expected units as a number above 0 (people, e.g. 2 or 0.5), found \(node.kindDescription)")
            return nil
        }
        guard number > 0 else {
            read.invalid(node, "units must be above 0, found \(node.scalar ?? "")",
                         help: "a task that does not use the team should not be assigned to it")
            return nil
        }
        guard number <= 100_000, (number * 1000).rounded() >= 1 else {
            read.invalid(node, "units must be from 0.001 to 100000, found \(node.scalar ?? "")")
            return nil
        }
        return Located(number, at: node.location)
    }

    func readEstimate(_ node: Node) -> Estimate? {
        var estimate = Estimate(location: node.location)
        read.fields(node, of: "an estimate", allowed: ["low", "likely", "high"]) { key, _, value in
            let duration = read.duration(value, of: "the \(key) estimate")
            switch key {
            case "low": estimate.low = duration
            case "likely": estimate.likely = duration
            case "high": estimate.high = duration
            default: break
            }
        }
        guard node.mapping != nil else { return nil }
        // All three points are required: a partial estimate would silently schedule as 1 day.
        // (A point whose value was invalid is already reported where it is written.)
        let written = Set(node.mapping!.map { $0.key.scalar ?? "" })
        let missing = ["low", "likely", "high"].filter { !written.contains($0) }
        if !missing.isEmpty {
            let list = missing.count == 1 ? "'\(missing[0])' is missing" : missing.map { "'\($0)'" }.joined(separator: " and ") + " are missing"
            sink.emit(LoadDiagnostics.missingKey, "an estimate needs low, likely and high: \(list)", at: node.location,
                      help: "write all three points, e.g. `estimate: { low: 10d, likely: 15d, high: 25d }`, or use `duration:` alone")
            return estimate  // kept, so no second error says the task has no duration
        }
        if let low = estimate.low, let likely = estimate.likely, let high = estimate.high,
           low.value.unit == likely.value.unit, likely.value.unit == high.value.unit,
           !(low.value.amount <= likely.value.amount && likely.value.amount <= high.value.amount) {
            sink.emit(LoadDiagnostics.invalidValue,
                      "an estimate needs low <= likely <= high, found \(low.value), \(likely.value), \(high.value)",
                      at: node.location)
        }
        return estimate
    }

    func readChecks(_ node: Node) -> [Check] {
        guard let pairs = read.mapping(node, of: "checks") else { return [] }
        var checks: [Check] = []
        for pair in pairs {
            guard let item = read.id(pair.key, of: "Definition-of-Done item"),
                  let evidence = read.string(pair.value, of: "evidence (a link or a note)") else { continue }
            checks.append(Check(item: item, evidence: evidence))
        }
        return checks
    }
}

