import Foundation
import PlanSyntax

/// A problem with the forecast's input, at the value (reported as E102).
public struct ForecastProblem: Sendable, Equatable {
    public var message: String
    public var location: SourceLocation
}

public struct ForecastPercentiles: Sendable, Equatable {
    public var p10, p50, p80, p90, p95: Day
}

/// What the simulation found (DESIGN.md "Schedule confidence"). Writers format it, never compute it.
public struct ForecastResult: Sendable {
    public struct Target: Sendable {
        public var task: Int
        public var id: String
        public var deadline: Day?
        public var deterministic: Day
        public var percentiles: ForecastPercentiles
        /// Share of iterations finishing on or before the deadline (nil without one).
        public var probability: Double?
        /// Share (percent) of iterations finishing on or before the deterministic date.
        public var deterministicPercentile: Double
        /// How many iterations finished on each day, in date order (see TargetFinishes.swift).
        public var finishes: [(date: Day, count: Int)] = []
    }

    public struct TaskStat: Sendable {
        public var task: Int
        public var id: String
        public var criticality: Double
        public var sensitivity: Double?
    }

    public struct RiskStat: Sendable {
        public var risk: Int
        public var id: String
        public var probability: Double
        public var occurred: Double
        public var meanDelay: Double?
    }

    public var plan: String
    public var iterations: Int
    public var seed: UInt64
    public var distribution: ForecastDistribution
    public var deterministicFinish: Day
    public var finish: ForecastPercentiles
    public var targets: [Target]
    public var tasks: [TaskStat]
    public var risks: [RiskStat]
    public var histogram: [(date: Day, count: Int)]
    /// The plan was levelled in every iteration (with the priority-rule budget).
    public var levelled: Bool

    /// Working days from the deterministic finish to the P50 finish (negative: earlier).
    public var mergeBias: Int
}

public struct ForecastSettings: Sendable {
    public var iterations: Int?
    public var seed: UInt64?
    /// Worker threads (the output is the same for any count).
    public var threads = 2
    /// Tasks to follow besides the milestones, gates and deadlines (a `confidence` criterion's);
    /// they come last in `targets`.
    public var alsoFollow: [Int] = []

    public init(iterations: Int? = nil, seed: UInt64? = nil, threads: Int = 2, alsoFollow: [Int] = []) {
        self.iterations = iterations
        self.seed = seed
        self.threads = threads
        self.alsoFollow = alsoFollow
    }
}

/// The Monte Carlo simulation of a plan's schedule.
public enum Forecaster {
    public static let chunkSize = 1000

    /// Checks the plan's forecast input: correlation ids and the correlation matrix.
    public static func problems(in network: Network) -> [ForecastProblem] {
        switch Model.build(network: network) {
        case .success: return []
        case .failure(let problems): return problems.list
        }
    }

    public static func run(network: Network, schedule deterministic: Schedule, levels: Bool,
                           settings: ForecastSettings = ForecastSettings()) -> Result<ForecastResult, ForecastProblems> {
        let model: Model
        switch Model.build(network: network) {
        case .success(let built): model = built.following(settings.alsoFollow)
        case .failure(let problems): return .failure(problems)
        }
        let plan = network.plan
        let iterations = settings.iterations ?? plan.forecast?.iterations?.value ?? 10_000
        let seed = settings.seed ?? plan.forecast?.seed.map { UInt64($0.value) } ?? 1
        let chunks = (iterations + chunkSize - 1) / chunkSize
        let statusDate = deterministic.statusDate
        var results = [ChunkResult?](repeating: nil, count: chunks)
        let box = ResultBox(results)
        let threads = max(1, min(settings.threads, chunks))
        let work: @Sendable (Int) -> Void = { worker in
            var k = worker
            var lean = LeanSchedule(network: network, statusDate: statusDate)
            let fast = levels ? nil : lean.flatMap(FastSchedule.init)
            while k < chunks {
                let count = min(chunkSize, iterations - k * chunkSize)
                let chunk = model.simulate(chunk: k, count: count, seed: seed, network: network, lean: &lean, fast: fast,
                                           statusDate: statusDate, levels: levels)
                box.set(k, chunk)
                k += threads
            }
        }
        if threads == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: work) }
        results = box.values
        let merged = ChunkResult.merge(results.map { $0! })
        var result = model.summarise(merged, network: network, deterministic: deterministic, iterations: iterations,
                                     seed: seed, levelled: levels)
        result.countFinishes(merged)
        return .success(result)
    }
}

public struct ForecastProblems: Error, Sendable {
    public var list: [ForecastProblem]
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [ChunkResult?]
    init(_ values: [ChunkResult?]) { self.values = values }
    func set(_ index: Int, _ value: ChunkResult) {
        lock.lock(); values[index] = value; lock.unlock()
    }
}

/// One chunk's raw observations, iteration-major.
struct ChunkResult: Sendable {
    var count = 0
    /// Per iteration × target: the finish day's ordinal.
    var targetFinish: [Int32] = []
    /// Per iteration: the plan's finish ordinal and its working days from the plan start.
    var planFinish: [Int32] = []
    var planDays: [Int32] = []
    /// Per leaf task: iterations in which it was critical.
    var critical: [Int] = []
    /// Per varying task × iteration (column-major, so a task's draws are read in one run): its
    /// drawn duration. Merged: each chunk's block as it was, with its iteration count.
    var drawn: [Int32] = []
    var drawnBlocks: [(count: Int, values: [Int32])] = []
    /// Per iteration × risk: whether it occurred.
    var occurred: [Bool] = []

    static func merge(_ chunks: [ChunkResult]) -> ChunkResult {
        var all = ChunkResult()
        all.critical = chunks.first.map { [Int](repeating: 0, count: $0.critical.count) } ?? []
        for chunk in chunks {
            all.count += chunk.count
            all.targetFinish += chunk.targetFinish
            all.planFinish += chunk.planFinish
            all.planDays += chunk.planDays
            all.drawnBlocks.append((chunk.count, chunk.drawn))
            all.occurred += chunk.occurred
            for i in chunk.critical.indices { all.critical[i] += chunk.critical[i] }
        }
        return all
    }

    /// Varying task `column`'s draws over every iteration, in iteration order (merged results).
    func drawnColumn(_ column: Int, into values: inout [Int32]) {
        var at = 0
        for block in drawnBlocks {
            let from = column * block.count
            for i in 0..<block.count { values[at + i] = block.values[from + i] }
            at += block.count
        }
    }
}

/// The plan read for simulation: which tasks draw, which risks may occur, the copula.
struct Model: Sendable {
    struct Varying: Sendable {
        var task: Int
        var draw: RoundedDraw
        /// Index into the correlated normals (-1: draws its own uniform).
        var correlated: Int
    }

    struct RiskModel: Sendable {
        var risk: Int
        var probability: Double
        var fixedDelay: Int
        var delayDraw: RoundedDraw?
        /// Leaf tasks whose length grows, and milestones (and gates) held back.
        var tasks: [Int]
        var milestones: [Int]
        /// The links into `milestones` (not their own duration edges), which its delay lengthens.
        var edges: [Int] = []
    }

    var distribution: ForecastDistribution
    var varying: [Varying]
    var risks: [RiskModel]
    /// Lower-triangular Cholesky factor of the copula's Pearson matrix, row-major, n × n.
    var cholesky: [Double]
    /// Per row of `cholesky`: its first non-zero column (the row's own when none).
    var choleskyFirst: [Int]
    /// The varying tasks' draws, flat (`DrawTable`).
    var drawTable: DrawTable
    var correlatedCount: Int
    var leafTasks: [Int]
    var targets: [Int]
    /// What a risk may change (restored before every iteration): tasks and milestones, and links.
    var riskTargets: [Int]
    var riskEdges: [Int]

    static func build(network: Network) -> Result<Model, ForecastProblems> {
        let plan = network.plan
        let calendar = network.calendar
        let distribution = plan.forecast?.distribution?.value ?? .triangular
        var problems: [ForecastProblem] = []
        func days(_ duration: Duration) -> Double {
            switch duration.unit {
            case .workingDays, .elapsedDays: return Double(duration.amount)
            case .workingWeeks: return Double(calendar.workingDays(in: duration))
            }
        }
        var varying: [Varying] = []
        var varyingOf: [Int: Int] = [:]
        var leafTasks: [Int] = []
        var targets: [Int] = []
        for (index, task) in plan.tasks.enumerated() {
            if task.isMilestone || task.deadline != nil { if !task.isSummary || task.deadline != nil { targets.append(index) } }
            guard task.kind == .task, !task.isSummary else { continue }
            leafTasks.append(index)
            if task.status?.value == .done, task.actualFinish != nil { continue }
            guard let estimate = task.estimate, let low = estimate.low?.value, let likely = estimate.likely?.value,
                  let high = estimate.high?.value else { continue }
            let a = days(low), m = days(likely), b = days(high)
            guard a <= m, m <= b else { continue }
            varyingOf[index] = varying.count
            varying.append(Varying(task: index, draw: RoundedDraw(low: a, likely: m, high: b, distribution: distribution), correlated: -1))
        }
        // Correlations: one Pearson matrix over every task in a group.
        var members: [Int] = []
        var pair: [Int: Double] = [:]  // key: i * count + j over member positions
        var groupsOf: [Int: [Int]] = [:]
        let correlations = plan.forecast?.correlations ?? []
        for (groupIndex, group) in correlations.enumerated() {
            var indices: [Int] = []
            for id in group.tasks {
                guard let index = network.taskIndex(id.value) else {
                    problems.append(ForecastProblem(message: "correlation names unknown task '\(id.value)'", location: id.location))
                    continue
                }
                guard let v = varyingOf[index] else { continue }  // a duration that never varies
                if varying[v].correlated < 0 {
                    varying[v].correlated = members.count
                    members.append(v)
                }
                if !indices.contains(varying[v].correlated) { indices.append(varying[v].correlated) }
                groupsOf[varying[v].correlated, default: []].append(groupIndex)
            }
            guard let rho = group.coefficient?.value else { continue }
            let r = 2 * sin(Double.pi * rho / 6)
            for i in indices { for j in indices where i != j {
                let key = min(i, j) * 1_000_000 + max(i, j)
                if let old = pair[key], abs(old) >= abs(r) { continue }
                pair[key] = r
            } }
        }
        let n = members.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            matrix[i * n + i] = 1
            for j in 0..<n where j != i { matrix[i * n + j] = pair[min(i, j) * 1_000_000 + max(i, j)] ?? 0 }
        }
        var factor = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= factor[i * n + k] * factor[j * n + k] }
                if i == j {
                    if sum < -1e-9 {
                        let groups = Set(groupsOf[i] ?? []).sorted()
                        let names = groups.map { "#\($0 + 1) (\(correlations[$0].tasks.map(\.value).joined(separator: ", ")))" }
                        let location = correlations[groups.last ?? 0].coefficient?.location ?? correlations[groups.last ?? 0].location
                        problems.append(ForecastProblem(
                            message: "the correlations are not consistent (the matrix is not positive semi-definite): groups \(names.joined(separator: " and ")) conflict",
                            location: location))
                        return .failure(ForecastProblems(list: problems))
                    }
                    factor[i * n + i] = max(0, sum).squareRoot()
                } else {
                    let d = factor[j * n + j]
                    factor[i * n + j] = d > 1e-12 ? sum / d : 0
                }
            }
        }
        // Risks.
        var risks: [RiskModel] = []
        for (index, risk) in plan.risks.enumerated() {
            guard risk.status?.value ?? .open == .open else { continue }
            let probability: Double
            if let p = risk.probability?.value { probability = p / 100 }
            else if let l = risk.likelihood?.value { probability = [0.1, 0.3, 0.5, 0.7, 0.9][l - 1] }
            else { continue }
            var model = RiskModel(risk: index, probability: probability, fixedDelay: 0, delayDraw: nil, tasks: [], milestones: [])
            if let delay = risk.delay?.value {
                model.fixedDelay = calendar.workingDays(in: delay)
            } else if let estimate = risk.delayEstimate, let low = estimate.low?.value, let likely = estimate.likely?.value,
                      let high = estimate.high?.value, days(low) <= days(likely), days(likely) <= days(high) {
                model.delayDraw = RoundedDraw(low: days(low), likely: days(likely), high: days(high), distribution: .triangular)
            } else { continue }
            for affected in risk.affects {
                guard let task = network.taskIndex(affected.value) else { continue }
                let item = plan.tasks[task]
                if item.isMilestone { model.milestones.append(task) }
                else if item.kind == .task, !item.isSummary, !(item.status?.value == .done && item.actualFinish != nil) { model.tasks.append(task) }
            }
            risks.append(model)
        }
        if !problems.isEmpty { return .failure(ForecastProblems(list: problems)) }
        // Incoming edges (not the own duration edge) of each held-back milestone.
        var milestoneEdges: [Int: [Int]] = [:]
        let held = Set(risks.flatMap(\.milestones))
        if !held.isEmpty {
            let graph = network.graph
            for node in 0..<graph.nodeCount {
                for edge in graph.offsets[node]..<graph.offsets[node + 1] {
                    let task = Int(graph.targets[edge]) >> 1
                    guard held.contains(task) else { continue }
                    if case .duration = graph.origins[edge] { continue }
                    milestoneEdges[task, default: []].append(edge)
                }
            }
        }
        for i in risks.indices { risks[i].edges = risks[i].milestones.flatMap { milestoneEdges[$0] ?? [] } }
        let riskTargets = Set(risks.flatMap { $0.tasks + $0.milestones }).sorted()
        let riskEdges = Set(risks.flatMap(\.edges)).sorted()
        let first = (0..<n).map { i in (0..<i).first { factor[i * n + $0] != 0 } ?? i }
        return .success(Model(distribution: distribution, varying: varying, risks: risks, cholesky: factor, choleskyFirst: first,
                              drawTable: DrawTable(varying.map(\.draw)), correlatedCount: n,
                              leafTasks: leafTasks, targets: targets, riskTargets: riskTargets, riskEdges: riskEdges))
    }
}
