/// The finish's S-curve: the cumulative share of iterations finished by each date, with the
/// deadlines and percentiles to mark on it. A value a chart draws as it is (`SCurveChart` in
/// PlanRender); the forecast page and the status report build it from a `ForecastResult`.
public struct ForecastCurve: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var date: Day
        /// Iterations that finished on this date and before.
        public var count: Int
        /// `count` over all iterations, 0...1.
        public var share: Double
    }

    public struct Deadline: Sendable, Equatable {
        public var id: String
        public var date: Day
        /// The share of iterations in which `id` met this deadline (its own, not the finish's).
        public var probability: Double
    }

    public struct Mark: Sendable, Equatable {
        public var label: String
        public var date: Day
        public var share: Double
    }

    /// Ascending dates; the last point's share is 1.
    public var points: [Point]
    public var deadlines: [Deadline]
    /// P50 and P80 of the finish.
    public var marks: [Mark]
    public var deterministic: Day

    public init(points: [Point], deadlines: [Deadline], marks: [Mark], deterministic: Day) {
        self.points = points
        self.deadlines = deadlines
        self.marks = marks
        self.deterministic = deterministic
    }

    /// The plan finish's curve: every histogram date, each target's deadline, P50 and P80.
    public init(_ result: ForecastResult) {
        let total = max(1, result.histogram.reduce(0) { $0 + $1.count })
        var running = 0
        var points: [Point] = []
        for bar in result.histogram {
            running += bar.count
            points.append(Point(date: bar.date, count: running, share: Double(running) / Double(total)))
        }
        func share(at day: Day) -> Double { points.last { $0.date <= day }?.share ?? 0 }
        let deadlines = result.targets.compactMap { target -> Deadline? in
            guard let date = target.deadline, let probability = target.probability else { return nil }
            return Deadline(id: target.id, date: date, probability: probability)
        }
        let marks = [Mark(label: "P50", date: result.finish.p50, share: share(at: result.finish.p50)),
                     Mark(label: "P80", date: result.finish.p80, share: share(at: result.finish.p80))]
        self.init(points: points, deadlines: deadlines, marks: marks, deterministic: result.deterministicFinish)
    }

    /// At most `limit` points, evenly spaced by position, the first and the last always kept
    /// (a Mermaid axis holds about 30 labels). The same curve gives the same points.
    public func thinned(to limit: Int) -> [Point] {
        let n = points.count, m = max(2, limit)
        guard n > m else { return points }
        return (0..<m).map { k in points[(k * (n - 1) + (m - 1) / 2) / (m - 1)] }
    }
}

/// What the forecast's formats show beyond the raw result: the curve, the top drivers, the most
/// critical tasks and the histogram in bars. One section model for text, Markdown and HTML.
public struct ForecastFigures: Sendable {
    public static let driverLimit = 10
    public static let criticalLimit = 15

    public struct Driver: Sendable, Equatable {
        public var task: Int
        public var id: String
        /// Spearman rank correlation of the task's duration with the finish, -1...1.
        public var sensitivity: Double
        public var criticality: Double
    }

    public struct Critical: Sendable, Equatable {
        public var task: Int
        public var id: String
        public var criticality: Double
    }

    /// Finish dates from `from` to `to` (as observed, so no empty dates), `count` iterations.
    public struct Bar: Sendable, Equatable {
        public var from: Day
        public var to: Day
        public var count: Int
        public var share: Double
    }

    public var curve: ForecastCurve
    /// The `driverLimit` tasks of largest |sensitivity|, largest first; ties in plan order.
    public var drivers: [Driver]
    /// The `criticalLimit` tasks critical most often (never-critical ones left out), most first.
    public var critical: [Critical]
    /// Tasks critical in some iteration that `critical` leaves out.
    public var moreCritical: Int
    let histogram: [(date: Day, count: Int)]

    public init(_ result: ForecastResult) {
        curve = ForecastCurve(result)
        histogram = result.histogram
        drivers = result.tasks.compactMap { stat in
            stat.sensitivity.map { Driver(task: stat.task, id: stat.id, sensitivity: $0, criticality: stat.criticality) }
        }
        .sorted { abs($0.sensitivity) != abs($1.sensitivity) ? abs($0.sensitivity) > abs($1.sensitivity) : $0.task < $1.task }
        .prefix(Self.driverLimit).map { $0 }
        let everCritical = result.tasks.filter { $0.criticality > 0 }
            .sorted { $0.criticality != $1.criticality ? $0.criticality > $1.criticality : $0.task < $1.task }
        critical = everCritical.prefix(Self.criticalLimit).map { Critical(task: $0.task, id: $0.id, criticality: $0.criticality) }
        moreCritical = everCritical.count - critical.count
    }

    /// The histogram in at most `limit` bars: consecutive observed finish dates grouped in equal
    /// runs (the last may be shorter), so every iteration is in exactly one bar.
    public func bars(limit: Int) -> [Bar] {
        let total = max(1, histogram.reduce(0) { $0 + $1.count })
        let size = max(1, (histogram.count + max(1, limit) - 1) / max(1, limit))
        return stride(from: 0, to: histogram.count, by: size).map { start in
            let run = histogram[start..<min(start + size, histogram.count)]
            let count = run.reduce(0) { $0 + $1.count }
            return Bar(from: run.first!.date, to: run.last!.date, count: count, share: Double(count) / Double(total))
        }
    }
}
