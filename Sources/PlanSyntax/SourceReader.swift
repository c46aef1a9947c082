#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file whole, refusing what is not a regular file or exceeds the size limit before reading it.
public enum SourceReader {
    public enum Failure: Error, Equatable {
        case cannotOpen(String)
        /// A folder, FIFO, socket or device: what it is, e.g. "a FIFO".
        case notARegularFile(String)
        case tooLarge(size: Int, limit: Int)
    }

    public static func read(path: String, limits: Limits) -> Result<[UInt8], Failure> {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, for ever. It
        // changes nothing for the regular file that is all this reads.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notARegularFile(kind(of: info.st_mode))) }
        RunInputs.record(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        let size = Int(info.st_size)
        guard size <= limits.maxFileBytes else { return .failure(.tooLarge(size: size, limit: limits.maxFileBytes)) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, size - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.cannotOpen(String(cString: strerror(errno))))
            }
            if count == 0 { break }  // the file shrank while we read it
            filled += count
        }
        if filled < size { bytes.removeLast(size - filled) }
        return .success(bytes)
    }

    /// Reads a file into `sources`, reporting why it could not be read.
    public static func load(
        path: String, limits: Limits, sources: SourceManager, sink: DiagnosticSink, from source: any SourceProvider = DiskSource.shared
    ) -> SourceFile? {
        switch source.read(path: path, limits: limits) {
        case .success(let bytes):
            return sources.add(path: path, bytes: bytes)
        case .failure(.cannotOpen(let reason)):
            sink.emit(SyntaxDiagnostics.unreadableFile, "cannot read '\(path)': \(reason.lowercased())", file: path)
        case .failure(.notARegularFile(let kind)):
            sink.emit(SyntaxDiagnostics.unreadableFile, "cannot read '\(path)': it is \(kind), not a regular file", file: path)
        case .failure(.tooLarge(let size, let limit)):
            sink.emit(
                SyntaxDiagnostics.fileTooLarge,
                "the file is \(formatBytes(size)), over the limit of \(formatBytes(limit))",
                file: path,
                help: "split the plan with `include:` or raise the limit with --max-file-size")
        }
        return nil
    }

    /// What a file that is not a regular one is, for a message: "a folder", "a FIFO" ...
    public static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// `2,030 bytes` below a mebibyte, `300.5 MiB` above.
    static func formatBytes(_ count: Int) -> String {
        if count >= 1 << 20 {
            let tenths = (count * 10) >> 20
            return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
        }
        var digits = String(count)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return digits + grouped + " bytes"
    }
}

/// The files this run has read (by device and inode), so that `--output` can refuse to overwrite
/// one of them: the plan, an included fragment, a metrics file, a diff side.
public enum RunInputs {
    private struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    nonisolated(unsafe) private static var identities = Set<Identity>()
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    private static let initialised: Bool = {
        pthread_mutex_init(&lock, nil)
        return true
    }()

    static func record(device: UInt64, inode: UInt64) {
        _ = initialised
        pthread_mutex_lock(&lock)
        identities.insert(Identity(device: device, inode: inode))
        pthread_mutex_unlock(&lock)
    }

    /// True when the file with this device and inode was read as an input of this run.
    public static func contains(device: UInt64, inode: UInt64) -> Bool {
        _ = initialised
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return identities.contains(Identity(device: device, inode: inode))
    }
}
