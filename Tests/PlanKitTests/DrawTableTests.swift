@testable import PlanKit
import Testing

/// The forecast's flat draw table against `RoundedDraw.value` (the binary search it replaces in
/// the iterations): the same day for every uniform, at bucket edges, thresholds and random points.
@Suite struct DrawTableTests {
    @Test func theSameDayAsTheBinarySearch() {
        var rng = SeededGenerator(state: 11)
        var draws: [RoundedDraw] = []
        for i in 0..<300 {
            let a = Double(Int.random(in: 0...12, using: &rng)) + (i % 3 == 0 ? 0.25 : 0)
            let m = a + Double(Int.random(in: 0...9, using: &rng))
            let b = m + Double(Int.random(in: 0...25, using: &rng)) * (i % 7 == 0 ? 0 : 1)
            draws.append(RoundedDraw(low: a, likely: m, high: b, distribution: i % 2 == 0 ? .triangular : .pert))
        }
        // Wide estimates: more than 255 thresholds, so the one-byte starts are clamped.
        draws.append(RoundedDraw(low: 1, likely: 300, high: 700, distribution: .triangular))
        draws.append(RoundedDraw(low: 5, likely: 40, high: 900, distribution: .pert))
        let table = DrawTable(draws)
        var mismatches = 0
        for (i, draw) in draws.enumerated() {
            var points = (0...DrawTable.buckets).map { min(Double($0) / Double(DrawTable.buckets), 1 - 0x1.0p-53) }
            for t in draw.thresholds where t < 1 { points += [t, t.nextDown, t.nextUp] }
            for _ in 0..<200 { points.append(Double.random(in: 0..<1, using: &rng)) }
            points += [0, 0x1.0p-53, 1 - 0x1.0p-53]
            for u in points where u >= 0 && u < 1 && table.value(i, u) != draw.value(u) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
