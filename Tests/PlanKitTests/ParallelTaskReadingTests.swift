import Foundation
@testable import PlanKit
import PlanSyntax
import Testing

/// A long `tasks:` list is read in two halves at once (PlanLoader.readTasks). The plan and the
/// diagnostics must be exactly those of reading it in order, limits included.
@Suite struct ParallelTaskReadingTests {
    static func compile(_ path: String, parallel: Bool, adjust: (inout Limits) -> Void = { _ in }) -> (tasks: [String], diagnostics: [Diagnostic]) {
        var limits = Limits.default
        adjust(&limits)
        var policy = ExecutionPolicy.default
        policy.parallelReadNodes = parallel ? 0 : .max
        let compilation = Compiler.compile(path: path, limits: limits, policy: policy)
        return ((compilation.plan?.tasks ?? []).map(describe), compilation.diagnostics)
    }

    /// Every field a task reader sets, with its source location.
    static func describe(_ task: Task) -> String {
        "\(task.id) \(task.kind) \(String(describing: task.parent)) \(task.children) \(String(describing: task.title)) "
            + "\(String(describing: task.owner)) \(task.assign) \(String(describing: task.duration)) \(String(describing: task.effort)) "
            + "\(String(describing: task.estimate)) \(task.after) \(String(describing: task.deadline)) \(String(describing: task.status)) "
            + "\(String(describing: task.progress)) \(String(describing: task.priority)) \(String(describing: task.phase)) \(task.tags) "
            + "\(task.checks) \(task.dod) \(String(describing: task.notes)) \(task.location)"
    }

    static func expectSame(_ path: String, adjust: (inout Limits) -> Void = { _ in },
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let inOrder = compile(path, parallel: false, adjust: adjust)
        let parallel = compile(path, parallel: true, adjust: adjust)
        #expect(parallel.tasks == inOrder.tasks, sourceLocation: sourceLocation)
        #expect(parallel.diagnostics == inOrder.diagnostics, sourceLocation: sourceLocation)
    }

    /// Nested programs with diagnostics in both halves: unknown keys, bad values, a missing id,
    /// unknown dependencies (rules see the merged plan), children.
    static func plan(programs: Int) -> String {
        var text = "plan: p\nstart: 2027-01-04\nteams: { qa: { name: QA } }\ntasks:\n"
        var previous = "t0-0"
        for program in 0..<programs {
            text += "  - id: p\(program)\n    title: Program \(program)\n    tasks:\n"
            for task in 0..<8 {
                let id = "t\(program)-\(task)"
                var extra = ""
                switch (program * 8 + task) % 23 {
                case 3: extra = ", colour: red"
                case 7: extra = ", duration: 5 days"
                case 11: extra = ", after: [nowhere-\(program)]"
                case 13: extra = ", owner: qa, estimate: { low: 3d, likely: 2d, high: 9d }"
                default: break
                }
                text += "      - { id: \(id), duration: \(task % 4 + 1)d, after: [\(previous)]\(extra) }\n"
                previous = id
            }
            if program % 9 == 4 { text += "      - { title: no id }\n" }
        }
        return text
    }

    static func write(_ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planc-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("plan.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theExamplePlanReadsTheSameInHalves() {
        Self.expectSame(repositoryRoot + "/plans/perp-v2-launch.yaml")
    }

    @Test func aLargePlanWithDiagnosticsInBothHalves() throws {
        let path = try Self.write(Self.plan(programs: 40))
        let parallel = Self.compile(path, parallel: true)
        #expect(parallel.tasks.count == 40 * 9 + 4)
        #expect(Set(parallel.diagnostics.map(\.code)).count >= 4)
        #expect(parallel.diagnostics.contains { $0.line > 200 })  // some from the second half
        Self.expectSame(path)
    }

    /// Every threaded path forced on at once (ExecutionPolicy.forceThreaded: the split parse, the
    /// task list and the dependencies in halves, the schedule beside the rules) against everything
    /// on one thread: the same plan, network, diagnostics and schedule.
    @Test(arguments: ["example", "programs"])
    func forcedThreadedAndSequentialCompilationsAgree(plan: String) throws {
        let path = plan == "example" ? ExamplePlanScheduleTests.path : try Self.write(Self.plan(programs: 40))
        let threaded = Compiler.compile(path: path, policy: .forceThreaded)
        let sequential = Compiler.compile(path: path, policy: .sequential)
        #expect(threaded.diagnostics == sequential.diagnostics)
        #expect((threaded.plan?.tasks ?? []).map(Self.describe) == (sequential.plan?.tasks ?? []).map(Self.describe))
        #expect(threaded.schedule?.entries == sequential.schedule?.entries)
        #expect(threaded.schedule?.criticalPath == sequential.schedule?.criticalPath)
        #expect(threaded.network?.links == sequential.network?.links)
        #expect(!(sequential.plan?.tasks.isEmpty ?? true))
        #expect((sequential.schedule != nil) == (plan == "example"))  // the programs plan has errors
    }

    /// Limits met inside either half are reported where reading in order meets them.
    @Test(arguments: [5, 150, 200, 359, 364, 365, 400])
    func theTaskLimitIsMetWhereReadingInOrderMeetsIt(maxTasks: Int) throws {
        let path = try Self.write(Self.plan(programs: 40))
        Self.expectSame(path) { $0.maxTasks = maxTasks }
    }

    @Test(arguments: [10, 150, 250, 319, 320])
    func theDependencyLimitIsMetWhereReadingInOrderMeetsIt(maxDependencies: Int) throws {
        let path = try Self.write(Self.plan(programs: 40))
        Self.expectSame(path) { $0.maxDependencies = maxDependencies }
    }
}

/// The network resolves the `after:` entries of a large plan in two halves at once; the result
/// must be the in-order one: the same offsets, the same links (unknown ids nil).
@Suite struct ParallelDependencyResolutionTests {
    @Test(arguments: [2, 3, 40 * 9 + 4])
    func halvesResolveAsInOrder(tasks: Int) throws {
        let path = try ParallelTaskReadingTests.write(ParallelTaskReadingTests.plan(programs: 40))
        var plan = try #require(Compiler.compile(path: path).plan)
        plan.tasks = Array(plan.tasks.prefix(tasks))
        let ids = EntityIndex(plan: plan), calendar = WorkingCalendar(plan.calendar)
        let inOrder = Network.resolveLinks(of: plan, ids: ids, calendar: calendar, parallelFrom: .max)
        let halves = Network.resolveLinks(of: plan, ids: ids, calendar: calendar, parallelFrom: 0)
        #expect(halves.offsets == inOrder.offsets)
        #expect(halves.links == inOrder.links)
        #expect(inOrder.offsets.count == tasks + 1)
        #expect(inOrder.links.contains { $0.target == nil } == (tasks > 100))  // the plan's unknown ids come later
    }
}
