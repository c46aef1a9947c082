import Dispatch

/// A value computed the first time any thread asks for it, by that thread; a thread that asks
/// while it is being computed waits for it. The one piece of threading state behind the network:
/// the compiler builds the graph on a second thread while the rules run, and a rule that reads
/// the graph first simply waits.
final class BuiltOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var build: (@Sendable () -> Value)?
    // Read and written only while holding `lock`.
    private var built: Value?

    init(_ build: @escaping @Sendable () -> Value) {
        self.build = build
    }

    var value: Value {
        lock.wait()
        defer { lock.signal() }
        if let built { return built }
        let value = build!()
        built = value
        build = nil
        return value
    }
}
