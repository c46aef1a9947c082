import PlanSyntax

/// One `after:` entry, resolved once when the network is built: which task it names, what kind of
/// link it is, its lag in working days and where it was written. Rules, the graph, the scheduler,
/// gates, the report and diff all read this; none of them goes back to `Task.after`.
public struct Link: Sendable, Equatable {
    /// Why a link names no predecessor in the graph (each is reported by a rule).
    public enum Exclusion: Sendable, Equatable {
        /// The id names nothing (E104).
        case unknownID
        /// The id names an event or a risk (E206).
        case notATask
        /// The task names itself (E202).
        case itself
        /// The task names a summary that contains it (E202).
        case ancestor
        /// A summary names one of its own parts (E202).
        case descendant
        /// The id names a task of another plan, `plan-id:task-id`: a portfolio checks it (see
        /// `external`), a plan compiled alone reports it as not checked (W601).
        case crossPlan
    }

    /// The task whose `after:` holds the entry.
    public let successor: Int
    /// The entry's position in the successor's `after:` list.
    public let number: Int
    /// What the target id names (nil: nothing).
    public let target: Entity?
    /// The task the successor waits for: nil when `exclusion` says why there is none.
    public let predecessor: Int?
    public let exclusion: Exclusion?
    public let type: DependencyType
    /// Lag in working days (weeks are converted with the plan calendar's week); negative is a lead.
    public let lag: Int
    /// The lag as written (`1w`, `-2d`), for messages and diffs.
    public let writtenLag: Duration?
    /// The other plan's id of a cross-plan link (`options` in `options:go-live`).
    public var targetPlan: Substring? {
        exclusion == .crossPlan ? targetID.value.split(separator: ":", maxSplits: 1).first : nil
    }

    /// The target id as written, and where.
    public let targetID: Located<String>
    /// The whole entry, for diagnostics about the link itself (a cycle hop).
    public let location: SourceLocation
    /// A cross-plan link's predecessor as the other plan scheduled it (nil: not known, or not a
    /// cross-plan link): the scheduler holds the successor back by it.
    public var external: CrossPlanPoint? = nil

    /// The task the target id names, whether or not it can be a predecessor (nil: not a task).
    public var targetTask: Int? {
        if case .task(let index)? = target { return index }
        return nil
    }

    /// The entry as one string: `design`, `engine-core SS+5d`, `qa FS-1d`, `legal FF`.
    public var description: String {
        let hasLag = (writtenLag?.amount ?? 0) != 0
        guard type != .finishToStart || hasLag else { return targetID.value }
        var text = targetID.value + " " + type.rawValue
        if let writtenLag, hasLag { text += (writtenLag.amount > 0 ? "+" : "") + writtenLag.description }
        return text
    }

    /// `" (SS)"` for a link other than finish-to-start, else `""`: how messages name the type.
    public var typeSuffix: String { type == .finishToStart ? "" : " (\(type.rawValue))" }
}
