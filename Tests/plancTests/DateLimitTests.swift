import Foundation
import Testing

/// A forecast past 9999-12-31 is an error that stops every output that would print its dates.
@Suite struct DateLimitTests {
    @Test(arguments: [["schedule"], ["schedule", "--format", "ics"], ["report"], ["gate"]])
    func aForecastPastTheYear9999StopsTheOutput(command: [String]) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
        plan: p
        start: 2026-12-07
        rules: { W301: off }
        tasks:
          - { id: a, duration: 999999d }
          - { id: b, duration: 999999d, after: [a] }
          - { id: c, duration: 999999d, after: [b] }
        gates:
          - { id: g, after: [c], criteria: [{ id: x, metric: "m <= 1" }] }
        metrics: { m: 0 }

        """.write(to: folder.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        let result = try Planc.run([command[0], "plan.yaml"] + command.dropFirst() + ["--no-color"], in: folder)
        #expect(result.status == (command[0] == "gate" ? 2 : 1))
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("plan.yaml:7:24: error[E207]: task 'c' would finish after 9999-12-31, the last date planc can schedule; 1 more task would end after it\n"))
        #expect(!(result.stdout + result.stderr).contains("13526"))
    }
}
