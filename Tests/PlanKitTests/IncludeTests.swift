import Foundation
import PlanKit
import PlanSyntax
import Testing

@Suite struct IncludeTests {
    @Test func fragmentsAreAppendedInIncludeOrderGlobsSorted() throws {
        let fixture = try PlanFixture(files: [
            ("plan.yaml", "plan: p\nstart: 2026-12-07\ninclude: [teams/*.yaml, extra.yaml, teams/b.yaml]\ntasks:\n  - { id: root, duration: 1d, owner: x }\n"),
            ("teams/b.yaml", "tasks:\n  - { id: from-b, duration: 1d, owner: x }\n"),
            ("teams/a.yaml", "tasks:\n  - { id: from-a, duration: 1d, owner: x }\nrisks:\n  - { id: r1, likelihood: 1, impact: 1 }\n"),
            ("extra.yaml", "tasks:\n  - { id: extra, duration: 1d, owner: x, after: [from-a] }\n"),
        ])
        defer { fixture.remove() }
        let compilation = fixture.compile()
        #expect(compilation.diagnostics.isEmpty, "\(positions(compilation.diagnostics))")
        #expect(compilation.plan?.tasks.map(\.id.value) == ["root", "from-a", "from-b", "extra"])
        #expect(compilation.plan?.risks.map(\.id.value) == ["r1"])
    }

    @Test func diagnosticsInFragmentsNameTheFragment() throws {
        let fixture = try PlanFixture(files: [
            ("plan.yaml", "plan: p\nstart: 2026-12-07\ninclude: [risk.yaml]\n"),
            ("risk.yaml", "tasks:\n  - { id: guard, duration: 1d, owner: x, after: [nothing] }\n"),
        ])
        defer { fixture.remove() }
        #expect(positions(fixture.relative(fixture.compile().diagnostics)) == ["risk.yaml:2:50 E104"])
    }

    @Test func missingIncludeSuggestsANeighbour() throws {
        let fixture = try PlanFixture(files: [
            ("plan.yaml", "plan: p\nstart: 2026-12-07\ninclude: [risk-task.yml, none/*.yaml]\n"),
            ("risk-tasks.yaml", "tasks: []\n"),
        ])
        defer { fixture.remove() }
        let diagnostics = fixture.relative(fixture.compile().diagnostics)
        #expect(positions(diagnostics) == ["plan.yaml:3:11 E110", "plan.yaml:3:26 E110"])
        #expect(diagnostics[0].help == "did you mean 'risk-tasks.yaml'?")
        #expect(diagnostics[1].message == "include pattern 'none/*.yaml' matches no file")
    }

    @Test func includesCannotLeaveTheFolderEvenThroughSymlinks() throws {
        let fixture = try PlanFixture(files: [
            ("root/plan.yaml", "plan: p\nstart: 2026-12-07\ninclude: [../outside.yaml, link.yaml, /etc/passwd, plan.yaml]\n"),
            ("outside.yaml", "tasks: []\n"),
        ])
        defer { fixture.remove() }
        try FileManager.default.createSymbolicLink(atPath: fixture.directory + "/root/link.yaml",
                                                   withDestinationPath: fixture.directory + "/outside.yaml")
        let diagnostics = fixture.relative(fixture.compile().diagnostics)
        #expect(positions(diagnostics) == ["root/plan.yaml:3:11 E111", "root/plan.yaml:3:28 E111",
                                           "root/plan.yaml:3:39 E111", "root/plan.yaml:3:52 E112"])
    }

    @Test func includedRootPlansAndRootKeysAreRefused() throws {
        let fixture = try PlanFixture(files: [
            ("plan.yaml", "plan: p\nstart: 2026-12-07\ninclude: [other.yaml, frag.yaml]\n"),
            ("other.yaml", "plan: other\nstart: 2026-12-07\n"),
            ("frag.yaml", "calendar: { workdays: [mon] }\ntasks: []\n"),
        ])
        defer { fixture.remove() }
        let diagnostics = fixture.relative(fixture.compile().diagnostics)
        #expect(positions(diagnostics) == ["frag.yaml:1:1 E112", "other.yaml:1:1 E112"])
    }

    @Test func discoveryFindsRootPlansOnly() throws {
        let fixture = try PlanFixture(files: [
            ("plans/a.yaml", "# a plan\nplan: a\nstart: 2026-12-07\n"),
            ("plans/sub/b.yml", "plan: b\nstart: 2026-12-07\n"),
            ("plans/fragment.yaml", "tasks: []\n"),
            ("plans/metrics.yaml", "stability: { error_rate_pct: 0.1 }\n"),
            ("plans/.hidden/c.yaml", "plan: c\n"),
            ("plans/notes.txt", "plan: d\n"),
        ])
        defer { fixture.remove() }
        let found = PlanDiscovery.find([fixture.directory + "/plans", fixture.directory + "/missing"])
        #expect(found.plans.map(fixture.relativePath) == ["plans/a.yaml", "plans/sub/b.yml"])
        #expect(found.missing.map(fixture.relativePath) == ["missing"])
    }
}
