import PlanSyntax

/// Measured values by dotted name, from the plan's `metrics:` and any `--metrics` files; a later
/// source wins over an earlier one for the same name.
public struct MetricSet: Sendable {
    public struct Value: Sendable {
        public var value: Double
        /// Where it was written (the plan or a metrics file).
        public var location: SourceLocation
        /// The file it came from, for reasons such as "97 (from metrics/2027-03-08.yaml)".
        public var source: String
    }

    public private(set) var values: [String: Value] = [:]

    public init() {}

    public init(plan: Plan) {
        for metric in plan.metrics {
            values[metric.name] = Value(value: metric.value, location: metric.location, source: plan.file)
        }
    }

    public subscript(name: String) -> Value? { values[name] }

    /// Adds `other`'s values over this set's.
    public mutating func merge(_ other: MetricSet) {
        for (name, value) in other.values { values[name] = value }
    }

    mutating func set(_ name: String, _ value: Value) {
        values[name] = value
    }

    /// The number as people write it: no trailing `.0`.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

/// Reads a metrics file: YAML or JSON, a mapping whose nested maps flatten to dotted names
/// (`{stability: {error_rate_pct: 0.05}}` is `stability.error_rate_pct`), leaves are numbers.
/// Problems are located diagnostics in that file.
public enum MetricsFileLoader {
    public static func load(path: String, limits: Limits, sources: SourceManager, sink: DiagnosticSink) -> MetricSet? {
        guard let file = SourceReader.load(path: path, limits: limits, sources: sources, sink: sink),
              let root = YAMLLoader(file: file, limits: limits, sink: sink).loadMapping() else { return nil }
        var set = MetricSet()
        let reader = NodeReader(sink: sink)
        flatten(root, prefix: "", into: &set, reader: reader, source: path)
        return set
    }

    static func flatten(_ node: Node, prefix: String, into set: inout MetricSet, reader: NodeReader, source: String) {
        for pair in node.mapping ?? [] {
            guard let key = pair.key.scalar, NodeReader.isMetricName(key) else {
                reader.invalid(pair.key, "'\(pair.key.scalar ?? "")' is not a metric name: use letters, digits, '_', '-' and '.'")
                continue
            }
            let name = prefix.isEmpty ? key : prefix + "." + key
            if pair.value.mapping != nil {
                flatten(pair.value, prefix: name, into: &set, reader: reader, source: source)
            } else if let number = reader.metric(pair.value, name: name, key: key, allowPercent: true) {
                set.set(name, MetricSet.Value(value: number, location: pair.value.location, source: source))
            }
        }
    }
}
