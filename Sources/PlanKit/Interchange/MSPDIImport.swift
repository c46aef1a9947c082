import Foundation

/// A plan read from another tool, in planc's terms, ready to be written as YAML: what planc can
/// represent as keys, and what it cannot as comments at the place it belongs.
public struct ImportedPlan: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var source: String
    /// What the source is, for the header comment.
    public var format = "MS Project XML"
    public var start: Day
    public var asOf: Day?
    /// nil: planc's default week (Monday to Friday).
    public var workdays: [Weekday]?
    public var holidays: [Holiday] = []
    public var calendarComments: [String] = []
    /// Teams to declare (`teams:`).
    public var teams: [ImportedTeam] = []
    public var tasks: [ImportedTask] = []

    public struct Holiday: Sendable, Equatable {
        public var from: Day
        public var to: Day
        public var name: String?
    }
}

/// A team: an MS Project resource, or a Jira assignee's team (id only).
public struct ImportedTeam: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var capacity: Int?
    public var external = false
    public var lead: String?
    /// nil: the plan's.
    public var workdays: [Weekday]?
    /// Its own, on top of the plan's.
    public var holidays: [ImportedPlan.Holiday] = []
    /// People away over a period (nil: the whole team).
    public var absences: [(from: Day, to: Day, units: Int?, name: String?)] = []
    public var comments: [String] = []

    public init(id: String) { self.id = id }

    public static func == (a: ImportedTeam, b: ImportedTeam) -> Bool {
        a.id == b.id && a.name == b.name && a.capacity == b.capacity && a.external == b.external && a.lead == b.lead
            && a.workdays == b.workdays && a.holidays == b.holidays && a.comments == b.comments
            && a.absences.map { "\($0.from) \($0.to) \($0.units ?? -1)" } == b.absences.map { "\($0.from) \($0.to) \($0.units ?? -1)" }
            && a.absences.map(\.name) == b.absences.map(\.name)
    }
}

/// One entry of `assign`: a team, and its units when not 1.
public struct ImportedAssignment: Sendable, Equatable {
    public var team: String
    public var units: Double?
}

public struct ImportedTask: Sendable, Equatable {
    public var id: String
    public var title: String?
    public var owner: String?
    public var milestone = false
    /// Whole days; `elapsed` for calendar days (`Ned`).
    public var duration: (amount: Int, elapsed: Bool)?
    /// Person-days.
    public var effort: Int?
    /// Written only when it says more than `owner` (two teams or more, or units other than 1).
    public var assign: [ImportedAssignment] = []
    public var after: [ImportedLink] = []
    public var deadline: Day?
    public var notBefore: Day?
    public var status: String?
    public var progress: Int?
    public var actualStart: Day?
    public var actualFinish: Day?
    public var priority: Int?
    public var tags: [String] = []
    public var notes: String?
    /// What the source said that planc cannot say, one line each.
    public var comments: [String] = []
    public var tasks: [ImportedTask] = []

    public static func == (a: ImportedTask, b: ImportedTask) -> Bool {
        a.id == b.id && a.title == b.title && a.milestone == b.milestone
            && a.duration?.amount == b.duration?.amount && a.duration?.elapsed == b.duration?.elapsed
            && a.after == b.after && a.deadline == b.deadline && a.notBefore == b.notBefore && a.status == b.status
            && a.progress == b.progress && a.actualStart == b.actualStart && a.actualFinish == b.actualFinish
            && a.priority == b.priority && a.owner == b.owner && a.assign == b.assign && a.effort == b.effort && a.tags == b.tags && a.notes == b.notes && a.comments == b.comments && a.tasks == b.tasks
    }
}

public struct ImportedLink: Sendable, Equatable {
    public var task: String
    public var type: DependencyType
    public var lagDays: Int
}

/// MSPDI → planc: ids from names, the outline as nested tasks, durations and lags in days at the
/// file's minutes per day, link types, the project calendar, deadlines, "start no earlier than",
/// progress and actuals. Whatever planc cannot represent is a comment at the task and a warning.
public enum MSPDIImport {
    public struct Outcome: Sendable {
        /// nil when the file has errors.
        public var plan: ImportedPlan?
        public var diagnostics: [ImportDiagnostic]
    }

    public static func convert(_ project: MSPDIProject, fileName: String) -> Outcome {
        var diagnostics: [ImportDiagnostic] = []
        func warn(_ line: Int, _ column: Int = 1, _ message: String) {
            diagnostics.append(ImportDiagnostic(.warning, line: line, column: column, message))
        }
        let minutesPerDay = max(1, project.minutesPerDay ?? 480)
        let startTime = minutes(ofTime: project.defaultStartTime) ?? 8 * 60

        // The project summary (UID 0, outline level 0) and blank rows are not tasks.
        var sources: [MSPDIProject.Task] = []
        for task in project.tasks {
            if task.uid == 0 || task.outlineLevel == 0 { continue }
            if task.isNull {
                warn(task.line, task.column, "blank task row (UID \(task.uid.map(String.init) ?? "none")) skipped")
                continue
            }
            sources.append(task)
        }

        // Ids: derived from names, unique in file order.
        var used = Set<String>()
        var ids: [String] = []
        var idOfUID: [Int: String] = [:]
        for task in sources {
            var base = slug(task.name ?? "")
            if base.isEmpty { base = "task-\(task.uid.map(String.init) ?? String(ids.count + 1))" }
            var id = base, suffix = 2
            while used.contains(id) { id = "\(base)-\(suffix)"; suffix += 1 }
            used.insert(id)
            ids.append(id)
            if let uid = task.uid {
                if idOfUID[uid] != nil {
                    diagnostics.append(ImportDiagnostic(.error, line: task.line, column: task.column, "duplicate task UID \(uid)"))
                }
                idOfUID[uid] = id
            }
        }

        // Outline: who has children.
        let levels = sources.map { max(1, $0.outlineLevel ?? 1) }
        var hasChildren = [Bool](repeating: false, count: sources.count)
        for index in sources.indices.dropLast() where levels[index + 1] > levels[index] { hasChildren[index] = true }

        var flat: [ImportedTask] = []
        for (index, source) in sources.enumerated() {
            var task = ImportedTask(id: ids[index])
            let name = source.name ?? ""
            // A title that only repeats the id (planc's own export of an untitled task) is left out.
            task.title = name.isEmpty || name == ids[index] ? nil : name
            func note(_ comment: String, line: Int? = nil, column: Int? = nil) {
                task.comments.append(comment)
                warn(line ?? source.line, column ?? source.column, "task '\(ids[index])': \(comment)")
            }
            let isSummary = hasChildren[index]
            if !source.active { note("inactive in MS Project; planc schedules every task") }
            if source.manual { note("manually scheduled in MS Project; planc schedules it from its links") }
            if let delay = source.levelingDelay, delay != 0 {
                note("levelling delay of \(String(format: "%g", Double(delay) / Double(minutesPerDay * 10))) days not imported; planc does not level")
            }
            if let calendarUID = source.calendarUID, calendarUID >= 0 {
                note("has its own calendar (UID \(calendarUID)) in MS Project; planc schedules every task on the plan calendar")
            }
            // (Collected, then noted: `note` changes `task`, which these change too.)
            var pending: [String] = []
            if !isSummary { convertDuration(source, minutesPerDay: minutesPerDay, into: &task, note: { pending.append($0) }) }
            pending.forEach { note($0) }
            if let deadline = day(source.deadline) { task.deadline = deadline }
            switch source.constraintType ?? 0 {
            case 0: break
            case 4:
                if let date = source.constraintDate, var day = day(date) {
                    // "No earlier than 17:00" on a day leaves nothing of that day.
                    if let time = minutes(ofTime: timePart(date)), time >= (minutes(ofTime: project.defaultFinishTime) ?? 17 * 60) {
                        day = day.adding(days: 1)
                    }
                    task.notBefore = day
                }
            case let code:
                let names = [1: "as late as possible", 2: "must start on", 3: "must finish on", 5: "start no later than",
                             6: "finish no earlier than", 7: "finish no later than"]
                let when = source.constraintDate.map { " " + ($0.count >= 10 ? String($0.prefix(10)) : $0) } ?? ""
                note("constraint '\(names[code] ?? "type \(code)")'\(when) not imported; planc has only not_before (start no earlier than)")
            }
            pending = []
            if !isSummary { convertProgress(source, startTime: startTime, into: &task, note: { pending.append($0) }) }
            pending.forEach { note($0) }
            if let priority = source.priority, priority != 500 {
                if (1...1000).contains(priority) { task.priority = priority } else { note("priority \(priority) not imported (planc takes 1 to 1000)") }
            }
            if let notes = source.notes, !notes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { task.notes = notes }

            for link in source.links {
                guard let uid = link.predecessorUID else {
                    diagnostics.append(ImportDiagnostic(.error, line: link.line, column: link.column, "task '\(ids[index])': a link without a PredecessorUID"))
                    continue
                }
                guard let predecessor = idOfUID[uid] else {
                    if link.crossProject {
                        note("link from another project (UID \(uid)) not imported", line: link.line, column: link.column)
                    } else {
                        diagnostics.append(ImportDiagnostic(.error, line: link.line, column: link.column,
                                                            "task '\(ids[index])' links to the missing task UID \(uid)"))
                    }
                    continue
                }
                if predecessor == ids[index] {
                    note("link to itself not imported", line: link.line, column: link.column)
                    continue
                }
                let type: DependencyType
                switch link.type ?? 1 {
                case 0: type = .finishToFinish
                case 1: type = .finishToStart
                case 2: type = .startToFinish
                case 3: type = .startToStart
                case let other:
                    diagnostics.append(ImportDiagnostic(.error, line: link.line, column: link.column,
                                                        "task '\(ids[index])': unknown link type \(other) (MSPDI has 0 FF, 1 FS, 2 SF, 3 SS)"))
                    continue
                }
                let lag = convertLag(link, minutesPerDay: minutesPerDay, predecessor: predecessor) { comment in
                    note(comment, line: link.line, column: link.column)
                }
                let imported = ImportedLink(task: predecessor, type: type, lagDays: lag)
                guard !task.after.contains(imported) else {
                    note("the same link from '\(predecessor)' twice; imported once", line: link.line, column: link.column)
                    continue
                }
                task.after.append(imported)
            }
            flat.append(task)
        }

        if let cycle = firstCycle(flat, sources: sources) { diagnostics.append(cycle) }

        // Work resources become teams; assignments, owners and `assign`.
        let (resources, teamIDs) = workResources(project) { line, column, message in warn(line, column, message) }
        assign(project, teamIDs: teamIDs, sources: sources, summaries: hasChildren, into: &flat) { line, column, message in
            warn(line, column, message)
        }

        // Nest by outline level: each task goes under the last task one level up.
        var roots: [ImportedTask] = []
        var stack: [(level: Int, task: ImportedTask)] = []
        func popTo(_ level: Int) {
            while let last = stack.last, last.level >= level {
                stack.removeLast()
                if stack.isEmpty { roots.append(last.task) } else { stack[stack.count - 1].task.tasks.append(last.task) }
            }
        }
        for (index, task) in flat.enumerated() {
            popTo(levels[index])
            stack.append((levels[index], task))
        }
        popTo(0)

        var workdays: [Weekday]? = nil
        var holidays: [ImportedPlan.Holiday] = []
        var calendarComments: [String] = []
        if let calendar = projectCalendar(project) {
            convertCalendar(calendar, in: project, workdays: &workdays, holidays: &holidays) { line, column, comment in
                calendarComments.append(comment)
                warn(line, column, "calendar: \(comment)")
            }
        }

        guard let start = day(project.startDate) ?? sources.compactMap({ day($0.start) }).min() else {
            diagnostics.append(ImportDiagnostic(.error, line: 1, "the project has no StartDate"))
            return Outcome(plan: nil, diagnostics: diagnostics)
        }
        let stem = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let stemWithoutExtension = stem.hasSuffix(".xml") ? String(stem.dropLast(4)) : stem
        var planID = slug(stemWithoutExtension)
        if planID.isEmpty { planID = slug(project.title ?? "") }
        if planID.isEmpty { planID = "imported" }
        let title = (project.title?.isEmpty == false ? project.title : nil)
            ?? project.name.map { $0.hasSuffix(".xml") ? String($0.dropLast(4)) : $0 }
        var plan = ImportedPlan(id: planID, title: title, source: stem, start: start, asOf: day(project.statusDate),
                                workdays: workdays, holidays: holidays, calendarComments: calendarComments, tasks: roots)
        plan.teams = zip(resources, teamIDs.values.sorted { $0.offset < $1.offset }.map(\.id)).map { resource, id in
            team(resource, id: id, in: project, planWorkdays: workdays, planHolidays: holidays, planComments: calendarComments) { line, column, message in
                warn(line, column, "team '\(id)': \(message)")
            }
        }
        let failed = diagnostics.contains { $0.severity == .error }
        // In file order (the calendar comes before the tasks it is read after).
        let ordered = diagnostics.enumerated().sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }.map(\.element)
        return Outcome(plan: failed ? nil : plan, diagnostics: ordered)
    }

    /// A cycle of links, reported once at the link that closes it (MS Project refuses them, but
    /// a hand-edited or converted file may have one; planc's plan would not compile).
    static func firstCycle(_ tasks: [ImportedTask], sources: [MSPDIProject.Task]) -> ImportDiagnostic? {
        var index: [String: Int] = [:]
        for (position, task) in tasks.enumerated() { index[task.id] = position }
        let successors: [[Int]] = tasks.map { $0.after.compactMap { index[$0.task] } }  // predecessors, in fact
        // 0 unvisited, 1 on the path, 2 done. Iterative, so a long chain cannot overflow the stack.
        var state = [UInt8](repeating: 0, count: tasks.count)
        for root in tasks.indices where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while let top = stack.last {
                let edges = successors[top.node]
                if top.next == edges.count {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = edges[top.next]
                if state[target] == 1 {
                    let from = stack.firstIndex { $0.node == target }!
                    let path = (stack[from...].map { tasks[$0.node].id } + [tasks[target].id]).reversed()
                    let source = sources[top.node]
                    let link = source.links.first { $0.predecessorUID == sources[target].uid }
                    return ImportDiagnostic(.error, line: link?.line ?? source.line, column: link?.column ?? source.column,
                                            "links form a cycle: " + path.joined(separator: " → "))
                }
                if state[target] == 0 {
                    state[target] = 1
                    stack.append((target, 0))
                }
            }
        }
        return nil
    }

    // MARK: - Resources and assignments

    /// The work resources (not the UID 0 placeholder, blank rows, material or cost resources), and
    /// each one's team id by resource UID: from its name as task ids are, unique in file order.
    static func workResources(_ project: MSPDIProject, warn: (Int, Int, String) -> Void)
        -> (resources: [MSPDIProject.Resource], ids: [Int: (offset: Int, id: String)]) {
        var resources: [MSPDIProject.Resource] = []
        var ids: [Int: (offset: Int, id: String)] = [:]
        var used = Set<String>()
        for resource in project.resources {
            guard let uid = resource.uid, uid > 0, !resource.isNull else { continue }
            if let type = resource.type, type != 1 {
                warn(resource.line, resource.column, "\(type == 0 ? "material" : "cost") resource '\(resource.name ?? "")' not imported; planc's teams are work resources")
                continue
            }
            guard ids[uid] == nil else {
                warn(resource.line, resource.column, "duplicate resource UID \(uid) not imported")
                continue
            }
            var base = slug(resource.name ?? "")
            if base.isEmpty { base = "team-\(uid)" }
            var id = base, suffix = 2
            while used.contains(id) { id = "\(base)-\(suffix)"; suffix += 1 }
            used.insert(id)
            ids[uid] = (resources.count, id)
            resources.append(resource)
        }
        return (resources, ids)
    }

    /// Assignments onto tasks: a leaf task's first team is its `owner`; `assign` lists every team
    /// when there are two or more, or the units are not 1. A milestone gets an owner only (it uses
    /// nothing); a summary nothing (its parts do the work).
    static func assign(_ project: MSPDIProject, teamIDs: [Int: (offset: Int, id: String)], sources: [MSPDIProject.Task],
                       summaries: [Bool], into tasks: inout [ImportedTask], warn: (Int, Int, String) -> Void) {
        var taskIndex: [Int: Int] = [:]
        for (index, source) in sources.enumerated() where source.uid != nil { taskIndex[source.uid!] = index }
        var uses = [[ImportedAssignment]](repeating: [], count: tasks.count)
        for assignment in project.assignments {
            // MS Project's placeholder for "no resource" is UID -65535.
            guard let resourceUID = assignment.resourceUID, resourceUID > 0, let taskUID = assignment.taskUID, taskUID != 0 else { continue }
            guard let index = taskIndex[taskUID] else {
                warn(assignment.line, assignment.column, "assignment to the missing task UID \(taskUID) not imported")
                continue
            }
            let id = tasks[index].id
            guard let team = teamIDs[resourceUID]?.id else {
                if !project.resources.contains(where: { $0.uid == resourceUID }) {
                    tasks[index].comments.append("assigned to the missing resource UID \(resourceUID); not imported")
                    warn(assignment.line, assignment.column, "task '\(id)': assigned to the missing resource UID \(resourceUID); not imported")
                }
                continue
            }
            if summaries[index] {
                tasks[index].comments.append("assignment of '\(team)' to the summary not imported; planc's summaries use no team")
                warn(assignment.line, assignment.column, "task '\(id)': assignment of '\(team)' to the summary not imported; planc's summaries use no team")
                continue
            }
            var units: Double? = nil
            if let text = assignment.units, let value = Double(text), value.isFinite {
                let milli = Int((value * 1000).rounded())
                if milli <= 0 {
                    tasks[index].comments.append("assignment of '\(team)' at \(text) units not imported")
                    warn(assignment.line, assignment.column, "task '\(id)': assignment of '\(team)' at \(text) units not imported")
                    continue
                }
                if milli != 1000 { units = Double(milli) / 1000 }
            }
            guard !uses[index].contains(where: { $0.team == team }) else { continue }
            uses[index].append(ImportedAssignment(team: team, units: units))
        }
        for index in tasks.indices where !uses[index].isEmpty {
            tasks[index].owner = uses[index][0].team
            if !tasks[index].milestone, uses[index].count > 1 || uses[index][0].units != nil {
                tasks[index].assign = uses[index]
            }
        }
    }

    /// A resource as a team: `MaxUnits` (a fraction, 1 one person) as `capacity` when it is a whole
    /// number of people, `CanLevel` 0 as `external` (never over-allocated), a one-line `Notes` (or
    /// a name the id does not spell) as `name`, and its calendar's weekdays and non-working
    /// exceptions, where they differ from the project calendar's, as `workdays` and `holidays`.
    static func team(_ resource: MSPDIProject.Resource, id: String, in project: MSPDIProject,
                     planWorkdays: [Weekday]?, planHolidays: [ImportedPlan.Holiday], planComments: [String] = [],
                     note: (Int, Int, String) -> Void) -> ImportedTeam {
        var team = ImportedTeam(id: id)
        func comment(_ text: String) {
            team.comments.append(text)
            note(resource.line, resource.column, text)
        }
        let notes = resource.notes?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !notes.isEmpty, !notes.contains(where: \.isNewline) {
            team.name = notes
        } else {
            if !notes.isEmpty { comment("notes not imported (a team has a name, not notes)") }
            if let name = resource.name, !name.isEmpty, name != id { team.name = name }
        }
        if let text = resource.maxUnits {
            if let units = Double(text), units.isFinite, units >= 1, units == units.rounded(), units <= 1_000_000 {
                team.capacity = Int(units)
            } else {
                let percent = Double(text).map { String(format: "%g", $0 * 100) + "%" } ?? text
                comment("max units \(percent) not imported; planc's capacity is whole people, so the team is never over-allocated")
            }
        }
        if resource.canLevel == false, team.capacity != nil { team.external = true }
        // Availability below the capacity, over dated periods, is an absence of the difference.
        if let capacity = team.capacity {
            for period in resource.availability {
                guard let text = period.units, let units = Double(text), units.isFinite, units < Double(capacity) else { continue }
                guard let from = day(period.from), var to = day(period.to), from.iso >= "1985", to.iso < "2049" else {
                    comment("availability of \(text) units without dates not imported")
                    continue
                }
                if let time = period.to.flatMap(timePart).flatMap(minutes(ofTime:)), time == 0, to > from { to = to.adding(days: -1) }
                guard units >= 0, units == units.rounded() else {
                    comment("availability of \(String(format: "%g", units * 100))% from \(from.iso) to \(to.iso) not imported; planc's absences are whole people")
                    continue
                }
                team.absences.append((from, to, units == 0 ? nil : capacity - Int(units), nil))
            }
        }
        let fields = customFields(of: resource, in: project)
        if let lead = fields.lead, !lead.isEmpty { team.lead = lead }
        if let text = fields.absences { nameAbsences(of: &team, from: text).forEach(comment) }
        if let uid = resource.calendarUID, uid >= 0, let calendar = project.calendars.first(where: { $0.uid == uid }) {
            var workdays: [Weekday]? = nil
            var holidays: [ImportedPlan.Holiday] = []
            convertCalendar(calendar, in: project, workdays: &workdays, holidays: &holidays) { line, column, text in
                // What the project calendar it derives from lacks is said once, at the plan's calendar.
                guard !planComments.contains(text) else { return }
                team.comments.append("calendar: " + text)
                note(line, column, "calendar: " + text)
            }
            let standard: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
            if (workdays ?? standard) != (planWorkdays ?? standard) { team.workdays = workdays ?? standard }
            team.holidays = holidays.filter { holiday in !planHolidays.contains { $0.from == holiday.from && $0.to == holiday.to } }
        }
        return team
    }

    /// A resource's lead and absence names, from the custom fields whose alias is `Lead` and
    /// `Absences` (as `MSPDIWriter` writes them; any case). Without those aliases a custom field
    /// means whatever its project says, and is not read.
    static func customFields(of resource: MSPDIProject.Resource, in project: MSPDIProject) -> (lead: String?, absences: String?) {
        guard !resource.customFields.isEmpty else { return (nil, nil) }
        func value(alias: String) -> String? {
            project.customFields.first { $0.alias?.trimmingCharacters(in: .whitespaces).lowercased() == alias }
                .flatMap { resource.customFields[$0.fieldID] }?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return (value(alias: "lead"), value(alias: "absences"))
    }

    /// `2027-02-08 to 2027-02-12: product training; …`: each name goes to the imported absences
    /// its dates overlap (one absence may be a run of several, its names then joined by ` / `);
    /// a name whose dates no imported absence has is a comment (returned).
    static func nameAbsences(of team: inout ImportedTeam, from text: String) -> [String] {
        var comments: [String] = []
        // An entry starts with its dates, so a name may hold "; " or ": " itself.
        let bytes = Array(text.utf8)
        func isDate(_ at: Int) -> Bool {
            guard at + 10 <= bytes.count else { return false }
            return (0..<10).allSatisfy { offset in
                let byte = bytes[at + offset]
                return offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
        }
        func isEntry(_ at: Int) -> Bool {
            isDate(at) && isDate(at + 14) && at + 26 <= bytes.count
                && bytes[(at + 10)..<(at + 14)].elementsEqual(" to ".utf8) && bytes[(at + 24)..<(at + 26)].elementsEqual(": ".utf8)
        }
        var starts: [Int] = isEntry(0) ? [0] : []
        for index in bytes.indices.dropFirst() where bytes[index - 1] == UInt8(ascii: " ") && index >= 2
            && bytes[index - 2] == UInt8(ascii: ";") && isEntry(index) {
            starts.append(index)
        }
        for (position, start) in starts.enumerated() {
            let stop = position + 1 < starts.count ? starts[position + 1] - 2 : bytes.count
            let name = String(decoding: bytes[(start + 26)..<max(start + 26, stop)], as: UTF8.self)
            guard let from = Day(iso: String(decoding: bytes[start..<(start + 10)], as: UTF8.self)),
                  let to = Day(iso: String(decoding: bytes[(start + 14)..<(start + 24)], as: UTF8.self)), !name.isEmpty else { continue }
            var found = false
            for index in team.absences.indices where team.absences[index].from <= to && from <= team.absences[index].to {
                found = true
                let names = team.absences[index].name.map { $0.components(separatedBy: " / ") } ?? []
                if !names.contains(name) { team.absences[index].name = (names + [name]).joined(separator: " / ") }
            }
            if !found { comments.append("absence '\(name)' \(from.iso) to \(to.iso) not imported: the resource is not less available then") }
        }
        return comments
    }

    // MARK: - Durations, lags, progress

    static let elapsedFormats: Set<Int> = [4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52]

    static func convertDuration(_ source: MSPDIProject.Task, minutesPerDay: Int, into task: inout ImportedTask, note: (String) -> Void) {
        let total = source.duration.flatMap(durationMinutes) ?? 0
        let elapsed = source.durationFormat.map { elapsedFormats.contains($0) } ?? false
        let perDay = elapsed ? 24 * 60 : minutesPerDay
        if source.milestone {
            task.milestone = true
            if total > 0 { note("milestone with a duration of \(describe(minutes: total, perDay: perDay, elapsed: elapsed)) in MS Project; a planc milestone has none") }
            return
        }
        if total <= 0 {
            task.milestone = true
            note("zero duration but not a milestone in MS Project; imported as a milestone")
            return
        }
        let days = (total + perDay - 1) / perDay
        if total % perDay != 0 {
            note("duration \(describe(minutes: total, perDay: perDay, elapsed: elapsed)) is not a whole number of days; rounded up to \(days)\(elapsed ? "ed" : "d")")
        }
        task.duration = (days, elapsed)
    }

    static func describe(minutes: Int, perDay: Int, elapsed: Bool) -> String {
        let hours = Double(minutes) / 60
        let days = Double(minutes) / Double(perDay)
        func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
        }
        return "\(number(hours))\(elapsed ? "eh" : "h") (\(number(days)) \(elapsed ? "elapsed " : "")days at \(perDay) minutes a day)"
    }

    static func convertLag(_ link: MSPDIProject.Link, minutesPerDay: Int, predecessor: String, note: (String) -> Void) -> Int {
        let tenths = link.lag ?? 0
        guard tenths != 0 else { return 0 }
        let format = link.lagFormat ?? 7
        if [19, 20, 51, 52].contains(format) {
            note("lag of \(tenths)% of '\(predecessor)' not imported (planc lags are days)")
            return 0
        }
        if elapsedFormats.contains(format) {
            let days = Double(tenths) / Double(24 * 60 * 10)
            let rounded = Int(days.rounded())
            note("elapsed lag \(String(format: "%g", days))ed after '\(predecessor)'; planc lags are working days, written as \(rounded)d")
            return rounded
        }
        let perDay = minutesPerDay * 10
        if tenths % perDay != 0 {
            let days = Double(tenths) / Double(perDay)
            let rounded = Int(days.rounded())
            note("lag \(String(format: "%g", Double(tenths) / 600))h after '\(predecessor)' is not a whole number of days; rounded to \(rounded)d")
            return rounded
        }
        return tenths / perDay
    }

    static func convertProgress(_ source: MSPDIProject.Task, startTime: Int, into task: inout ImportedTask, note: (String) -> Void) {
        let percent = source.percentComplete ?? 0
        let actualStart = day(source.actualStart)
        var actualFinish = day(source.actualFinish)
        // A finish written at or before the start of the working day ends the day before
        // (elapsed work of N days from 08:00 ends at 08:00).
        if !task.milestone, let finish = actualFinish, let text = source.actualFinish,
           let time = minutes(ofTime: timePart(text)), time <= startTime, let start = actualStart, finish > start {
            actualFinish = finish.adding(days: -1)
        }
        if percent >= 100 {
            task.status = "done"
            task.actualStart = task.milestone ? nil : (actualStart ?? day(source.start))
            task.actualFinish = actualFinish ?? day(source.finish)
            if actualFinish == nil { note("100% complete without an ActualFinish; its Finish is taken as the actual finish") }
        } else if percent > 0 || actualStart != nil {
            if task.milestone {
                note("milestone \(percent)% complete in MS Project; planc milestones are done or not")
                return
            }
            task.status = "in-progress"
            task.actualStart = actualStart ?? day(source.start)
            task.progress = max(0, percent)
        }
    }

    // MARK: - Calendar

    static func projectCalendar(_ project: MSPDIProject) -> MSPDIProject.Calendar? {
        if let uid = project.calendarUID, let calendar = project.calendars.first(where: { $0.uid == uid }) { return calendar }
        return project.calendars.first { $0.isBaseCalendar } ?? project.calendars.first
    }

    static func convertCalendar(_ calendar: MSPDIProject.Calendar, in project: MSPDIProject,
                                workdays: inout [Weekday]?, holidays: inout [ImportedPlan.Holiday],
                                note: (Int, Int, String) -> Void) {
        // Day types 1 Sunday … 7 Saturday; a derived calendar takes the days it does not set from its base.
        var working: [Int: Bool] = [:]
        var chain: [MSPDIProject.Calendar] = [calendar]
        while let baseUID = chain.last?.baseCalendarUID, baseUID >= 0, chain.count < 10,
              let base = project.calendars.first(where: { $0.uid == baseUID }) {
            chain.append(base)
        }
        var exceptions: [MSPDIProject.Exception] = []
        for level in chain.reversed() {
            for weekDay in level.weekDays {
                if let type = weekDay.dayType, (1...7).contains(type), let flag = weekDay.dayWorking {
                    working[type] = flag
                } else if weekDay.dayType == 0, level.exceptions.isEmpty {
                    // MSPDI before 2007: exceptions are day type 0 with a time period (MPXJ
                    // writes both forms; the newer one wins).
                    exceptions.append(MSPDIProject.Exception(line: weekDay.line, from: weekDay.from, to: weekDay.to,
                                                             dayWorking: weekDay.dayWorking ?? false, type: 1, occurrences: 1))
                }
            }
            exceptions += level.exceptions
            if level.hasWorkWeeks { note(level.line, 1, "alternate work weeks of calendar '\(level.name ?? "")' not imported") }
        }
        let days: [Weekday] = (1...7).compactMap { type in
            let isWorking = working[type] ?? (type != 1 && type != 7)
            return isWorking ? Weekday(rawValue: (type + 5) % 7) : nil
        }.sorted { $0.rawValue < $1.rawValue }
        let standard: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        if days.isEmpty {
            note(calendar.line, 1, "no working weekday; planc's default week (Monday to Friday) kept")
        } else if days != standard {
            workdays = days
        }
        for exception in exceptions {
            guard let from = day(exception.from) else { continue }
            var to = day(exception.to) ?? from
            // An exception ending at midnight does not take that day.
            if to > from, let text = exception.to, minutes(ofTime: timePart(text)) == 0 { to = to.adding(days: -1) }
            let name = exception.name?.isEmpty == false ? exception.name : nil
            let label = "exception \(name.map { "'\($0)' " } ?? "")\(from.iso)\(to == from ? "" : " to " + to.iso)"
            if exception.dayWorking {
                note(exception.line, exception.column, "working \(label) not imported; planc's calendar has only non-working days")
                continue
            }
            if let type = exception.type, type != 1, (exception.occurrences ?? 1) > 1 {
                note(exception.line, exception.column, "recurring \(label) (\(exception.occurrences ?? 1) occurrences) imported as one range")
            }
            if to < from || holidays.contains(where: { $0.from == from && $0.to == to }) { continue }
            holidays.append(ImportedPlan.Holiday(from: from, to: to, name: name))
        }
    }

    // MARK: - Values

    /// `[a-z0-9][a-z0-9_.-]*` from a name: letters folded to ASCII lower case, runs of anything else one `-`.
    public static func slug(_ name: String) -> String {
        // Folding leaves ASCII as it is but for case, and it is slow (most names are ASCII).
        let folded = name.utf8.allSatisfy({ $0 < 0x80 }) ? name.lowercased()
            : name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var out = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            let isAllowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "."
            if isAllowed {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        while let first = out.first, first == "_" || first == "." { out.removeFirst() }
        // Long names keep their first words: ids are typed in `after:` lists.
        if out.count > 40 {
            let head = out.prefix(40)
            out = head.lastIndex(of: "-").map { String(head[..<$0]) } ?? String(head)
        }
        while let last = out.last, last == "-" || last == "." || last == "_" { out.removeLast() }
        return out
    }

    /// Minutes in `PT8H30M0S` / `P1DT2H` / `PT0.5H` (MSPDI's xsd:duration).
    static func durationMinutes(_ text: String) -> Int? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if rest.hasPrefix("-") { negative = true; rest = rest.dropFirst() }
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var total = 0.0, number = "", inTime = false, components = 0
        for character in rest {
            switch character {
            case "T": inTime = true
            case "0"..."9", ".": number.append(character)
            default:
                guard let value = Double(number) else { return nil }
                number = ""
                components += 1
                switch (character, inTime) {
                case ("Y", false): total += value * 365 * 24 * 60
                case ("M", false): total += value * 30 * 24 * 60
                case ("W", false): total += value * 7 * 24 * 60
                case ("D", false): total += value * 24 * 60
                case ("H", true): total += value * 60
                case ("M", true): total += value
                case ("S", true): total += value / 60
                default: return nil
                }
            }
        }
        guard number.isEmpty, components > 0, total.isFinite, total < 1e12 else { return nil }
        let minutes = Int(total.rounded())
        return negative ? -minutes : minutes
    }

    static func day(_ text: String?) -> Day? {
        guard let text, text.count >= 10 else { return nil }
        return Day(iso: String(text.prefix(10)))
    }

    static func timePart(_ dateTime: String) -> String? {
        guard let t = dateTime.firstIndex(of: "T") else { return nil }
        return String(dateTime[dateTime.index(after: t)...])
    }

    static func minutes(ofTime text: String?) -> Int? {
        guard let text else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count >= 2, let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return nil }
        return hours * 60 + minutes
    }
}
