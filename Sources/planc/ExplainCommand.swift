import ArgumentParser
import PlanKit
import PlanRender

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic code, with examples that trigger it and that do not.",
        discussion: "Exit status: 0, or 2 for an unknown code."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    @Argument(help: ArgumentHelp("A diagnostic code (E104) or name (unknown-reference).", valueName: "CODE"))
    var code: String?

    @Flag(help: "List every code.")
    var list = false

    @Flag(help: "Explain every code (with --format markdown: docs/rules.md).")
    var all = false

    @Option(help: "Output format.")
    var format: Format = .text

    func validate() throws {
        if code == nil, !list, !all { throw ValidationError("name a code, e.g. `planc explain E104`, or use --list") }
    }

    func run() throws {
        let descriptors = RuleRegistry.descriptors
        if list {
            Console.out(RuleDocumentationWriter.list(descriptors))
            return
        }
        if all {
            switch format {
            case .markdown: Console.out(RuleDocumentationWriter.markdown(descriptors))
            case .text: Console.out(descriptors.map(RuleDocumentationWriter.text).joined(separator: "\n"))
            }
            return
        }
        guard let code, let descriptor = RuleRegistry.descriptor(for: code) else {
            let known = descriptors.map(\.code) + descriptors.map(\.name)
            let hint = Suggestion.help(for: code ?? "", in: known).map { " (\($0))" } ?? ""
            Console.error("planc: error: unknown diagnostic code '\(code ?? "")'\(hint); `planc explain --list` lists them\n")
            throw ExitCode(2)
        }
        switch format {
        case .markdown: Console.out(RuleDocumentationWriter.markdown([descriptor]))
        case .text: Console.out(RuleDocumentationWriter.text(descriptor))
        }
    }
}
