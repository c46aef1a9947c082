/// Where each task is on the axis in the unlevelled schedule.
struct Positions {
    let start: [Int]
    let finish: [Int]
    let progress: [Schedule.Progress]
    /// The first axis boundary after the status date (Int.min without one).
    let resume: Int

    init(network: Network, schedule: Schedule) {
        let axis = network.resources.axis, plan = network.plan
        var start: [Int] = [], finish: [Int] = []
        start.reserveCapacity(plan.tasks.count)
        finish.reserveCapacity(plan.tasks.count)
        for (index, entry) in schedule.entries.enumerated() {
            if plan.tasks[index].isMilestone {
                let point = axis.workingDaysBefore(entry.finish) + (entry.reachedAtStart ? 0 : 1)
                start.append(point)
                finish.append(point)
            } else {
                start.append(axis.workingDaysBefore(entry.start))
                finish.append(max(axis.workingDaysBefore(entry.finish.adding(days: 1)), start[start.count - 1]))
            }
        }
        self.start = start
        self.finish = finish
        progress = schedule.entries.map(\.progress)
        resume = schedule.statusDate.map { axis.workingDaysBefore($0.adding(days: 1)) } ?? Int.min
    }
}
