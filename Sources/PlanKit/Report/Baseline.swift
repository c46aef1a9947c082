import Foundation
import PlanSyntax

/// A saved schedule to compare against: the output of `planc schedule --format json` at the time
/// the plan was approved (commit it next to the plan).
public struct Baseline: Sendable {
    public struct Entry: Sendable, Equatable {
        public var start: Day
        public var finish: Day
        public var title: String?
    }

    public var statusDate: Day?
    public var finish: Day?
    public var entries: [String: Entry]
    public var order: [String]

    public enum Problem: Error, CustomStringConvertible {
        case unreadable(String)
        case notASchedule(String)

        public var description: String {
            switch self {
            case .unreadable(let reason): return reason
            case .notASchedule(let reason): return "not a planc schedule (planc schedule --format json): \(reason)"
            }
        }
    }

    public static func load(path: String) -> Result<Baseline, Problem> {
        // Read like a plan: a FIFO or a device is refused at once, never waited on.
        let data: Data
        switch SourceReader.read(path: path, limits: .default) {
        case .success(let bytes): data = Data(bytes)
        case .failure(.notARegularFile(let kind)): return .failure(.unreadable("cannot read '\(path)': it is \(kind), not a regular file"))
        case .failure: return .failure(.unreadable("cannot read '\(path)'"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(.notASchedule("the file is not a JSON object"))
        }
        guard let tasks = object["tasks"] as? [[String: Any]] else {
            return .failure(.notASchedule("it has no \"tasks\" list"))
        }
        var baseline = Baseline(statusDate: (object["as_of"] as? String).flatMap(Day.init(iso:)),
                                finish: (object["finish"] as? String).flatMap(Day.init(iso:)), entries: [:], order: [])
        for (number, task) in tasks.enumerated() {
            guard let id = task["id"] as? String, let start = (task["start"] as? String).flatMap(Day.init(iso:)),
                  let finish = (task["finish"] as? String).flatMap(Day.init(iso:)) else {
                return .failure(.notASchedule("task \(number + 1) lacks an id, start or finish date"))
            }
            baseline.entries[id] = Entry(start: start, finish: finish, title: task["title"] as? String)
            baseline.order.append(id)
        }
        return .success(baseline)
    }
}
