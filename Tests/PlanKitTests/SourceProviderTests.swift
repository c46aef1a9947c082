import PlanKit
import PlanSyntax
import Testing

/// Files held in memory, under a made-up folder `/mem`: the loader's seam, as `planc trend` uses
/// it with a commit's tree.
final class MemorySource: SourceProvider, @unchecked Sendable {
    let files: [String: String]
    private(set) var read: [String] = []

    init(_ files: [String: String]) {
        self.files = files
    }

    func normalized(_ path: String) -> String? {
        var parts: [String] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    func read(path: String, limits: Limits) -> Result<[UInt8], SourceReader.Failure> {
        guard let key = normalized(path), let text = files[key] else { return .failure(.cannotOpen("No such file or directory")) }
        read.append(key)
        return .success(Array(text.utf8))
    }

    func realPath(_ path: String) -> String? {
        guard let key = normalized(path) else { return "/elsewhere" }
        guard key.isEmpty || files[key] != nil || isFolder(path) else { return nil }
        return key.isEmpty ? "/mem" : "/mem/" + key
    }

    func list(_ directory: String) -> [String] {
        guard let key = normalized(directory) else { return [] }
        let prefix = key.isEmpty ? "" : key + "/"
        return Array(Set(files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count).split(separator: "/")[0]) }))
    }

    func isFolder(_ path: String) -> Bool {
        guard let key = normalized(path) else { return false }
        return key.isEmpty || files.keys.contains { $0.hasPrefix(key + "/") }
    }

    func exists(_ path: String) -> Bool { realPath(path) != nil }
}

@Suite struct SourceProviderTests {
    @Test func aPlanAndItsGlobbedIncludesCompileFromAnotherSource() {
        let source = MemorySource([
            "plans/p.yaml": "plan: p\nstart: 2026-12-07\ninclude: [teams/*.yaml]\ntasks:\n  - { id: a, duration: 2d, owner: x }\n",
            "plans/teams/b.yaml": "tasks:\n  - { id: b, duration: 1d, owner: x, after: [a] }\n",
            "plans/teams/notes.txt": "not yaml\n",
        ])
        let compilation = Compiler.compile(path: "plans/p.yaml", source: source)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics.map(\.message))")
        #expect(compilation.plan?.tasks.map(\.id.value) == ["a", "b"])
        #expect(compilation.schedule?.finish == Day(iso: "2026-12-09"))
        #expect(source.read == ["plans/p.yaml", "plans/teams/b.yaml"])
    }

    @Test func theFolderRuleAndMissingFilesAreTheLoadersOwn() {
        let source = MemorySource([
            "plans/p.yaml": "plan: p\nstart: 2026-12-07\ninclude: [../secret.yaml, gone.yaml]\n",
            "secret.yaml": "tasks: []\n",
        ])
        let codes = Compiler.compile(path: "plans/p.yaml", source: source).diagnostics.map { "\($0.line):\($0.column) \($0.code)" }
        #expect(codes == ["3:11 E111", "3:27 E110"])
        #expect(source.read == ["plans/p.yaml"])
    }
}
