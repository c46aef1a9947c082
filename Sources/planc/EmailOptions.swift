import ArgumentParser
import Foundation
import PlanRender

/// `--to`, `--from`, `--subject` and `--date`: the headers of `--format email` (`planc report`,
/// `planc portfolio`).
struct EmailOptions: ParsableArguments {
    @Option(parsing: .upToNextOption, help: ArgumentHelp("With --format email: recipients.", valueName: "ADDR"))
    var to: [String] = []

    @Option(help: ArgumentHelp("With --format email: the sender, e.g. \"PMO <pmo@example.com>\".", valueName: "ADDR"))
    var from: String?

    @Option(help: ArgumentHelp("With --format email: the subject (default: the title, status date and health).", valueName: "TEXT"))
    var subject: String?

    @Option(help: ArgumentHelp("With --format email: the Date header, e.g. 2027-03-07T08:00:00Z (default: the time of writing).", valueName: "TIME"))
    var date: String?

    /// The headers are required with `--format email` and refused without it.
    func validate(isEmail: Bool) throws {
        if isEmail {
            guard from != nil, !to.isEmpty else { throw ValidationError("--format email needs --from ADDR and --to ADDR...") }
        } else if from != nil || !to.isEmpty || subject != nil || date != nil {
            throw ValidationError("--from, --to, --subject and --date go with --format email")
        }
        if let date, MailDate(iso: date) == nil {
            throw ValidationError("--date takes a time like 2027-03-07T08:00:00Z or 2027-03-07T09:00:00+01:00, not '\(date)'")
        }
    }

    /// The message: `plain` and `html` as its two parts, under `subject` unless `--subject` is given.
    func write(subject defaultSubject: String, plain: () -> String, html: () -> String) throws -> String {
        do {
            let written = date.flatMap(MailDate.init(iso:)) ?? MailDate(secondsSince1970: Int(Date().timeIntervalSince1970))
            let writer = try EmailWriter(from: from ?? "", to: to, subject: subject ?? defaultSubject, date: written)
            return writer.write(plain: plain(), html: html())
        } catch let problem as EmailWriter.Problem {
            Console.error("planc: error: \(problem)\n")
            throw ExitCode(2)
        }
    }
}
