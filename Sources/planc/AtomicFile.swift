import Foundation

/// Writes a file so that readers see either the old content or the new, never half of it: the text
/// goes to a temporary file in the same folder, is flushed, then renamed over the target.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ text: String, to path: String) throws {
        try write(bytes: Array(text.utf8), to: path)
    }

    static func write(bytes: [UInt8], to path: String) throws {
        try write(pieces: [bytes], to: path)
    }

    static func write(pieces: [[UInt8]], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((directory.isEmpty ? "." : directory) + "/.\(name).planc-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary) }
        }
        for bytes in pieces {
            if let error = writeAll(bytes, to: descriptor) {
                close(descriptor)
                throw Failure(description: String(cString: strerror(error)))
            }
        }
        // A new file from mkstemp is 0600; give the output the usual permissions.
        fchmod(descriptor, 0o644)
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        guard rename(temporary, path) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
        succeeded = true
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
        written += count
    }
    return nil
}
