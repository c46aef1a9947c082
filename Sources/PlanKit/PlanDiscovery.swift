import Foundation
import PlanSyntax

/// Finds the root plans among the paths given on the command line: files as they are, folders
/// searched recursively for `*.yaml`/`*.yml` files whose top level has a `plan:` key (fragments and
/// metrics files are skipped). Hidden folders, `node_modules` and symbolic links to folders are not
/// searched; FIFOs, sockets and devices are skipped. A root plan that is a symbolic link out of the
/// folder is listed with the folder it was found in, and compiling it reports E111.
public enum PlanDiscovery {
    public struct Result: Sendable {
        public var plans: [String] = []
        /// Portfolio files found in the folders searched (files named directly are in `plans`).
        public var portfolios: [String] = []
        /// Paths that do not exist.
        public var missing: [String] = []
        /// The folder each plan found in a folder was searched from: no plan may resolve outside it.
        public var folders: [String: String] = [:]

        /// The folder `plan` was named in, for `Compiler.compile(path:within:)`; nil for a plan
        /// named as a file (its own folder).
        public func folder(of plan: String) -> String? { folders[plan] }
    }

    public static func find(_ paths: [String]) -> Result {
        var result = Result()
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                result.missing.append(path)
                continue
            }
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                result.plans.append(path)
                continue
            }
            let base = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            var found: [String] = [], portfolios: [String] = []
            search(base, into: &found, portfolios: &portfolios)
            for plan in found.sorted() {
                result.plans.append(plan)
                result.folders[plan] = base
            }
            for portfolio in portfolios.sorted() {
                result.portfolios.append(portfolio)
                result.folders[portfolio] = base
            }
        }
        return result
    }

    private static func search(_ folder: String, into found: inout [String], portfolios: inout [String]) {
        for name in IncludeResolver.list(folder).sorted() {
            if name.hasPrefix(".") || name == "node_modules" { continue }
            let full = folder == "/" ? "/" + name : folder + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                search(full, into: &found, portfolios: &portfolios)
            case S_IFREG, S_IFLNK:
                // A root plan linked from outside is listed, to be refused with E111 when compiled;
                // a fragment linked from outside is no plan, and is skipped like any fragment.
                // (isRootPlan opens only regular files, without waiting.)
                if isYAML(name), isRootPlan(full) {
                    found.append(full)
                } else if isYAML(name), hasTopLevelKey(full, "portfolio") {
                    portfolios.append(full)
                }
            default:
                continue  // FIFOs, sockets, devices: never opened
            }
        }
    }

    private static func isYAML(_ name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// A root plan has `plan:` at the start of a line at the top level. Only the first 64 KiB are
    /// looked at: `plan:` is conventionally the first key. What is not a regular file is not one.
    public static func isRootPlan(_ path: String, source: any SourceProvider = DiskSource.shared) -> Bool {
        hasTopLevelKey(path, "plan", source: source)
    }

    /// Whether `key:` starts a line in the first 64 KiB of a regular file (of the disk, or of
    /// another source such as a commit's tree).
    public static func hasTopLevelKey(_ path: String, _ key: String, source: any SourceProvider = DiskSource.shared) -> Bool {
        guard source === DiskSource.shared else {
            guard case .success(let bytes) = source.read(path: path, limits: .default) else { return false }
            return startsALine(key, in: bytes.prefix(64 << 10))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        var data = [UInt8](repeating: 0, count: 64 << 10)
        var filled = 0
        while filled < data.count {
            let count = data.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            filled += count
        }
        data.removeLast(data.count - filled)
        return startsALine(key, in: data[...])
    }

    /// `key`, then spaces, then `:` at the start of a line.
    static func startsALine(_ key: String, in data: ArraySlice<UInt8>) -> Bool {
        var atLineStart = true
        var index = data.startIndex
        let pattern = Array(key.utf8), count = pattern.count
        while index < data.endIndex {
            let byte = data[index]
            if atLineStart, byte == pattern[0], data.endIndex - index > count,
               Array(data[index..<index + count]) == pattern {
                var next = index + count
                while next < data.endIndex, data[next] == 0x20 { next += 1 }
                if next < data.endIndex, data[next] == 0x3A { return true }
            }
            atLineStart = byte == 0x0A
            index += 1
        }
        return false
    }
}
