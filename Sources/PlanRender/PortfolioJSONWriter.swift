import PlanKit

/// The portfolio page as JSON: the same facts as the other formats, keys in a fixed order.
public enum PortfolioJSONWriter {
    public static func write(_ page: PortfolioPage) -> String {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.string("portfolio", page.id)
        json.string("title", page.title)
        json.string("health", page.health.rawValue)
        json.beginArray("health_reasons")
        for reason in page.healthReasons { json.string(reason) }
        json.endArray()
        json.int("errors", page.errorCount)
        json.int("warnings", page.warningCount)
        json.beginArray("plans")
        for line in page.plans {
            json.beginObject()
            json.string("id", line.id)
            json.string("title", line.title)
            json.string("file", line.path)
            json.string("health", line.health?.rawValue)
            json.date("finish", line.finish)
            json.int("errors", line.errors)
            json.beginArray("deadlines")
            for deadline in line.deadlines {
                json.beginObject()
                json.string("task", deadline.id)
                json.date("deadline", deadline.deadline)
                json.date("finish", deadline.date)
                json.int("margin", deadline.margin)
                json.date("p80", deadline.p80)
                json.number("probability", ForecastWriter.rounded(deadline.probability, 10_000))
                json.endObject()
            }
            json.endArray()
            if let gate = line.nextGate {
                json.beginObject("next_gate")
                json.string("id", gate.id)
                json.date("date", gate.date)
                json.string("standing", gate.standing.spoken)
                json.endObject()
            } else {
                json.null("next_gate")
            }
            json.endObject()
        }
        json.endArray()
        json.beginArray("cross_plan_links")
        for link in page.links {
            json.beginObject()
            json.string("plan", link.successorPlan)
            json.string("task", link.successor)
            json.string("after", link.link)
            json.date("predecessor_finish", link.predecessorFinish)
            json.date("start", link.successorStart)
            json.int("slack", link.slack)
            json.bool("at_risk", link.atRisk)
            json.date("predecessor_p80", link.predecessorP80)
            if let slip = link.p80Slip { json.int("p80_slip", slip) } else { json.null("p80_slip") }
            json.beginArray("hits")
            for hit in link.hits { json.string(hit) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.beginArray("shared_overloads")
        for overload in page.overloads {
            json.beginObject()
            json.string("team", overload.team)
            json.date("from", overload.from)
            json.date("to", overload.to)
            json.int("working_days", overload.workingDays)
            json.string("demand", overload.needed)
            json.string("capacity", overload.available)
            json.beginArray("plans")
            for plan in overload.plans { json.string(plan) }
            json.endArray()
            json.beginArray("tasks")
            for use in overload.uses {
                json.beginObject()
                json.string("plan", use.plan)
                json.string("task", use.task)
                json.string("units", use.units)
                json.date("from", use.from)
                json.date("to", use.to)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.beginArray("top_risks")
        for risk in page.topRisks {
            json.beginObject()
            json.string("plan", risk.plan)
            json.string("id", risk.risk.id)
            json.string("title", risk.risk.title)
            json.int("score", risk.risk.score)
            json.string("status", risk.occurred ? "occurred" : risk.risk.status)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text + "\n"
    }
}
