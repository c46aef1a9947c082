import ArgumentParser
import Foundation
import PlanKit
import PlanRender
import PlanSyntax

struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "One page over several plans: each plan's health, cross-plan links at risk, shared teams over capacity, top risks.",
        discussion: "Exit status as `planc check`: 0 no errors, 1 errors (the page is still written), 2 usage error or unreadable input."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, html, email
    }

    @Argument(help: ArgumentHelp("The portfolio file.", valueName: "FILE"))
    var file: String

    @Option(help: "Output format.")
    var format: Format = .text

    @OptionGroup var email: EmailOptions

    @Option(help: ArgumentHelp("Working days after the status date in which gates are judged.", valueName: "N"))
    var horizon: Int = StatusReport.defaultHorizon

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Status date (YYYY-MM-DD) for every plan.", valueName: "DATE"))
    var asOf: String?

    @OptionGroup var input: InputOptions
    @OptionGroup var resources: ResourceOptionGroup
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        try email.validate(isEmail: format == .email)
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of takes a date like 2027-01-15, not '\(asOf)'") }
        guard (0...1000).contains(horizon) else { throw ValidationError("--horizon takes 0 to 1000 working days, not \(horizon)") }
    }

    func run() throws {
        let compilation = PortfolioCompiler.compile(path: file, limits: input.limits, asOf: asOf.flatMap(Day.init(iso:)), resources: resources.options)
        ProcessLifetime.keep(compilation)
        if !compilation.diagnostics.isEmpty {
            let writer = DiagnosticTextWriter(color: input.useColor(for: STDERR_FILENO), cap: DiagnosticCap(perFile: input.maxDiagnostics))
            Console.error(writer.write(compilation.diagnostics))
        }
        guard compilation.portfolio != nil else { throw ExitCode(2) }
        let page = PortfolioPage.build(compilation, horizon: horizon)
        let text: String
        switch format {
        case .text: text = PortfolioTextWriter.write(page)
        case .markdown: text = PortfolioMarkdownWriter.write(page)
        case .json: text = PortfolioJSONWriter.write(page)
        case .html: text = PortfolioHTMLWriter.write(page)
        case .email:
            text = try email.write(subject: "\(page.title) — portfolio: \(page.health.label)",
                                   plain: { PortfolioTextWriter.write(page) }, html: { PortfolioHTMLWriter.write(page) })
        }
        try outputOptions.emit(text)
        if compilation.hasErrors { throw ExitCode(1) }
    }
}

/// A plan compiled in its portfolio (`--portfolio FILE`): the whole portfolio is compiled, and the
/// plan's own compilation is the one the command works on.
enum PortfolioInput {
    static func member(_ path: String, of portfolio: String, input: InputOptions, status: StatusOptions, resources: ResourceOptionGroup) throws -> Compilation {
        let compilation = PortfolioCompiler.compile(path: portfolio, limits: input.limits, asOf: status.statusDate,
                                                    metricsFiles: status.metrics, resources: resources.options)
        guard compilation.portfolio != nil else {
            Console.error(DiagnosticTextWriter(color: false).write(compilation.diagnostics))
            Console.error("planc: error: --portfolio \(Escape.terminal(portfolio)) cannot be read\n")
            throw ExitCode(2)
        }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let member = compilation.members.first(where: { URL(fileURLWithPath: $0.path).resolvingSymlinksInPath().path == real }) else {
            Console.error("planc: error: \(Escape.terminal(path)) is not one of the plans of portfolio \(Escape.terminal(portfolio))\n")
            throw ExitCode(2)
        }
        return member
    }

    /// `planc check` over portfolios: each portfolio compiled with its plans, and the plans it
    /// holds taken out of `plans` so that each is compiled (and each diagnostic printed) once.
    static func check(portfolios: [String], plans: inout [String], input: InputOptions, resources: ResourceOptionGroup,
                      folder: (String) -> String?) -> [PortfolioCompilation] {
        var result: [PortfolioCompilation] = []
        var covered = Set<String>()
        for portfolio in portfolios {
            let compilation = PortfolioCompiler.compile(path: portfolio, limits: input.limits, within: folder(portfolio), resources: resources.options)
            for member in compilation.members { covered.insert(URL(fileURLWithPath: member.path).resolvingSymlinksInPath().path) }
            result.append(compilation)
        }
        plans.removeAll { covered.contains(URL(fileURLWithPath: $0).resolvingSymlinksInPath().path) }
        return result
    }
}
