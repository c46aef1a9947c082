import Foundation
@testable import PlanKit
@testable import PlanRender
import Testing

/// What the report's Schedule confidence says when its budget cut the simulation short or left it
/// out: the reader learns how many iterations the figures rest on, and how to get the full count.
@Suite struct ConfidenceBudgetWriterTests {
    static let plan = """
    plan: b
    start: 2027-02-01
    rules: { W301: off }
    tasks:
      - { id: build, duration: 10d, estimate: { low: 8d, likely: 10d, high: 20d } }
      - { id: launch, milestone: true, after: [build], deadline: 2027-03-31 }

    """

    static func report(work: Int) throws -> StatusReport {
        try #require(StatusReport.build(compilation: HostileStringTests.compile(plan), forecastWork: work))
    }

    @Test func aReducedSimulationSaysHowManyOfHowManyIterationsItRan() throws {
        let report = try Self.report(work: 3 * 2_000)
        let sentence = "The report ran 2000 of the 10000 iterations `planc forecast` runs: its budget for a plan of 3 tasks and links."
        #expect(ConfidenceSectionWriter.plain(report).contains(sentence))
        #expect(ConfidenceSectionWriter.markdown(report).contains("From 2000 simulated schedules (seed 1)"))
        #expect(ConfidenceSectionWriter.html(report).contains(sentence))
    }

    @Test func aPlanAboveTheBudgetSaysItWasNotSimulatedAndHowToSimulateIt() throws {
        let report = try Self.report(work: 100)
        let markdown = ConfidenceSectionWriter.markdown(report)
        #expect(markdown.contains("Not simulated: 3 tasks and links is too large for the report's forecast (1000 iterations at least, within 100 task-iterations)"), "\(markdown)")
        #expect(markdown.contains("the plan's 10000 iterations"))
        #expect(!markdown.contains("| deadline task |"))
        #expect(ConfidenceSectionWriter.html(report).contains("<p>Not simulated: "))
    }
}
