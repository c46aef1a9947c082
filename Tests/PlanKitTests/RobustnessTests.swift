import Foundation
import PlanKit
import PlanSyntax
import Testing

@Suite struct RobustnessTests {
    /// Hundreds of mutations of the example plan: each must end in diagnostics with known codes and
    /// real positions, never a crash or a hang.
    @Test func mutatedExamplePlansNeverCrash() throws {
        let original = try #require(FileManager.default.contents(atPath: repositoryRoot + "/plans/perp-v2-launch.yaml"))
        let bytes = [UInt8](original)
        let known = Set(RuleRegistry.descriptors.map(\.code))
        var random = SeededGenerator(state: 2026)
        let fixture = try PlanFixture("placeholder")
        defer { fixture.remove() }
        let interesting: [UInt8] = Array(":-[]{}&*!|>'\"%@`#,?\t\n ".utf8) + [0, 0xFF, 0xC3]
        for round in 0..<300 {
            var mutated = bytes
            for _ in 0..<(1 + round % 8) {
                let position = Int.random(in: 0..<mutated.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0: mutated[position] = interesting.randomElement(using: &random)!
                case 1: mutated.insert(interesting.randomElement(using: &random)!, at: position)
                case 2: mutated.remove(at: position)
                case 3: mutated.removeSubrange(position..<min(mutated.count, position + Int.random(in: 1...200, using: &random)))
                default:
                    // Duplicate a slice elsewhere: repeated keys, ids and anchors.
                    let end = min(mutated.count, position + Int.random(in: 1...300, using: &random))
                    let slice = mutated[position..<end]
                    mutated.insert(contentsOf: slice, at: Int.random(in: 0..<mutated.count, using: &random))
                }
                if mutated.isEmpty { mutated = [0x20] }
            }
            _ = FileManager.default.createFile(atPath: fixture.root, contents: Data(mutated))
            let compilation = Compiler.compile(path: fixture.root)
            for diagnostic in compilation.diagnostics {
                #expect(known.contains(diagnostic.code), "round \(round): unknown code \(diagnostic.code)")
                #expect(diagnostic.line >= 0 && diagnostic.column >= 0)
                #expect(!diagnostic.message.isEmpty)
            }
        }
    }

    @Test func randomBinaryJunkIsAClearError() throws {
        var random = SeededGenerator(state: 7)
        let fixture = try PlanFixture("placeholder")
        defer { fixture.remove() }
        for _ in 0..<50 {
            let junk = (0..<Int.random(in: 1...4096, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = FileManager.default.createFile(atPath: fixture.root, contents: Data(junk))
            let compilation = Compiler.compile(path: fixture.root)
            #expect(compilation.hasErrors)
        }
    }

    @Test func fileOverTheLimitIsRefusedBeforeReading() throws {
        let fixture = try PlanFixture("plan: p\nstart: 2026-12-07\ntitle: \(String(repeating: "x", count: 2000))\n")
        defer { fixture.remove() }
        var limits = Limits.default
        limits.maxFileBytes = 1024
        let diagnostics = fixture.relative(fixture.compile(limits: limits).diagnostics)
        #expect(diagnostics.map { "\($0.code) \($0.line) \($0.message)" } == ["E009 0 the file is 2,034 bytes, over the limit of 1,024 bytes"])
    }

    @Test func aFolderOrAMissingFileIsUnreadable() throws {
        let fixture = try PlanFixture("plan: p\n")
        defer { fixture.remove() }
        let folder = Compiler.compile(path: fixture.directory)
        #expect(folder.diagnostics.map(\.code) == ["E013"])
        #expect(folder.diagnostics.first?.message.hasSuffix("not a regular file") == true)
        let missing = Compiler.compile(path: fixture.directory + "/nope.yaml")
        #expect(missing.diagnostics.map(\.code) == ["E013"])
        #expect(missing.plan == nil)
    }

    @Test func longDependencyChainsDoNotOverflowTheStack() throws {
        var text = "plan: p\nstart: 2026-12-07\nrules: { W301: off }\ntasks:\n  - { id: t0, duration: 1d, after: [t49999] }\n"
        for index in 1..<50_000 { text += "  - { id: t\(index), duration: 1d, after: [t\(index - 1)] }\n" }
        let diagnostics = try diagnose(text)
        #expect(diagnostics.map(\.code) == ["E201"])
        // Every hop is found; the first and last ten are shown.
        #expect(diagnostics.first?.notes.count == 20)
        #expect(diagnostics.first?.help?.contains("one of these 50000 dependencies") == true)
    }
}
