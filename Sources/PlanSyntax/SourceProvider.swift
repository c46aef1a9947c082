#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a plan's files come from: the disk (every command), or one commit's tree in a git
/// repository (`planc trend`, which compiles old revisions without checking them out). The loader
/// and the include resolver read files, resolve paths and list folders only through this.
public protocol SourceProvider: AnyObject, Sendable {
    /// The file's bytes, refusing what is not a regular file or is over the size limit.
    func read(path: String, limits: Limits) -> Result<[UInt8], SourceReader.Failure>
    /// The path with every symbolic link and `.`/`..` resolved, or nil when it does not exist.
    func realPath(_ path: String) -> String?
    /// The names in a folder (no `.` or `..`), in no particular order.
    func list(_ directory: String) -> [String]
    func isFolder(_ path: String) -> Bool
    /// True when something is at `path` (a dangling symbolic link included).
    func exists(_ path: String) -> Bool
}

/// The file system, as planc has always read it.
public final class DiskSource: SourceProvider {
    public static let shared = DiskSource()

    public init() {}

    public func read(path: String, limits: Limits) -> Result<[UInt8], SourceReader.Failure> {
        SourceReader.read(path: path, limits: limits)
    }

    public func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public func list(_ directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    public func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func exists(_ path: String) -> Bool {
        if access(path, F_OK) == 0 { return true }
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}
