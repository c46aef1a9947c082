import Foundation

/// One Jira issue, as read from a CSV export or the REST search API's JSON, before it becomes a task.
public struct JiraIssue: Sendable, Equatable {
    public var key: String
    public var summary: String
    public var type: String?
    /// `new`, `indeterminate`, `done`, or what the file said when it is none of them.
    public var statusCategory: String?
    public var due: Day?
    public var created: Day?
    /// When the issue was resolved, and when its status category last changed.
    public var resolved: Day?
    public var categoryChanged: Day?
    public var updated: Day?
    public var assignee: String?
    public var parent: String?
    public var points: Double?
    /// Keys this issue blocks (outward "blocks").
    public var blocks: [String] = []
    /// Keys that block this issue (inward "is blocked by").
    public var blockedBy: [String] = []
    /// Where the issue starts in the file (its CSV row, or its key in the JSON).
    public var line: Int
}

/// Jira's CSV export ("all fields") and REST JSON → `ImportedPlan`: issues as tasks, epics and
/// parents as summaries, "Blocks" links as `after`, story points as effort and duration.
public enum JiraImport {
    public struct Options: Sendable {
        public var pointsPerDay: Double = 1
        /// Assignee display name → team id.
        public var teams: [String: String]? = nil
        public var start: Day? = nil
        public init() {}
    }

    public struct Outcome: Sendable {
        public var plan: ImportedPlan?
        public var diagnostics: [ImportDiagnostic]
    }

    /// Reads either form: JSON when the first non-blank character is `{`.
    public static func read(_ data: Data) -> Result<[JiraIssue], ImportDiagnostic> {
        let first = data.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? readJSON(data) : readCSV(data)
    }

    // MARK: - CSV

    /// RFC 4180 records, each with the line it starts on. Quoted fields may hold commas, `""` and line breaks.
    static func records(_ text: String) -> Result<[(line: Int, fields: [String])], ImportDiagnostic> {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var line = 1, recordLine = 1, quoteLine = 1
        var inQuotes = false, afterQuote = false, any = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        if scalars.first == "\u{FEFF}" { index = 1 }
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty && !any) { records.append((recordLine, fields)) }
            fields = []
            any = false
        }
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if inQuotes {
                if c == "\"" {
                    if index < scalars.count, scalars[index] == "\"" { field.unicodeScalars.append("\""); index += 1 } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field); field = ""; afterQuote = false; any = true
            case "\r", "\n":
                if c == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true; quoteLine = line; any = true
            default:
                if afterQuote {
                    return .failure(ImportDiagnostic(.error, line: line, "malformed CSV: text after a closing quote"))
                }
                field.unicodeScalars.append(c); any = true
            }
        }
        if inQuotes { return .failure(ImportDiagnostic(.error, line: quoteLine, "malformed CSV: a quoted field is not closed")) }
        if any || !field.isEmpty || !fields.isEmpty { endRecord() }
        return .success(records)
    }

    public static func readCSV(_ data: Data) -> Result<[JiraIssue], ImportDiagnostic> {
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ImportDiagnostic(.error, line: 1, "the file is not UTF-8 text"))
        }
        let rows: [(line: Int, fields: [String])]
        switch records(text) {
        case .failure(let problem): return .failure(problem)
        case .success(let read): rows = read
        }
        guard let header = rows.first else { return .failure(ImportDiagnostic(.error, line: 1, "the file is empty: no header row")) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func columns(_ wanted: String...) -> [Int] {
            let set = Set(wanted.map { $0.lowercased() })
            return names.indices.filter { set.contains(names[$0]) }
        }
        let keyColumn = columns("Issue key").first, summaryColumn = columns("Summary").first
        for (column, name) in [(keyColumn, "Issue key"), (summaryColumn, "Summary")] where column == nil {
            return .failure(ImportDiagnostic(.error, line: header.line, "row 1 (the header) has no '\(name)' column; export with Filters → Export → CSV (all fields)"))
        }
        let typeColumn = columns("Issue Type").first
        let categoryColumn = columns("Status Category").first
        let statusColumn = columns("Status").first
        let dueColumn = columns("Due date", "Due Date").first
        let createdColumn = columns("Created").first
        let resolvedColumn = columns("Resolved").first
        let changedColumn = columns("Status Category Changed").first
        let updatedColumn = columns("Updated").first
        let assigneeColumn = columns("Assignee").first
        let idColumn = columns("Issue id").first
        let parentColumns = columns("Parent", "Parent id", "Parent key", "Custom field (Epic Link)", "Epic Link")
        let pointColumns = columns("Story Points", "Story point estimate", "Custom field (Story Points)", "Custom field (Story point estimate)")
        let outward = columns("Outward issue link (Blocks)")
        let inward = columns("Inward issue link (Blocks)")

        var issues: [JiraIssue] = []
        var keyOfID: [String: String] = [:]
        for (number, row) in rows.enumerated().dropFirst() {
            func value(_ column: Int?) -> String? {
                guard let column, column < row.fields.count else { return nil }
                let text = row.fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
                return text.isEmpty ? nil : text
            }
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard let key = value(keyColumn) else {
                return .failure(ImportDiagnostic(.error, line: row.line, "row \(number + 1) has no Issue key"))
            }
            guard let summary = value(summaryColumn) else {
                return .failure(ImportDiagnostic(.error, line: row.line, "row \(number + 1) (\(key)) has no Summary"))
            }
            var issue = JiraIssue(key: key, summary: row.fields[summaryColumn!], line: row.line)
            _ = summary
            issue.type = value(typeColumn)
            issue.statusCategory = value(categoryColumn).map(categoryKey) ?? value(statusColumn).map(statusNameCategory)
            for (column, name, path) in [(dueColumn, "due date", \JiraIssue.due), (createdColumn, "created date", \.created),
                                         (resolvedColumn, "resolved date", \.resolved), (changedColumn, "status category changed date", \.categoryChanged),
                                         (updatedColumn, "updated date", \.updated)] {
                guard let text = value(column) else { continue }
                guard let day = parseDate(text) else {
                    return .failure(ImportDiagnostic(.error, line: row.line, "row \(number + 1) (\(key)): \(name) '\(text)' is not a date (01/Dec/26 9:30 AM or 2026-12-01)"))
                }
                issue[keyPath: path] = day
            }
            issue.assignee = value(assigneeColumn)
            issue.parent = parentColumns.lazy.compactMap(value).first
            for column in pointColumns {
                guard let text = value(column) else { continue }
                guard let points = Double(text), points.isFinite, points >= 0 else {
                    return .failure(ImportDiagnostic(.error, line: row.line, "row \(number + 1) (\(key)): story points '\(text)' is not a number"))
                }
                issue.points = points
                break
            }
            issue.blocks = outward.compactMap(value)
            issue.blockedBy = inward.compactMap(value)
            if let id = value(idColumn) { keyOfID[id] = key }
            issues.append(issue)
        }
        // "Parent" holds the parent's issue id in newer exports.
        for index in issues.indices {
            if let parent = issues[index].parent, let key = keyOfID[parent] { issues[index].parent = key }
        }
        return .success(issues)
    }

    // MARK: - JSON

    public static func readJSON(_ data: Data) -> Result<[JiraIssue], ImportDiagnostic> {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            return .failure(ImportDiagnostic(.error, line: 1, "malformed JSON: expected the REST search API's {\"issues\": [...]}"))
        }
        guard let list = root["issues"] as? [Any] else {
            return .failure(ImportDiagnostic(.error, line: 1, "no \"issues\" list: expected the REST search API's {\"issues\": [...]}"))
        }
        let text = String(decoding: data, as: UTF8.self)
        // Story points are custom fields: `names` (expand=names) says which.
        let names = root["names"] as? [String: Any] ?? [:]
        let pointFields = names.compactMap { id, name -> String? in
            guard let name = name as? String else { return nil }
            return ["story points", "story point estimate"].contains(name.lowercased()) ? id : nil
        }.sorted()
        var issues: [JiraIssue] = []
        for (number, entry) in list.enumerated() {
            guard let issue = entry as? [String: Any], let key = issue["key"] as? String, !key.isEmpty else {
                return .failure(ImportDiagnostic(.error, line: 1, "issue \(number + 1) in \"issues\" has no \"key\""))
            }
            let line = lineOf(key: key, in: text)
            let fields = issue["fields"] as? [String: Any] ?? [:]
            guard let summary = fields["summary"] as? String, !summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .failure(ImportDiagnostic(.error, line: line, "issue \(number + 1) (\(key)) has no summary"))
            }
            var out = JiraIssue(key: key, summary: summary, line: line)
            out.type = (fields["issuetype"] as? [String: Any])?["name"] as? String
            let status = fields["status"] as? [String: Any]
            if let category = (status?["statusCategory"] as? [String: Any])?["key"] as? String {
                out.statusCategory = categoryKey(category)
            } else if let name = status?["name"] as? String {
                out.statusCategory = statusNameCategory(name)
            }
            for (field, path) in [("duedate", \JiraIssue.due), ("created", \.created), ("resolutiondate", \.resolved),
                                  ("statuscategorychangedate", \.categoryChanged), ("updated", \.updated)] {
                guard let value = fields[field] as? String, !value.isEmpty else { continue }
                guard let day = parseDate(value) else {
                    return .failure(ImportDiagnostic(.error, line: line, "issue \(key): \(field) '\(value)' is not a date"))
                }
                out[keyPath: path] = day
            }
            out.assignee = (fields["assignee"] as? [String: Any])?["displayName"] as? String
            out.parent = (fields["parent"] as? [String: Any])?["key"] as? String
            for field in pointFields + ["story_points", "storyPoints"] {
                if let number = fields[field] as? NSNumber, number.doubleValue.isFinite, number.doubleValue >= 0 {
                    out.points = number.doubleValue
                    break
                }
            }
            for case let link as [String: Any] in fields["issuelinks"] as? [Any] ?? [] {
                let type = link["type"] as? [String: Any] ?? [:]
                guard (type["name"] as? String)?.lowercased() == "blocks" || (type["outward"] as? String)?.lowercased() == "blocks" else { continue }
                if let other = (link["outwardIssue"] as? [String: Any])?["key"] as? String { out.blocks.append(other) }
                if let other = (link["inwardIssue"] as? [String: Any])?["key"] as? String { out.blockedBy.append(other) }
            }
            issues.append(out)
        }
        return .success(issues)
    }

    /// The line of the issue's own `"key": "KEY"`: the one followed by its `"fields"` before any
    /// other `"key"` (a link's `"key"` is followed by the next issue's). The first, else; 1 when absent.
    static func lineOf(key: String, in text: String) -> Int {
        let pattern = "\"key\"\\s*:\\s*\"" + NSRegularExpression.escapedPattern(for: key) + "\""
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return 1 }
        let whole = text as NSString
        let matches = regex.matches(in: text, range: NSRange(location: 0, length: whole.length))
        guard let first = matches.first else { return 1 }
        let own = matches.first { match in
            let rest = NSRange(location: match.range.upperBound, length: whole.length - match.range.upperBound)
            let fields = whole.range(of: "\"fields\"", range: rest)
            let nextKey = whole.range(of: "\"key\"", range: rest)
            return fields.location != NSNotFound && (nextKey.location == NSNotFound || fields.location < nextKey.location)
        } ?? first
        return whole.substring(to: own.range.location).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }

    // MARK: - Values

    static func categoryKey(_ text: String) -> String {
        switch text.lowercased() {
        case "new", "to do", "todo": return "new"
        case "indeterminate", "in progress": return "indeterminate"
        case "done", "complete": return "done"
        default: return text
        }
    }

    /// Without a status category, the names of Jira's default workflows.
    static func statusNameCategory(_ text: String) -> String {
        switch text.lowercased() {
        case "to do", "open", "backlog", "new", "selected for development", "reopened": return "new"
        case "in progress", "in review", "in development", "code review": return "indeterminate"
        case "done", "closed", "resolved", "complete", "completed": return "done"
        default: return text
        }
    }

    /// `01/Dec/26 9:30 AM`, `01/Dec/2026`, `2026-12-01`, `2026-12-01T09:30:00.000+0000`.
    public static func parseDate(_ text: String) -> Day? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.count >= 10, let day = Day(iso: String(text.prefix(10))) {
            return text.count == 10 || text.dropFirst(10).first == "T" || text.dropFirst(10).first == " " ? day : nil
        }
        let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        let parts = datePart.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let dayNumber = Int(parts[0]), var year = Int(parts[2]) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let month = months.firstIndex(of: parts[1].lowercased()) else { return nil }
        if parts[2].count == 2 { year += 2000 } else if parts[2].count != 4 { return nil }
        return Day(year: year, month: month + 1, day: dayNumber)
    }

    // MARK: - Convert

    public static func convert(_ issues: [JiraIssue], fileName: String, options: Options) -> Outcome {
        var outcome = convertUnsorted(issues, fileName: fileName, options: options)
        // In file order; at one line, in the order found.
        outcome.diagnostics = outcome.diagnostics.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return outcome
    }

    static func convertUnsorted(_ issues: [JiraIssue], fileName: String, options: Options) -> Outcome {
        var diagnostics: [ImportDiagnostic] = []
        func warn(_ line: Int, _ message: String) { diagnostics.append(ImportDiagnostic(.warning, line: line, message)) }
        func error(_ line: Int, _ message: String) { diagnostics.append(ImportDiagnostic(.error, line: line, message)) }

        var indexOfKey: [String: Int] = [:]
        for (index, issue) in issues.enumerated() {
            if indexOfKey[issue.key] != nil { error(issue.line, "issue \(issue.key) appears twice"); continue }
            indexOfKey[issue.key] = index
        }
        let ids = issues.map { $0.key.lowercased() }
        for (index, issue) in issues.enumerated() {
            let id = ids[index]
            if MSPDIImport.slug(id) != id || id.isEmpty {
                error(issue.line, "issue key '\(issue.key)' is not a Jira key (PROJECT-123)")
            }
        }

        // Parents: a parent outside the export leaves the issue at the top.
        var parentOf: [Int: Int] = [:]
        for (index, issue) in issues.enumerated() {
            guard let parent = issue.parent else { continue }
            guard let parentIndex = indexOfKey[parent], parentIndex != index else {
                warn(issue.line, "\(issue.key): parent \(parent) is not in the export; imported at the top level")
                continue
            }
            parentOf[index] = parentIndex
        }
        // A parent chain that loops is cut where it closes.
        for index in issues.indices {
            var seen: Set<Int> = [index]
            var current = index
            while let parent = parentOf[current] {
                if seen.contains(parent) {
                    error(issues[current].line, "\(issues[current].key): parent links form a cycle")
                    parentOf[current] = nil
                    break
                }
                seen.insert(parent)
                current = parent
            }
        }
        let hasChildren = Set(parentOf.values)

        // "A blocks B": B after A, from either side.
        var after = [[String]](repeating: [], count: issues.count)
        var outside: [Int: [String]] = [:]
        var nested: [Int: [String]] = [:]
        func link(blocker: String, blocked: String, at index: Int) {
            guard let a = indexOfKey[blocker], let b = indexOfKey[blocked] else {
                let missing = indexOfKey[blocker] == nil ? blocker : blocked
                if !(outside[index]?.contains(missing) ?? false) { outside[index, default: []].append(missing) }
                return
            }
            guard a != b else { return }
            // A summary spans its parts: a link between the two says nothing planc can schedule.
            func contains(_ outer: Int, _ inner: Int) -> Bool {
                var current = inner
                while let parent = parentOf[current] { if parent == outer { return true }; current = parent }
                return false
            }
            if contains(a, b) || contains(b, a) {
                let other = index == a ? blocked : blocker
                if !(nested[index]?.contains(other) ?? false) { nested[index, default: []].append(other) }
                return
            }
            if !after[b].contains(ids[a]) { after[b].append(ids[a]) }
        }
        for (index, issue) in issues.enumerated() {
            for other in issue.blocks { link(blocker: issue.key, blocked: other, at: index) }
            for other in issue.blockedBy { link(blocker: other, blocked: issue.key, at: index) }
        }

        var flat: [ImportedTask] = []
        var teams = Set<String>()
        for (index, issue) in issues.enumerated() {
            var task = ImportedTask(id: ids[index])
            func note(_ comment: String) {
                task.comments.append(comment)
                warn(issue.line, "\(issue.key): \(comment)")
            }
            task.title = issue.summary
            task.tags = ["jira:\(issue.key)"]
            task.after = after[index].map { ImportedLink(task: $0, type: .finishToStart, lagDays: 0) }
            if let missing = outside[index] {
                note("Blocks link\(missing.count == 1 ? "" : "s") with \(missing.joined(separator: ", ")), not in the export, not imported")
            }
            if let others = nested[index] {
                note("Blocks link\(others.count == 1 ? "" : "s") with \(others.joined(separator: ", ")), \(hasChildren.contains(index) ? "part of it" : "a summary that contains it"), not imported; a summary spans its parts")
            }
            task.deadline = issue.due
            if let name = issue.assignee, let map = options.teams {
                if let team = map[name] { task.owner = team; teams.insert(team) } else { warn(issue.line, "\(issue.key): assignee '\(name)' is not in the teams map; no owner") }
            }
            let isSummary = hasChildren.contains(index)
            if !isSummary {
                switch issue.statusCategory {
                case nil, "new": break
                case "indeterminate":
                    task.status = "in-progress"
                    if let changed = issue.categoryChanged {
                        task.actualStart = changed
                    } else {
                        task.actualStart = issue.created ?? options.start
                        note("in progress; Jira gives no start date, so its created date is taken as the actual start")
                    }
                case "done":
                    task.status = "done"
                    task.actualStart = issue.created ?? options.start
                    task.actualFinish = issue.resolved ?? issue.categoryChanged ?? issue.updated ?? task.actualStart
                    note("done; Jira gives no start date, so its created date is taken as the actual start")
                case let other?: note("status '\(other)' is not a Jira status category (new, indeterminate, done); imported as not started")
                }
                if let points = issue.points, points > 0 {
                    let exact = points / options.pointsPerDay
                    guard exact <= 100_000 else {
                        error(issue.line, "\(issue.key): \(number(points)) story points at \(number(options.pointsPerDay)) a day is over 100000 days")
                        flat.append(task)
                        continue
                    }
                    let days = max(1, Int(exact.rounded(.up)))
                    if Double(days) != exact {
                        note("\(number(points)) story points at \(number(options.pointsPerDay)) a day is \(number(exact)) days; rounded up to \(days)d")
                    }
                    task.duration = (days, false)
                    task.effort = days
                } else {
                    note("no story points in Jira; duration 1d is a placeholder")
                    task.duration = (1, false)
                }
            } else if let points = issue.points, points > 0 {
                note("\(number(points)) story points on the \(issue.type ?? "issue") itself not imported; its children carry the work")
            }
            flat.append(task)
        }

        if let cycle = firstCycle(flat, issues: issues) { diagnostics.append(cycle) }

        // Nest: children under their parents, in file order.
        var children: [Int: [Int]] = [:]
        for index in issues.indices { if let parent = parentOf[index] { children[parent, default: []].append(index) } }
        func build(_ index: Int) -> ImportedTask {
            var task = flat[index]
            task.tasks = (children[index] ?? []).map(build)
            return task
        }
        let roots = issues.indices.filter { parentOf[$0] == nil }.map(build)

        let stem = fileName.split(separator: "/").last.map(String.init) ?? fileName
        var base = stem
        for suffix in [".csv", ".json", ".CSV", ".JSON"] where base.hasSuffix(suffix) { base = String(base.dropLast(suffix.count)) }
        var planID = MSPDIImport.slug(base)
        if planID.isEmpty { planID = "jira-import" }
        guard let start = options.start ?? issues.compactMap(\.created).min() else {
            error(1, "no issue has a created date; give the plan's start with --start YYYY-MM-DD")
            return Outcome(plan: nil, diagnostics: diagnostics)
        }
        if issues.isEmpty { error(1, "the export has no issues") }
        if diagnostics.contains(where: { $0.severity == .error }) { return Outcome(plan: nil, diagnostics: diagnostics) }
        var plan = ImportedPlan(id: planID, source: stem, start: start)
        plan.format = "Jira"
        plan.teams = teams.sorted().map { ImportedTeam(id: $0) }
        plan.tasks = roots
        return Outcome(plan: plan, diagnostics: diagnostics)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }

    /// The first Blocks cycle, as an error at the issue that closes it.
    static func firstCycle(_ tasks: [ImportedTask], issues: [JiraIssue]) -> ImportDiagnostic? {
        var index: [String: Int] = [:]
        for (i, task) in tasks.enumerated() { index[task.id] = i }
        var state = [UInt8](repeating: 0, count: tasks.count)
        var path: [Int] = []
        func visit(_ i: Int) -> ImportDiagnostic? {
            state[i] = 1
            path.append(i)
            for link in tasks[i].after {
                guard let j = index[link.task] else { continue }
                if state[j] == 1 {
                    let loop = path[path.firstIndex(of: j)!...].map { issues[$0].key }
                    return ImportDiagnostic(.error, line: issues[i].line,
                                            "Blocks links form a cycle: \((loop + [loop[0]]).joined(separator: " → "))")
                }
                if state[j] == 0, let found = visit(j) { return found }
            }
            state[i] = 2
            path.removeLast()
            return nil
        }
        for i in tasks.indices where state[i] == 0 { if let found = visit(i) { return found } }
        return nil
    }
}
