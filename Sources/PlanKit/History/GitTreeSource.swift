import PlanSyntax

/// A commit's tree as a `SourceProvider`: the plan and its includes as they were at that commit,
/// read from git's object store without a checkout. Paths are named as on disk (relative to the
/// folder planc runs in, or absolute); `realPath` answers with the path the file would have in the
/// repository's folder, so the include resolver's "inside the plan's folder" checks work unchanged.
/// Trees and blobs are cached by object id in `GitObjectCache`, shared by every commit of a walk.
public final class GitTreeSource: SourceProvider, @unchecked Sendable {
    let cache: GitObjectCache
    let rootTree: String
    /// The working folder's path inside the repository ("" at its top), for relative paths.
    let prefix: String
    /// The files read, by repository path and blob id, in the order read.
    public private(set) var reads: [(path: String, blob: String)] = []
    /// The blob id of each file read, by the path it was named by.
    private var blobs: [String: String] = [:]
    /// The first failure to talk to git (a broken pipe, a corrupt object), if any.
    public private(set) var failure: GitRepository.Failure?

    public init(cache: GitObjectCache, tree: String, prefix: String) {
        self.cache = cache
        self.rootTree = tree
        self.prefix = prefix
    }

    var root: String { cache.repository.root }

    /// A path as named (relative to the working folder, or absolute) as components from the
    /// repository's top, `.` and `..` applied; nil outside the repository.
    func components(_ path: String) -> [String]? {
        let full: String
        if path.hasPrefix("/") {
            guard path == root || path.hasPrefix(root + "/") else { return nil }
            full = String(path.dropFirst(root.count))
        } else {
            full = prefix.isEmpty ? path : prefix + "/" + path
        }
        return IncludeResolver.components(of: full)
    }

    /// The entry at `components`, following symbolic links inside the repository (at most 40).
    func resolve(_ components: [String], hops: Int = 0) -> (entry: GitTreeEntry, path: [String])? {
        guard hops < 40 else { return nil }
        var tree = rootTree
        var resolved: [String] = []
        var current = GitTreeEntry(mode: .tree, id: rootTree)
        for (index, name) in components.enumerated() {
            guard current.mode == .tree, let entries = cached(tree), let entry = entries[name] else { return nil }
            if entry.mode == .symlink {
                guard let target = cached(blob: entry.id), !target.hasPrefix("/") else { return nil }
                var next = resolved
                var escaped = false
                for part in target.split(separator: "/", omittingEmptySubsequences: true) {
                    if part == "." { continue }
                    if part == ".." {
                        if next.isEmpty { escaped = true; break }
                        next.removeLast()
                    } else {
                        next.append(String(part))
                    }
                }
                guard !escaped else { return nil }
                return resolve(next + components[(index + 1)...], hops: hops + 1)
            }
            resolved.append(name)
            current = entry
            if entry.mode == .tree { tree = entry.id }
        }
        return (current, resolved)
    }

    func cached(_ tree: String) -> [String: GitTreeEntry]? {
        do { return try cache.tree(tree) } catch {
            failure = failure ?? error
            return nil
        }
    }

    func cached(blob: String) -> String? {
        do { return try cache.blob(blob, limit: 4096).map { String(decoding: $0, as: UTF8.self) } } catch {
            failure = failure ?? error
            return nil
        }
    }

    // MARK: - SourceProvider

    public func read(path: String, limits: Limits) -> Result<[UInt8], SourceReader.Failure> {
        guard let parts = components(path), let (entry, resolved) = resolve(parts) else {
            return .failure(.cannotOpen("No such file or directory"))
        }
        switch entry.mode {
        case .tree: return .failure(.notARegularFile("a folder"))
        case .submodule: return .failure(.notARegularFile("a submodule"))
        case .symlink: return .failure(.cannotOpen("No such file or directory"))
        case .file: break
        }
        do {
            guard let object = try cache.repository.object(entry.id, limit: limits.maxFileBytes) else {
                return .failure(.cannotOpen("object \(entry.id) is missing from the repository"))
            }
            if case .tooLarge(let size) = object.content { return .failure(.tooLarge(size: size, limit: limits.maxFileBytes)) }
            reads.append((resolved.joined(separator: "/"), entry.id))
            blobs[path] = entry.id
            return .success(object.bytes)
        } catch {
            failure = failure ?? error
            return .failure(.cannotOpen(error.message))
        }
    }

    /// The blob id of the file read at `path` (as named), nil when it was not read.
    func blob(read path: String) -> String? { blobs[path] }

    public func realPath(_ path: String) -> String? {
        guard let parts = components(path), let (_, resolved) = resolve(parts) else { return nil }
        return resolved.isEmpty ? root : root + "/" + resolved.joined(separator: "/")
    }

    public func list(_ directory: String) -> [String] {
        guard let parts = components(directory), let (entry, _) = resolve(parts), entry.mode == .tree,
              let entries = cached(entry.id) else { return [] }
        return Array(entries.keys)
    }

    public func isFolder(_ path: String) -> Bool {
        guard let parts = components(path), let (entry, _) = resolve(parts) else { return false }
        return entry.mode == .tree
    }

    public func exists(_ path: String) -> Bool {
        guard let parts = components(path) else { return false }
        return resolve(parts) != nil
    }
}

/// One entry of a git tree.
public struct GitTreeEntry: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case file, tree, symlink, submodule
    }

    public let mode: Mode
    public let id: String
}

/// Trees (parsed) and small blobs by object id: the same folder or fragment at many commits is
/// read from git once.
public final class GitObjectCache: @unchecked Sendable {
    public let repository: GitRepository
    private var trees: [String: [String: GitTreeEntry]] = [:]
    private var blobs: [String: [UInt8]] = [:]

    public init(repository: GitRepository) {
        self.repository = repository
    }

    public func tree(_ id: String) throws(GitRepository.Failure) -> [String: GitTreeEntry]? {
        if let entries = trees[id] { return entries }
        guard let object = try repository.object(id), object.type == "tree" else { return nil }
        let entries = GitObjectCache.parseTree(object.bytes)
        trees[id] = entries
        return entries
    }

    public func blob(_ id: String, limit: Int) throws(GitRepository.Failure) -> [UInt8]? {
        if let bytes = blobs[id] { return bytes }
        guard let object = try repository.object(id, limit: limit), object.type == "blob",
              case .bytes(let bytes) = object.content else { return nil }
        blobs[id] = bytes
        return bytes
    }

    /// `<mode> <name>\0<binary id>` entries; the id is 20 bytes (SHA-1) or 32 (SHA-256), told
    /// apart by the tree's length working out.
    static func parseTree(_ bytes: [UInt8]) -> [String: GitTreeEntry] {
        for width in [20, 32] {
            if let entries = parseTree(bytes, idWidth: width) { return entries }
        }
        return [:]
    }

    static func parseTree(_ bytes: [UInt8], idWidth: Int) -> [String: GitTreeEntry]? {
        var entries: [String: GitTreeEntry] = [:]
        var index = 0
        let hex = Array("0123456789abcdef".utf8)
        while index < bytes.count {
            guard let space = bytes[index...].firstIndex(of: 0x20),
                  let zero = bytes[space...].firstIndex(of: 0), zero + idWidth < bytes.count + 1 else { return nil }
            let mode = String(decoding: bytes[index..<space], as: UTF8.self)
            let name = String(decoding: bytes[(space + 1)..<zero], as: UTF8.self)
            var id = [UInt8]()
            id.reserveCapacity(idWidth * 2)
            for byte in bytes[(zero + 1)..<(zero + 1 + idWidth)] {
                id.append(hex[Int(byte >> 4)])
                id.append(hex[Int(byte & 15)])
            }
            let kind: GitTreeEntry.Mode
            switch mode {
            case "40000": kind = .tree
            case "120000": kind = .symlink
            case "160000": kind = .submodule
            case "100644", "100755", "100664": kind = .file
            default: return nil
            }
            entries[name] = GitTreeEntry(mode: kind, id: String(decoding: id, as: UTF8.self))
            index = zero + 1 + idWidth
        }
        return entries
    }
}
