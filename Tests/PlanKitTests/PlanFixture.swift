import Foundation
import PlanKit
import PlanSyntax

/// Writes example plans to a temporary folder and compiles them. In the text, `↓` marks where a
/// diagnostic is expected (the marker is removed) and `⟨E9⟩` stands for the raw byte 0xE9.
struct PlanFixture {
    struct Marker: Hashable, CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var description: String { "\(file):\(line):\(column)" }
    }

    let directory: String
    let root: String
    let markers: [Marker]

    init(files: [(name: String, text: String)]) throws {
        directory = NSTemporaryDirectory() + "planc-test-" + UUID().uuidString
        var markers: [Marker] = []
        for (name, text) in files {
            let (bytes, found) = PlanFixture.strip(text, file: name)
            markers += found
            let path = directory + "/" + name
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
        root = directory + "/" + files[0].name
        self.markers = markers
    }

    init(_ text: String, name: String = "plan.yaml") throws {
        try self.init(files: [(name, text)])
    }

    init(_ example: DiagnosticDescriptor.Example) throws {
        try self.init(files: example.files)
    }

    func compile(limits: Limits = .default) -> Compilation {
        Compiler.compile(path: root, limits: limits)
    }

    /// The diagnostics of the root: a plan's, or a portfolio's with all its plans'.
    func diagnostics(limits: Limits = .default) -> [Diagnostic] {
        PortfolioDiscovery.isPortfolio(root)
            ? PortfolioCompiler.compile(path: root, limits: limits).diagnostics
            : compile(limits: limits).diagnostics
    }

    /// Diagnostics of a compilation with the temporary folder removed from their paths.
    func relative(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var copy = diagnostic
            copy.file = relativePath(copy.file)
            copy.notes = copy.notes.map { note in
                var note = note
                note.file = relativePath(note.file)
                return note
            }
            return copy
        }
    }

    func relativePath(_ path: String) -> String {
        path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func strip(_ text: String, file: String) -> ([UInt8], [Marker]) {
        var bytes: [UInt8] = []
        var markers: [Marker] = []
        var line = 1, column = 1
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            if scalar == "↓" {
                markers.append(Marker(file: file, line: line, column: column))
                continue
            }
            if scalar == "⟨", scalars.count >= 3, scalars[scalars.startIndex + 2] == "⟩",
               let byte = UInt8(String(String.UnicodeScalarView(scalars.prefix(2))), radix: 16) {
                bytes.append(byte)
                scalars = scalars.dropFirst(3)
                column += 1
                continue
            }
            bytes.append(contentsOf: Array(String(scalar).utf8))
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (bytes, markers)
    }
}

/// `file:line:col code` for compact, exact expectations.
func positions(_ diagnostics: [Diagnostic], code: String? = nil) -> [String] {
    diagnostics.filter { code == nil || $0.code == code }.map { "\($0.file):\($0.line):\($0.column) \($0.code)" }
}

/// Compiles a single-file plan and returns its diagnostics with the plan's file named `plan.yaml`.
func diagnose(_ text: String, limits: Limits = .default) throws -> [Diagnostic] {
    let fixture = try PlanFixture(text)
    defer { fixture.remove() }
    return fixture.relative(fixture.compile(limits: limits).diagnostics)
}

/// The repository's root, from this file's place in it.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
