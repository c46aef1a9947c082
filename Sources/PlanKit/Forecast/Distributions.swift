import Foundation

/// A three-point estimate as the forecast draws it: the thresholds F(k + 0.5) of its distribution,
/// so that a uniform `u` maps straight to the whole day the rounded draw gives (halves up): the
/// first k with u < F(k + 0.5). At least 1 day.
struct RoundedDraw: Sendable {
    let first: Int
    let thresholds: [Double]

    init(low a: Double, likely m: Double, high b: Double, distribution: ForecastDistribution) {
        let lowest = Int((a + 0.5).rounded(.down))
        first = lowest
        guard b > a else {
            thresholds = [1.0]
            return
        }
        var values: [Double] = []
        var k = lowest
        while true {
            let x = Double(k) + 0.5
            let f = x >= b ? 1.0 : RoundedDraw.cdf(x, a, m, b, distribution)
            values.append(f)
            if f >= 1 { break }
            k += 1
        }
        thresholds = values
    }

    /// The rounded draw for `u` in [0, 1), at least `minimum`.
    func value(_ u: Double, minimum: Int = 1) -> Int {
        var lo = 0, hi = thresholds.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if u < thresholds[mid] { hi = mid } else { lo = mid + 1 }
        }
        return max(minimum, first + lo)
    }

    static func cdf(_ x: Double, _ a: Double, _ m: Double, _ b: Double, _ distribution: ForecastDistribution) -> Double {
        if x <= a { return 0 }
        if x >= b { return 1 }
        switch distribution {
        case .triangular:
            if x <= m { return (x - a) * (x - a) / ((b - a) * (m - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - m))
        case .pert:
            let alpha = 1 + 4 * (m - a) / (b - a), beta = 1 + 4 * (b - m) / (b - a)
            return regularizedBeta((x - a) / (b - a), alpha, beta)
        }
    }

    /// I_x(a, b) by the continued fraction (Numerical Recipes `betai`).
    static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPower: Double = a * log(x) + b * log(1 - x)
        let front: Double = exp(logBeta + logPower)
        if x < (a + 1) / (a + b + 2) { return front * continuedFraction(x, a, b) / a }
        return 1 - front * continuedFraction(1 - x, b, a) / b
    }

    static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 3e-16 { break }
        }
        return h
    }
}

/// Every varying task's `RoundedDraw` in one flat table, with an index of where to start: the
/// unit interval cut into 32 buckets (exact: u × 32 and b / 32 are exact in binary), and per draw
/// and bucket the first threshold above the bucket's lower edge (one byte each). A draw scans on from there to the
/// first threshold above u, the very index `RoundedDraw.value`'s binary search finds, in about
/// one step.
struct DrawTable: Sendable {
    static let buckets = 32
    private let first: [Int]
    private let offsets: [Int]
    private let thresholds: [Double]
    /// Per draw and bucket: where to start, from the draw's first threshold (at most 255: a start
    /// before the first threshold above the edge only scans further, to the same index).
    private let start: [UInt8]

    init(_ draws: [RoundedDraw]) {
        var offsets = [0], thresholds: [Double] = [], start: [UInt8] = []
        for draw in draws {
            thresholds += draw.thresholds
            for bucket in 0..<Self.buckets {
                let edge = Double(bucket) / Double(Self.buckets)
                let k = draw.thresholds.firstIndex { $0 > edge } ?? draw.thresholds.count - 1
                start.append(UInt8(min(k, 255)))
            }
            offsets.append(thresholds.count)
        }
        first = draws.map(\.first)
        self.offsets = offsets
        self.thresholds = thresholds
        self.start = start
    }

    /// `draws[i].value(u)` for `u` in [0, 1).
    @inline(__always) func value(_ i: Int, _ u: Double) -> Int {
        var k = offsets[i] &+ Int(start[i &* Self.buckets &+ Int(u * Double(Self.buckets))])
        while u >= thresholds[k] { k &+= 1 }
        return max(1, first[i] &+ (k &- offsets[i]))
    }
}

/// Uniform and normal numbers from SplitMix64.
struct ForecastRandom {
    var generator: SplitMix64
    var spare: Double?

    init(seed: UInt64, chunk: Int) {
        // Chunk k's stream: SplitMix64 over (seed, k), mixed once more so neighbouring chunks differ.
        var mixer = SplitMix64(seed: seed ^ (UInt64(chunk) &* 0xD1B5_4A32_D192_ED03))
        generator = SplitMix64(seed: mixer.next())
    }

    mutating func uniform() -> Double {
        Double(generator.next() >> 11) * 0x1.0p-53
    }

    /// A standard normal (Box–Muller; the second of each pair is kept for the next call).
    mutating func normal() -> Double {
        if let value = spare { spare = nil; return value }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let r = (-2 * log(u1)).squareRoot(), angle = 2 * Double.pi * u2
        spare = r * sin(angle)
        return r * cos(angle)
    }
}

/// Φ(z), the standard normal distribution function.
func standardNormalCDF(_ z: Double) -> Double {
    0.5 * erfc(-z / 2.0.squareRoot())
}
