import PlanKit

/// `{"plan","as_of","gates":[{"id","title","date","verdict","summary","criteria":[{"id","title","kind","status","actual","target","reason"}]}]}`
public enum GateJSONWriter {
    public static func write(_ results: [GateResult], plan: Plan, statusDate: Day?) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.string("plan", plan.id?.value)
        json.string("as_of", statusDate?.iso)
        json.beginArray("gates")
        for result in results {
            json.beginObject()
            json.string("id", result.id)
            json.string("title", result.title)
            json.string("date", result.date?.iso)
            json.string("verdict", result.verdict.rawValue)
            json.string("summary", result.summary)
            json.beginArray("criteria")
            for criterion in result.criteria {
                json.beginObject()
                json.string("id", criterion.id)
                json.string("title", criterion.title)
                json.string("kind", criterion.kind)
                json.string("status", criterion.status.rawValue)
                json.string("actual", criterion.actual)
                json.string("target", criterion.target)
                json.string("reason", criterion.reason)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }
}
