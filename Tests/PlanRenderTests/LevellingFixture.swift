import Foundation
@testable import PlanKit
@testable import PlanRender
import Testing

/// Tests/Golden/levelling.yaml with the levelling and the load a leveller and a load builder
/// would hand the writers, written out by hand so the writers are tested on their own: qa (2
/// people) is asked for 4 on 2027-02-04 – 2027-02-09; levelled, `regression` (2 of qa) waits 5
/// working days for perf-test and risk-stress and `launch` moves 4.
enum LevellingFixture {
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    static var path: String { repository.appendingPathComponent("Tests/Golden/levelling.yaml").path }

    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    static func compile(level: Bool) throws -> Compilation {
        let compilation = Compiler.compile(path: path, resources: ResourceOptions(level: level))
        #expect(!compilation.hasErrors, "\(compilation.diagnostics.map(\.message))")
        return compilation
    }

    static func segment(_ from: String, _ to: String, _ milli: Int) -> ResourceLoad.Segment {
        ResourceLoad.Segment(from: day(from), to: day(to), milliUnits: milli)
    }

    /// The load of the unlevelled schedule: qa over capacity on its first four days of testing.
    static var unlevelledLoad: ResourceLoad {
        ResourceLoad(teams: [
            ResourceLoad.TeamLoad(team: 0, id: "qa", capacity: 2,
                                  segments: [segment("2027-02-04", "2027-02-05", 4000), segment("2027-02-08", "2027-02-09", 4000),
                                             segment("2027-02-10", "2027-02-10", 2000)],
                                  overloads: [ResourceLoad.Overload(from: day("2027-02-04"), to: day("2027-02-09"), workingDays: 4,
                                                                    peakMilliUnits: 4000, milliCapacity: 2000, tasks: [1, 2, 3])]),
            ResourceLoad.TeamLoad(team: 1, id: "risk", capacity: 3,
                                  segments: [segment("2027-02-04", "2027-02-05", 1000), segment("2027-02-08", "2027-02-10", 1000)], overloads: []),
            ResourceLoad.TeamLoad(team: 2, id: "dev", capacity: nil, segments: [segment("2027-02-01", "2027-02-03", 1000)], overloads: []),
        ])
    }

    static var levelledLoad: ResourceLoad {
        ResourceLoad(teams: [
            ResourceLoad.TeamLoad(team: 0, id: "qa", capacity: 2,
                                  segments: [segment("2027-02-04", "2027-02-05", 2000), segment("2027-02-08", "2027-02-12", 2000),
                                             segment("2027-02-15", "2027-02-16", 2000)], overloads: []),
            ResourceLoad.TeamLoad(team: 1, id: "risk", capacity: 3,
                                  segments: [segment("2027-02-04", "2027-02-05", 1000), segment("2027-02-08", "2027-02-10", 1000)], overloads: []),
            ResourceLoad.TeamLoad(team: 2, id: "dev", capacity: nil, segments: [segment("2027-02-01", "2027-02-03", 1000)], overloads: []),
        ])
    }

    /// `schedule` with some entries replaced (and the finish and critical path given).
    static func schedule(_ base: Schedule, replacing changes: [Int: (start: String, finish: String)], finish: String, criticalPath: [Int]) -> Schedule {
        var entries = base.entries
        for (task, dates) in changes {
            entries[task].start = day(dates.start)
            entries[task].finish = day(dates.finish)
        }
        for task in entries.indices {
            entries[task].totalFloat = 0
            entries[task].freeFloat = 0
            entries[task].critical = true
        }
        return Schedule(entries: entries, start: base.start, finish: day(finish), statusDate: base.statusDate, criticalPath: criticalPath,
                        calendar: base.calendar, graph: base.graph, taskIsSummary: base.taskIsSummary,
                        driverNode: base.driverNode, driverEdge: base.driverEdge)
    }

    /// The plan as the unlevelled compilation sees it, with the over-allocated load.
    static func unlevelled() throws -> (compilation: Compilation, facts: ScheduleFacts) {
        let compilation = try compile(level: false)
        let network = try #require(compilation.network), schedule = try #require(compilation.schedule)
        return (compilation, ScheduleFacts(network: network, schedule: schedule, load: unlevelledLoad))
    }

    /// The levelled schedule, its levelling and load; `bound` is the finish's lower bound.
    static func levelled(bound: String = "2027-02-16") throws -> (compilation: Compilation, facts: ScheduleFacts, levelling: Levelling) {
        let compilation = try compile(level: false)
        let network = try #require(compilation.network), unlevelled = try #require(compilation.schedule)
        let levelledSchedule = schedule(unlevelled, replacing: [3: ("2027-02-11", "2027-02-16"), 4: ("2027-02-16", "2027-02-16")],
                                        finish: "2027-02-16", criticalPath: [0, 1, 3, 4])
        let wait = Levelling.Wait(team: 0, teamID: "qa", tasks: [1, 2], from: day("2027-02-04"), to: day("2027-02-10"), days: 5)
        let levelling = Levelling(delays: [0, 0, 0, 5, 4], waits: [[], [], [], [wait], []], finishLowerBound: day(bound),
                                  resourcePath: [0, 1, 3, 4], unlevelled: unlevelled)
        return (compilation, ScheduleFacts(network: network, schedule: levelledSchedule, levelling: levelling, load: levelledLoad), levelling)
    }

    /// Compares `text` with Tests/Golden/`name`; `PLANC_RECORD_GOLDEN=1` records it instead.
    static func expectGolden(_ text: String, _ name: String) throws {
        let url = repository.appendingPathComponent("Tests/Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PLANC_RECORD_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from Tests/Golden/\(name); if the change is intended, re-record with PLANC_RECORD_GOLDEN=1 swift test")
    }
}

extension Compilation {
    /// The same compilation with the levelling, load and schedule a test gives it.
    func with(schedule: Schedule? = nil, levelling: Levelling?, load: ResourceLoad?) -> Compilation {
        Compilation(path: path, plan: plan, network: network, diagnostics: diagnostics, sources: sources, schedule: schedule ?? self.schedule,
                    metrics: metrics, levelling: levelling, load: load)
    }
}
