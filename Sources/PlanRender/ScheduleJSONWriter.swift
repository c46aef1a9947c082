import Dispatch
import PlanKit

/// The schedule contract (docs/cli.md, `planc schedule --format json`):
/// `{"plan","as_of","start","finish","critical_path":[ids],"tasks":[{"id","title","start","finish",
/// "duration","total_float","free_float","critical","milestone","summary","parent","delay",
/// "waits_for":[{"team","tasks":[ids]}]}],"events":[...],"teams":[{"id","capacity","overloads":
/// [{"from","to","demand","capacity","tasks":[ids]}],"load":[{"from","to","units"}]}]}` with
/// `"levelled"` and `"finish_lower_bound"` after `"finish"` (DESIGN.md "Resources and levelling").
public enum ScheduleJSONWriter {
    public static func write(_ facts: ScheduleFacts) -> String {
        String(decoding: bytes(facts), as: UTF8.self)
    }

    static func writeTasks(_ range: Range<Int>, of facts: ScheduleFacts, into json: inout JSONWriter) {
        let plan = facts.plan, schedule = facts.schedule, resources = facts.resources
        let levelled = resources.isLevelled
        for index in range {
            let task = plan.tasks[index], entry = schedule[index]
            json.beginObject()
            json.string("id", task.id.value)
            json.string("title", task.title)
            json.date("start", entry.start)
            json.date("finish", entry.finish)
            json.int("duration", entry.duration)
            json.int("total_float", entry.totalFloat)
            json.int("free_float", entry.freeFloat)
            json.bool("critical", entry.critical)
            json.bool("milestone", task.isMilestone)
            json.bool("summary", task.isSummary)
            json.string("parent", task.parent.map { plan.tasks[$0].id.value })
            // Unlevelled (nearly every large plan): nothing to look up per task.
            json.int("delay", levelled ? resources.delay(index) : 0)
            json.beginArray("waits_for")
            if levelled {
                for wait in resources.waitsFor(index) {
                    json.beginObject()
                    json.string("team", wait.teamID)
                    json.beginArray("tasks")
                    for blocking in wait.tasks { json.string(plan.tasks[blocking].id.value) }
                    json.endArray()
                    json.endObject()
                }
            }
            json.endArray()
            json.endObject()
        }
    }

    /// The JSON as UTF-8 bytes, ending in a newline.
    /// `parallelFrom`: the number of tasks from which they are written on two threads.
    public static func bytes(_ facts: ScheduleFacts, parallelFrom: Int = 20_000) -> [UInt8] {
        let pieces = pieces(facts, parallelFrom: parallelFrom)
        if pieces.count == 1 { return pieces[0] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
        for piece in pieces { bytes.append(contentsOf: piece) }
        return bytes
    }

    /// The JSON as pieces to write one after another: for a large plan, the tasks are written in
    /// two halves on two threads, and printing the pieces saves joining 20 MB into one buffer.
    public static func pieces(_ facts: ScheduleFacts, parallelFrom: Int = 20_000) -> [[UInt8]] {
        let plan = facts.plan, schedule = facts.schedule
        var pieces: [[UInt8]] = []
        var json = JSONWriter(capacity: 64 + plan.tasks.count * 256)
        json.beginObject()
        json.string("plan", plan.id?.value)
        json.date("as_of", schedule.statusDate)
        json.date("start", schedule.start)
        json.date("finish", schedule.finish)
        json.bool("levelled", facts.resources.isLevelled)
        json.date("finish_lower_bound", facts.resources.finishLowerBound)
        json.beginArray("critical_path")
        for task in schedule.criticalPath { json.string(plan.tasks[task].id.value) }
        json.endArray()
        json.beginArray("tasks")
        // Tasks are most of the output: large plans write them in two halves on two threads.
        let count = plan.tasks.count
        if count >= parallelFrom {
            let middle = count / 2
            // Each thread writes its own slot: two separate memory locations, not one shared array.
            let halves = UnsafeMutablePointer<[UInt8]>.allocate(capacity: 2)
            halves.initialize(repeating: [], count: 2)
            defer {
                halves.deinitialize(count: 2)
                halves.deallocate()
            }
            let slots = UnsafeSendablePointer(halves)
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                var part = JSONWriter(arrayElementsWithCapacity: (count - middle + 1) * 256)
                writeTasks(half == 0 ? 0..<middle : middle..<count, of: facts, into: &part)
                slots.pointer[half] = part.bytes
            }
            pieces.append(json.takeBytes())
            for half in 0..<2 where !halves[half].isEmpty {
                if json.markElementsWritten() { pieces.append([0x2C]) }
                pieces.append(halves[half])
            }
        } else {
            writeTasks(0..<count, of: facts, into: &json)
        }
        json.endArray()
        json.beginArray("events")
        for timing in facts.events {
            let event = plan.events[timing.event]
            json.beginObject()
            json.string("id", event.id.value)
            json.string("title", event.title)
            json.date("date", event.date?.value)
            json.beginArray("requires")
            for required in event.requires { json.string(required.value) }
            json.endArray()
            json.date("earliest", timing.earliest)
            json.int("margin", timing.margin)
            json.endObject()
        }
        json.endArray()
        writeTeams(facts, into: &json)
        if let whatIf = facts.capacityWhatIf { writeWhatIf(whatIf, into: &json) }
        if !facts.assumedRisks.isEmpty {
            json.beginArray("assumed_risks")
            for risk in facts.assumedRisks { json.string(risk) }
            json.endArray()
        }
        json.endObject()
        var tail = json.takeBytes()
        tail.append(0x0A)
        pieces.append(tail)
        return pieces
    }

    /// `"what_if"` (with `--capacity`): `{"capacity":[{"team","people","plan"}],"finish","plan_finish",
    /// "deadlines":[{"id","deadline","margin","plan_margin"}],"over_capacity_days","plan_over_capacity_days"}`.
    public static func writeWhatIf(_ whatIf: CapacityWhatIf, into json: inout JSONWriter) {
        json.beginObject("what_if")
        json.beginArray("capacity")
        for assumption in whatIf.assumptions {
            json.beginObject()
            json.string("team", assumption.team)
            json.int("people", assumption.people)
            json.int("plan", assumption.planned)
            json.endObject()
        }
        json.endArray()
        json.date("finish", whatIf.finish)
        json.date("plan_finish", whatIf.plannedFinish)
        json.beginArray("deadlines")
        for margin in whatIf.margins {
            json.beginObject()
            json.string("id", margin.id)
            json.date("deadline", margin.deadline)
            json.int("margin", margin.assumed)
            json.int("plan_margin", margin.planned)
            json.endObject()
        }
        json.endArray()
        json.int("over_capacity_days", whatIf.overloadedDays)
        json.int("plan_over_capacity_days", whatIf.plannedOverloadedDays)
        json.endObject()
    }

    /// `"teams"`: every team's capacity, over-allocations and load, from the compilation's load
    /// (empty when it was not computed).
    static func writeTeams(_ facts: ScheduleFacts, into json: inout JSONWriter) {
        let plan = facts.plan
        json.beginArray("teams")
        for team in facts.resources.load?.teams ?? [] {
            json.beginObject()
            json.string("id", team.id)
            json.int("capacity", team.capacity)
            json.beginArray("overloads")
            for overload in team.overloads {
                json.beginObject()
                json.date("from", overload.from)
                json.date("to", overload.to)
                json.units("demand", milli: overload.peakMilliUnits)
                json.units("capacity", milli: overload.milliCapacity)
                json.beginArray("tasks")
                for task in overload.tasks { json.string(plan.tasks[task].id.value) }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.beginArray("load")
            for segment in team.segments {
                json.beginObject()
                json.date("from", segment.from)
                json.date("to", segment.to)
                json.units("units", milli: segment.milliUnits)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
    }
}

/// Slots that `concurrentPerform`'s iterations each write one of.
struct UnsafeSendablePointer<Value>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Value>
    init(_ pointer: UnsafeMutablePointer<Value>) { self.pointer = pointer }
}
