/// When a marketing event may happen: after the working day on which everything it requires has
/// finished, moved `lead` working days later (`date > finish + lead`).
public struct EventTiming: Sendable, Equatable {
    /// Index in `Plan.events`.
    public var event: Int
    /// The required item whose finish sets the earliest date (nil: the event requires nothing).
    public var driver: Int?
    /// The last day the event must be after (the driver's finish, moved by the lead).
    public var notBefore: Day?
    /// The first day the event may be on.
    public var earliest: Day?
    /// Working days between the earliest allowed day and the event's date: negative when the event
    /// runs ahead of what it promotes.
    public var margin: Int?

    /// `taskIndex` finds a task by id (the first definition); without one, the required ids are
    /// looked up in one pass over the tasks.
    public static func all(plan: Plan, schedule: Schedule, taskIndex: ((String) -> Int?)? = nil) -> [EventTiming] {
        let calendar = schedule.calendar
        guard !plan.events.isEmpty else { return [] }
        let indexOf: (String) -> Int?
        if let taskIndex {
            indexOf = taskIndex
        } else {
            // Only the ids events require, found in one pass over the tasks (the first of a
            // duplicated id wins): indexing every task cost ~20 ms at 100k tasks for a handful of
            // ids. Ids are hashed only when their length is one of the wanted ones.
            var wanted: [String: Int] = [:]
            var lengths: UInt64 = 0
            for event in plan.events {
                for required in event.requires {
                    wanted[required.value] = -1
                    lengths |= 1 << UInt64(min(required.value.utf8.count, 63))
                }
            }
            var missing = wanted.count
            for index in plan.tasks.indices where missing > 0 {
                let id = plan.tasks[index].id.value
                guard lengths & (1 << UInt64(min(id.utf8.count, 63))) != 0, wanted[id] == -1 else { continue }
                wanted[id] = index
                missing -= 1
            }
            indexOf = { id in wanted[id].flatMap { $0 >= 0 ? $0 : nil } }
        }
        return plan.events.indices.map { eventIndex in
            let event = plan.events[eventIndex]
            let lead = event.lead.map { $0.value.days(workdaysPerWeek: calendar.workdaysPerWeek) } ?? 0
            var timing = EventTiming(event: eventIndex)
            var latestIndex = Int.min
            for required in event.requires {
                guard let task = indexOf(required.value) else { continue }
                // The last working day on or before the finish (an elapsed task may end on a weekend).
                let finishIndex = calendar.workingPosition(onOrBefore: schedule[task].finish)
                if finishIndex + lead > latestIndex {
                    latestIndex = finishIndex + lead
                    timing.driver = task
                }
            }
            guard timing.driver != nil else { return timing }
            let notBefore = calendar.day(at: latestIndex)
            timing.notBefore = notBefore
            timing.earliest = calendar.day(at: latestIndex + 1)
            if let date = event.date?.value {
                let dateIndex = calendar.workingPosition(onOrBefore: date)
                timing.margin = date > notBefore ? dateIndex - latestIndex - (calendar.isWorkingDay(date) ? 1 : 0) : -(latestIndex - dateIndex + 1)
            }
            return timing
        }
    }

    init(event: Int) {
        self.event = event
    }
}
