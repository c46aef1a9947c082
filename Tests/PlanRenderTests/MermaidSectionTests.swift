import Foundation
import PlanKit
@testable import PlanRender
import Testing

/// Mermaid 11 puts the labels of a repeated `section` name on the wrong rows: every section of a
/// chart has a name of its own.
@Suite struct MermaidSectionTests {
    @Test func repeatedSectionNamesAreNumbered() throws {
        let compilation = try HostileStringTests.compile("""
        plan: sections
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: kickoff, milestone: true }
          - id: build
            title: Build
            tasks:
              - { id: code, duration: 2d, after: [kickoff] }
          - id: build-again
            title: Build
            tasks:
              - { id: more, duration: 2d, after: [code] }
          - { id: review, duration: 1d, after: [more] }
          - id: events-summary
            title: Marketing events
            tasks:
              - { id: promo, duration: 1d, after: [review] }
        events:
          - { id: launch, title: Launch, date: 2027-01-04, requires: [promo] }

        """)
        let facts = ScheduleFacts(network: try #require(compilation.network), schedule: try #require(compilation.schedule))
        let sections = MermaidGanttWriter.write(facts).components(separatedBy: "\n").filter { $0.hasPrefix("    section ") }
        #expect(sections == [
            "    section Milestones and tasks",
            "    section Build",
            "    section Build (2)",
            "    section Milestones and tasks (2)",
            "    section Marketing events",
            "    section Marketing events (2)",
        ])
    }
}
