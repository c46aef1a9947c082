/// Cycles through cross-plan links: the plans' dependency graphs joined by their cross-plan links
/// into one graph, whose strongly connected components (Tarjan's algorithm, without recursion) say
/// which cross-plan links lie on a cycle. A cycle inside one plan is that plan's own E201.
enum CrossPlanCycles {
    /// Positions in `links` of the links on a cycle.
    static func find(_ links: [PortfolioCompilation.CrossLink], networks: [Network?]) -> Set<Int> {
        // Without a loop of plans no loop of tasks can cross plans.
        guard !links.isEmpty, PortfolioCompiler.planOrder(count: networks.count, links: links).looped else { return [] }
        var base = [Int](repeating: 0, count: networks.count + 1)
        for (index, network) in networks.enumerated() { base[index + 1] = base[index] + 2 * (network?.plan.tasks.count ?? 0) }
        let nodeCount = base[networks.count]
        var extra = [[Int]](repeating: [], count: nodeCount)
        var ends: [(from: Int, to: Int)] = []
        for link in links {
            let type = networks[link.successorPlan]!.links[link.link].type
            let from = base[link.predecessorPlan] + (type == .finishToStart || type == .finishToFinish
                ? DependencyGraph.finish(link.predecessor) : DependencyGraph.start(link.predecessor))
            let to = base[link.successorPlan] + (type == .finishToFinish || type == .startToFinish
                ? DependencyGraph.finish(link.successor) : DependencyGraph.start(link.successor))
            extra[from].append(to)
            ends.append((from, to))
        }
        func successors(_ node: Int) -> [Int] {
            var plan = 0
            while base[plan + 1] <= node { plan += 1 }
            var result = extra[node]
            if let graph = networks[plan]?.graph {
                let local = node - base[plan]
                for edge in graph.offsets[local]..<graph.offsets[local + 1] { result.append(base[plan] + Int(graph.targets[edge])) }
            }
            return result
        }
        let component = strongComponents(nodeCount: nodeCount, successors: successors)
        return Set(ends.indices.filter { component[ends[$0].from] == component[ends[$0].to] })
    }

    /// Each node's strongly connected component, by Tarjan's algorithm with an explicit stack.
    static func strongComponents(nodeCount: Int, successors: (Int) -> [Int]) -> [Int] {
        var index = [Int](repeating: -1, count: nodeCount), low = [Int](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount), component = [Int](repeating: -1, count: nodeCount)
        var stack: [Int] = [], counter = 0, components = 0
        for root in 0..<nodeCount where index[root] < 0 {
            var work: [(node: Int, next: [Int], position: Int)] = [(root, successors(root), 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !work.isEmpty {
                let top = work.count - 1
                let node = work[top].node
                if work[top].position < work[top].next.count {
                    let next = work[top].next[work[top].position]
                    work[top].position += 1
                    if index[next] < 0 {
                        index[next] = counter; low[next] = counter; counter += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, successors(next), 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], index[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { low[parent] = min(low[parent], low[node]) }
                if low[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = components
                        if member == node { break }
                    }
                    components += 1
                }
            }
        }
        return component
    }
}
