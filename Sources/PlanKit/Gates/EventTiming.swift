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

    /// Every event's timing; required ids are the network's (the first definition of a task).
    public static func all(network: Network, schedule: Schedule) -> [EventTiming] {
        let plan = network.plan, calendar = schedule.calendar
        guard !plan.events.isEmpty else { return [] }
        return plan.events.indices.map { eventIndex in
            let event = plan.events[eventIndex]
            let lead = event.lead.map { calendar.workingDays(in: $0.value) } ?? 0
            var timing = EventTiming(event: eventIndex)
            var latestIndex = Int.min
            for required in event.requires {
                guard let task = network.taskIndex(required.value) else { continue }
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
