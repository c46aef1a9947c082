/// A milestone trend analysis: the plan compiled at each commit that changed it (or a file it
/// includes), oldest first; for every milestone, gate and task with a deadline its forecast at
/// each of those commits against that commit's status date; and each slip with the commit and
/// the change that drove it. Computed once by `TrendAnalysis`; writers only format it.
public struct Trend: Sendable, Equatable {
    /// One commit of the walk.
    public struct Revision: Sendable, Equatable {
        public var commit: String
        public var shortCommit: String
        /// ISO 8601 as git gives it, and its calendar day.
        public var authorDate: String
        public var author: String
        /// The subject as written: hostile input for every writer.
        public var subject: String
        /// The commit's status date: the plan's `as_of`, else the commit's committer date (UTC).
        public var statusDate: Day
        public var statusFromPlan: Bool
        /// The plan's finish when it was scheduled.
        public var finish: Day?
        public var errors: Int
        /// Why the plan could not be scheduled at this commit: its first error, as
        /// `file:line:column: error[CODE]: message`. Nil when it was scheduled.
        public var failure: String?

        public var scheduled: Bool { failure == nil }

        public var authorDay: String { String(authorDate.prefix(10)) }

        public init(commit: String, shortCommit: String, authorDate: String, author: String, subject: String,
                    statusDate: Day, statusFromPlan: Bool, finish: Day?, errors: Int, failure: String?) {
            self.commit = commit
            self.shortCommit = shortCommit
            self.authorDate = authorDate
            self.author = author
            self.subject = subject
            self.statusDate = statusDate
            self.statusFromPlan = statusFromPlan
            self.finish = finish
            self.errors = errors
            self.failure = failure
        }
    }

    /// One milestone, gate or task with a deadline, across the revisions.
    public struct Series: Sendable, Equatable {
        public var id: String
        public var title: String?
        public var kind: Task.Kind
        /// Its forecast at each revision (nil where it did not exist or the plan was not scheduled).
        public var forecasts: [Day?]
        /// Its deadline at each revision.
        public var deadlines: [Day?]

        /// The newest deadline it has.
        public var deadline: Day? { deadlines.last { $0 != nil } ?? nil }
    }

    /// What drove a slip.
    public struct Cause: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// A task on the milestone's driving chain changed a field.
            case changed
            /// A task on the driving chain is new.
            case added
            /// Nothing on the chain changed, but the status date moved on past unfinished work.
            case statusDate = "status-date"
        }

        public var kind: Kind
        /// The task (nil for the status date).
        public var task: String?
        public var field: String?
        public var base: String?
        public var head: String?
    }

    public struct Slip: Sendable, Equatable {
        public var id: String
        public var kind: Task.Kind
        /// The revision the slip came in, and the scheduled one before it.
        public var revision: Int
        public var previous: Int
        public var from: Day
        public var to: Day
        /// Working days later, on the newer revision's calendar.
        public var workingDays: Int
        /// The changes on the milestone's driving chain, along the chain; empty when none is known.
        public var causes: [Cause]
    }

    /// The plan as named, and its id at the newest revision that has one.
    public var path: String
    public var plan: String?
    /// Oldest first.
    public var revisions: [Revision]
    /// In the newest scheduled revision's plan order, then ids only older revisions had.
    public var series: [Series]
    /// Oldest first.
    public var slips: [Slip]
    /// The clone is shallow: history before the oldest revision is not there.
    public var shallow: Bool
    /// More commits changed the plan than `--max-commits` took: the oldest were left out.
    public var truncated: Bool
    /// Commits that changed the plan's folder but none of the plan's files (left out of the table).
    public var unchangedCommits: Int

    public init(path: String, plan: String?, revisions: [Revision], series: [Series], slips: [Slip],
                shallow: Bool, truncated: Bool, unchangedCommits: Int) {
        self.path = path
        self.plan = plan
        self.revisions = revisions
        self.series = series
        self.slips = slips
        self.shallow = shallow
        self.truncated = truncated
        self.unchangedCommits = unchangedCommits
    }
}

extension Trend {
    /// How a deadline task fared over the history: "launch slipped 3 times in 4 weeks, 6 working
    /// days in all". Weeks are counted between the first and the last scheduled revision's status dates.
    public struct Summary: Sendable, Equatable {
        public var id: String
        public var title: String?
        public var slips: Int
        public var workingDays: Int
        public var weeks: Int
        /// Net move from the first scheduled forecast to the last, in calendar days.
        public var first: Day?
        public var last: Day?
    }

    /// One summary per series with a deadline, in series order.
    public var deadlineSummaries: [Summary] {
        let scheduled = revisions.filter(\.scheduled)
        let weeks: Int
        if let first = scheduled.first?.statusDate, let last = scheduled.last?.statusDate {
            weeks = max(1, (last.ordinal - first.ordinal + 6) / 7)
        } else {
            weeks = 0
        }
        return series.filter { $0.deadline != nil }.map { series in
            let own = slips.filter { $0.id == series.id }
            let points = series.forecasts.compactMap { $0 }
            return Summary(id: series.id, title: series.title, slips: own.count,
                           workingDays: own.reduce(0) { $0 + $1.workingDays }, weeks: weeks,
                           first: points.first, last: points.last)
        }
    }
}
