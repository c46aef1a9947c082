import PlanSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a root plan's `include:` patterns to files, relative to the root plan's folder, and
/// refuses any that leave that folder, by `..`, by an absolute path or through a symbolic link.
/// A glob is matched inside the folder only: a pattern that climbs out is refused before anything
/// is listed, and a symbolic link to a folder outside is refused, not listed.
struct IncludeResolver {
    let rootFile: SourceFile
    let sink: DiagnosticSink
    /// Where the files are: the disk, or a commit's tree.
    var source: any SourceProvider = DiskSource.shared

    /// The E111s reported for one `include:` entry; a note on the last counts the rest.
    static let escapesReportedPerEntry = 3

    var rootDirectory: String {
        IncludeResolver.folder(of: rootFile.path)
    }

    func resolve(_ patterns: [Located<String>]) -> [String] {
        guard !patterns.isEmpty else { return [] }
        let directory = rootDirectory
        guard let realRoot = source.realPath(directory) else { return [] }
        let realRootFile = source.realPath(rootFile.path)
        var seen = Set<String>()
        var result: [String] = []
        for pattern in patterns {
            let text = pattern.value
            if text.isEmpty {
                sink.emit(LoadDiagnostics.includeNotFound, "an include path is empty", at: pattern.location)
                continue
            }
            if text.hasPrefix("/") {
                sink.emit(LoadDiagnostics.includeOutsideRoot,
                          "include '\(text)' is an absolute path; includes are relative to the plan's folder",
                          at: pattern.location, help: "write the path relative to \(directory)/")
                continue
            }
            guard let components = IncludeResolver.components(of: text) else {
                sink.emit(LoadDiagnostics.includeOutsideRoot,
                          "include '\(text)' leaves the plan's folder \(realRoot) by '..'",
                          at: pattern.location, help: "keep included files in the root plan's folder or below it")
                continue
            }
            let isGlob = text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
            var escapes: [(path: String, real: String)] = []
            let matches: [String]
            if isGlob {
                matches = IncludeResolver.glob(components, in: directory, realRoot: realRoot, escapes: &escapes, source: source)
                if matches.isEmpty, escapes.isEmpty {
                    sink.emit(LoadDiagnostics.includeNotFound, "include pattern '\(text)' matches no file", at: pattern.location)
                    continue
                }
            } else {
                matches = [directory == "." ? text : directory + "/" + text]
            }
            for path in matches {
                guard let real = source.realPath(path) else {
                    sink.emit(LoadDiagnostics.includeNotFound, "included file '\(text)' does not exist", at: pattern.location,
                              help: suggestion(for: path, realRoot: realRoot) ?? "paths are relative to the plan's folder, \(directory)/")
                    continue
                }
                guard IncludeResolver.isInside(real, realRoot) else {
                    escapes.append((path, real))
                    continue
                }
                if real == realRootFile {
                    sink.emit(LoadDiagnostics.invalidFragment, "a plan cannot include itself", at: pattern.location)
                    continue
                }
                if seen.insert(real).inserted { result.append(path) }
            }
            report(escapes, of: pattern, realRoot: realRoot)
        }
        return result
    }

    /// One E111 for each of the first few files or folders that resolve outside; a note counts the rest.
    func report(_ escapes: [(path: String, real: String)], of pattern: Located<String>, realRoot: String) {
        let text = pattern.value
        let shown = escapes.prefix(IncludeResolver.escapesReportedPerEntry)
        for (index, escape) in shown.enumerated() {
            let what = text.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" })
                ? "'\(text)' matches '\(IncludeResolver.relative(escape.path, to: rootDirectory))', which" : "'\(text)'"
            let rest = escapes.count - shown.count
            var notes: [(String, SourceLocation)] = []
            if index == shown.count - 1, rest > 0 {
                notes.append(("\(rest) more \(rest == 1 ? "match resolves" : "matches resolve") outside the plan's folder, not reported", pattern.location))
            }
            sink.emit(LoadDiagnostics.includeOutsideRoot,
                      "include \(what) resolves to '\(escape.real)', outside the plan's folder \(realRoot)",
                      at: pattern.location,
                      help: "keep included files in the root plan's folder or below it (symbolic links are followed)",
                      notes: notes)
        }
    }

    /// "did you mean 'teams/risk.yaml'?" from the YAML files next to the one that is missing, when
    /// that folder is inside the plan's.
    func suggestion(for path: String, realRoot: String) -> String? {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let realDirectory = source.realPath(directory),
              realDirectory == realRoot || IncludeResolver.isInside(realDirectory, realRoot) else { return nil }
        let candidates = source.list(directory).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        return Suggestion.closest(to: name, in: candidates.sorted()).map { "did you mean '\($0)'?" }
    }

    // MARK: - Paths

    /// The folder a file was named in: `a/b` for `a/b/plan.yaml`, `.` for `plan.yaml`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    static func isInside(_ real: String, _ realFolder: String) -> Bool {
        real.hasPrefix(realFolder == "/" ? "/" : realFolder + "/")
    }

    /// A relative path's components with `.` dropped and `..` applied, or nil when `..` climbs
    /// above the starting folder.
    static func components(of relativePath: String) -> [String]? {
        var result: [String] = []
        for component in relativePath.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                if result.isEmpty { return nil }
                result.removeLast()
            default: result.append(String(component))
            }
        }
        return result
    }

    static func relative(_ path: String, to directory: String) -> String {
        directory == "." ? path : (path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path)
    }

    /// A root plan, named on the command line or found in a folder, that resolves outside the
    /// folder it was named in (through a symbolic link) is refused like an include that escapes:
    /// E111, and nothing is read. True when refused.
    static func refuseOutside(path: String, folder: String?, sink: DiagnosticSink,
                              source: any SourceProvider = DiskSource.shared) -> Bool {
        let folder = folder ?? IncludeResolver.folder(of: path)
        guard let real = source.realPath(path), let realFolder = source.realPath(folder) else { return false }  // E013 follows
        guard !isInside(real, realFolder) else { return false }
        sink.emit(LoadDiagnostics.includeOutsideRoot,
                  "'\(path)' resolves to '\(real)', outside the folder it was named in, \(realFolder)",
                  file: path,
                  help: "planc reads only files inside the folder a plan is named in (symbolic links are followed)")
        return true
    }

    static func realPath(_ path: String) -> String? { DiskSource.shared.realPath(path) }

    /// The names in a folder, without `.` and `..`.
    static func list(_ directory: String) -> [String] { DiskSource.shared.list(directory) }

    /// Matches glob `components` one folder at a time from `directory`, like glob(3) but never
    /// listing a folder that resolves outside `realRoot`: such a folder is added to `escapes`.
    static func glob(_ components: [String], in directory: String, realRoot: String,
                     escapes: inout [(path: String, real: String)], source: any SourceProvider) -> [String] {
        var current = [directory]
        for (index, component) in components.enumerated() {
            let last = index == components.count - 1
            let isPattern = component.contains { $0 == "*" || $0 == "?" || $0 == "[" }
            var next: [String] = []
            for folder in current {
                let prefix = folder == "." ? "" : (folder == "/" ? "/" : folder + "/")
                if index > 0 {
                    // Every folder listed or descended into must be inside the plan's folder.
                    guard let real = source.realPath(folder) else { continue }
                    guard real == realRoot || isInside(real, realRoot) else {
                        escapes.append((folder, real))
                        continue
                    }
                }
                if !isPattern {
                    let path = prefix + component
                    if last || source.isFolder(path) { next.append(path) }
                    continue
                }
                for name in source.list(folder).sorted() where fnmatch(component, name, FNM_PERIOD) == 0 {
                    let path = prefix + name
                    if last || source.isFolder(path) { next.append(path) }
                }
            }
            current = next
        }
        if components.isEmpty { return [] }
        return current.filter { source.exists($0) }.sorted()
    }
}
