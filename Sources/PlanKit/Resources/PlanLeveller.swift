/// Levels a plan's schedule: the plan side of the leveller (DESIGN.md "Resources and levelling").
public enum PlanLeveller {
    public static func level(_ network: Network, schedule: Schedule) -> (schedule: Schedule, levelling: Levelling) {
        let zero = [Int](repeating: 0, count: schedule.entries.count)
        return (schedule, Levelling(delays: zero, waits: zero.map { _ in [] }, finishLowerBound: schedule.finish,
                                    resourcePath: schedule.criticalPath, unlevelled: schedule))
    }
}
