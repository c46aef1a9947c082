import PlanSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a root plan's `include:` patterns to files, relative to the root plan's folder, and
/// refuses any that leave that folder, by `..`, by an absolute path or through a symbolic link.
struct IncludeResolver {
    let rootFile: SourceFile
    let sink: DiagnosticSink

    var rootDirectory: String {
        guard let slash = rootFile.path.lastIndex(of: "/") else { return "." }
        let directory = String(rootFile.path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    func resolve(_ patterns: [Located<String>]) -> [String] {
        guard !patterns.isEmpty else { return [] }
        let directory = rootDirectory
        guard let realRoot = IncludeResolver.realPath(directory) else { return [] }
        let realRootFile = IncludeResolver.realPath(rootFile.path)
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
            let joined = directory == "." ? text : directory + "/" + text
            let isGlob = text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
            let matches = isGlob ? IncludeResolver.glob(joined) : [joined]
            if isGlob, matches.isEmpty {
                sink.emit(LoadDiagnostics.includeNotFound, "include pattern '\(text)' matches no file", at: pattern.location)
                continue
            }
            for path in matches {
                guard let real = IncludeResolver.realPath(path) else {
                    sink.emit(LoadDiagnostics.includeNotFound, "included file '\(text)' does not exist", at: pattern.location,
                              help: suggestion(for: path) ?? "paths are relative to the plan's folder, \(directory)/")
                    continue
                }
                guard real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
                    sink.emit(LoadDiagnostics.includeOutsideRoot,
                              "include '\(text)' resolves to '\(real)', outside the plan's folder \(realRoot)",
                              at: pattern.location,
                              help: "keep included files in the root plan's folder or below it (symbolic links are followed)")
                    continue
                }
                if real == realRootFile {
                    sink.emit(LoadDiagnostics.invalidFragment, "a plan cannot include itself", at: pattern.location)
                    continue
                }
                if seen.insert(real).inserted { result.append(path) }
            }
        }
        return result
    }

    /// "did you mean 'teams/risk.yaml'?" from the YAML files next to the one that is missing.
    func suggestion(for path: String) -> String? {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let candidates = IncludeResolver.glob(directory + "/*.y*ml").map { candidate -> String in
            candidate.lastIndex(of: "/").map { String(candidate[candidate.index(after: $0)...]) } ?? candidate
        }
        return Suggestion.closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }
}
