/// The plan's precedence network: a start and a finish event for every schedulable item, with an
/// edge for every resolved dependency and for every summary's containment of its children
/// (a summary's start precedes its children's starts; their finishes precede its finish).
/// Built by `Network` from its links; cycle detection and the scheduler both read it.
public struct DependencyGraph: Sendable {
    public enum EdgeOrigin: Sendable, Equatable {
        /// The item's own duration: start to finish.
        case duration(task: Int)
        /// The link `Network.link(task, dependency)` (`plan.tasks[task].after[dependency]`).
        case dependency(task: Int, dependency: Int)
        /// A summary holds back its child's start.
        case summaryStart(summary: Int, child: Int)
        /// A summary finishes after its child.
        case summaryFinish(summary: Int, child: Int)
        /// Levelling: `task` waited for a team `holder` held (the holder's finish to its start);
        /// only in the levelled network (`adding`).
        case resource(task: Int, holder: Int)
    }

    /// Node `2 * task` is the task's start, `2 * task + 1` its finish.
    public let nodeCount: Int
    /// Outgoing edges in compressed rows: the edges of node n are `targets[offsets[n]..<offsets[n+1]]`.
    public let offsets: [Int]
    public let targets: [Int32]
    public let origins: [EdgeOrigin]

    public static func start(_ task: Int) -> Int { 2 * task }
    public static func finish(_ task: Int) -> Int { 2 * task + 1 }

    /// The graph of `plan`'s task tree and its resolved links (`Network.links`, task `t`'s at
    /// `links[linkOffsets[t]..<linkOffsets[t + 1]]`); a link without a predecessor adds no edge.
    init(plan: Plan, linkOffsets: [Int], links: [Link]) {
        let taskCount = plan.tasks.count
        nodeCount = 2 * taskCount
        var edges: [(from: Int, to: Int, origin: EdgeOrigin)] = []
        edges.reserveCapacity(taskCount * 3 + links.count)
        for index in plan.tasks.indices {
            edges.append((Self.start(index), Self.finish(index), .duration(task: index)))
            if let parent = plan.tasks[index].parent {
                edges.append((Self.start(parent), Self.start(index), .summaryStart(summary: parent, child: index)))
                edges.append((Self.finish(index), Self.finish(parent), .summaryFinish(summary: parent, child: index)))
            }
            for link in links[linkOffsets[index]..<linkOffsets[index + 1]] {
                guard let predecessor = link.predecessor else { continue }
                let origin = EdgeOrigin.dependency(task: index, dependency: link.number)
                switch link.type {
                case .finishToStart: edges.append((Self.finish(predecessor), Self.start(index), origin))
                case .startToStart: edges.append((Self.start(predecessor), Self.start(index), origin))
                case .finishToFinish: edges.append((Self.finish(predecessor), Self.finish(index), origin))
                case .startToFinish: edges.append((Self.start(predecessor), Self.finish(index), origin))
                }
            }
        }
        var counts = [Int](repeating: 0, count: nodeCount + 1)
        for edge in edges { counts[edge.from + 1] += 1 }
        for node in 0..<nodeCount { counts[node + 1] += counts[node] }
        var fill = counts
        var targets = [Int32](repeating: 0, count: edges.count)
        var origins = [EdgeOrigin](repeating: .duration(task: 0), count: edges.count)
        for edge in edges {
            let slot = fill[edge.from]
            fill[edge.from] += 1
            targets[slot] = Int32(edge.to)
            origins[slot] = edge.origin
        }
        offsets = counts
        self.targets = targets
        self.origins = origins
    }

    /// This graph with `extra` edges (the levelled network: the waits levelling found).
    func adding(_ extra: [(from: Int, to: Int, origin: EdgeOrigin)]) -> DependencyGraph {
        guard !extra.isEmpty else { return self }
        var counts = [Int](repeating: 0, count: nodeCount + 1)
        for node in 0..<nodeCount { counts[node + 1] = offsets[node + 1] - offsets[node] }
        for edge in extra { counts[edge.from + 1] += 1 }
        for node in 0..<nodeCount { counts[node + 1] += counts[node] }
        var targets = [Int32](repeating: 0, count: self.targets.count + extra.count)
        var origins = [EdgeOrigin](repeating: .duration(task: 0), count: targets.count)
        var fill = counts
        for node in 0..<nodeCount {
            for edge in offsets[node]..<offsets[node + 1] {
                targets[fill[node]] = self.targets[edge]
                origins[fill[node]] = self.origins[edge]
                fill[node] += 1
            }
        }
        for edge in extra {
            targets[fill[edge.from]] = Int32(edge.to)
            origins[fill[edge.from]] = edge.origin
            fill[edge.from] += 1
        }
        return DependencyGraph(nodeCount: nodeCount, offsets: counts, targets: targets, origins: origins)
    }

    private init(nodeCount: Int, offsets: [Int], targets: [Int32], origins: [EdgeOrigin]) {
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.targets = targets
        self.origins = origins
    }

    /// Strongly connected components with more than one node, each as its nodes in ascending
    /// order; the components are sorted by their smallest node. Iterative Tarjan: no recursion,
    /// so a chain of a million tasks cannot overflow the stack.
    public func cycles() -> [[Int]] {
        var index = [Int32](repeating: -1, count: nodeCount)
        var lowLink = [Int32](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var stack: [Int] = []
        var components: [[Int]] = []
        var nextIndex: Int32 = 0
        var callStack: [(node: Int, edge: Int)] = []
        for root in 0..<nodeCount where index[root] < 0 {
            callStack.append((root, offsets[root]))
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = callStack.last {
                if edge < offsets[node + 1] {
                    callStack[callStack.count - 1].edge += 1
                    let next = Int(targets[edge])
                    if index[next] < 0 {
                        index[next] = nextIndex; lowLink[next] = nextIndex; nextIndex += 1
                        stack.append(next); onStack[next] = true
                        callStack.append((next, offsets[next]))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], index[next])
                    }
                    continue
                }
                callStack.removeLast()
                if let parent = callStack.last {
                    lowLink[parent.node] = min(lowLink[parent.node], lowLink[node])
                }
                if lowLink[node] == index[node] {
                    var component: [Int] = []
                    while true {
                        let member = stack.removeLast()
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    if component.count > 1 { components.append(component.sorted()) }
                }
            }
        }
        return components.sorted { $0[0] < $1[0] }
    }

    /// The shortest cycle through `node` inside `component`, as the edges taken (indices into
    /// `targets`/`origins`), found by breadth-first search.
    public func shortestCycle(through node: Int, within component: Set<Int>) -> [Int] {
        var previousEdge: [Int: Int] = [:]
        var previousNode: [Int: Int] = [:]
        var queue = [node]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for edge in offsets[current]..<offsets[current + 1] {
                let next = Int(targets[edge])
                guard component.contains(next) else { continue }
                if next == node {
                    var path = [edge]
                    var walk = current
                    while walk != node {
                        path.append(previousEdge[walk]!)
                        walk = previousNode[walk]!
                    }
                    return path.reversed()
                }
                if previousEdge[next] == nil {
                    previousEdge[next] = edge
                    previousNode[next] = current
                    queue.append(next)
                }
            }
        }
        return []
    }
}
