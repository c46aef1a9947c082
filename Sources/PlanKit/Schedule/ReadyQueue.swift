/// The nodes a scheduling pass may place next: first come, first placed (the plain critical path
/// method), or, when levelling (`LevelHooks.rank`), the task earliest in the levelling order first
/// — a serial schedule generation over the plan's network.
struct ReadyQueue {
    private var fifo: [Int32] = []
    private var head = 0
    private var heap: MinHeap?
    private let rank: [Int32]?

    init(capacity: Int, rank: [Int32]?) {
        self.rank = rank
        if rank != nil {
            heap = MinHeap(capacity: capacity)
        } else {
            fifo.reserveCapacity(capacity)
        }
    }

    var isEmpty: Bool { heap.map { $0.isEmpty } ?? (head == fifo.count) }

    @inline(__always) mutating func push(_ node: Int32) {
        if let rank {
            heap!.push(Int(rank[Int(node) >> 1]) * 2 + Int(node & 1), Int(node))
        } else {
            fifo.append(node)
        }
    }

    @inline(__always) mutating func pop() -> Int32 {
        if heap != nil { return Int32(heap!.pop()!) }
        head += 1
        return fifo[head - 1]
    }
}
