import PlanSyntax

/// Walks a plan's git history and compiles the plan at each commit, in memory (see `Trend`).
///
/// The commits are those on the first-parent line of HEAD that changed the plan's folder (includes
/// never leave it; every folder the plan was in, when git's rename detection finds it moved, each
/// commit reading the plan under the name it had there), newest first, at most `maxCommits`; a commit that changed none of the files the
/// plan reads at that commit is left out (and counted). Each kept commit is loaded once to learn its
/// files and status date, then compiled with that status date (`as_of`, else the commit's
/// committer date in UTC); commits that read the same blobs with the same status date share one
/// compilation.
public enum TrendAnalysis {
    public struct Options: Sendable {
        public var maxCommits = 200
        /// Start from this revision: the plan as it was there, then every change after it.
        public var since: String?
        public var limits = Limits.default
        public var resources = ResourceOptions()
        /// Parse a file once for every commit that has the same blob of it, and compile each
        /// revision from the plan loaded to learn its files. False (tests compare the two) loads
        /// each commit and compiles it again from scratch: the same trend.
        public var reusesParsedFiles = true

        public init() {}
    }

    public typealias Failure = GitRepository.Failure

    /// `path` is the plan as named (relative to `workingFolder`, or absolute). `progress` is told
    /// (done, total) after each commit.
    public static func analyse(plan path: String, workingFolder: String, options: Options,
                               notice: (String) -> Void = { _ in },
                               progress: (Int, Int) -> Void = { _, _ in }) throws(Failure) -> Trend {
        try walk(plan: path, workingFolder: workingFolder, options: options, notice: notice, progress: progress).trend
    }

    /// `analyse`, with the files it parsed and reused (nil without reuse).
    static func walk(plan path: String, workingFolder: String, options: Options, notice: (String) -> Void = { _ in },
                     progress: (Int, Int) -> Void = { _, _ in }) throws(Failure) -> (trend: Trend, documents: ParsedDocuments?) {
        guard let cwd = DiskSource.shared.realPath(workingFolder) else { throw Failure("cannot resolve \(workingFolder)") }
        // The repository is the plan's: the working folder's when the plan is in it (the plan then
        // named as given), else the one holding the plan's folder (the plan named by its real path).
        var path = path
        let named = path.hasPrefix("/") ? path : cwd + "/" + path
        let slash = named.lastIndex(of: "/")!
        let planFolder = DiskSource.shared.realPath(slash == named.startIndex ? "/" : String(named[..<slash]))
        let repository = try GitRepository(containing: planFolder ?? workingFolder)
        if cwd != repository.root, !cwd.hasPrefix(repository.root + "/"), let planFolder {
            path = planFolder + "/" + named[named.index(after: slash)...]
        }
        // The working folder below the root, for paths named relative to it ("" at the root or outside).
        let prefix = cwd.hasPrefix(repository.root + "/") ? String(cwd.dropFirst(repository.root.count + 1)) : ""
        let cache = GitObjectCache(repository: repository)
        let head = repository.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
        guard head.status == 0 else { throw Failure("the repository \(repository.root) has no commits yet") }
        let headCommit = text(head.output)
        guard let headTree = try tree(of: headCommit, in: repository) else { throw Failure("cannot read HEAD's tree") }
        let headSource = GitTreeSource(cache: cache, tree: headTree, prefix: prefix)
        guard let planParts = headSource.components(path) else {
            throw Failure("\(path) is not inside the repository \(repository.root)")
        }
        guard let (entry, _) = headSource.resolve(planParts), entry.mode == .file else {
            throw Failure("\(path) is not tracked by git at HEAD (commit it first: planc trend reads the plan's history, not the working tree)")
        }
        var baseline: String?
        if let since = options.since {
            let found = repository.run(["rev-parse", "--verify", "--quiet", "--end-of-options", since + "^{commit}"])
            guard found.status == 0, !since.isEmpty else { throw Failure("'\(since)' is not a commit in \(repository.root)") }
            baseline = text(found.output)
        }
        let shallow = text(repository.run(["rev-parse", "--is-shallow-repository"]).output) == "true"
        // The plan's names along the history (git's rename detection), so a moved plan keeps its past.
        // Every commit that touched the plan changed its folder too, so the window holds at most
        // maxCommits + 1 of them and one more names the plan at the window's oldest commit.
        let names = renames(of: planParts.joined(separator: "/"), from: headCommit, count: options.maxCommits + 2, in: repository)
        var folders: [String] = []
        for name in [planParts.joined(separator: "/")] + names.map(\.path) {
            let folder = name.split(separator: "/").dropLast().joined(separator: "/")
            if !folders.contains(folder) { folders.append(folder) }
        }
        var arguments = ["log", "--first-parent", "-z", "--no-color", "--max-count=\(options.maxCommits + 1)",
                         "--format=%H%x1f%h%x1f%aI%x1f%ct%x1f%an%x1f%T%x1f%s"]
        arguments.append(baseline.map { "\($0)..\(headCommit)" } ?? headCommit)
        arguments += ["--"] + folders.map { $0.isEmpty ? ":(top)" : ":(top,literal)" + $0 }
        let log = repository.run(arguments)
        guard log.status == 0 else { throw Failure("git log failed: \(log.error.trimmingCharacters(in: .whitespacesAndNewlines))") }
        var commits = log.output.split(separator: 0).compactMap { Commit(String(decoding: $0, as: UTF8.self)) }
        let truncated = commits.count > options.maxCommits
        if truncated { commits.removeLast(commits.count - options.maxCommits) }
        if let baseline, !truncated, !commits.contains(where: { $0.hash == baseline }) {
            let own = repository.run(["log", "-z", "--no-color", "--max-count=1", "--format=%H%x1f%h%x1f%aI%x1f%ct%x1f%an%x1f%T%x1f%s", baseline])
            if let commit = own.output.split(separator: 0).first.flatMap({ Commit(String(decoding: $0, as: UTF8.self)) }) {
                commits.append(commit)
            }
        }
        if shallow {
            notice("planc: note: this is a shallow clone; the trend starts at the oldest commit it has (`git fetch --unshallow` for the whole history)\n")
        }
        commits.reverse()

        var walk = Walk(path: path, prefix: prefix, cache: cache, options: options)
        // Each commit's plan is the name it had in the newest commit at or before it that touched it.
        var nameAt: [String: String] = [:]
        if !names.isEmpty {
            let window = Set(commits.map(\.hash))
            let touched = Dictionary(names.map { ($0.commit, $0.path) }, uniquingKeysWith: { first, _ in first })
            var current = names.first { !window.contains($0.commit) }.map { relative($0.path, prefix: prefix, root: repository.root) } ?? path
            for commit in commits {
                if let name = touched[commit.hash] { current = relative(name, prefix: prefix, root: repository.root) }
                nameAt[commit.hash] = current
            }
        }
        for (index, commit) in commits.enumerated() {
            try walk.add(commit, path: nameAt[commit.hash] ?? path)
            progress(index + 1, commits.count)
        }
        return (walk.finish(shallow: shallow, truncated: truncated), walk.documents)
    }

    /// The plan's name in each commit that touched it, newest first, as `git log --follow` sees it.
    static func renames(of repoPath: String, from head: String, count: Int, in repository: GitRepository) -> [(commit: String, path: String)] {
        let found = repository.run(["log", "--first-parent", "--follow", "-z", "--no-color", "--name-only", "--format=%x01%H",
                                    "--max-count=\(count)", head, "--", ":(top,literal)" + repoPath])
        guard found.status == 0 else { return [] }
        var result: [(commit: String, path: String)] = []
        var commit: String?
        for field in found.output.split(separator: 0) {
            var text = String(decoding: field, as: UTF8.self)
            if text.hasPrefix("\n") { text.removeFirst() }
            if text.hasPrefix("\u{1}") {
                let rest = text.dropFirst().split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                commit = rest.first.map(String.init)
                if rest.count > 1, let path = rest.last.map(String.init)?.trimmingCharacters(in: .newlines), !path.isEmpty, let commit {
                    result.append((commit, path))
                }
            } else if let commit, !text.isEmpty {
                result.append((commit, text.trimmingCharacters(in: .newlines)))
            }
        }
        // Without a rename there is nothing to follow.
        return Set(result.map(\.path)).count > 1 ? result : []
    }

    /// A repository path as the walk names it: relative to the working folder when inside it.
    static func relative(_ repoPath: String, prefix: String, root: String) -> String {
        if prefix.isEmpty { return repoPath }
        return repoPath.hasPrefix(prefix + "/") ? String(repoPath.dropFirst(prefix.count + 1)) : root + "/" + repoPath
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func tree(of commit: String, in repository: GitRepository) throws(Failure) -> String? {
        guard let object = try repository.object(commit + "^{tree}"), object.type == "tree" else { return nil }
        return object.id
    }

    struct Commit {
        var hash: String
        var short: String
        var authorDate: String
        var committerDay: Day
        var author: String
        var tree: String
        var subject: String

        init?(_ record: String) {
            let fields = record.trimmingCharacters(in: .newlines).split(separator: "\u{1F}", maxSplits: 6, omittingEmptySubsequences: false)
            guard fields.count == 7, let seconds = Int(fields[3]) else { return nil }
            hash = String(fields[0])
            short = String(fields[1])
            authorDate = String(fields[2])
            committerDay = Day(ordinal: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
            author = String(fields[4])
            tree = String(fields[5])
            subject = String(fields[6])
        }
    }

    /// The walk, oldest commit first, holding only the previous scheduled compilation.
    struct Walk {
        let path: String
        let prefix: String
        let cache: GitObjectCache
        let options: Options
        var revisions: [Trend.Revision] = []
        /// Per revision: id → (forecast, deadline, title, kind, plan order).
        var points: [[String: (forecast: Day?, deadline: Day?)]] = []
        var order: [String: (title: String?, kind: Task.Kind, rank: Int)] = [:]
        var newestOrder: [String] = []
        var slips: [Trend.Slip] = []
        var unchanged = 0
        var previousInputs: [String]?
        var previous: (compilation: Compilation, revision: Int)?
        var planID: String?
        /// The last few compilations by inputs and status date: a change undone (the same blobs
        /// and `as_of` again) is not compiled twice.
        var compiled: [(key: String, compilation: Compilation)] = []
        static let compilationsKept = 8
        /// The files parsed so far, by blob; nil compiles each revision from scratch (a second
        /// parse), as `Options.reusesParsedFiles` false asks.
        let documents: ParsedDocuments?

        init(path: String, prefix: String, cache: GitObjectCache, options: Options) {
            self.path = path
            self.prefix = prefix
            self.cache = cache
            self.options = options
            documents = options.reusesParsedFiles ? ParsedDocuments() : nil
        }

        /// `path`: the plan's name at this commit (it may have been moved since).
        mutating func add(_ commit: Commit, path: String) throws(Failure) {
            let source = GitTreeSource(cache: cache, tree: commit.tree, prefix: prefix)
            guard source.exists(path) else { return }  // before the plan was added, or after a move
            // Load once: the files this commit's plan reads, and its status date.
            let sources = SourceManager()
            let sink = DiagnosticSink(sources: sources)
            var loaded = PlanLoader.load(path: path, sources: sources, sink: sink, limits: options.limits, source: source, documents: documents)
            // The portfolio as it was at this commit, from its tree, found before the inputs are
            // taken: a commit that changes only the shared teams is a revision of its own.
            var context: PortfolioContext?
            if let plan = loaded, PortfolioDiscovery.needsSharedTeams(plan) {
                context = PortfolioDiscovery.context(listing: path, limits: options.limits, sources: sources, source: source)
            }
            if let failure = source.failure { throw failure }
            let inputs = source.reads.map { "\($0.path)\u{0}\($0.blob)" }
            if inputs == previousInputs {
                unchanged += 1
                return
            }
            previousInputs = inputs
            let statusDate = loaded?.asOf?.value ?? commit.committerDay
            let fromPlan = loaded?.asOf != nil
            let key = inputs.joined(separator: "\u{1}") + "\u{1}" + statusDate.iso
            let compilation: Compilation
            if let known = compiled.first(where: { $0.key == key }) {
                compilation = known.compilation
            } else if documents == nil
                        || IncludeResolver.refuseOutside(path: path, folder: nil, sink: DiagnosticSink(sources: SourceManager()), source: source) {
                // From scratch (a plan outside its folder is refused there, unread).
                compilation = Compiler.compile(path: path, limits: options.limits, asOf: statusDate, resources: options.resources,
                                               source: GitTreeSource(cache: cache, tree: commit.tree, prefix: prefix))
            } else {
                // The rest of `Compiler.compile(path:)` on the plan just loaded: each revision is read once.
                if let context, let plan = loaded { loaded = context.merge(into: plan, sink: sink) }
                compilation = Compiler.compile(loaded: loaded, path: path, sources: sources, sink: sink, limits: options.limits,
                                               policy: .default, asOf: statusDate, metricsFiles: [], resources: options.resources,
                                               portfolio: context)
            }
            if compiled.first(where: { $0.key == key }) == nil {
                compiled.append((key, compilation))
                if compiled.count > Self.compilationsKept { compiled.removeFirst() }
            }
            record(commit, compilation, statusDate: statusDate, fromPlan: fromPlan)
        }

        mutating func record(_ commit: Commit, _ compilation: Compilation, statusDate: Day, fromPlan: Bool) {
            let index = revisions.count
            var failure: String?
            if compilation.schedule == nil {
                if let first = compilation.diagnostics.first(where: { $0.severity == .error }) {
                    let place = first.line > 0 ? "\(first.file):\(first.line):\(first.column)" : first.file
                    failure = "\(place): error[\(first.code)]: \(first.message)"
                } else {
                    failure = "the plan could not be scheduled"
                }
            }
            revisions.append(Trend.Revision(commit: commit.hash, shortCommit: commit.short, authorDate: commit.authorDate,
                                            author: commit.author, subject: commit.subject, statusDate: statusDate,
                                            statusFromPlan: fromPlan, finish: compilation.schedule?.finish,
                                            errors: compilation.errorCount, failure: failure))
            var here: [String: (forecast: Day?, deadline: Day?)] = [:]
            if let network = compilation.network, let schedule = compilation.schedule {
                if let id = network.plan.id?.value { planID = id }
                var ids: [String] = []
                for (task, item) in network.plan.tasks.enumerated() where network.taskIndex(item.id.value) == task {
                    guard item.kind != .task || item.deadline != nil else { continue }
                    let id = item.id.value
                    here[id] = (schedule[task].finish, item.deadline?.value)
                    order[id] = (item.title, item.kind, order[id]?.rank ?? order.count)
                    ids.append(id)
                }
                newestOrder = ids
                if let (before, previousIndex) = previous {
                    slips += Self.slips(from: before, to: compilation, previous: previousIndex, revision: index)
                }
                previous = (compilation, index)
            }
            points.append(here)
        }

        /// Every tracked date that moved later from `before` to `after`, with its causes.
        static func slips(from before: Compilation, to after: Compilation, previous: Int, revision: Int) -> [Trend.Slip] {
            guard let old = before.network, let new = after.network, let base = before.schedule, let head = after.schedule else { return [] }
            var found: [Trend.Slip] = []
            var diff: PlanDiff?
            for (task, item) in new.plan.tasks.enumerated() where new.taskIndex(item.id.value) == task {
                guard item.kind != .task || item.deadline != nil, let was = old.taskIndex(item.id.value) else { continue }
                let from = base[was].finish, to = head[task].finish
                guard to > from else { continue }
                if diff == nil { diff = PlanDiff.compare(base: before, head: after) }
                let calendar = head.calendar
                let days = calendar.workingPosition(onOrBefore: to) - calendar.workingPosition(onOrBefore: from)
                found.append(Trend.Slip(id: item.id.value, kind: item.kind, revision: revision, previous: previous,
                                        from: from, to: to, workingDays: days,
                                        causes: causes(of: task, in: new, head, diff: diff!, statusDates: (base.statusDate, head.statusDate))))
            }
            return found
        }

        /// The changes on `task`'s driving chain (and the summaries above its links), along the chain.
        static func causes(of task: Int, in network: Network, _ schedule: Schedule, diff: PlanDiff,
                           statusDates: (Day?, Day?)) -> [Trend.Cause] {
            var chain: [String] = []
            let driving = schedule.drivingChain(to: task)
            for member in driving {
                var current: Int? = member
                var lineage: [String] = []
                while let index = current {
                    lineage.append(network.plan.tasks[index].id.value)
                    current = network.plan.tasks[index].parent
                }
                for id in lineage.reversed() where !chain.contains(id) { chain.append(id) }
            }
            if !chain.contains(network.plan.tasks[task].id.value) { chain.append(network.plan.tasks[task].id.value) }
            let changed = Dictionary(diff.changedTasks.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let added = Set(diff.addedTasks.map(\.id))
            var causes: [Trend.Cause] = []
            for id in chain {
                if let change = changed[id] {
                    causes += change.fields.map { Trend.Cause(kind: .changed, task: id, field: $0.field, base: $0.base, head: $0.head) }
                } else if added.contains(id) {
                    causes.append(Trend.Cause(kind: .added, task: id))
                }
            }
            if let was = statusDates.0, let now = statusDates.1, was != now {
                // Alone, the status date is what moved; beside changes on the chain, it is one of the
                // causes when the chain now starts at it (its first task waits for the status date).
                let pinned = driving.first.map { first in
                    let calendar = schedule.calendar(of: first)
                    // Work not started begins on the first working day after the status date.
                    func opening(_ day: Day) -> Day { calendar.day(at: calendar.workingDaysBefore(day.adding(days: 1))) }
                    return now > was && schedule[first].start == opening(now) && opening(now) > opening(was)
                } ?? false
                if causes.isEmpty || pinned {
                    causes.append(Trend.Cause(kind: .statusDate, task: nil, field: "as_of", base: was.iso, head: now.iso))
                }
            }
            return causes
        }

        func finish(shallow: Bool, truncated: Bool) -> Trend {
            var ids = newestOrder
            let rest = order.filter { !newestOrder.contains($0.key) }.sorted { $0.value.rank < $1.value.rank }.map(\.key)
            ids += rest
            let series = ids.map { id in
                Trend.Series(id: id, title: order[id]?.title, kind: order[id]?.kind ?? .milestone,
                             forecasts: points.map { $0[id]?.forecast ?? nil }, deadlines: points.map { $0[id]?.deadline ?? nil })
            }
            return Trend(path: path, plan: planID, revisions: revisions, series: series, slips: slips,
                         shallow: shallow, truncated: truncated, unchangedCommits: unchanged)
        }
    }
}

extension Trend.Cause {
    init(kind: Kind, task: String?) {
        self.init(kind: kind, task: task, field: nil, base: nil, head: nil)
    }
}
