/// A calendar date without time or zone: the unit of every planc schedule.
/// Stored as days since 1970-01-01 so that arithmetic and comparison are integer operations.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Nil when the fields do not name a real date (2027-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        var text = text
        guard let day = text.withUTF8(Day.parseISO) else { return nil }
        self = day
    }

    private static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Weekday { Weekday(rawValue: ((ordinal % 7) + 7 + 3) % 7)! }

    public var iso: String {
        let text = String(unsafeUninitializedCapacity: 10) { buffer in writeISO(into: buffer) ? 10 : 0 }
        if !text.isEmpty { return text }
        // Only a schedule running far past any real plan gets here: print the year whole.
        let (year, month, day) = components
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// Writes `YYYY-MM-DD` (10 bytes) at the start of `buffer` when the year has four digits (0 to
    /// 9999); false, writing nothing, otherwise. For writers that build large outputs byte by byte.
    public func writeISO(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let (year, month, day) = components
        guard (0...9999).contains(year), buffer.count >= 10 else { return false }
        buffer[0] = UInt8(0x30 + year / 1000)
        buffer[1] = UInt8(0x30 + year / 100 % 10)
        buffer[2] = UInt8(0x30 + year / 10 % 10)
        buffer[3] = UInt8(0x30 + year % 10)
        buffer[4] = 0x2D
        buffer[5] = UInt8(0x30 + month / 10)
        buffer[6] = UInt8(0x30 + month % 10)
        buffer[7] = 0x2D
        buffer[8] = UInt8(0x30 + day / 10)
        buffer[9] = UInt8(0x30 + day % 10)
        return true
    }

    public var description: String { iso }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
}

public enum Weekday: Int, CaseIterable, Sendable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    public var shortName: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue] }

    public init?(shortName: String) {
        guard let index = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].firstIndex(of: shortName.lowercased()) else { return nil }
        self.init(rawValue: index)
    }
}
