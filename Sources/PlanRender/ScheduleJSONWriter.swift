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
        json.beginArray("events")
        for timing in facts.events {
            let event = plan.events[timing.event]
            json.beginObject()
            json.string("id", event.id.value)
            json.string("title", event.title)
            json.string("date", event.date?.value.iso)
            json.beginArray("requires")
            for required in event.requires { json.string(required.value) }
            json.endArray()
            json.string("earliest", timing.earliest?.iso)
            json.int("margin", timing.margin)
            json.endObject()
        }
        json.endArray()
        if !facts.assumedRisks.isEmpty {
            json.beginArray("assumed_risks")
            for risk in facts.assumedRisks { json.string(risk) }
            json.endArray()
        }
        json.endObject()
        return json.text + "\n"
    }
}
