import Foundation
import Testing

/// `planc forecast`: the exact output of a small seeded plan (goldens), the same bytes whatever
/// the thread count, flags over the plan's settings, and bad input at the value.
@Suite struct ForecastCommandTests {
    static let plan = "Tests/Golden/forecast.yaml"
    static let cases: [(name: String, arguments: [String])] = [
        ("forecast.json", ["forecast", "--format", "json", plan]),
        ("forecast.txt", ["forecast", plan]),
        ("forecast.csv", ["forecast", "--format", "csv", plan]),
        ("forecast.md", ["forecast", "--format", "markdown", plan]),
        ("forecast.html", ["forecast", "--format", "html", plan]),
    ]

    @Test(arguments: cases.map(\.name))
    func outputMatchesItsGoldenFile(name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let result = try Planc.run(arguments)
        #expect(result.status == 0)
        let url = GoldenFileTests.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["PLANC_RECORD_GOLDEN"] == "1" {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(result.stdout == expected, "\(name) differs from Tests/Golden/\(name); re-record on purpose with PLANC_RECORD_GOLDEN=1 swift test")
    }

    @Test func theSameBytesOnOneThreadAndOnTwo() throws {
        let one = try Planc.run(["forecast", "--format", "json", "--threads", "1", "--iterations", "2500", Self.plan])
        let two = try Planc.run(["forecast", "--format", "json", "--threads", "2", "--iterations", "2500", Self.plan])
        let again = try Planc.run(["forecast", "--format", "json", "--iterations", "2500", Self.plan])
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
        #expect(two.stdout == again.stdout)
        #expect(one.stdout.contains("\"iterations\":2500,\"seed\":42,"))
    }

    @Test func flagsWinOverThePlan() throws {
        let result = try Planc.run(["forecast", "--format", "json", "--iterations", "1000", "--seed", "5", Self.plan])
        #expect(result.stdout.hasPrefix("{\"plan\":\"forecast-demo\",\"iterations\":1000,\"seed\":5,\"distribution\":\"triangular\","))
    }

    @Test func iterationsOutOfRangeAreAUsageError() throws {
        for bad in ["0", "1000001"] {
            let result = try Planc.run(["forecast", "--iterations", bad, Self.plan])
            #expect(result.status == 64 || result.status == 2, "status \(result.status)")
            #expect(result.stderr.contains("--iterations takes a number from 1 to 1000000"))
        }
    }

    /// A plan that already misses its deadline is forecast all the same (exit 1, as `schedule`):
    /// that is when the chance of still making the date matters.
    @Test func aMissedDeadlineIsForecastWithExitOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planc-forecast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.yaml").path
        try """
        plan: late
        start: 2027-01-04
        tasks:
          - { id: build, duration: 10d, estimate: { low: 5d, likely: 10d, high: 15d } }
          - { id: launch, milestone: true, after: [build], deadline: 2027-01-13 }

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Planc.run(["forecast", "--format", "json", "--iterations", "2000", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error[E301]"))
        #expect(result.stdout.hasPrefix("{\"plan\":\"late\",\"iterations\":2000,"))
        #expect(result.stdout.contains("\"id\":\"launch\",\"deadline\":\"2027-01-13\""))
    }

    @Test func aNonPositiveSemiDefiniteCorrelationIsAnErrorAtTheValue() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planc-forecast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("plan.yaml").path
        try """
        plan: bad
        start: 2027-01-04
        forecast:
          correlations:
            - { tasks: [a, b], coefficient: 0.9 }
            - { tasks: [b, c], coefficient: 0.9 }
            - { tasks: [a, c], coefficient: -0.9 }
        teams: { x: { capacity: 1 } }
        tasks:
          - { id: a, owner: x, estimate: { low: 2d, likely: 5d, high: 9d } }
          - { id: b, owner: x, estimate: { low: 2d, likely: 5d, high: 9d } }
          - { id: c, owner: x, estimate: { low: 2d, likely: 5d, high: 9d } }

        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Planc.run(["forecast", path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("plan.yaml:7:37: error[E102]: the correlations are not consistent"), "\(result.stderr)")
    }
}
