import Foundation

/// What an iteration writes its draws and risks into: the lean replay or the fast pass.
protocol IterationInput {
    mutating func restore(tasks: [Int], edges: [Int])
    mutating func setLength(_ task: Int, _ value: Int)
    mutating func delay(tasks: [Int], edges: [Int], milestones: [Int], by days: Int)
}

extension LeanSchedule: IterationInput {
    @inline(__always) mutating func setLength(_ task: Int, _ value: Int) { pass.length[task] = value }

    mutating func delay(tasks: [Int], edges: [Int], milestones: [Int], by days: Int) {
        for task in tasks { pass.length[task] += days }
        for edge in edges { pass.weight[edge] += days }
        for milestone in milestones { pass.lowerBound[milestone] += days }
    }
}

extension FastSchedule: IterationInput {}

extension Model {
    /// Runs `count` iterations of chunk `k` from its own stream. `lean` holds the plan's pass
    /// (nil only for a graph with a cycle, which never reaches the forecast); `fast`, when it
    /// takes the plan (never a levelled one), schedules instead of it.
    func simulate(chunk k: Int, count: Int, seed: UInt64, network: Network, lean: inout LeanSchedule?, fast: FastSchedule?,
                  statusDate: Day?, levels: Bool) -> ChunkResult {
        var random = ForecastRandom(seed: seed, chunk: k)
        var out = ChunkResult()
        out.count = count
        out.critical = [Int](repeating: 0, count: leafTasks.count)
        out.targetFinish.reserveCapacity(count * targets.count)
        out.drawn = [Int32](repeating: 0, count: count * varying.count)
        out.occurred.reserveCapacity(count * risks.count)
        out.planFinish.reserveCapacity(count)
        out.planDays.reserveCapacity(count)
        guard var pass = lean.take() else { return out }
        defer { lean = pass }
        var scratch = DrawScratch(count: correlatedCount)
        let calendar = network.calendar
        func record(_ start: Int, _ finish: Int) {
            out.planFinish.append(Int32(clamping: finish))
            out.planDays.append(Int32(clamping: calendar.workingDaysBefore(Day(ordinal: finish + 1)) - calendar.workingDaysBefore(Day(ordinal: start))))
        }
        if var fast, !levels {
            for iteration in 0..<count {
                draw(iteration, &random, &scratch, into: &fast, &out)
                fast.run()
                for target in targets { out.targetFinish.append(Int32(clamping: fast.finish(target))) }
                let (start, finish) = fast.span()
                record(start, finish)
            }
            fast.takeCritical(leafTasks, into: &out.critical)
            out.drawn = columnMajor(out.drawn, rows: count, columns: varying.count)
            return out
        }
        for iteration in 0..<count {
            draw(iteration, &random, &scratch, into: &pass, &out)
            let start: Int, finish: Int
            if levels {
                guard let schedule = levelledSchedule(network: network, lengths: pass.pass.length, baseLengths: pass.baseLength,
                                                      holds: holds(pass), statusDate: statusDate) else { continue }
                for target in targets { out.targetFinish.append(Int32(clamping: schedule.entries[target].finish.ordinal)) }
                for (i, task) in leafTasks.enumerated() where schedule.entries[task].critical { out.critical[i] += 1 }
                (start, finish) = (schedule.start.ordinal, schedule.finish.ordinal)
            } else {
                pass.run()
                for target in targets { out.targetFinish.append(Int32(clamping: pass.finish(target))) }
                for (i, task) in leafTasks.enumerated() where pass.critical(task) { out.critical[i] += 1 }
                (start, finish) = pass.span()
            }
            record(start, finish)
        }
        out.drawn = columnMajor(out.drawn, rows: count, columns: varying.count)
        return out
    }

    /// `values` (rows × columns, row-major) column by column, transposed 64 rows at a time so
    /// that neither side jumps a page per element.
    func columnMajor(_ values: [Int32], rows: Int, columns: Int) -> [Int32] {
        var result = [Int32](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for block in stride(from: 0, to: rows, by: 64) {
                    let end = min(rows, block + 64)
                    for column in 0..<columns {
                        for row in block..<end { target[column &* rows &+ row] = source[row &* columns &+ column] }
                    }
                }
            }
        }
        return result
    }

    /// The correlated normals and their uniforms of one iteration.
    struct DrawScratch {
        var z: [Double]
        var u: [Double]
        init(count: Int) {
            z = [Double](repeating: 0, count: count)
            u = [Double](repeating: 0, count: count)
        }
    }

    /// One iteration's draws, in the stream's order: the correlated normals, every varying task's
    /// length (kept in `out.drawn`, row by row; `simulate` turns it column-major), then
    /// every risk's occurrence and delay.
    @inline(__always)
    func draw<P: IterationInput>(_ iteration: Int, _ random: inout ForecastRandom, _ scratch: inout DrawScratch,
                                 into pass: inout P, _ out: inout ChunkResult) {
        let n = correlatedCount
        for i in 0..<n { scratch.z[i] = random.normal() }
        for i in 0..<n {
            // Row i of the factor is zero before its first non-zero column: skipping those terms
            // adds the same exact zeros.
            var sum = 0.0
            for j in choleskyFirst[i]...i { sum += cholesky[i * n + j] * scratch.z[j] }
            scratch.u[i] = min(standardNormalCDF(sum), 1 - 0x1.0p-53)
        }
        pass.restore(tasks: riskTargets, edges: riskEdges)
        out.drawn.withUnsafeMutableBufferPointer { drawn in
            for (column, item) in varying.enumerated() {
                let draw = drawTable.value(column, item.correlated >= 0 ? scratch.u[item.correlated] : random.uniform())
                pass.setLength(item.task, draw)
                drawn[iteration &* varying.count &+ column] = Int32(clamping: draw)
            }
        }
        for risk in risks {
            let occurs = random.uniform() < risk.probability
            out.occurred.append(occurs)
            guard occurs else { continue }
            let delay = risk.delayDraw.map { $0.value(random.uniform()) } ?? risk.fixedDelay
            pass.delay(tasks: risk.tasks, edges: risk.edges, milestones: risk.milestones, by: delay)
        }
    }

    /// The working days each held-back milestone waits in this iteration.
    func holds(_ lean: LeanSchedule) -> [Int: Int] {
        var held: [Int: Int] = [:]
        for risk in risks { for milestone in risk.milestones where lean.pass.lowerBound[milestone] != lean.baseLowerBound[milestone] {
            held[milestone] = lean.pass.lowerBound[milestone] - lean.baseLowerBound[milestone]
        } }
        return held
    }

    /// A levelled plan: the iteration's lengths written into a copy of the plan (a milestone's
    /// hold-back as extra lag on its links and on its floor, as `WhatIf` does), scheduled and
    /// levelled with the priority-rule budget.
    func levelledSchedule(network: Network, lengths: [Int], baseLengths: [Int], holds: [Int: Int], statusDate: Day?) -> Schedule? {
        var plan = network.plan
        let calendar = network.calendar
        for task in leafTasks where lengths[task] != baseLengths[task] {
            let location = plan.tasks[task].duration?.location ?? plan.tasks[task].location
            let unit: Duration.Unit = plan.tasks[task].duration?.value.unit == .elapsedDays ? .elapsedDays : .workingDays
            plan.tasks[task].duration = Located(Duration(amount: lengths[task], unit: unit), at: location)
        }
        for (milestone, days) in holds {
            var task = plan.tasks[milestone]
            let base = calendar.firstWorkingDay(onOrAfter: task.notBefore?.value ?? plan.start?.value ?? Day(ordinal: 0))
            task.notBefore = Located(calendar.adding(workingDays: days, to: base), at: task.location)
            for link in network.links(of: milestone) {
                task.after[link.number].lag = Located(Duration(amount: link.lag + days, unit: .workingDays), at: link.location)
            }
            plan.tasks[milestone] = task
        }
        let changed = Network(plan: plan)
        guard let unlevelled = Scheduler.schedule(changed, asOf: statusDate) else { return nil }
        return PlanLeveller.level(changed, schedule: unlevelled, budget: LevellingBudget(search: .priorityRule)).schedule
    }

    func summarise(_ all: ChunkResult, network: Network, deterministic: Schedule, iterations: Int, seed: UInt64,
                   levelled: Bool) -> ForecastResult {
        let plan = network.plan
        let calendar = network.calendar
        let count = all.count
        func percentiles(_ sorted: [Int32]) -> ForecastPercentiles {
            func p(_ k: Int) -> Day {
                let need = max(1, (k * count + 99) / 100)
                return Day(ordinal: Int(sorted[need - 1]))
            }
            return ForecastPercentiles(p10: p(10), p50: p(50), p80: p(80), p90: p(90), p95: p(95))
        }
        func share(_ sorted: [Int32], onOrBefore day: Day) -> Int {
            // Values <= day: the first index above it.
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if Int(sorted[mid]) <= day.ordinal { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let finishSorted = all.planFinish.sorted()
        let finish = percentiles(finishSorted)
        var targetStats: [ForecastResult.Target] = []
        let t = targets.count
        for (column, task) in targets.enumerated() {
            var values = [Int32](repeating: 0, count: count)
            for i in 0..<count { values[i] = all.targetFinish[i * t + column] }
            values.sort()
            let deadline = plan.tasks[task].deadline?.value
            let det = deterministic.entries[task].finish
            targetStats.append(ForecastResult.Target(
                task: task, id: plan.tasks[task].id.value, deadline: deadline, deterministic: det,
                percentiles: percentiles(values),
                probability: deadline.map { Double(share(values, onOrBefore: $0)) / Double(count) },
                deterministicPercentile: 100 * Double(share(values, onOrBefore: det)) / Double(count)))
        }
        let planDays = all.planDays.map(Double.init)
        let finishRanks = ranks(all.planDays)
        var varyingColumn: [Int: Int] = [:]
        for (i, item) in varying.enumerated() { varyingColumn[item.task] = i }
        var taskStats: [ForecastResult.TaskStat] = []
        for (i, task) in leafTasks.enumerated() {
            var sensitivity: Double?
            if let column = varyingColumn[task] {
                var drawn = [Int32](repeating: 0, count: count)
                all.drawnColumn(column, into: &drawn)
                if drawn.contains(where: { $0 != drawn[0] }) {
                    sensitivity = pearson(ranks(drawn), finishRanks)
                }
            }
            taskStats.append(ForecastResult.TaskStat(task: task, id: plan.tasks[task].id.value,
                                                     criticality: Double(all.critical[i]) / Double(count), sensitivity: sensitivity))
        }
        var riskStats: [ForecastResult.RiskStat] = []
        let r = risks.count
        for (column, risk) in risks.enumerated() {
            var hits = 0, withSum = 0.0, withoutSum = 0.0
            for k in 0..<count {
                if all.occurred[k * r + column] { hits += 1; withSum += planDays[k] } else { withoutSum += planDays[k] }
            }
            let meanDelay: Double? = hits == 0 || hits == count ? nil : withSum / Double(hits) - withoutSum / Double(count - hits)
            riskStats.append(ForecastResult.RiskStat(risk: risk.risk, id: plan.risks[risk.risk].id.value, probability: risk.probability,
                                                     occurred: Double(hits) / Double(count), meanDelay: meanDelay))
        }
        var histogram: [(date: Day, count: Int)] = []
        for value in finishSorted {
            if let last = histogram.last, last.date.ordinal == Int(value) { histogram[histogram.count - 1].count += 1 }
            else { histogram.append((Day(ordinal: Int(value)), 1)) }
        }
        let bias = calendar.workingDaysBefore(finish.p50.adding(days: 1)) - calendar.workingDaysBefore(deterministic.finish.adding(days: 1))
        return ForecastResult(plan: plan.id?.value ?? "", iterations: iterations, seed: seed, distribution: distribution,
                              deterministicFinish: deterministic.finish, finish: finish, targets: targetStats, tasks: taskStats,
                              risks: riskStats, histogram: histogram, levelled: levelled, mergeBias: bias)
    }
}

/// `ranks` of whole numbers: counted by value when their range is small (drawn days, finish
/// days), with the very same averages.
func ranks(_ values: [Int32]) -> [Double] {
    guard let low = values.min(), let high = values.max(), Int(high) - Int(low) <= 4 * values.count + 1024 else {
        return ranks(values.map(Double.init))
    }
    var below = [Int](repeating: 0, count: Int(high) - Int(low) + 2)
    for value in values { below[Int(value) - Int(low) + 1] += 1 }
    for i in 1..<below.count { below[i] += below[i - 1] }
    // Value v takes positions below[v]...below[v + 1] - 1 of the sorted order.
    return values.map { value in
        let slot = Int(value) - Int(low)
        return Double(below[slot] + below[slot + 1] - 1) / 2 + 1
    }
}

/// Ranks from 1, ties given their average rank.
func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var result = [Double](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
        let rank = Double(i + j) / 2 + 1
        for k in i...j { result[order[k]] = rank }
        i = j + 1
    }
    return result
}

/// Pearson correlation; nil when either side is constant.
func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    let n = Double(x.count)
    guard n > 1 else { return nil }
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices {
        let dx = x[i] - mx, dy = y[i] - my
        sxy += dx * dy; sxx += dx * dx; syy += dy * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    return sxy / (sxx * syy).squareRoot()
}
