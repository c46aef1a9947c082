import PlanKit

/// A plan diff as JSON, sections in order of importance, never truncated:
///
///     {"base":{"path","plan","as_of","finish","errors","scheduled"},"head":{…},
///      "dates_compared","changes",
///      "deadlines":[{"id","kind","state":"missed|met","deadline","base_finish","finish","working_days"}],
///      "gates":[{"id","title","base","head","summary","criteria":[{"id","title","base","head","reason"}]}],
///      "moved":[{"kind":"milestone|gate|finish","id","title","base","head","working_days","deadline","misses_deadline"}],
///      "confidence":null|{"iterations","seed","moved":[{"id","title","deadline","base_p80","head_p80","working_days",
///                                                       "base_probability","head_probability"}]},
///      "critical_path":null|{"base":[ids],"head":[ids],"added":[ids],"removed":[ids]},
///      "over_allocations":[{"state":"created|removed","team","from","to","demand","capacity","tasks":[ids]}],
///      "levelling_delays":[{"id","title","base","head"}],
///      "tasks":{"added":[{"id","kind","title","owner","duration","after":[…],"parent"}],"removed":[…],
///               "changed":[{"id","kind","title","fields":[{"field","base","head"}]}]},
///      "risks":{"added":[{"id","title","score","status","owner"}],"removed":[…],"changed":[{"id","title","fields":[…]}]}}
public enum DiffJSONWriter {
    /// `whatIf` (with `--capacity`) adds `"what_if"` for the head, as `planc schedule` writes it.
    public static func write(_ diff: PlanDiff, whatIf: CapacityWhatIf? = nil) -> String {
        var json = JSONWriter()
        json.beginObject()
        side("base", diff.base, &json)
        side("head", diff.head, &json)
        json.bool("dates_compared", diff.datesCompared)
        json.int("changes", diff.changes.count)
        json.beginArray("deadlines")
        for change in diff.deadlines {
            json.beginObject()
            json.string("id", change.id)
            json.string("kind", change.kind.rawValue)
            json.string("state", change.state.rawValue)
            json.string("deadline", change.deadline.iso)
            json.string("base_finish", change.baseFinish?.iso)
            json.string("finish", change.finish.iso)
            json.int("working_days", change.workingDays)
            json.endObject()
        }
        json.endArray()
        json.beginArray("gates")
        for change in diff.verdicts {
            json.beginObject()
            json.string("id", change.id)
            json.string("title", change.title)
            json.string("base", change.base?.rawValue)
            json.string("head", change.head.rawValue)
            json.string("summary", change.summary)
            json.beginArray("criteria")
            for criterion in change.criteria {
                json.beginObject()
                json.string("id", criterion.id)
                json.string("title", criterion.title)
                json.string("base", criterion.base?.rawValue)
                json.string("head", criterion.head?.rawValue)
                json.string("reason", criterion.reason)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.beginArray("moved")
        for movement in diff.movements {
            json.beginObject()
            json.string("kind", movement.kind.rawValue)
            json.string("id", movement.id)
            json.string("title", movement.title)
            json.string("base", movement.base.iso)
            json.string("head", movement.head.iso)
            json.int("working_days", movement.workingDays)
            json.string("deadline", movement.deadline?.iso)
            json.bool("misses_deadline", movement.missesDeadline)
            json.endObject()
        }
        json.endArray()
        confidence(diff, &json)
        if let change = diff.criticalPath {
            json.beginObject("critical_path")
            strings("base", change.base, &json)
            strings("head", change.head, &json)
            strings("added", change.added, &json)
            strings("removed", change.removed, &json)
            json.endObject()
        } else {
            json.null("critical_path")
        }
        json.beginArray("over_allocations")
        for change in diff.overAllocations {
            json.beginObject()
            json.string("state", change.state.rawValue)
            json.string("team", change.team)
            json.date("from", change.from)
            json.date("to", change.to)
            json.units("demand", milli: change.peakMilliUnits)
            json.units("capacity", milli: change.milliCapacity)
            strings("tasks", change.tasks, &json)
            json.endObject()
        }
        json.endArray()
        json.beginArray("levelling_delays")
        for change in diff.delays {
            json.beginObject()
            json.string("id", change.id)
            json.string("title", change.title)
            json.int("base", change.base)
            json.int("head", change.head)
            json.endObject()
        }
        json.endArray()
        json.beginObject("tasks")
        tasks("added", diff.addedTasks, &json)
        tasks("removed", diff.removedTasks, &json)
        json.beginArray("changed")
        for change in diff.changedTasks {
            json.beginObject()
            json.string("id", change.id)
            json.string("kind", change.kind.rawValue)
            json.string("title", change.title)
            fields(change.fields, &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.beginObject("risks")
        risks("added", diff.addedRisks, &json)
        risks("removed", diff.removedRisks, &json)
        json.beginArray("changed")
        for change in diff.changedRisks {
            json.beginObject()
            json.string("id", change.id)
            json.string("title", change.title)
            fields(change.fields, &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        if let whatIf { ScheduleJSONWriter.writeWhatIf(whatIf, into: &json) }
        json.endObject()
        return json.text + "\n"
    }

    static func side(_ key: String, _ side: PlanDiff.Side, _ json: inout JSONWriter) {
        json.beginObject(key)
        json.string("path", side.path)
        json.string("plan", side.plan)
        json.string("as_of", side.statusDate?.iso)
        json.string("finish", side.finish?.iso)
        json.int("errors", side.errors)
        json.bool("scheduled", side.scheduled)
        json.endObject()
    }

    static func strings(_ key: String, _ values: [String], _ json: inout JSONWriter) {
        json.beginArray(key)
        for value in values { json.string(value) }
        json.endArray()
    }

    static func tasks(_ key: String, _ tasks: [PlanDiff.TaskSummary], _ json: inout JSONWriter) {
        json.beginArray(key)
        for task in tasks {
            json.beginObject()
            json.string("id", task.id)
            json.string("kind", task.kind.rawValue)
            json.string("title", task.title)
            json.string("owner", task.owner)
            json.string("duration", task.duration)
            strings("after", task.dependencies, &json)
            json.string("parent", task.parent)
            json.endObject()
        }
        json.endArray()
    }

    static func risks(_ key: String, _ risks: [PlanDiff.RiskSummary], _ json: inout JSONWriter) {
        json.beginArray(key)
        for risk in risks {
            json.beginObject()
            json.string("id", risk.id)
            json.string("title", risk.title)
            json.int("score", risk.score)
            json.string("status", risk.status)
            json.string("owner", risk.owner)
            json.endObject()
        }
        json.endArray()
    }

    static func fields(_ fields: [PlanDiff.FieldChange], _ json: inout JSONWriter) {
        json.beginArray("fields")
        for field in fields {
            json.beginObject()
            json.string("field", field.field)
            json.string("base", field.base)
            json.string("head", field.head)
            json.endObject()
        }
        json.endArray()
    }

    /// How each deadline's P80 and chance moved (null when neither side was simulated).
    static func confidence(_ diff: PlanDiff, _ json: inout JSONWriter) {
        guard let run = diff.confidenceRun else {
            json.string("confidence", nil)
            return
        }
        json.beginObject("confidence")
        json.int("iterations", run.iterations)
        json.string("seed", String(run.seed))
        json.beginArray("moved")
        for move in diff.confidence {
            json.beginObject()
            json.string("id", move.id)
            json.string("title", move.title)
            json.string("deadline", move.deadline.iso)
            json.string("base_p80", move.baseP80?.iso)
            json.string("head_p80", move.headP80.iso)
            json.int("working_days", move.workingDays)
            json.number("base_probability", move.baseProbability)
            json.number("head_probability", move.headProbability)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }
}
