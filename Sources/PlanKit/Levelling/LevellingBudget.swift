/// How hard the leveller searches. Every field is part of the input: the same problem and budget
/// give the same schedule, byte for byte, whatever `threaded` says and however many cores there are.
public struct LevellingBudget: Sendable, Equatable {
    /// The search, from the cheapest to the one planc uses (docs/performance.md, "Levelling (PSPLIB)").
    public enum Search: String, Sendable, CaseIterable {
        /// One serial schedule over the activities by latest finish (LFT).
        case priorityRule = "lft"
        /// The LFT schedule improved by forward–backward justification until it stops improving.
        case justified = "fbi"
        /// Activity lists sampled with a bias towards early latest finishes, each justified.
        case sampling
        /// A genetic search over activity lists (two-point crossover, adjacent-swap mutation),
        /// every child justified and its list replaced by its justified order.
        case genetic
    }

    public var search: Search
    /// Schedules generated at most (every forward and backward pass counts, over all streams) for
    /// a problem of up to 30 activities; larger ones get proportionally more, up to `placements`.
    public var schedules: Int
    /// At most this many activity placements (schedules × activities): large plans get fewer
    /// schedules, so time stays near-linear in the plan's size.
    public var placements: Int
    /// Independent searches, each with its own seeded stream; the best (finish, then stream) wins.
    public var streams: Int
    /// Whether the streams run on threads at once. Never changes the result.
    public var threaded: Bool
    public var seed: UInt64

    public init(search: Search = .genetic, schedules: Int = 5000, placements: Int = 2_000_000, streams: Int = 2,
                threaded: Bool = true, seed: UInt64 = 0x706C_616E_635F_6C76) {
        self.search = search
        self.schedules = schedules
        self.placements = placements
        self.streams = max(1, streams)
        self.threaded = threaded
        self.seed = seed
    }

    public static let `default` = LevellingBudget()
}
