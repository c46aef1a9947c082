/// The most diagnostics printed per file (`--max-diagnostics`), so that no input floods a CI log.
/// Only what is printed is capped: counts, summaries and the exit status see every diagnostic.
public struct DiagnosticCap: Sendable, Equatable {
    public static let defaultPerFile = 1_000

    /// Most diagnostics shown per file; 0 shows all of them.
    public var perFile: Int

    public init(perFile: Int = DiagnosticCap.defaultPerFile) {
        self.perFile = perFile
    }

    public static let none = DiagnosticCap(perFile: 0)

    /// The diagnostics to print, in their order, and how many were left out of each file (files in
    /// the order their first diagnostic came).
    public func apply(_ diagnostics: [Diagnostic]) -> (shown: [Diagnostic], omitted: [(file: String, count: Int)]) {
        guard perFile > 0, diagnostics.count > perFile else { return (diagnostics, []) }
        var shownPerFile: [String: Int] = [:]
        var omittedPerFile: [String: Int] = [:]
        var files: [String] = []
        var shown: [Diagnostic] = []
        for diagnostic in diagnostics {
            let count = shownPerFile[diagnostic.file, default: 0]
            if count < perFile {
                shownPerFile[diagnostic.file] = count + 1
                shown.append(diagnostic)
            } else {
                if omittedPerFile[diagnostic.file] == nil { files.append(diagnostic.file) }
                omittedPerFile[diagnostic.file, default: 0] += 1
            }
        }
        return (shown, files.map { ($0, omittedPerFile[$0]!) })
    }

    /// `… 19,000 more diagnostics in plan.yaml not shown (--max-diagnostics N)`
    public static func closingLine(file: String, count: Int) -> String {
        let noun = count == 1 ? "diagnostic" : "diagnostics"
        return "… \(grouped(count)) more \(noun) in \(file) not shown (--max-diagnostics N)"
    }

    /// 19000 as "19,000".
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return out
    }
}
