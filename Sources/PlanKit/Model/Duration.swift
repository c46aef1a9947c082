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
        // Bytes, not Characters: this runs for every task of a plan.
        var text = text
        guard let parsed = text.withUTF8({ Duration.parse($0, allowNegative: allowNegative, allowElapsed: allowElapsed) }) else {
            return nil
        }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, allowNegative: Bool, allowElapsed: Bool) -> Duration? {
        var index = 0
        var negative = false
        if allowNegative, index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var value = 0, digits = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            digits += 1
            index += 1
            if digits > 6 { return nil }
        }
        guard digits > 0 else { return nil }
        let rest = bytes.count - index
        let unit: Unit
        if rest == 1, bytes[index] == UInt8(ascii: "d") {
            unit = .workingDays
        } else if rest == 1, bytes[index] == UInt8(ascii: "w") {
            unit = .workingWeeks
        } else if rest == 2, allowElapsed, bytes[index] == UInt8(ascii: "e"), bytes[index + 1] == UInt8(ascii: "d") {
            unit = .elapsedDays
        } else {
            return nil
        }
        return Duration(amount: negative ? -value : value, unit: unit)
    }

    public var description: String { "\(amount)\(unit.rawValue)" }
}
