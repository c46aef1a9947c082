import PlanKit

/// RFC 4180 CSV (CRLF, fields quoted when they hold `,` `"` CR or LF). Text cells that begin with
/// `=` `+` `-` `@`, a tab or CR are prefixed with `'` so a spreadsheet never runs plan text as a
/// formula (CSV injection); numbers and dates planc computes are written as they are.
public enum ScheduleCSVWriter {
    public static func write(_ facts: ScheduleFacts) -> String {
        let plan = facts.plan, schedule = facts.schedule
        var out = "id,title,owner,parent,kind,start,finish,duration,total_float,free_float,critical,status\r\n"
        for (index, task) in plan.tasks.enumerated() {
            let entry = schedule[index]
            let kind = task.kind == .task ? (task.isSummary ? "summary" : "task") : task.kind.rawValue
            let fields = [
                text(task.id.value), text(task.title ?? ""), text(facts.owner(index) ?? ""),
                text(task.parent.map { plan.tasks[$0].id.value } ?? ""), kind,
                entry.start.iso, entry.finish.iso, String(entry.duration), String(entry.totalFloat),
                String(entry.freeFloat), entry.critical ? "true" : "false", entry.progress.rawValue,
            ]
            out += fields.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// `--load`: every team's load as rows of constant demand and capacity
    /// (`team,from,to,units,capacity,over`); `capacity` is empty for a team never over-allocated.
    public static func load(_ facts: ScheduleFacts) -> String {
        var out = "team,from,to,units,capacity,over\r\n"
        for row in facts.resources.loadRows(facts.network) {
            let fields = [
                text(row.teamID), row.from.iso, row.to.iso, ResourceModel.format(milliUnits: row.milliUnits),
                row.milliCapacity.map { ResourceModel.format(milliUnits: $0) } ?? "", row.over ? "true" : "false",
            ]
            out += fields.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A field of user text: neutralised against formulas, then quoted if it needs to be.
    public static func text(_ value: String) -> String {
        Escape.csv(value)
    }
}
