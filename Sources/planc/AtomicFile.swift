import Foundation
import PlanSyntax

/// Writes a file so that readers see either the old content or the new, never half of it: the text
/// goes to a temporary file in the same folder as the target, is flushed, then renamed over it.
/// A symbolic link is written through (its target is replaced, the link stays); an existing file
/// keeps its permissions (a new one gets the umask's); a folder, a FIFO, a device or a file this
/// run has read is refused and left exactly as it was.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String

        init(_ description: String) { self.description = description }

        static func errno(_ code: Int32 = Foundation.errno) -> Failure { Failure(String(cString: strerror(code)).lowercased()) }
    }

    static func write(_ text: String, to path: String) throws {
        try write(bytes: Array(text.utf8), to: path)
    }

    static func write(bytes: [UInt8], to path: String) throws {
        try write(pieces: [bytes], to: path)
    }

    static func write(pieces: [[UInt8]], to path: String) throws {
        let (target, existing) = try resolve(path)
        let mode: mode_t
        if let existing {
            guard (existing.st_mode & S_IFMT) == S_IFREG else {
                throw Failure("it is \(SourceReader.kind(of: existing.st_mode)); planc writes only regular files")
            }
            if RunInputs.contains(device: UInt64(existing.st_dev), inode: UInt64(existing.st_ino)) {
                throw Failure("it is one of this run's inputs")
            }
            mode = existing.st_mode & 0o7777
        } else {
            let mask = umask(0o022)
            umask(mask)
            mode = 0o666 & ~mask
        }
        let directory = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(name).planc-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure.errno() }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var open = true
        var succeeded = false
        defer {
            if open { close(descriptor) }
            if !succeeded { unlink(temporary) }
        }
        for bytes in pieces {
            if let error = writeAll(bytes, to: descriptor) { throw Failure.errno(error) }
        }
        // mkstemp creates the file 0600.
        guard fchmod(descriptor, mode) == 0 else { throw Failure.errno() }
        guard fsync(descriptor) == 0 else { throw Failure.errno() }
        open = false
        guard close(descriptor) == 0 else { throw Failure.errno() }
        guard rename(temporary, target) == 0 else { throw Failure.errno() }
        succeeded = true
    }

    /// The file a write to `path` replaces, following symbolic links, and its status when it exists.
    static func resolve(_ path: String) throws -> (target: String, existing: stat?) {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            if lstat(current, &info) != 0 {
                if errno == ENOENT { return (current, nil) }
                throw Failure.errno()
            }
            guard (info.st_mode & S_IFMT) == S_IFLNK else { return (current, info) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw Failure.errno() }
            let destination = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        throw Failure.errno(ELOOP)
    }
}

/// Standard output, written with write(2) so that every failure is seen. A reader that closes the
/// pipe early (`planc schedule | head`) has all it wants: the rest is dropped quietly and the exit
/// status is the command's own. Any other failure (a full disk, `> /dev/full`) is an error.
enum StandardOutput {
    nonisolated(unsafe) private static var closedByReader = false

    static func write(_ bytes: [UInt8]) throws {
        if closedByReader { return }
        guard let error = writeAll(bytes, to: STDOUT_FILENO) else { return }
        if error == EPIPE {
            closedByReader = true
            return
        }
        throw AtomicFile.Failure.errno(error)
    }
}

/// Writes all of `bytes` to `descriptor`, retrying interrupted and partial writes; the `errno` of
/// a failure, or nil.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    var written = 0
    while written < bytes.count {
        let count = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
        if count < 0 {
            if errno == EINTR { continue }
            return errno
        }
        if count == 0 { return EIO }
        written += count
    }
    return nil
}
