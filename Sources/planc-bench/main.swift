// The levelling engine on PSPLIB `.sm` files, for Benchmarks/psplib/run.py: one JSON line per
// instance with the makespan, the bounds, the schedules generated, the time, and the starts (for
// the independent feasibility checker). Not a user command; it exists until the benchmark can run
// `planc schedule --level` on converted plans.
import Foundation
import PlanKit

struct Options {
    var files: [String] = []
    var synthetic: [Int] = []
    var tight = false
    var budget = LevellingBudget.default
}

func parseOptions() -> Options {
    var options = Options()
    var arguments = CommandLine.arguments.dropFirst()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--search":
            guard let value = arguments.popFirst(), let search = LevellingBudget.Search(rawValue: value) else { fail("--search lft|fbi|sampling|genetic") }
            options.budget.search = search
        case "--schedules": options.budget.schedules = Int(arguments.popFirst() ?? "") ?? { fail("--schedules N") }()
        case "--placements": options.budget.placements = Int(arguments.popFirst() ?? "") ?? { fail("--placements N") }()
        case "--streams": options.budget.streams = Int(arguments.popFirst() ?? "") ?? { fail("--streams N") }()
        case "--sequential": options.budget.threaded = false
        case "--tight": options.tight = true
        case "--synthetic": options.synthetic.append(Int(arguments.popFirst() ?? "") ?? { fail("--synthetic TASKS") }())
        default: options.files.append(argument)
        }
    }
    return options
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("planc-bench: \(message)\n".utf8))
    exit(2)
}

/// A PSPLIB single-mode file: jobs 1...n (1 and n the dummy source and sink), successors,
/// durations, requests and the resource availabilities.
func readInstance(_ path: String) -> LevellingProblem {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
    var section = ""
    var successors: [Int: [Int]] = [:]
    var durations: [Int: Int] = [:]
    var requests: [Int: [Int]] = [:]
    var capacities: [Int] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("PRECEDENCE RELATIONS") { section = "precedence"; continue }
        if line.hasPrefix("REQUESTS/DURATIONS") { section = "requests"; continue }
        if line.hasPrefix("RESOURCEAVAILABILITIES") { section = "availabilities"; continue }
        if line.hasPrefix("*") { section = ""; continue }
        let fields = line.split(separator: " ").compactMap { Int($0) }
        switch section {
        case "precedence" where fields.count >= 3:
            successors[fields[0]] = Array(fields[3...])
        case "requests" where fields.count >= 4:
            durations[fields[0]] = fields[2]
            requests[fields[0]] = Array(fields[3...])
        case "availabilities" where !fields.isEmpty:
            capacities = fields
        default: break
        }
    }
    let jobs = durations.keys.sorted()
    guard !jobs.isEmpty, !capacities.isEmpty else { fail("\(path): not a PSPLIB single-mode file") }
    let activities = jobs.map { job in
        LevellingProblem.Activity(duration: durations[job]!, demands: requests[job]!.enumerated().compactMap { resource, units in
            units > 0 ? LevellingProblem.Demand(resource: resource, units: units) : nil
        })
    }
    var links: [LevellingProblem.Link] = []
    for job in jobs { for successor in successors[job] ?? [] { links.append(.init(from: job - 1, to: successor - 1)) } }
    return LevellingProblem(activities: activities, links: links, resources: capacities.map { .init(units: $0) })
}

/// A plan-shaped problem of `count` tasks and 20 teams (like Benchmarks/generate-plan.py): each
/// task 1-10 days on one team (1-3 people of 4-10, or of 3 with `--tight`), after 1-3 of the 50
/// tasks before it (some SS and FF with lags); deterministic.
func syntheticProblem(_ count: Int, tight: Bool) -> LevellingProblem {
    var state: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    let teams = (0..<20).map { _ in LevellingProblem.Resource(units: 1000 * (tight ? 3 : 4 + next(7))) }
    var activities: [LevellingProblem.Activity] = []
    var links: [LevellingProblem.Link] = []
    for index in 0..<count {
        let team = next(20)
        activities.append(.init(duration: 1 + next(10), demands: [.init(resource: team, units: 1000 * (1 + next(3)))]))
        guard index > 0 else { continue }
        for _ in 0..<(1 + next(3)) {
            let from = index - 1 - next(min(index, 50))
            let type: DependencyType = next(10) == 0 ? .startToStart : next(10) == 0 ? .finishToFinish : .finishToStart
            links.append(.init(from: from, to: index, type: type, lag: next(4) == 0 ? next(3) : 0))
        }
    }
    return LevellingProblem(activities: activities, links: links, resources: teams)
}

/// CPU time of the whole process (both streams' threads): the machine is shared, wall time is not
/// the engine's alone.
func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let options = parseOptions()
let inputs: [(String, () -> LevellingProblem)] = options.files.map { path in (path, { readInstance(path) }) }
    + options.synthetic.map { count in ("synthetic-\(count)", { syntheticProblem(count, tight: options.tight) }) }
for (path, read) in inputs {
    let problem = read()
    let clock = ContinuousClock()
    var result: LevellingResult!
    let cpuBefore = processCPUSeconds()
    let elapsed = clock.measure { result = Leveller.level(problem, budget: options.budget) }
    let cpu = processCPUSeconds() - cpuBefore
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let name = (path as NSString).lastPathComponent
    if let refusal = result.refusal { fail("\(name): refused: \(refusal)") }
    print("{\"instance\": \"\(name)\", \"makespan\": \(result.finish), \"critical_path\": \(result.bound.criticalPath), "
        + "\"lower_bound\": \(result.bound.value), \"schedules\": \(result.schedules), \"seconds\": \(String(format: "%.4f", seconds)), \"cpu_seconds\": \(String(format: "%.4f", cpu)), "
        + "\"starts\": [\(result.starts.map(String.init).joined(separator: ", "))]}")
}
