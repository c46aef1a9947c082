#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file whole, refusing what is not a regular file or exceeds the size limit before reading it.
public enum SourceReader {
    public enum Failure: Error, Equatable {
        case cannotOpen(String)
        case notARegularFile
        case tooLarge(size: Int, limit: Int)
    }

    public static func read(path: String, limits: Limits) -> Result<[UInt8], Failure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notARegularFile) }
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
        path: String, limits: Limits, sources: SourceManager, sink: DiagnosticSink
    ) -> SourceFile? {
        switch read(path: path, limits: limits) {
        case .success(let bytes):
            return sources.add(path: path, bytes: bytes)
        case .failure(.cannotOpen(let reason)):
            sink.emit(SyntaxDiagnostics.unreadableFile, "cannot read '\(path)': \(reason.lowercased())", file: path)
        case .failure(.notARegularFile):
            sink.emit(SyntaxDiagnostics.unreadableFile, "cannot read '\(path)': not a regular file", file: path)
        case .failure(.tooLarge(let size, let limit)):
            sink.emit(
                SyntaxDiagnostics.fileTooLarge,
                "the file is \(formatBytes(size)), over the limit of \(formatBytes(limit))",
                file: path,
                help: "split the plan with `include:` or raise the limit with --max-file-size")
        }
        return nil
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
