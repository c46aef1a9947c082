/// Levelling's part in a scheduling pass (PlanLeveller): the order tasks are placed in and the
/// capacity they are placed against (the serial pass), or the levelled starts every task is held
/// at (the pass over the levelled network).
final class LevelHooks {
    let rank: [Int32]?
    let gate: ResourceGate?
    let floors: [Int]?

    init(rank: [Int32]? = nil, gate: ResourceGate? = nil, floors: [Int]? = nil) {
        self.rank = rank
        self.gate = gate
        self.floors = floors
    }
}
