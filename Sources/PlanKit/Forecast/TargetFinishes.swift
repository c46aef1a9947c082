/// Each target's finish distribution, kept so that a confidence criterion can ask for the
/// probability of any date (`by`), not only of the deadline the simulation summarised.
extension Model {
    /// Adds the tasks a caller follows to the targets (each once, after the plan's own).
    func following(_ tasks: [Int]) -> Model {
        var model = self
        for task in tasks where !model.targets.contains(task) { model.targets.append(task) }
        return model
    }
}

extension ForecastResult {
    mutating func countFinishes(_ all: ChunkResult) {
        let columns = targets.count
        guard columns > 0, all.count > 0 else { return }
        for column in 0..<columns {
            var values = [Int32](repeating: 0, count: all.count)
            for i in 0..<all.count { values[i] = all.targetFinish[i * columns + column] }
            values.sort()
            var counts: [(date: Day, count: Int)] = []
            for value in values {
                if let last = counts.last, last.date.ordinal == Int(value) { counts[counts.count - 1].count += 1 }
                else { counts.append((Day(ordinal: Int(value)), 1)) }
            }
            targets[column].finishes = counts
        }
    }
}

extension ForecastResult.Target {
    /// Share (0...1) of iterations in which the target finished on or before `day`.
    public func probability(onOrBefore day: Day) -> Double {
        let total = finishes.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        return Double(finishes.filter { $0.date <= day }.reduce(0) { $0 + $1.count }) / Double(total)
    }
}
