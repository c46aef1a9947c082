#if canImport(Glibc)
import Glibc
#endif

/// What a short-lived compiler process can skip. Like clang's `-disable-free`: the process is about
/// to exit, so tearing down a compiled 100,000-task plan object by object (half a million frees)
/// only delays the exit. Memory returned at exit is returned all the same.
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` until the process exits, instead of freeing it piece by piece.
    static func keep(_ value: Any) {
        kept.append(value)
    }

    /// glibc returns freed blocks over 128 KiB to the kernel at once and maps fresh, zeroed pages
    /// for the next large array: each first touch of such a page is a page fault. Keeping freed
    /// memory in the heap lets the scheduler and writers reuse the pages the YAML document used.
    static func tuneAllocator() {
        #if canImport(Glibc)
        // mallopt is declared in <malloc.h>, which the Glibc module leaves out; look it up instead
        // (absent from a C library, this does nothing).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 512 << 20)
        #endif
    }
}
