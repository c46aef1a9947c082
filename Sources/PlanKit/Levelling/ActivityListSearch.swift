/// One stream of the search over activity lists for one level: the LFT list justified, then
/// biased sampling or a genetic algorithm (Hartmann 1998: two-point crossover, adjacent-swap
/// mutation, the best of parents and children survive), every schedule justified and every list
/// replaced by the order of its justified starts. Stops at the lower bound or the budget.
struct ActivityListSearch {
    let scheduler: SerialScheduler
    let lowerBound: Int
    let budget: Int
    let search: LevellingBudget.Search
    let seed: SplitMix64

    private var network: ActivityNetwork { scheduler.network }

    struct Outcome: Sendable {
        var schedule: SerialScheduler.Schedule
        var generated: Int
    }

    struct Individual {
        var order: [Int]
        var finish: Int
    }

    /// `start` is the LFT schedule (already generated: one schedule).
    func run(from start: SerialScheduler.Schedule, lft: [Int]) -> Outcome {
        var random = seed
        var generated = 1
        let workspace = scheduler.makeWorkspace()
        var best = start
        if search == .priorityRule || best.finish <= lowerBound { return Outcome(schedule: best, generated: generated) }
        let first = scheduler.justify(best, in: workspace)
        generated += first.generated
        best = first.schedule
        if search == .justified || best.finish <= lowerBound { return Outcome(schedule: best, generated: generated) }

        let horizonSpread = max(1, lft.max()! - lft.min()!)
        // A list biased towards early latest finishes: each activity's LFT plus a random amount up
        // to a spread drawn per list (0 keeps the LFT order, the whole span is nearly uniform).
        func sampledOrder(_ random: inout SplitMix64) -> [Int] {
            let spread = 1 + random.below(horizonSpread)
            var key = lft
            for activity in key.indices { key[activity] = key[activity] * 4 + random.below(4 * spread) }
            return network.topologicalOrder(key: key)
        }
        func evaluate(_ order: [Int], _ generated: inout Int, _ best: inout SerialScheduler.Schedule) -> Individual? {
            guard let schedule = scheduler.forward(order, in: workspace).schedule else {
                generated += 1
                return nil
            }
            generated += 1
            let justified = scheduler.justify(schedule, in: workspace)
            generated += justified.generated
            if justified.schedule.finish < best.finish { best = justified.schedule }
            return Individual(order: justified.order, finish: justified.schedule.finish)
        }

        if search == .sampling {
            while generated < budget && best.finish > lowerBound {
                _ = evaluate(sampledOrder(&random), &generated, &best)
            }
            return Outcome(schedule: best, generated: generated)
        }

        let size = max(4, min(Self.populationSize, budget / 12) & ~1)
        var population = [Individual(order: first.order, finish: first.schedule.finish)]
        while population.count < size && generated < budget && best.finish > lowerBound {
            if let individual = evaluate(sampledOrder(&random), &generated, &best) { population.append(individual) }
        }
        let count = network.count
        var taken = [Bool](repeating: false, count: count)
        func cross(_ mother: [Int], _ father: [Int], _ low: Int, _ high: Int) -> [Int] {
            for index in taken.indices { taken[index] = false }
            var child: [Int] = []
            child.reserveCapacity(count)
            for activity in mother[0..<low] {
                child.append(activity)
                taken[activity] = true
            }
            for activity in father where child.count < high && !taken[activity] {
                child.append(activity)
                taken[activity] = true
            }
            for activity in mother where !taken[activity] { child.append(activity) }
            return child
        }
        func mutate(_ list: inout [Int], _ random: inout SplitMix64) {
            guard list.count > 1 else { return }
            for position in 0..<(list.count - 1) where random.chance(Self.mutationPerMille, in: 1000) {
                if !network.hasLink(from: list[position], to: list[position + 1]) { list.swapAt(position, position + 1) }
            }
        }
        while generated < budget && best.finish > lowerBound && population.count >= 2 {
            var pairing = Array(population.indices)
            for index in stride(from: pairing.count - 1, to: 0, by: -1) { pairing.swapAt(index, random.below(index + 1)) }
            var children: [Individual] = []
            var pair = 0
            while pair + 1 < pairing.count && generated < budget && best.finish > lowerBound {
                let mother = population[pairing[pair]].order, father = population[pairing[pair + 1]].order
                let low = random.below(count + 1), high = low + random.below(count - low + 1)
                var daughter = cross(mother, father, low, high), son = cross(father, mother, low, high)
                mutate(&daughter, &random)
                mutate(&son, &random)
                if let child = evaluate(daughter, &generated, &best) { children.append(child) }
                if let child = evaluate(son, &generated, &best) { children.append(child) }
                pair += 2
            }
            // Children first, so among equal finishes the new lists survive (diversity); stable.
            let merged = children + population
            let ranked = merged.indices.sorted { (merged[$0].finish, $0) < (merged[$1].finish, $1) }
            population = ranked.prefix(size).map { merged[$0] }
        }
        return Outcome(schedule: best, generated: generated)
    }

    static let populationSize = 40
    static let mutationPerMille = 50
}
