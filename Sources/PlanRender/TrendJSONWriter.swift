import PlanKit

/// `planc trend --format json` (the shape is in docs/cli.md). Text is JSON-escaped; commits are
/// oldest first; each milestone's `points` name the commits where it was scheduled.
public enum TrendJSONWriter {
    public static func write(_ trend: Trend) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.string("plan", trend.plan)
        json.string("path", trend.path)
        json.bool("shallow", trend.shallow)
        json.bool("truncated", trend.truncated)
        json.int("unchanged_commits", trend.unchangedCommits)
        json.beginArray("commits")
        for revision in trend.revisions {
            json.beginObject()
            json.string("commit", revision.commit)
            json.string("short", revision.shortCommit)
            json.string("author", revision.author)
            json.string("author_date", revision.authorDate)
            json.string("subject", revision.subject)
            json.date("status_date", revision.statusDate)
            json.string("status_date_from", revision.statusFromPlan ? "as_of" : "commit")
            json.bool("scheduled", revision.scheduled)
            json.date("finish", revision.finish)
            json.int("errors", revision.errors)
            json.string("error", revision.failure)
            json.endObject()
        }
        json.endArray()
        json.beginArray("milestones")
        for series in trend.series {
            json.beginObject()
            json.string("id", series.id)
            json.string("title", series.title)
            json.string("kind", series.kind.rawValue)
            json.date("deadline", series.deadline)
            json.beginArray("points")
            for (index, forecast) in series.forecasts.enumerated() {
                guard let forecast else { continue }
                json.beginObject()
                json.string("commit", trend.revisions[index].shortCommit)
                json.date("status_date", trend.revisions[index].statusDate)
                json.date("forecast", forecast)
                json.date("deadline", series.deadlines[index])
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.beginArray("slips")
        for slip in trend.slips {
            json.beginObject()
            json.string("id", slip.id)
            json.string("kind", slip.kind.rawValue)
            json.string("commit", trend.revisions[slip.revision].shortCommit)
            json.string("previous_commit", trend.revisions[slip.previous].shortCommit)
            json.date("from", slip.from)
            json.date("to", slip.to)
            json.int("working_days", slip.workingDays)
            json.beginArray("causes")
            for cause in slip.causes {
                json.beginObject()
                json.string("kind", cause.kind.rawValue)
                json.string("task", cause.task)
                json.string("field", cause.field)
                json.string("base", cause.base)
                json.string("head", cause.head)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
