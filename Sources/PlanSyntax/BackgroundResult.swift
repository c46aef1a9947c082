import Dispatch

/// A value computed on another thread from the moment it is created; `value` waits for it. The
/// work must only read what it shares with the creating thread until `value` returns.
public final class BackgroundResult<Value>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping () -> Value) {
        let job = UncheckedSendable(work)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = job.value()
            done.signal()
        }
    }

    /// The result, once the work is done.
    public var value: Value {
        done.wait()
        done.signal()  // for the next reader
        return result!
    }
}

/// Hands a value to another thread that the two never use at the same time.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
