import Foundation
import PlanSyntax

/// A git repository read through the `git` program: commands run with their arguments passed
/// straight to git (never through a shell), and objects read from one long-lived
/// `git cat-file --batch`, so that a walk over hundreds of commits starts git a handful of times.
/// Nothing here checks anything out or writes to the repository.
public final class GitRepository: @unchecked Sendable {
    public struct Failure: Error, Equatable {
        public let message: String
        public init(_ message: String) { self.message = message }
    }

    /// The repository's top folder, symbolic links resolved.
    public let root: String
    private var batch: ObjectBatch?

    /// The repository that holds `folder`. Fails when git cannot be run or `folder` is not in one.
    public init(containing folder: String) throws(Failure) {
        let top = GitRepository.run(["rev-parse", "--show-toplevel"], in: folder)
        if top.status == 127 {
            throw Failure("git is not installed, or not on PATH: planc trend reads the plan's history with it")
        }
        guard top.status == 0, let root = DiskSource.shared.realPath(String(decoding: top.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            let reason = top.error.trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure("\(folder) is not in a git repository\(reason.isEmpty ? "" : " (git: \(reason))")")
        }
        self.root = root
    }

    deinit { batch?.close() }

    /// Runs git in the repository; its status, standard output and standard error.
    public func run(_ arguments: [String]) -> (status: Int32, output: [UInt8], error: String) {
        GitRepository.run(arguments, in: root)
    }

    static func run(_ arguments: [String], in directory: String) -> (status: Int32, output: [UInt8], error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, [], "cannot run git: \(error)") }
        // Standard error on another thread, so that neither pipe fills up while the other is read.
        let errors = ErrorCollector(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](output), String(decoding: errors.wait(), as: UTF8.self))
    }

    /// Git never prompts, pages or takes optional locks on the repository it reads.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        return environment
    }()

    /// An object by id (or any name `git cat-file` takes): its type and content; nil when it does
    /// not exist. Content over `limit` bytes is skipped and given as `.tooLarge(size)`.
    public func object(_ name: String, limit: Int = Int.max) throws(Failure) -> GitObject? {
        if batch == nil { batch = try ObjectBatch(root: root) }
        return try batch!.object(name, limit: limit)
    }
}

/// An object read from the repository.
public struct GitObject: Sendable {
    public enum Content: Sendable {
        case bytes([UInt8])
        case tooLarge(Int)
    }

    public let id: String
    public let type: String
    public let content: Content

    public var bytes: [UInt8] {
        if case .bytes(let bytes) = content { return bytes }
        return []
    }
}

/// Reads a pipe to its end on another thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// `git cat-file --batch`: one request per line in, `<id> <type> <size>\n<content>\n` (or
/// `<name> missing\n`) out.
private final class ObjectBatch {
    let process = Process()
    let input: FileHandle
    let output: Int32
    var buffer: [UInt8] = []
    var position = 0

    init(root: String) throws(GitRepository.Failure) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root, "cat-file", "--batch"]
        process.environment = GitRepository.environment
        let inPipe = Pipe(), outPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw GitRepository.Failure("git is not installed, or not on PATH: \(error)")
        }
        input = inPipe.fileHandleForWriting
        output = outPipe.fileHandleForReading.fileDescriptor
        outPipeHandle = outPipe.fileHandleForReading
    }

    private let outPipeHandle: FileHandle

    func close() {
        try? input.close()
        process.waitUntilExit()
    }

    func object(_ name: String, limit: Int) throws(GitRepository.Failure) -> GitObject? {
        // A name with a line break would be two requests: refuse it (ids and paths from git never have one).
        guard !name.contains(where: { $0 == "\n" || $0 == "\r" }) else { return nil }
        do { try input.write(contentsOf: Array((name + "\n").utf8)) } catch {
            throw GitRepository.Failure("git cat-file stopped: \(error)")
        }
        let header = try line()
        let fields = header.split(separator: " ")
        if fields.last == "missing" || fields.last == "ambiguous" || fields.count != 3 { return nil }
        guard let size = Int(fields[2]), size >= 0 else { throw GitRepository.Failure("git cat-file answered '\(header)'") }
        let content: GitObject.Content
        if size > limit {
            try skip(size + 1)
            content = .tooLarge(size)
        } else {
            let bytes = try take(size + 1)
            content = .bytes(Array(bytes.dropLast()))
        }
        return GitObject(id: String(fields[0]), type: String(fields[1]), content: content)
    }

    private func fill() throws(GitRepository.Failure) {
        if position > 0, position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        } else if position > 1 << 20 {
            buffer.removeFirst(position)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { Foundation.read(output, $0.baseAddress!, 1 << 16) }
        if count < 0, errno == EINTR { return }
        guard count > 0 else { throw GitRepository.Failure("git cat-file ended early") }
        buffer.append(contentsOf: chunk[..<count])
    }

    private func line() throws(GitRepository.Failure) -> String {
        while true {
            if let end = buffer[position...].firstIndex(of: 0x0A) {
                let text = String(decoding: buffer[position..<end], as: UTF8.self)
                position = end + 1
                return text
            }
            try fill()
        }
    }

    private func take(_ count: Int) throws(GitRepository.Failure) -> ArraySlice<UInt8> {
        while buffer.count - position < count { try fill() }
        let slice = buffer[position..<(position + count)]
        position += count
        return slice
    }

    private func skip(_ count: Int) throws(GitRepository.Failure) {
        var left = count
        while left > 0 {
            if position == buffer.count { try fill() }
            let taken = min(left, buffer.count - position)
            position += taken
            left -= taken
            if position == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                position = 0
            }
        }
    }
}
