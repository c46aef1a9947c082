@testable import PlanKit
import Testing

private typealias Activity = LevellingProblem.Activity
private typealias Demand = LevellingProblem.Demand
private typealias Link = LevellingProblem.Link
private typealias Resource = LevellingProblem.Resource
private typealias Change = LevellingProblem.CapacityChange

/// One person of resource `r`, or `units` thousandths.
private func uses(_ resource: Int = 0, _ units: Int = 1000) -> [Demand] { [Demand(resource: resource, units: units)] }

@Suite struct LevellerTests {
    // MARK: Hand-made problems with exact starts

    @Test func twoTasksOnATeamOfOneRunOneAfterTheOther() {
        let problem = LevellingProblem(activities: [Activity(duration: 3, demands: uses()), Activity(duration: 2, demands: uses())],
                                       resources: [Resource(units: 1000)])
        let result = Leveller.level(problem)
        #expect(result.refusal == nil)
        #expect(result.starts == [0, 3])
        #expect(result.finish == 5)
        #expect(result.bound == LevellingBound(criticalPath: 3, resource: 5))
        #expect(result.earliestStarts == [0, 0])
        #expect(result.waits == [[], [LevellingWait(resource: 0, activities: [0], from: 0, to: 3)]])
    }

    @Test func higherPriorityIsServedFirst() {
        let problem = LevellingProblem(activities: [Activity(duration: 3, demands: uses(), priority: 100),
                                                    Activity(duration: 2, demands: uses(), priority: 900)],
                                       resources: [Resource(units: 1000)])
        let result = Leveller.level(problem)
        #expect(result.starts == [2, 0])
        #expect(result.waits[0] == [LevellingWait(resource: 0, activities: [1], from: 0, to: 2)])
        #expect(result.waits[1].isEmpty)
    }

    @Test func predecessorsOfUrgentWorkAreUrgentToo() {
        // 1 (priority 100) holds up 2 (900): it goes before 0 (100), which would otherwise come first.
        let problem = LevellingProblem(activities: [Activity(duration: 2, demands: uses(), priority: 100),
                                                    Activity(duration: 3, demands: uses(), priority: 100),
                                                    Activity(duration: 1, demands: uses(), priority: 900)],
                                       links: [Link(from: 1, to: 2)], resources: [Resource(units: 1000)])
        let result = Leveller.level(problem)
        #expect(result.starts == [4, 0, 3])
        #expect(result.waits[0] == [LevellingWait(resource: 0, activities: [1, 2], from: 0, to: 4)])

        // Released on period 2, 1 is still placed with 2's level, before 0, which takes the gap.
        var released = problem
        released.activities[1].release = 2
        let later = Leveller.level(released)
        #expect(later.starts == [0, 2, 5])
        #expect(later.waits == [[], [], []])
    }

    @Test func fixedWorkKeepsItsStartAndCountsFirst() {
        // 0 started on period 2; 1 (4 periods) does not fit in 0..<2 and waits until 0 ends.
        let problem = LevellingProblem(activities: [Activity(duration: 3, demands: uses(), fixedStart: 2),
                                                    Activity(duration: 4, demands: uses())],
                                       links: [Link(from: 1, to: 0)], resources: [Resource(units: 1000)])
        let result = Leveller.level(problem)
        #expect(result.starts == [2, 5])
        #expect(result.waits[1] == [LevellingWait(resource: 0, activities: [0], from: 2, to: 5)])
    }

    @Test func anAbsenceLowersCapacityForAWhile() {
        // Two people, one away on 3..<6: two 4-period tasks cannot overlap period 3.
        let team = Resource(capacity: [Change(from: 0, units: 2000), Change(from: 3, units: 1000), Change(from: 6, units: 2000)])
        let problem = LevellingProblem(activities: [Activity(duration: 4, demands: uses()), Activity(duration: 4, demands: uses())],
                                       resources: [team])
        let result = Leveller.level(problem)
        #expect(result.starts == [0, 4])
        #expect(result.finish == 8)
        #expect(result.waits[1] == [LevellingWait(resource: 0, activities: [0], from: 3, to: 4)])
    }

    @Test func aLongAbsenceIsJumpedNotScanned() {
        // A billion periods without capacity: found in one step (a day-by-day scan would not end).
        let team = Resource(capacity: [Change(from: 0, units: 0), Change(from: 1_000_000_000, units: 1000)])
        let problem = LevellingProblem(activities: [Activity(duration: 5, demands: uses()), Activity(duration: 5, demands: uses())],
                                       resources: [team])
        let result = Leveller.level(problem)
        #expect(result.starts == [1_000_000_000, 1_000_000_005])
        #expect(result.bound.resource == 1_000_000_010)
        #expect(result.waits[0] == [LevellingWait(resource: 0, activities: [], from: 0, to: 1_000_000_000)])
    }

    @Test func everyLinkTypeAndLagIsALowerBound() {
        let problem = LevellingProblem(
            activities: [Activity(duration: 5), Activity(duration: 3), Activity(duration: 2), Activity(duration: 1), Activity(duration: 2)],
            links: [Link(from: 0, to: 1, type: .startToStart, lag: 2), Link(from: 0, to: 2, type: .finishToFinish, lag: 1),
                    Link(from: 0, to: 3, type: .startToFinish, lag: 3), Link(from: 0, to: 4, type: .finishToStart, lag: -2)],
            resources: [])
        let result = Leveller.level(problem)
        #expect(result.starts == [0, 2, 4, 2, 3])
        #expect(result.bound.criticalPath == 6)
    }

    @Test func startToStartOnOneResourceWaitsForTheResource() {
        let problem = LevellingProblem(activities: [Activity(duration: 5, demands: uses()), Activity(duration: 3, demands: uses())],
                                       links: [Link(from: 0, to: 1, type: .startToStart, lag: 2)], resources: [Resource(units: 1000)])
        let result = Leveller.level(problem)
        #expect(result.starts == [0, 5])
        #expect(result.earliestStarts == [0, 2])
        #expect(result.waits[1] == [LevellingWait(resource: 0, activities: [0], from: 2, to: 5)])
    }

    @Test func aCycleIsRefused() {
        let problem = LevellingProblem(activities: [Activity(duration: 1), Activity(duration: 2), Activity(duration: 3)],
                                       links: [Link(from: 0, to: 1), Link(from: 2, to: 1, type: .startToStart),
                                               Link(from: 1, to: 2, type: .finishToFinish, lag: -4)],
                                       resources: [])
        #expect(Leveller.level(problem).refusal == .cycle(activities: [1, 2]))
        let selfLink = LevellingProblem(activities: [Activity(duration: 1)], links: [Link(from: 0, to: 0, type: .startToStart)], resources: [])
        #expect(Leveller.level(selfLink).refusal == .cycle(activities: [0]))
    }

    @Test func aLinkIntoFixedWorkBindsNothing() {
        // 1 is done (fixed at 0) although its predecessor is not: no cycle, nothing moves.
        let problem = LevellingProblem(activities: [Activity(duration: 2), Activity(duration: 2, fixedStart: 0)],
                                       links: [Link(from: 0, to: 1), Link(from: 1, to: 0, type: .startToStart)], resources: [])
        #expect(Leveller.level(problem).starts == [0, 0])
    }

    @Test func demandOverTheMaximumCapacityIsRefused() {
        let team = Resource(capacity: [Change(from: 0, units: 2000), Change(from: 4, units: 1000)])
        let problem = LevellingProblem(activities: [Activity(duration: 2, demands: uses(0, 3000)), Activity(duration: 0, demands: uses(0, 9000)),
                                                    Activity(duration: 1, demands: uses(0, 2000))],
                                       resources: [team])
        #expect(Leveller.level(problem).refusal == .demandOverCapacity([.init(activity: 0, resource: 0, units: 3000, maximumCapacity: 2000)]))
    }

    @Test func twoDemandsOnOneResourceAreUsedAtOnce() {
        // 0 asks for 1 + 1 of a team of 2: 1 (one person) cannot run beside it.
        let problem = LevellingProblem(activities: [Activity(duration: 2, demands: uses(0, 1000) + uses(0, 1000)), Activity(duration: 2, demands: uses())],
                                       resources: [Resource(units: 2000)])
        let result = Leveller.level(problem)
        #expect(result.starts == [0, 2])
        #expect(result.waits[1] == [LevellingWait(resource: 0, activities: [0], from: 0, to: 2)])
        let tooMuch = LevellingProblem(activities: [Activity(duration: 1, demands: uses(0, 1500) + uses(0, 1000))], resources: [Resource(units: 2000)])
        #expect(Leveller.level(tooMuch).refusal == .demandOverCapacity([.init(activity: 0, resource: 0, units: 2500, maximumCapacity: 2000)]))
    }

    @Test func demandThatNeverFindsALongEnoughWindowIsRefused() {
        // Two people until period 3, one for ever after: a 5-period task for two never fits.
        let team = Resource(capacity: [Change(from: 0, units: 2000), Change(from: 3, units: 1000)])
        let problem = LevellingProblem(activities: [Activity(duration: 5, demands: uses(0, 2000))], resources: [team])
        #expect(Leveller.level(problem).refusal == .neverFits(activity: 0, resource: 0))
    }

    @Test func milestonesUseNothingAndFollowTheirLinks() {
        let problem = LevellingProblem(activities: [Activity(duration: 3, demands: uses()), Activity(duration: 0, demands: uses()),
                                                    Activity(duration: 2, demands: uses())],
                                       links: [Link(from: 0, to: 1)], resources: [Resource(units: 1000)])
        let result = Leveller.level(problem)
        #expect(result.starts == [0, 3, 3])
        #expect(result.waits[1].isEmpty)
    }

    // MARK: The search

    @Test func eachSearchIsNeverWorseThanTheOneBeforeAndSometimesBetter() {
        // Justification keeps only what does not lengthen; the genetic search starts from the
        // justified list. On random problems each step must also win somewhere, or it does nothing.
        // (One priority level: with several, each level's finish is minimised in turn, not the whole.)
        var random = SplitMix64(seed: 31)
        var justifiedWins = 0, geneticWins = 0
        for instance in 0..<150 {
            let problem = LevellerChecker.randomProblem(&random, priorities: false)
            let lft = Leveller.level(problem, budget: LevellingBudget(search: .priorityRule)).finish
            let justified = Leveller.level(problem, budget: LevellingBudget(search: .justified)).finish
            let genetic = Leveller.level(problem, budget: LevellingBudget(search: .genetic, schedules: 400)).finish
            #expect(justified <= lft, "instance \(instance)")
            #expect(genetic <= justified, "instance \(instance)")
            if justified < lft { justifiedWins += 1 }
            if genetic < justified { geneticWins += 1 }
        }
        #expect(justifiedWins > 0)
        #expect(geneticWins > 0)
    }

    @Test func smallRandomProblemsReachTheExactOptimum() {
        for (index, entry) in LevellerOptimumFixture.instances.enumerated() {
            let result = Leveller.level(entry.problem)
            #expect(result.refusal == nil, "instance \(index)")
            #expect(LevellerChecker.faults(entry.problem, result).isEmpty, "instance \(index)")
            #expect(result.finish == entry.optimum, "instance \(index): \(result.finish), optimum \(entry.optimum)")
            #expect(result.bound.value <= entry.optimum, "instance \(index)")
        }
    }

    // MARK: Properties on random problems

    @Test func randomProblemsAreLevelledFeasiblyWithPrioritiesServedFirst() {
        var random = SplitMix64(seed: 2027)
        for instance in 0..<150 {
            let problem = LevellerChecker.randomProblem(&random)
            let result = Leveller.level(problem, budget: LevellingBudget(schedules: 200))
            #expect(result.refusal == nil, "instance \(instance)")
            guard result.refusal == nil else { continue }
            let faults = LevellerChecker.faults(problem, result)
            #expect(faults.isEmpty, "instance \(instance): \(faults)")
        }
    }

    @Test func theSameProblemGivesTheSameScheduleOnAnyThreads() {
        var random = SplitMix64(seed: 99)
        for _ in 0..<20 {
            let problem = LevellerChecker.randomProblem(&random)
            let threaded = Leveller.level(problem, budget: LevellingBudget(schedules: 600, threaded: true))
            let again = Leveller.level(problem, budget: LevellingBudget(schedules: 600, threaded: true))
            let sequential = Leveller.level(problem, budget: LevellingBudget(schedules: 600, threaded: false))
            #expect(threaded == again)
            #expect(threaded == sequential)
        }
    }

    // MARK: The timetable

    @Test func theTimetableGivesTheProfilesSchedulesOverAndOverAgain() {
        // Random networks, absences (some far off, so the window overflows and the profiles take
        // over), random lists forward and mirrored with floors: one timetable reused for every
        // schedule of a network gives each time exactly what the profiles give.
        var random = SplitMix64(seed: 7)
        var dense = 0, overflowed = 0
        for instance in 0..<120 {
            var problem = LevellerChecker.randomProblem(&random, priorities: false)
            if instance % 3 == 1 {
                // Stretched over many blocks of the timetable, so whole blocks are jumped.
                for index in problem.activities.indices {
                    problem.activities[index].duration *= 12
                    problem.activities[index].release *= 12
                }
                for index in problem.resources.indices {
                    problem.resources[index].capacity = problem.resources[index].capacity.map { .init(from: $0.from * 12, units: $0.units) }
                }
            }
            let far = instance % 4 == 0 ? Timetable.maxCells : 0
            let profiles = problem.resources.map { resource -> ResourceProfile in
                var changes = resource.capacity
                // No one from period 20 until `far`: late work waits that long.
                if far > 0 { changes += [.init(from: 200, units: 0), .init(from: far, units: changes[0].units)] }
                var profile = ResourceProfile(capacity: changes)
                // Fixed work over capacity now and then: negative free units.
                if random.chance(1, in: 3) { profile.occupy(from: random.below(4), duration: 2, units: changes[0].units + 500) }
                return profile
            }
            let movable = problem.activities.indices.filter { problem.activities[$0].fixedStart == nil }
            var local = [Int: Int]()
            for (position, activity) in movable.enumerated() { local[activity] = position }
            var edges: [(from: Int, to: Int, weight: Int)] = []
            for link in problem.links {
                if let from = local[link.from], let to = local[link.to] { edges.append((from, to, max(0, problem.startWeight(of: link)))) }
            }
            let network = ActivityNetwork(duration: movable.map { problem.activities[$0].duration },
                                          release: movable.map { problem.activities[$0].release },
                                          demands: movable.map { problem.activities[$0].demands }, edges: edges, profiles: profiles)
            let scheduler = SerialScheduler(network: network)
            let workspace = scheduler.makeWorkspace()
            for _ in 0..<12 {
                var key = [Int](repeating: 0, count: network.count)
                for index in key.indices { key[index] = random.below(20) }
                let order = network.topologicalOrder(key: key)
                let plain = SerialScheduler.generate(network, order: order, floor: nil)
                let tabled = SerialScheduler.generate(network, order: order, floor: nil, table: &workspace.forward)
                #expect(plain.schedule?.starts == tabled.schedule?.starts, "instance \(instance)")
                #expect(plain.failure?.activity == tabled.failure?.activity && plain.failure?.resource == tabled.failure?.resource)
                guard let schedule = plain.schedule else { continue }
                let floor = -(schedule.finish + random.below(5))
                let backwardOrder = scheduler.mirror.topologicalOrder(key: key)
                let mirrored = SerialScheduler.generate(scheduler.mirror, order: backwardOrder, floor: floor)
                let mirroredTabled = SerialScheduler.generate(scheduler.mirror, order: backwardOrder, floor: floor, table: &workspace.backward)
                #expect(mirrored.schedule?.starts == mirroredTabled.schedule?.starts, "instance \(instance) mirrored")
                #expect(scheduler.justify(schedule).schedule.starts == scheduler.justify(schedule, in: workspace).schedule.starts)
            }
            if workspace.forward.overflowed { overflowed += 1 } else { dense += 1 }
        }
        // Both paths were taken.
        #expect(dense > 0)
        #expect(overflowed > 0)
    }

    @Test func aListSortedByStartsIsOrderedByStartThenRank() {
        // Counting (close starts) and sorting (far apart) give the same order.
        let network = ActivityNetwork(duration: [1, 1, 1, 1, 1], release: [0, 0, 0, 0, 0], demands: [[], [], [], [], []],
                                      edges: [(from: 3, to: 0, weight: 0)], profiles: [])
        #expect(network.byRank == [1, 2, 3, 0, 4])
        #expect(network.order(byStarts: [2, 5, 2, 2, 0]) == [4, 2, 3, 0, 1])
        #expect(network.order(byStarts: [2, 5_000, 2, 2, 0]) == [4, 2, 3, 0, 1])
    }

    // MARK: The profile

    @Test func aProfileJumpsToTheNextSegmentWithEnoughFree() {
        var profile = ResourceProfile(capacity: [Change(from: 0, units: 2000), Change(from: 10, units: 1000), Change(from: 20, units: 3000)])
        profile.occupy(from: 2, duration: 3, units: 1500)
        #expect(profile.earliestFit(from: 0, duration: 2, units: 1000) == 0)
        #expect(profile.earliestFit(from: 0, duration: 3, units: 1000) == 5)
        #expect(profile.earliestFit(from: 0, duration: 6, units: 1000) == 5)
        #expect(profile.earliestFit(from: 0, duration: 6, units: 2000) == 20)
        #expect(profile.earliestFit(from: 0, duration: 1, units: 4000) == nil)
        #expect(profile.units(at: 3) == 500)
        #expect(profile.mirrored.units(at: -4) == 500)
        #expect(profile.mirrored.units(at: -21) == 3000)
        #expect(profile.periodsToAccumulate(6000, from: 0) == 6)
    }
}

/// An independent check of a levelled schedule, from the problem's definition alone.
enum LevellerChecker {
    static func faults(_ problem: LevellingProblem, _ result: LevellingResult) -> [String] {
        var faults: [String] = []
        let activities = problem.activities
        let starts = result.starts
        guard starts.count == activities.count else { return ["\(starts.count) starts for \(activities.count) activities"] }
        func point(_ index: Int, finish: Bool) -> Int { starts[index] + (finish ? activities[index].duration : 0) }
        var earliest = [Int](repeating: 0, count: activities.count)
        for (index, activity) in activities.enumerated() {
            if let fixed = activity.fixedStart {
                if starts[index] != fixed { faults.append("fixed \(index) moved to \(starts[index])") }
                earliest[index] = fixed
            } else {
                if starts[index] < activity.release { faults.append("\(index) starts before its release") }
                earliest[index] = activity.release
            }
        }
        for link in problem.links where activities[link.to].fixedStart == nil {
            let from = point(link.from, finish: link.type == .finishToStart || link.type == .finishToFinish)
            let to = point(link.to, finish: link.type == .finishToFinish || link.type == .startToFinish)
            if to < from + link.lag { faults.append("link \(link) broken") }
            let needed = from + link.lag - (to - starts[link.to])
            earliest[link.to] = max(earliest[link.to], needed)
        }
        if result.earliestStarts != earliest { faults.append("earliest starts \(result.earliestStarts), expected \(earliest)") }
        let finish = activities.indices.map { starts[$0] + activities[$0].duration }.max() ?? 0
        if result.finish != finish { faults.append("finish \(result.finish), the schedule's is \(finish)") }
        if result.bound.value > finish { faults.append("bound \(result.bound.value) above the finish \(finish)") }
        // Capacity on every period some movable work occupies (fixed work alone may overload).
        for (resource, definition) in problem.resources.enumerated() {
            let horizon = (activities.indices.map { starts[$0] + activities[$0].duration }.max() ?? 0)
            let low = starts.min() ?? 0
            for period in min(0, low)..<max(horizon, 1) {
                var capacity = definition.capacity.first?.units ?? 0
                for change in definition.capacity where change.from <= period { capacity = change.units }
                var used = 0, movable = false
                for (index, activity) in activities.enumerated() where activity.duration > 0 && (starts[index]..<(starts[index] + activity.duration)).contains(period) {
                    for demand in activity.demands where demand.resource == resource && demand.units > 0 {
                        used += demand.units
                        if activity.fixedStart == nil { movable = true }
                    }
                }
                if movable && used > capacity { faults.append("resource \(resource) period \(period): \(used) > \(capacity)") }
            }
        }
        // Priorities: a delayed activity waits only for fixed work or work at least as urgent.
        var effective = activities.map(\.priority)
        var changed = true
        while changed {
            changed = false
            for link in problem.links where activities[link.to].fixedStart == nil && activities[link.from].fixedStart == nil && effective[link.from] < effective[link.to] {
                effective[link.from] = effective[link.to]
                changed = true
            }
        }
        for (index, waits) in result.waits.enumerated() {
            if waits.isEmpty != (starts[index] <= earliest[index] || activities[index].duration == 0) {
                faults.append("\(index): waits \(waits) for start \(starts[index]) earliest \(earliest[index])")
            }
            for wait in waits {
                for blocker in wait.activities where activities[blocker].fixedStart == nil && effective[blocker] < effective[index] {
                    faults.append("\(index) (priority \(effective[index])) waited for \(blocker) (priority \(effective[blocker]))")
                }
            }
        }
        return faults
    }

    /// 5–14 activities, 2 resources with an absence each, links of every type from lower to higher
    /// index (so no cycle), releases, a fixed activity now and then, three priority levels (or one).
    static func randomProblem(_ random: inout SplitMix64, priorities: Bool = true) -> LevellingProblem {
        let resources = (0..<2).map { _ -> LevellingProblem.Resource in
            let units = 1000 * (1 + random.below(3))
            let from = random.below(8)
            return .init(capacity: [.init(from: 0, units: units), .init(from: from, units: random.below(units + 1)),
                                    .init(from: from + 1 + random.below(5), units: units)])
        }
        let count = 5 + random.below(10)
        var activities: [LevellingProblem.Activity] = []
        for index in 0..<count {
            var demands: [LevellingProblem.Demand] = []
            for resource in 0..<2 where random.chance(2, in: 3) {
                demands.append(.init(resource: resource, units: 250 * (1 + random.below(resources[resource].maximumUnits / 250))))
            }
            let fixed: Int? = index < 2 && random.chance(1, in: 3) ? random.below(4) : nil
            activities.append(.init(duration: random.chance(1, in: 10) ? 0 : 1 + random.below(6), demands: fixed == nil ? demands : [],
                                    release: random.chance(1, in: 4) ? random.below(6) : 0, fixedStart: fixed,
                                    priority: priorities ? [100, 500, 900][random.below(3)] : 500))
        }
        var links: [LevellingProblem.Link] = []
        for to in 1..<count {
            for _ in 0..<random.below(3) {
                links.append(.init(from: random.below(to), to: to, type: DependencyType.allCases[random.below(4)], lag: random.below(5) - 2))
            }
        }
        return LevellingProblem(activities: activities, links: links, resources: resources)
    }
}
