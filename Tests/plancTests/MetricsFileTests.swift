import Foundation
import Testing

/// A metrics file's problems are reported in that file, and the gate says which file stops it.
@Suite struct MetricsFileTests {
    @Test func anInfiniteMetricStopsTheGateAndTheFileIsNamed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "stability:\n  error_rate_pct: -Infinity\n  eror_rate_pct: 0.1\n"
            .write(to: folder.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let plan = Planc.repository.appendingPathComponent("plans/perp-v2-launch.yaml").path
        let result = try Planc.run(["gate", plan, "go-live", "--metrics", "m.yaml", "--no-color"], in: folder)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
        m.yaml:2:19: error[E102]: metric 'stability.error_rate_pct' is -Infinity, which is not a finite number
          2 |   error_rate_pct: -Infinity
            |                   ^~~~~~~~~
            = help: write the measured value, e.g. error_rate_pct: 0.05
        m.yaml:3:18: warning[W311]: metric 'stability.eror_rate_pct' is not read by any gate criterion or definition of done
          3 |   eror_rate_pct: 0.1
            |                  ^~~
            = help: did you mean 'stability.error_rate_pct'?
        planc: m.yaml has 1 error; no verdict

        """)
    }
}
