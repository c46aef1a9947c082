import Dispatch
import Foundation
@testable import PlanKit
import PlanSyntax
import Testing

/// The resolved plan: every `after:` entry becomes one `Link` with its predecessor (or why there is
/// none), type, lag in working days and where it was written; ancestry and owners come from it.
@Suite struct NetworkTests {
    /// A four-day week, so `1w` is 4 working days, not 5.
    static let plan = """
    plan: p
    start: 2027-03-01
    calendar: { workdays: [mon, tue, wed, thu] }
    tasks:
      - { id: a, duration: 2d }
      - { id: b, duration: 1d, after: [a, { task: a, type: SS, lag: 1w }, { task: a, type: FF, lag: -2d }, nope, launch-party, b] }
      - id: stream
        owner: ana
        after: [late]
        tasks:
          - { id: part, duration: 1d, after: [stream] }
      - { id: late, duration: 1d }
    events:
      - { id: launch-party, date: 2027-04-01 }
    """

    static func network() throws -> Network {
        try #require(compilePlan(plan).network)
    }

    @Test func linksResolveOnceWithTypeLagAndLocation() throws {
        let network = try Self.network()
        let links = Array(network.links(of: 1))
        #expect(links.map(\.successor) == [1, 1, 1, 1, 1, 1])
        #expect(links.map(\.number) == [0, 1, 2, 3, 4, 5])
        #expect(links.map(\.predecessor) == [0, 0, 0, nil, nil, nil])
        #expect(links.map(\.exclusion) == [nil, nil, nil, .unknownID, .notATask, .itself])
        #expect(links.map(\.target) == [.task(0), .task(0), .task(0), nil, .event(0), .task(1)])
        #expect(links.map(\.type) == [.finishToStart, .startToStart, .finishToFinish, .finishToStart, .finishToStart, .finishToStart])
        // Weeks are the plan calendar's: 1w on a four-day week is 4 working days.
        #expect(links.map(\.lag) == [0, 4, -2, 0, 0, 0])
        #expect(links.map(\.description) == ["a", "a SS+1w", "a FF-2d", "nope", "launch-party", "b"])
        // The target id where it is written, and the whole entry (a mapping entry starts at its `{`).
        #expect(links.map { "\($0.targetID.location.line):\($0.targetID.location.column)" } == ["6:36", "6:47", "6:79", "6:104", "6:110", "6:124"])
        #expect(links[1].location.line == 6 && links[1].location.column == 39)
    }

    @Test func linksToAndFromSummariesSayWhyTheyAreLeftOut() throws {
        let network = try Self.network()
        // The summary waits for `late`; its part may not wait for the summary around it.
        #expect(network.links(of: 2).map(\.predecessor) == [4])
        #expect(network.links(of: 3).map(\.exclusion) == [.ancestor])
        #expect(network.links(of: 3).map(\.targetTask) == [2])
        // No edge for excluded links: of b's six entries, the three that resolve to a.
        let dependencyEdges = network.graph.origins.filter { if case .dependency = $0 { true } else { false } }
        #expect(dependencyEdges.count == 4)
    }

    @Test func ancestryAndInheritedOwners() throws {
        let network = try Self.network()
        #expect(network.isAncestor(2, of: 3))
        #expect(!network.isAncestor(3, of: 2))
        #expect(network.depth(of: 3) == 1 && network.depth(of: 2) == 0)
        #expect(network.owner(of: 3) == "ana")
        #expect(network.owner(of: 0) == nil)
        #expect(network.taskIndex("late") == 4)
        #expect(network.taskIndex("launch-party") == nil)
        #expect(network.ids["launch-party"] == .event(0))
    }

    @Test func scheduleUsesTheLinksLagInWorkingDays() throws {
        let compilation = compilePlan("""
        plan: p
        start: 2027-03-01
        calendar: { workdays: [mon, tue, wed, thu] }
        rules: { W301: off }
        tasks:
          - { id: a, duration: 1d }
          - { id: b, duration: 1d, after: [{ task: a, lag: 1w }] }
        """)
        let network = try #require(compilation.network)
        #expect(network.link(1, 0).lag == 4)
        let schedule = try #require(Scheduler.schedule(network))
        // a on Mon 1 Mar; four working days of lag (Tue, Wed, Thu, Mon) put b on Tue 9 Mar.
        #expect(schedule[1].start == Day(iso: "2027-03-09"))
        #expect(compilation.schedule?[1].start == Day(iso: "2027-03-09"))
    }
}

@Suite struct WhatIfNetworkTests {
    /// An item a risk lists twice is held back twice, as when the delay was applied entry by entry.
    @Test func anItemListedTwiceIsHeldBackTwice() throws {
        let compilation = compilePlan("""
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: build, duration: 1w }
          - { id: launch, milestone: true, after: [{ task: build, lag: 1w }] }
        risks:
          - { id: slip, likelihood: 2, impact: 2, affects: [launch, build, launch], delay: 2d }
        """)
        let changed = try WhatIf.assuming(risk: "slip", in: try #require(compilation.network)).get()
        #expect(changed.tasks[0].duration?.value == Duration(amount: 7, unit: .workingDays))
        #expect(changed.tasks[1].after[0].lag?.value == Duration(amount: 9, unit: .workingDays))
    }

    @Test func onlyRisksCanBeAssumed() throws {
        let compilation = compilePlan("plan: p\nstart: 2026-12-07\ntasks:\n  - { id: build, duration: 1d }\n")
        let result = WhatIf.assuming(risk: "build", in: try #require(compilation.network))
        guard case .failure(let problem) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(problem.description == "no risk 'build'")
    }
}

@Suite struct BuiltOnceTests {
    final class Count: @unchecked Sendable {
        var builds = 0
    }

    /// Threads asking at once all get the one value, computed once.
    @Test func concurrentReadersShareOneBuild() {
        let count = Count()
        let once = BuiltOnce<Int> {
            count.builds += 1  // under BuiltOnce's lock
            return 42
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in results.add(once.value) }
        #expect(results.all == [Int](repeating: 42, count: 16))
        #expect(count.builds == 1)
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func add(_ value: Int) { lock.lock(); values.append(value); lock.unlock() }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return values }
    }
}
