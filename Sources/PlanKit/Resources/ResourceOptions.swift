/// How a command treats teams as resources: whether it levels (nil: as the plan's `level:` says)
/// and the capacities it assumes instead of the plan's (`--capacity TEAM=N`, a what-if).
public struct ResourceOptions: Sendable {
    public var level: Bool?
    public var capacity: [(team: String, people: Int)]

    public init(level: Bool? = nil, capacity: [(team: String, people: Int)] = []) {
        self.level = level
        self.capacity = capacity
    }

    /// Whether `plan` is levelled under these options.
    public func levels(_ plan: Plan) -> Bool {
        level ?? plan.level?.value ?? false
    }

    /// `plan` with the assumed capacities (teams it does not declare are left to the caller to
    /// report). An assumed capacity replaces the written one where it is written, so diagnostics
    /// still point at the plan.
    public func apply(to plan: Plan) -> Plan {
        guard !capacity.isEmpty else { return plan }
        var changed = plan
        for (team, people) in capacity {
            for index in changed.teams.indices where changed.teams[index].id.value == team {
                changed.teams[index].capacity = people
                if changed.teams[index].capacityLocation == nil { changed.teams[index].capacityLocation = changed.teams[index].id.location }
            }
        }
        return changed
    }
}
