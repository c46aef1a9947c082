import PlanKit
import PlanSyntax
import Testing

/// Exact locations and messages of the rules around the schedule.
@Suite struct ScheduleRuleTests {
    func found(_ c: Compilation, _ code: String) -> [String] {
        c.diagnostics.filter { $0.code == code }.map { "\($0.line):\($0.column) \($0.message)" }
    }

    /// The descriptors' own examples: diagnostics exactly at the `↓` markers.
    @Test(arguments: [DeadlineMissedRule.descriptor, TaskLateRule.descriptor, InconsistentActualsRule.descriptor])
    func descriptorExamples(_ descriptor: DiagnosticDescriptor) {
        for example in descriptor.triggering {
            var text = example.files[0].text
            var expected: [String] = []
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let marker = line.firstIndex(of: DiagnosticDescriptor.Example.marker) {
                    expected.append("\(number + 1):\(line.distance(from: line.startIndex, to: marker) + 1)")
                }
            }
            text.removeAll { $0 == DiagnosticDescriptor.Example.marker }
            let c = compilePlan(text)
            let actual = c.diagnostics.filter { $0.code == descriptor.code }.map { "\($0.line):\($0.column)" }
            #expect(actual == expected, "\(text)")
        }
        for example in descriptor.passing {
            let c = compilePlan(example.files[0].text)
            #expect(c.diagnostics.filter { $0.code == descriptor.code }.isEmpty)
            #expect(c.errors.isEmpty, "\(c.errors.map(\.message))")
        }
    }

    @Test func rulesAreRegisteredForTheDocs() {
        let codes = RuleRegistry.descriptors.map(\.code)
        #expect(codes.contains("E301") && codes.contains("E302") && codes.contains("W302"))
    }

    @Test func deadlineMissedThroughASummaryWithNotes() throws {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - id: engine
            tasks:
              - { id: core, duration: 5d }
              - { id: perf, duration: 3d, after: [core] }
          - { id: beta, milestone: true, after: [engine], deadline: 2026-12-14 }
        """)
        let diagnostics = c.diagnostics.filter { $0.code == "E301" }
        try #require(diagnostics.count == 1)
        #expect(found(c, "E301") == ["8:61 milestone 'beta' misses its deadline 2026-12-14: forecast 2026-12-16, 2 working days late; driven by core → perf → beta"])
        #expect(diagnostics[0].notes.map { "\($0.line):\($0.column) \($0.message)" } == [
            "7:43 'perf' waits for 'core', which it follows with no slack",
            "7:15 'engine' finishes with its part 'perf'",
            "8:42 'beta' waits for 'engine', which it follows with no slack",
        ])
    }

    @Test func doneTasksDoNotMissDeadlinesAgain() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        as_of: 2026-12-18
        tasks:
          - { id: a, duration: 5d, deadline: 2026-12-09, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-11 }
        """)
        #expect(found(c, "E301").isEmpty)
        #expect(c.errors.isEmpty)
    }

    @Test func taskLateMessages() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        as_of: 2026-12-16
        tasks:
          - { id: prd, duration: 2d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-08 }
          - { id: specs, duration: 2d, after: [prd], status: not-started }
          - { id: freeze, milestone: true, after: [prd] }
          - { id: build, duration: 4d, after: [prd], status: in-progress, actual_start: 2026-12-09, progress: 25% }
          - { id: on-time, duration: 10d, after: [prd], status: in-progress, actual_start: 2026-12-09, progress: 60% }
          - { id: later, duration: 2d, after: [build] }
        """)
        #expect(found(c, "W302") == [
            "6:54 'specs' could have started on 2026-12-09 but has not by the status date 2026-12-16; forecast 2026-12-17",
            "7:11 'freeze' could have been reached on 2026-12-08 but has not by the status date 2026-12-16; forecast 2026-12-17",
            "8:54 task 'build' is behind: started 2026-12-09 at 25% on 2026-12-16, it is forecast to finish 2026-12-21, 5 working days after the 2026-12-14 its duration allows",
        ])
        #expect(c.errors.isEmpty)
    }

    @Test func noLatenessWithoutStatusDate() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        tasks:
          - { id: a, duration: 2d }
        """)
        #expect(found(c, "W302").isEmpty)
    }

    @Test func inconsistentActualsLocations() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        as_of: 2026-12-16
        tasks:
          - { id: a, duration: 5d, status: done, actual_start: 2026-12-11, actual_finish: 2026-12-07 }
          - { id: b, duration: 5d, status: done }
          - { id: c, duration: 5d, status: in-progress }
          - { id: d, duration: 5d, status: in-progress, actual_start: 2026-12-07, actual_finish: 2026-12-11 }
          - { id: e, duration: 5d, actual_finish: 2026-12-11 }
          - { id: f, duration: 5d, status: in-progress, actual_start: 2026-12-17 }
          - { id: g, milestone: true, status: in-progress }
          - { id: h, milestone: true, status: done }
          - { id: i, milestone: true, status: done, actual_finish: 2026-12-15 }
        """)
        #expect(found(c, "E302") == [
            "5:83 task 'a' finished (2026-12-07) before it started (2026-12-11)",
            "6:36 task 'b' is done but has no `actual_start` or `actual_finish`",
            "7:36 task 'c' is in progress but has no `actual_start`",
            "8:90 task 'd' is in progress but has an `actual_finish`",
            "9:43 task 'e' has `actual_finish` but is not started",
            "10:63 task 'f' has an actual date (2026-12-17) after the status date (2026-12-16)",
            "11:39 milestone 'g' cannot be in progress: it is a point in time",
            "12:39 task 'h' is done but has no `actual_finish`",
        ])
        #expect(c.schedule == nil)
    }

    @Test func statusDateOverrideAppliesToActuals() {
        let yaml = """
        plan: t
        start: 2026-12-07
        as_of: 2026-12-18
        tasks:
          - { id: a, duration: 5d, status: done, actual_start: 2026-12-07, actual_finish: 2026-12-11 }
        """
        #expect(compilePlan(yaml).errors.isEmpty)
        #expect(found(compilePlan(yaml, asOf: day("2026-12-10")), "E302") == [
            "5:83 task 'a' has an actual date (2026-12-11) after the status date (2026-12-10)",
        ])
    }

    @Test func ruleSettingsApplyToScheduleRules() {
        let c = compilePlan("""
        plan: t
        start: 2026-12-07
        rules:
          deadline-missed: warning
        tasks:
          - { id: a, duration: 5d, deadline: 2026-12-09 }
        """)
        #expect(c.diagnostics.filter { $0.code == "E301" }.map(\.severity) == [.warning])
        #expect(c.errors.isEmpty)
    }
}
