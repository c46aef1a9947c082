/// A task's length as written: working days (`5d`), working weeks (`2w`) or elapsed calendar days (`7ed`).
public struct Duration: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Sendable {
        case workingDays = "d"
        case workingWeeks = "w"
        case elapsedDays = "ed"
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `Nd`, `Nw`, `Ned` (and, where `allowNegative`, `-Nd`/`-Nw` for lags).
    public init?(parsing text: String, allowNegative: Bool = false, allowElapsed: Bool = true) {
        var body = Substring(text)
        var negative = false
        if allowNegative, body.first == "-" {
            negative = true
            body = body.dropFirst()
        } else if allowNegative, body.first == "+" {
            body = body.dropFirst()
        }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 6, let value = Int(digits) else { return nil }
        switch body.dropFirst(digits.count) {
        case "d": unit = .workingDays
        case "w": unit = .workingWeeks
        case "ed" where allowElapsed: unit = .elapsedDays
        default: return nil
        }
        amount = negative ? -value : value
    }

    public var description: String { "\(amount)\(unit.rawValue)" }
}
