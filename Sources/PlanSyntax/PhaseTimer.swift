#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time of the compiler's phases, printed to standard error when the environment
/// variable `PLANC_TIMINGS` is set (for profiling; see docs/performance.md). Off, it costs one
/// branch per phase.
public enum PhaseTimer {
    public static let enabled: Bool = getenv("PLANC_TIMINGS") != nil

    /// Runs `body`, and reports how long it took under `name` when timing is on.
    @inline(__always)
    public static func measure<T>(_ name: StaticString, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        let start = now()
        defer { report(name, since: start) }
        return try body()
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func report(_ name: StaticString, since start: Double) {
        let milliseconds = (now() - start) * 1000
        let line = "planc: timing: \(name) \(Double(Int(milliseconds * 10)) / 10) ms\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}
