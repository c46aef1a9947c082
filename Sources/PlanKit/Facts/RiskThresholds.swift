/// The risk scores (likelihood × impact) the rules and the report agree on: a serious risk needs an
/// owner and a response (E404) and turns the report RED when it occurs; a high open risk turns it AMBER.
public enum RiskThresholds {
    /// A serious risk: score 12 or more.
    public static let serious = 12
    /// A high risk: score 15 or more.
    public static let high = 15

    public static func isSerious(_ score: Int?) -> Bool { (score ?? 0) >= serious }
    public static func isHigh(_ score: Int?) -> Bool { (score ?? 0) >= high }
}
