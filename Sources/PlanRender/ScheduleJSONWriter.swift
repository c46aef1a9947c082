import PlanKit

/// The schedule contract of DESIGN.md:
/// `{"plan","as_of","start","finish","critical_path":[ids],"tasks":[{"id","title","start","finish",
/// "duration","total_float","free_float","critical","milestone","summary","parent"}]}`.
public enum ScheduleJSONWriter {
    public static func write(_ facts: ScheduleFacts) -> String {
        let plan = facts.plan, schedule = facts.schedule
        var json = JSONWriter()
        json.beginObject()
        json.string("plan", plan.id?.value)
        json.string("as_of", schedule.statusDate?.iso)
        json.string("start", schedule.start.iso)
        json.string("finish", schedule.finish.iso)
        json.beginArray("critical_path")
        for task in schedule.criticalPath { json.string(plan.tasks[task].id.value) }
        json.endArray()
        json.beginArray("tasks")
        for (index, task) in plan.tasks.enumerated() {
            let entry = schedule[index]
            json.beginObject()
            json.string("id", task.id.value)
            json.string("title", task.title)
            json.string("start", entry.start.iso)
            json.string("finish", entry.finish.iso)
            json.int("duration", entry.duration)
            json.int("total_float", entry.totalFloat)
            json.int("free_float", entry.freeFloat)
            json.bool("critical", entry.critical)
            json.bool("milestone", task.isMilestone)
            json.bool("summary", task.isSummary)
            json.string("parent", task.parent.map { plan.tasks[$0].id.value })
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }
}
