// The levelling engine on PSPLIB `.sm` files, for Benchmarks/psplib/run.py: one JSON line per
// instance with the makespan, the bounds, the schedules generated, the time, and the starts (for
// the independent feasibility checker). Not a user command; it exists until the benchmark can run
// `planc schedule --level` on converted plans.
import Foundation
import PlanKit

struct Options {
    var files: [String] = []
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

let options = parseOptions()
for path in options.files {
    let problem = readInstance(path)
    let clock = ContinuousClock()
    var result: LevellingResult!
    let elapsed = clock.measure { result = Leveller.level(problem, budget: options.budget) }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let name = (path as NSString).lastPathComponent
    if let refusal = result.refusal { fail("\(name): refused: \(refusal)") }
    print("{\"instance\": \"\(name)\", \"makespan\": \(result.finish), \"critical_path\": \(result.bound.criticalPath), "
        + "\"lower_bound\": \(result.bound.value), \"schedules\": \(result.schedules), \"seconds\": \(String(format: "%.4f", seconds)), "
        + "\"starts\": [\(result.starts.map(String.init).joined(separator: ", "))]}")
}
