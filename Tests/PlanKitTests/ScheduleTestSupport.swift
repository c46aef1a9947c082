import Foundation
import PlanKit
import PlanSyntax
import Testing

/// Writes `yaml` to a fresh temporary folder and compiles it.
func compilePlan(_ yaml: String, asOf: Day? = nil, name: String = "plan.yaml") -> Compilation {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planc-schedule-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent(name).path
    try! Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
    return Compiler.compile(path: path, asOf: asOf)
}

/// `Day(iso:)` for literals in tests.
func day(_ text: String) -> Day { Day(iso: text)! }

extension Compilation {
    /// The schedule entry of the task with `id`; fails the test when there is none.
    func entry(_ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Schedule.Entry? {
        guard let plan, let schedule else {
            Issue.record("no schedule: \(diagnostics.map { "\($0.line):\($0.column) \($0.code) \($0.message)" })", sourceLocation: sourceLocation)
            return nil
        }
        guard let index = plan.tasks.firstIndex(where: { $0.id.value == id }) else {
            Issue.record("no task '\(id)'", sourceLocation: sourceLocation)
            return nil
        }
        return schedule[index]
    }

    /// "start..finish" of a task, for compact golden expectations.
    func span(_ id: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        guard let entry = entry(id, sourceLocation: sourceLocation) else { return "?" }
        return "\(entry.start)..\(entry.finish)"
    }

    func ids(_ indices: [Int]) -> [String] { indices.map { plan!.tasks[$0].id.value } }

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
