import Foundation
import PlanKit
import PlanSyntax
import Testing

/// The rounded triangular draw's distribution, computed here from the CDF (not from the code
/// under test): P(d) = F(d + 0.5) − F(d − 0.5), every day below 1 counted as 1.
private func roundedTriangular(_ a: Double, _ m: Double, _ b: Double) -> [Int: Double] {
    func cdf(_ x: Double) -> Double {
        if x <= a { return 0 }
        if x >= b { return 1 }
        if x <= m { return (x - a) * (x - a) / ((b - a) * (m - a)) }
        return 1 - (b - x) * (b - x) / ((b - a) * (b - m))
    }
    var pmf: [Int: Double] = [:]
    for d in Int(a.rounded(.down))...Int(b.rounded(.up)) {
        let p = cdf(Double(d) + 0.5) - cdf(Double(d) - 0.5)
        if p > 0 { pmf[max(1, d), default: 0] += p }
    }
    return pmf
}

private func convolve(_ x: [Int: Double], _ y: [Int: Double]) -> [Int: Double] {
    var out: [Int: Double] = [:]
    for (a, p) in x { for (b, q) in y { out[a + b, default: 0] += p * q } }
    return out
}

private func cumulative(_ pmf: [Int: Double], _ x: Int) -> Double {
    pmf.filter { $0.key <= x }.values.reduce(0, +)
}

private func forecast(_ yaml: String, iterations: Int = 20_000, seed: UInt64 = 1, threads: Int = 2) -> ForecastResult? {
    let compilation = compilePlan(yaml)
    guard let network = compilation.network, let schedule = compilation.schedule, !compilation.hasErrors else {
        Issue.record("no schedule: \(compilation.diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message)" })")
        return nil
    }
    switch Forecaster.run(network: network, schedule: schedule, levels: compilation.levelling != nil,
                          settings: ForecastSettings(iterations: iterations, seed: seed, threads: threads)) {
    case .success(let result): return result
    case .failure(let problems):
        Issue.record("forecast problems: \(problems.list.map(\.message))")
        return nil
    }
}

/// Every day a working day, so a date is the plan start plus working days.
private let everyDay = "calendar: { workdays: [mon, tue, wed, thu, fri, sat, sun] }\n"

@Suite struct ForecastAnalyticalTests {
    @Test func chainOfTriangularsHasTheSumsPercentilesAndDeadlineProbability() throws {
        let yaml = """
        plan: chain
        start: 2027-01-04
        \(everyDay)tasks:
          - { id: a, owner: x, estimate: { low: 2d, likely: 5d, high: 14d } }
          - { id: b, owner: x, estimate: { low: 2d, likely: 5d, high: 14d }, after: [a] }
          - { id: c, owner: x, estimate: { low: 3d, likely: 4d, high: 8d }, after: [b] }
          - { id: end, milestone: true, after: [c], deadline: 2027-01-24 }
        """
        let result = try #require(forecast(yaml))
        let sum = convolve(convolve(roundedTriangular(2, 5, 14), roundedTriangular(2, 5, 14)), roundedTriangular(3, 4, 8))
        let start = day("2027-01-04")
        // Pk of the sum of lengths: the smallest n with P(sum ≤ n) ≥ k; the finish is start + n − 1.
        func exact(_ k: Double) -> Int { sum.keys.sorted().first { cumulative(sum, $0) >= k - 1e-12 }! }
        let simulated = [result.finish.p10, result.finish.p50, result.finish.p80, result.finish.p90, result.finish.p95]
        for (k, date) in zip([0.1, 0.5, 0.8, 0.9, 0.95], simulated) {
            let days = date.ordinal - start.ordinal + 1
            #expect(abs(days - exact(k)) <= 1, "P\(Int(k * 100)): \(days) vs exact \(exact(k))")
        }
        // Mean of the sum from the finish histogram.
        let mean = result.histogram.reduce(0.0) { $0 + Double($1.date.ordinal - start.ordinal + 1) * Double($1.count) } / Double(result.iterations)
        let exactMean = sum.reduce(0.0) { $0 + Double($1.key) * $1.value }
        #expect(abs(mean - exactMean) < 0.1, "mean \(mean) vs exact \(exactMean)")
        // Deadline 2027-01-24: finishing on day 21 or earlier.
        let target = try #require(result.targets.first { $0.id == "end" })
        #expect(abs(target.probability! - cumulative(sum, 21)) < 0.015, "\(target.probability!) vs \(cumulative(sum, 21))")
        #expect(result.tasks.map(\.criticality) == [1, 1, 1])
    }

    @Test func twoEqualParallelPathsMeetADateWithTheSquareOfOnePathsChance() throws {
        let yaml = """
        plan: parallel
        start: 2027-01-04
        \(everyDay)tasks:
          - { id: p1, owner: x, estimate: { low: 1d, likely: 3d, high: 9d } }
          - { id: p2, owner: x, estimate: { low: 1d, likely: 3d, high: 9d } }
          - { id: join, milestone: true, after: [p1, p2], deadline: 2027-01-08 }
        """
        let result = try #require(forecast(yaml))
        let one = cumulative(roundedTriangular(1, 3, 9), 5)  // finish on or before the 8th: 5 days
        let target = try #require(result.targets.first)
        #expect(abs(target.probability! - one * one) < 0.015, "\(target.probability!) vs F(x)² = \(one * one)")
        // Each path drives the join about half the time (ties make both critical).
        for task in result.tasks { #expect(task.criticality > 0.5 && task.criticality < 0.75) }
    }

    @Test func aRiskOfThirtyPercentOccursInThirtyPercentOfIterationsAndAddsItsDelay() throws {
        let yaml = """
        plan: risky
        start: 2027-01-04
        \(everyDay)tasks:
          - { id: work, owner: x, duration: 10d }
        risks:
          - { id: slip, status: open, probability: 30%, delay: 5d, affects: [work] }
          - { id: by-likelihood, likelihood: 4, delay: { low: 1d, likely: 2d, high: 3d }, affects: [work] }
          - { id: closed-one, status: closed, probability: 90%, delay: 9d, affects: [work] }
        """
        let result = try #require(forecast(yaml))
        #expect(result.risks.map(\.id) == ["slip", "by-likelihood"])
        let slip = result.risks[0], other = result.risks[1]
        #expect(abs(slip.occurred - 0.3) <= 0.02)
        #expect(abs(other.occurred - 0.7) <= 0.02)
        #expect(abs(slip.meanDelay! - 5) < 0.05)
        #expect(abs(other.meanDelay! - 2) < 0.1)
        // The finish: 10 days, +5 in 30%, +1..3 in 70%.
        #expect(result.finish.p10 == day("2027-01-13"))
    }

    @Test func pertDrawsStayWithinTheEstimateAndCentreOnItsMean() throws {
        let yaml = """
        plan: pert
        start: 2027-01-04
        \(everyDay)forecast: { distribution: pert }
        tasks:
          - { id: a, owner: x, estimate: { low: 2d, likely: 4d, high: 12d } }
        """
        let result = try #require(forecast(yaml))
        let start = day("2027-01-04")
        let lengths = result.histogram.map { $0.date.ordinal - start.ordinal + 1 }
        #expect(lengths.min()! >= 2 && lengths.max()! <= 12)
        let mean = result.histogram.reduce(0.0) { $0 + Double($1.date.ordinal - start.ordinal + 1) * Double($1.count) } / Double(result.iterations)
        #expect(abs(mean - (2 + 4 * 4 + 12) / 6.0) < 0.1, "mean \(mean)")  // PERT mean (a + 4m + b) / 6, rounding aside
    }

    @Test func correlatedTasksMoveTogether() throws {
        let yaml = """
        plan: correlated
        start: 2027-01-04
        \(everyDay)forecast:
          correlations:
            - { tasks: [a, b], coefficient: 0.9 }
        tasks:
          - { id: a, owner: x, estimate: { low: 1d, likely: 5d, high: 20d } }
          - { id: b, owner: x, estimate: { low: 1d, likely: 5d, high: 20d }, after: [a] }
          - { id: c, owner: x, estimate: { low: 1d, likely: 5d, high: 20d }, after: [b] }
        """
        let result = try #require(forecast(yaml))
        let a = result.tasks[0].sensitivity!, b = result.tasks[1].sensitivity!, c = result.tasks[2].sensitivity!
        // a and b together carry more of the finish than the independent c.
        #expect(a > c + 0.1 && b > c + 0.1, "\(a) \(b) \(c)")
    }
}

@Suite struct ForecastDeterminismTests {
    static let yaml = """
    plan: det
    start: 2027-01-04
    tasks:
      - { id: a, owner: x, estimate: { low: 2d, likely: 5d, high: 14d } }
      - { id: b, owner: x, estimate: { low: 2d, likely: 5d, high: 14d } }
      - { id: c, owner: x, estimate: { low: 1d, likely: 2d, high: 6d }, after: [a, b] }
      - { id: m, milestone: true, after: [c], deadline: 2027-01-20 }
    risks:
      - { id: r, probability: 40%, delay: 3d, affects: [m] }
    """

    @Test func theSameSeedGivesTheSameResultWhateverTheThreadCount() throws {
        let one = try #require(forecast(Self.yaml, iterations: 3_500, seed: 9, threads: 1))
        let two = try #require(forecast(Self.yaml, iterations: 3_500, seed: 9, threads: 2))
        let again = try #require(forecast(Self.yaml, iterations: 3_500, seed: 9, threads: 2))
        for other in [two, again] {
            #expect(other.finish == one.finish)
            #expect(other.histogram.map(\.count) == one.histogram.map(\.count))
            #expect(other.tasks.map(\.sensitivity) == one.tasks.map(\.sensitivity))
            #expect(other.risks.map(\.meanDelay) == one.risks.map(\.meanDelay))
        }
        let otherSeed = try #require(forecast(Self.yaml, iterations: 3_500, seed: 10, threads: 2))
        #expect(otherSeed.histogram.map(\.count) != one.histogram.map(\.count))
    }

    @Test func aHeldBackMilestoneMovesByTheDelay() throws {
        let result = try #require(forecast(Self.yaml, iterations: 4_000))
        let risk = try #require(result.risks.first)
        #expect(abs(risk.occurred - 0.4) <= 0.02)
        #expect(abs(risk.meanDelay! - 3) < 0.05)
    }
}

@Suite struct ForecastInputTests {
    private func diagnostics(_ yaml: String) -> [String] {
        compilePlan(yaml).diagnostics.filter { $0.severity == .error }.map { "\($0.code) \($0.line):\($0.column)" }
    }

    private func problems(_ yaml: String) -> [String] {
        let compilation = compilePlan(yaml)
        guard let network = compilation.network else { return ["no network"] }
        return Forecaster.problems(in: network).map { "\($0.location.line):\($0.location.column) \($0.message)" }
    }

    static let head = "plan: bad\nstart: 2027-01-04\n"
    static let tasks = "tasks:\n  - { id: a, owner: x, estimate: { low: 2d, likely: 5d, high: 9d } }\n  - { id: b, owner: x, estimate: { low: 2d, likely: 5d, high: 9d } }\n  - { id: c, owner: x, estimate: { low: 2d, likely: 5d, high: 9d } }\n"

    @Test func iterationsOutOfRange() {
        #expect(diagnostics(Self.head + "forecast: { iterations: 0 }\n" + Self.tasks) == ["E102 3:25"])
        #expect(diagnostics(Self.head + "forecast: { iterations: 1000001 }\n" + Self.tasks) == ["E102 3:25"])
        #expect(diagnostics(Self.head + "forecast: { iterations: 1000000, seed: 3, distribution: pert }\n" + Self.tasks) == [])
    }

    @Test func unknownDistribution() {
        #expect(diagnostics(Self.head + "forecast: { distribution: normal }\n" + Self.tasks) == ["E102 3:27"])
    }

    @Test func probabilityOutsideZeroToHundred() {
        let risk = "risks:\n  - { id: r, probability: 140%, delay: 2d, affects: [a] }\n"
        #expect(diagnostics(Self.head + Self.tasks + risk) == ["E102 8:27"])
        let negative = "risks:\n  - { id: r, probability: -5%, delay: 2d, affects: [a] }\n"
        #expect(diagnostics(Self.head + Self.tasks + negative) == ["E102 8:27"])
    }

    @Test func threePointDelayOutOfOrder() {
        let risk = "risks:\n  - { id: r, probability: 10%, delay: { low: 5d, likely: 2d, high: 9d }, affects: [a] }\n"
        #expect(diagnostics(Self.head + Self.tasks + risk) == ["E102 8:39"])
    }

    @Test func estimateOutOfOrder() {
        let yaml = Self.head + "tasks:\n  - { id: a, owner: x, estimate: { low: 9d, likely: 5d, high: 12d } }\n"
        #expect(diagnostics(yaml) == ["E102 4:34"])
    }

    @Test func coefficientOutsideMinusOneToOne() {
        let yaml = Self.head + "forecast:\n  correlations:\n    - { tasks: [a, b], coefficient: 1.5 }\n" + Self.tasks
        #expect(diagnostics(yaml) == ["E102 5:37"])
    }

    @Test func unknownTaskInACorrelation() {
        let yaml = Self.head + "forecast:\n  correlations:\n    - { tasks: [a, zz], coefficient: 0.5 }\n" + Self.tasks
        #expect(problems(yaml) == ["5:20 correlation names unknown task 'zz'"])
    }

    @Test func correlationsThatAreNotPositiveSemiDefinite() {
        // a~b and b~c strongly positive, a~c strongly negative: no such joint distribution.
        let yaml = Self.head + """
        forecast:
          correlations:
            - { tasks: [a, b], coefficient: 0.9 }
            - { tasks: [b, c], coefficient: 0.9 }
            - { tasks: [a, c], coefficient: -0.9 }

        """ + Self.tasks
        let found = problems(yaml)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("7:37 the correlations are not consistent") == true, "\(found)")
        #expect(found.first?.contains("#2 (b, c) and #3 (a, c)") == true, "\(found)")
        let consistent = Self.head + "forecast:\n  correlations:\n    - { tasks: [a, b, c], coefficient: 1 }\n" + Self.tasks
        #expect(problems(consistent) == [])
    }
}

@Suite struct ForecastLevellingTests {
    @Test func aLevelledPlanSerialisesTwoTasksOfAOnePersonTeamInEveryIteration() throws {
        let yaml = """
        plan: levelled
        start: 2027-01-04
        level: true
        \(everyDay)teams:
          solo: { capacity: 1 }
        tasks:
          - { id: p1, owner: solo, estimate: { low: 1d, likely: 3d, high: 9d } }
          - { id: p2, owner: solo, estimate: { low: 1d, likely: 3d, high: 9d } }
          - { id: join, milestone: true, after: [p1, p2], deadline: 2027-01-11 }
        """
        let result = try #require(forecast(yaml, iterations: 4_000))
        #expect(result.levelled)
        // One after the other: the sum of both lengths, not the longer of them.
        let sum = convolve(roundedTriangular(1, 3, 9), roundedTriangular(1, 3, 9))
        let target = try #require(result.targets.first)
        #expect(abs(target.probability! - cumulative(sum, 8)) < 0.025, "\(target.probability!) vs \(cumulative(sum, 8))")
    }
}
