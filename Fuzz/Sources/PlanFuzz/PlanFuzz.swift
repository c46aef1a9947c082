// libFuzzer entry point: every input is a plan file, compiled (YAML loader -> typed model ->
// rules) and, when it has no errors, scheduled, exactly as `planc check` / `planc schedule` do:
// once with every threaded path forced on whatever its size (ExecutionPolicy.forceThreaded: split
// parse, libyaml on a second thread when the file is parsed whole, task list read and dependencies
// resolved in two halves, schedule beside the rules) and once all on one thread
// (ExecutionPolicy.sequential, the schedule after the rules), which must agree; and parsed whole on
// one thread, whole with libyaml on a second thread, and split in two (ParseSplit), node by node,
// which must agree too.
//
// Compiler.compile takes a path (PlanKit has no public in-memory entry point), so each input is
// written to a file in a private temporary folder, which lives on tmpfs (/dev/shm) when there is
// one. The folder holds nothing else, so `include:` globs in mutated plans see only the plan
// itself (and include cycles/self-includes are exercised) and never read the rest of the disk.
//
// Built with -parse-as-library and -sanitize=fuzzer: libFuzzer supplies `main`.
#if canImport(Glibc)
import Glibc
#endif
import PlanKit
import PlanSyntax

nonisolated(unsafe) private var planPath: String = {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    var template = Array("\(base)/planfuzz-XXXXXX".utf8CString)
    guard let dir = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    return String(cString: dir) + "/plan.yaml"
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = planPath
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { fatalError("cannot write \(path)") }
    var written = 0
    while written < size, let data {
        let count = write(descriptor, data + written, size - written)
        if count <= 0 { break }
        written += count
    }
    close(descriptor)

    // Every input through the threaded paths, forced on whatever its size, and once more all on
    // one thread; the two must agree.
    let compilation = Compiler.compile(path: path, policy: .forceThreaded)
    let inOrder = Compiler.compile(path: path, policy: .sequential)
    if compilation.diagnostics != inOrder.diagnostics {
        fatalError("the threaded paths give other diagnostics:\n\(compilation.diagnostics)\n---\n\(inOrder.diagnostics)")
    }
    if compilation.plan?.tasks.map(\.id) != inOrder.plan?.tasks.map(\.id) || compilation.schedule?.finish != inOrder.schedule?.finish {
        fatalError("the threaded paths give another plan or schedule")
    }
    // Touch the results so nothing is optimised away, and exercise the diagnostics' accessors.
    if compilation.errorCount < 0 || compilation.warningCount < 0 { fatalError("negative count") }
    // The driving chain is what error messages about missed deadlines print: walk it for the
    // last item (the plan's finish) as the rules do.
    if let schedule = compilation.schedule, let plan = compilation.plan, !plan.tasks.isEmpty {
        if schedule.drivingChain(to: plan.tasks.count - 1).count > plan.tasks.count { fatalError("chain longer than the plan") }
    }
    checkSplitParse(data, size)
    return 0
}

/// Differential check of the two threaded parses: parsed as two parts at once wherever the text
/// allows (ParseSplit), and parsed whole with libyaml on a second thread (YAMLEventSource), every
/// input must give the same tree and diagnostics as parsed whole on one thread.
private func checkSplitParse(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    func parse(_ policy: ExecutionPolicy) -> (String, [Diagnostic]) {
        let (root, diagnostics) = YAMLLoader.load(bytes, policy: policy)
        return (root?.outline ?? "nil", diagnostics)
    }
    var threadedEvents = ExecutionPolicy.sequential
    threadedEvents.threadedEventSourceBytes = 0
    let whole = parse(.parsing(split: false)), split = parse(.parsing(split: true)), threaded = parse(threadedEvents)
    if whole.0 != split.0 { fatalError("split parse gives another tree:\n\(whole.0)\n---\n\(split.0)") }
    if whole.1 != split.1 { fatalError("split parse gives other diagnostics:\n\(whole.1)\n---\n\(split.1)") }
    if whole.0 != threaded.0 { fatalError("threaded parse gives another tree:\n\(whole.0)\n---\n\(threaded.0)") }
    if whole.1 != threaded.1 { fatalError("threaded parse gives other diagnostics:\n\(whole.1)\n---\n\(threaded.1)") }
}

// SwiftPM links an executable target's entry point as `<Module>_main` and aliases `main` to it
// (`--defsym main=PlanFuzz_main`, so tests can link the module), which also keeps libFuzzer's
// own `main` out of the link. So the entry point here hands control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("PlanFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, { data, size in fuzz(data, size) })
}
