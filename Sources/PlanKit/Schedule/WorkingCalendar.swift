/// The plan's working days: weekdays from `calendar.workdays` minus holidays.
///
/// Every working day has an index: the number of working days between a fixed Monday (1969-12-29)
/// and it, so indices are consecutive integers and "N working days later" is `index + N`.
/// Conversions are week arithmetic plus a binary search over the merged holiday ranges, so they
/// cost O(log holidays) whatever the dates, and nothing ever walks the calendar day by day.
public struct WorkingCalendar: Sendable {
    /// Workdays as Monday-based weekday numbers, ascending.
    public let workdays: [Weekday]
    /// Working days per week (1...7): the length of `Nw`.
    public var workdaysPerWeek: Int { workdays.count }

    /// `before[d]`: workdays among weekdays 0..<d (d in 0...7).
    private let workdaysBefore: [Int]
    private let workdayOffsets: [Int]
    /// Merged, disjoint, sorted holiday ranges (ordinals, inclusive) that contain at least one workday.
    private let holidayStarts: [Int]
    private let holidayEnds: [Int]
    /// Workdays inside holiday ranges 0..<k.
    private let holidayWorkdaysBefore: [Int]
    /// Working days (not holidays) strictly before the start of holiday range k.
    private let workingDaysBeforeRange: [Int]

    /// The Monday 1969-12-29 (ordinal -3) is weekday-index 0 of week 0.
    private static let epochMonday = -3

    public init(workdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday], holidays: [(from: Day, to: Day)] = []) {
        // The loader guarantees at least one workday; fall back to Monday to Friday rather than divide by zero.
        let days = Set(workdays).sorted { $0.rawValue < $1.rawValue }
        self.workdays = days.isEmpty ? [.monday, .tuesday, .wednesday, .thursday, .friday] : days
        var before = [Int](repeating: 0, count: 8)
        for weekday in 0..<7 { before[weekday + 1] = before[weekday] + (self.workdays.contains { $0.rawValue == weekday } ? 1 : 0) }
        workdaysBefore = before
        workdayOffsets = self.workdays.map(\.rawValue)

        var ranges = holidays.map { (from: $0.from.ordinal, to: $0.to.ordinal) }.filter { $0.from <= $0.to }
        ranges.sort { $0.from < $1.from }
        var starts: [Int] = [], ends: [Int] = []
        for range in ranges {
            if let last = ends.last, range.from <= last + 1 {
                ends[ends.count - 1] = max(last, range.to)
            } else {
                starts.append(range.from)
                ends.append(range.to)
            }
        }
        var keptStarts: [Int] = [], keptEnds: [Int] = [], prefix = [0], beforeRange: [Int] = []
        for (start, end) in zip(starts, ends) {
            let count = Self.weekdayCount(before: end + 1, before) - Self.weekdayCount(before: start, before)
            guard count > 0 else { continue }
            beforeRange.append(Self.weekdayCount(before: start, before) - prefix[prefix.count - 1])
            keptStarts.append(start)
            keptEnds.append(end)
            prefix.append(prefix[prefix.count - 1] + count)
        }
        holidayStarts = keptStarts
        holidayEnds = keptEnds
        holidayWorkdaysBefore = prefix
        workingDaysBeforeRange = beforeRange
    }

    public init(_ spec: CalendarSpec) {
        self.init(workdays: spec.workdays?.value ?? [.monday, .tuesday, .wednesday, .thursday, .friday],
                  holidays: spec.holidays.map { ($0.from, $0.to) })
    }

    /// The holiday ranges that fall on a workday, merged and sorted (ordinals, inclusive).
    public var holidayRanges: [ClosedRange<Int>] {
        zip(holidayStarts, holidayEnds).map { $0...$1 }
    }

    // MARK: - Weekday arithmetic (holidays ignored)

    private static func floorDivide(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
        let quotient = a >= 0 ? a / b : -((-a + b - 1) / b)
        return (quotient, a - quotient * b)
    }

    /// Workdays (by weekday only) strictly before `ordinal`, counted from the epoch Monday.
    private static func weekdayCount(before ordinal: Int, _ before: [Int]) -> Int {
        let (week, day) = floorDivide(ordinal - epochMonday, 7)
        return week * before[7] + before[day]
    }

    /// The ordinal of the workday (by weekday only) with the given weekday-count index.
    private func ordinal(ofWeekdayIndex index: Int) -> Int {
        let (week, slot) = Self.floorDivide(index, workdays.count)
        return Self.epochMonday + week * 7 + workdayOffsets[slot]
    }

    // MARK: - Working days

    /// Holiday ranges that start before `ordinal`.
    private func rangesStarting(before ordinal: Int) -> Int {
        var low = 0, high = holidayStarts.count
        while low < high {
            let mid = (low + high) / 2
            if holidayStarts[mid] < ordinal { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Working days strictly before `day`: the index of `day` if it is a working day, else of the
    /// first working day after it.
    public func workingDaysBefore(_ day: Day) -> Int {
        let weekdays = Self.weekdayCount(before: day.ordinal, workdaysBefore)
        let k = rangesStarting(before: day.ordinal)
        guard k > 0 else { return weekdays }
        let last = k - 1
        let clippedEnd = min(holidayEnds[last], day.ordinal - 1)
        let inLast = Self.weekdayCount(before: clippedEnd + 1, workdaysBefore) - Self.weekdayCount(before: holidayStarts[last], workdaysBefore)
        return weekdays - holidayWorkdaysBefore[last] - inLast
    }

    public func isWorkingDay(_ day: Day) -> Bool {
        guard workdays.contains(day.weekday) else { return false }
        let k = rangesStarting(before: day.ordinal + 1)
        return k == 0 || holidayEnds[k - 1] < day.ordinal
    }

    /// The index of a working day; nil for a weekend or holiday.
    public func index(of day: Day) -> Int? {
        isWorkingDay(day) ? workingDaysBefore(day) : nil
    }

    /// The working day with the given index (any integer: indices before the epoch are negative).
    public func day(at index: Int) -> Day {
        // The answer lies in the gap before the first holiday range that starts after it.
        var low = 0, high = workingDaysBeforeRange.count
        while low < high {
            let mid = (low + high) / 2
            if workingDaysBeforeRange[mid] <= index { low = mid + 1 } else { high = mid }
        }
        return Day(ordinal: ordinal(ofWeekdayIndex: index + holidayWorkdaysBefore[low]))
    }

    public func firstWorkingDay(onOrAfter day: Day) -> Day { self.day(at: workingDaysBefore(day)) }

    public func lastWorkingDay(onOrBefore day: Day) -> Day { self.day(at: workingPosition(onOrBefore: day)) }

    /// The index of the last working day on or before `day`. The difference of two positions is
    /// the working days between the days, whether or not either is a working day (an elapsed task
    /// may finish on a Sunday, an event may be on a Saturday).
    public func workingPosition(onOrBefore day: Day) -> Int { workingDaysBefore(day.adding(days: 1)) - 1 }

    /// The first working day after `day`.
    public func nextWorkingDay(after day: Day) -> Day { self.day(at: workingDaysBefore(day.adding(days: 1))) }

    /// `count` working days after the working day on or after `day` (negative: before it).
    public func adding(workingDays count: Int, to day: Day) -> Day { self.day(at: workingDaysBefore(day) + count) }

    /// Working days in `from...to` (0 when `to` is before `from`).
    public func workingDays(from: Day, through to: Day) -> Int {
        max(0, workingDaysBefore(to.adding(days: 1)) - workingDaysBefore(from))
    }
}
