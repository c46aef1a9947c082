import Foundation

/// Finds the root plans among the paths given on the command line: files as they are, folders
/// searched recursively for `*.yaml`/`*.yml` files whose top level has a `plan:` key (fragments and
/// metrics files are skipped). Hidden folders and `.build` are not searched.
public enum PlanDiscovery {
    public struct Result: Sendable {
        public var plans: [String] = []
        /// Paths that do not exist.
        public var missing: [String] = []
    }

    public static func find(_ paths: [String]) -> Result {
        var result = Result()
        let files = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.missing.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                result.plans.append(path)
                continue
            }
            var found: [String] = []
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            if let walker = files.enumerator(atPath: path) {
                while let relative = walker.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") || name == "node_modules" {
                        walker.skipDescendants()
                        continue
                    }
                    guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
                    let full = base + "/" + relative
                    if isRootPlan(full) { found.append(full) }
                }
            }
            result.plans.append(contentsOf: found.sorted())
        }
        return result
    }

    /// A root plan has `plan:` at the start of a line at the top level. Only the first 64 KiB are
    /// looked at: `plan:` is conventionally the first key.
    public static func isRootPlan(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 64 << 10)) ?? Data()
        var atLineStart = true
        var index = data.startIndex
        let pattern = Array("plan".utf8)
        while index < data.endIndex {
            let byte = data[index]
            if atLineStart, byte == pattern[0], data.endIndex - index > 4,
               Array(data[index..<index + 4]) == pattern {
                var next = index + 4
                while next < data.endIndex, data[next] == 0x20 { next += 1 }
                if next < data.endIndex, data[next] == 0x3A { return true }
            }
            atLineStart = byte == 0x0A
            index += 1
        }
        return false
    }
}
