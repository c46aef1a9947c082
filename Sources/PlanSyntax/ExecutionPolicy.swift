/// When planc spreads a compilation over two threads: the thresholds of its parallel paths, in one
/// place. Not a limit and not a user setting (no option changes it): the result is byte-identical
/// whatever the policy. Tests and the fuzzer force the threaded paths on small inputs
/// (`.forceThreaded`), or off (`.sequential`), to check exactly that.
public struct ExecutionPolicy: Sendable, Equatable {
    /// Files this large or larger are parsed by libyaml on a second thread while the document is
    /// built (`YAMLEventSource`), when they are parsed whole.
    public var threadedEventSourceBytes: Int
    /// Files this large or larger are parsed as two parts at once where their shape allows
    /// (`ParseSplit`).
    public var splitParseBytes: Int
    /// A `tasks:` list of this many YAML nodes or more is read into the model in two halves at
    /// once (PlanKit's `PlanLoader.readTasks`).
    public var parallelReadNodes: Int
    /// Plans with this many tasks or more resolve their `after:` entries in two halves at once
    /// (PlanKit's `Network`).
    public var parallelResolveTasks: Int
    /// Whether the graph and the schedule are computed on a second thread while the rules run
    /// (PlanKit's `Compiler`), rather than after them on the calling thread.
    public var backgroundSchedule: Bool

    public init(threadedEventSourceBytes: Int, splitParseBytes: Int, parallelReadNodes: Int,
                parallelResolveTasks: Int, backgroundSchedule: Bool) {
        self.threadedEventSourceBytes = threadedEventSourceBytes
        self.splitParseBytes = splitParseBytes
        self.parallelReadNodes = parallelReadNodes
        self.parallelResolveTasks = parallelResolveTasks
        self.backgroundSchedule = backgroundSchedule
    }

    /// What planc runs with: a second thread only where it pays (measured in docs/performance.md).
    public static let `default` = ExecutionPolicy(threadedEventSourceBytes: 1 << 20, splitParseBytes: 1 << 20, parallelReadNodes: 1 << 16,
                                                  parallelResolveTasks: 20_000, backgroundSchedule: true)

    /// Everything on the calling thread.
    public static let sequential = ExecutionPolicy(threadedEventSourceBytes: .max, splitParseBytes: .max, parallelReadNodes: .max,
                                                   parallelResolveTasks: .max, backgroundSchedule: false)

    /// Every parallel path taken whatever the input's size: the split parse wherever the text
    /// allows, libyaml on a second thread when the file is parsed whole, the task list and the
    /// dependencies in halves, the schedule beside the rules.
    public static let forceThreaded = ExecutionPolicy(threadedEventSourceBytes: 0, splitParseBytes: 0, parallelReadNodes: 0,
                                                      parallelResolveTasks: 0, backgroundSchedule: true)

    /// The parse on the calling thread, whole (`split: false`) or split wherever the text allows
    /// (`split: true`, whatever its size): for tests and the fuzzer, which check that the two agree.
    public static func parsing(split: Bool) -> ExecutionPolicy {
        var policy = sequential
        policy.splitParseBytes = split ? 0 : .max
        return policy
    }
}
