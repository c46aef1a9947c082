import Foundation
import PlanKit
@testable import PlanRender
import Testing

private let day = MailDate(day: Day(iso: "2027-03-07")!)

/// Decodes quoted-printable, to check the body round-trips.
private func decodeQuotedPrintable(_ text: String) -> String {
    var bytes: [UInt8] = []
    let source = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
    var index = 0
    while index < source.count {
        if source[index] == UInt8(ascii: "="), index + 2 < source.count,
           let byte = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16) {
            bytes.append(byte)
            index += 3
        } else {
            bytes.append(source[index])
            index += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

@Suite struct EmailWriterTests {
    @Test func plainTextCannotInjectHeaders() throws {
        let writer = try EmailWriter(from: "pmo@exchange.example", to: ["leads@exchange.example"],
                                     subject: "Perp V2\r\nBcc: attacker@evil.example\n\u{1B}[31m", date: day)
        let message = writer.write(plain: "body", html: "<p>body</p>")
        let headers = message.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
        #expect(headers.contains("Subject: Perp V2 Bcc: attacker@evil.example [31m"))
    }

    @Test func addressesAreChecked() {
        #expect(throws: EmailWriter.Problem.self) {
            try EmailWriter(from: "pmo@exchange.example", to: ["leads@exchange.example\r\nBcc: x@evil.example"], subject: "s", date: day)
        }
        #expect(throws: EmailWriter.Problem.self) { try EmailWriter(from: "not an address", to: ["a@b.example"], subject: "s", date: day) }
        #expect(throws: EmailWriter.Problem.self) { try EmailWriter(from: "a@b.example", to: [], subject: "s", date: day) }
        #expect(EmailWriter.isAddress("Program Office <pmo@exchange.example>"))
        #expect(!EmailWriter.isAddress("\"Evil, Inc\" <pmo@exchange.example>"))
    }

    /// The subject as a reader sees it: unfolded, encoded words decoded, the whitespace between
    /// two adjacent encoded words dropped (RFC 2047 6.2).
    static func decodeSubject(_ header: String) throws -> String {
        let value = try #require(header.replacingOccurrences(of: "\r\n", with: "").components(separatedBy: "Subject: ").last)
        var out = "", pending: [UInt8] = [], lastWasEncoded = false
        for word in value.split(separator: " ") {
            if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") {
                pending += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
                if !lastWasEncoded, !out.isEmpty { out += " " }
                lastWasEncoded = true
            } else {
                out += String(decoding: pending, as: UTF8.self)
                pending = []
                out += (out.isEmpty ? "" : " ") + word
                lastWasEncoded = false
            }
        }
        return out + String(decoding: pending, as: UTF8.self)
    }

    @Test(arguments: [
        "Perpetual Futures V2 launch — status 2027-03-07: RED",
        "永续合约 V2 上线状态报告 — 🟢 GREEN — " + String(repeating: "é", count: 40),
        "A very long plan title that goes on and on about the launch of the perpetual futures product — status 2027-03-07: AMBER",
        String(repeating: "x", count: 120) + " — status",
        "Status",
        "Launch status for the leadership team of the exchange ::add-mask::x ::error::y ::stop-commands::z",
    ])
    func subjectIsFoldedUnder78OctetsAndDecodesToItself(subject: String) throws {
        let header = EmailWriter.subjectHeader(subject)
        let lines = header.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("Subject: "))
        for line in lines { #expect(line.utf8.count <= 78, "\(line)") }
        for line in lines.dropFirst() { #expect(line.hasPrefix(" ") && line.count > 1, "\(line)") }
        // No folded line reads as a CI workflow command once its leading space is stripped.
        for line in lines { #expect(!line.drop { $0 == " " }.hasPrefix("::"), "\(line)") }
        #expect(try Self.decodeSubject(header) == subject)
    }

    @Test func aDisplayNameInAnyScriptIsWrittenAsEncodedWords() throws {
        let writer = try EmailWriter(from: "永续合约 PMO <pmo@exchange.example>", to: ["Ünï Lead <lead@exchange.example>"],
                                     subject: "s", date: MailDate(day: Day(iso: "2027-03-07")!))
        let message = writer.write(plain: "p", html: "h")
        let name = "=?UTF-8?B?" + EmailWriter.base64(Array("永续合约 PMO".utf8)) + "?="
        #expect(message.hasPrefix("From: \(name) <pmo@exchange.example>\r\n"))
        #expect(message.contains("\r\nTo: =?UTF-8?B?" + EmailWriter.base64(Array("Ünï Lead".utf8)) + "?= <lead@exchange.example>\r\n"))
        // Still refused: bidi controls and specials in a name.
        #expect(throws: EmailWriter.Problem.self) { try EmailWriter(from: "Ad\u{202E}min <a@b.example>", to: ["c@d.example"], subject: "s", date: MailDate(day: Day(iso: "2027-03-07")!)) }
        #expect(throws: EmailWriter.Problem.self) { try EmailWriter(from: "A, B <a@b.example>", to: ["c@d.example"], subject: "s", date: MailDate(day: Day(iso: "2027-03-07")!)) }
    }

    @Test func asciiWordsStayReadableInTheSubject() {
        #expect(EmailWriter.subjectHeader("Perpetual Futures V2 launch — status 2027-03-07: RED")
            == "Subject: Perpetual Futures V2 launch =?UTF-8?B?4oCU?= status 2027-03-07: RED")
    }

    @Test func mailDatesAreRFC5322() throws {
        #expect(MailDate(day: Day(iso: "2027-03-07")!).rfc5322 == "Sun, 07 Mar 2027 08:00:00 +0000")
        #expect(MailDate(iso: "2027-03-07T09:05:03+01:00")?.rfc5322 == "Sun, 07 Mar 2027 09:05:03 +0100")
        #expect(MailDate(iso: "2026-12-01T16:30Z")?.rfc5322 == "Tue, 01 Dec 2026 16:30:00 +0000")
        #expect(MailDate(iso: "2027-03-07T09:00:00-05:30")?.rfc5322 == "Sun, 07 Mar 2027 09:00:00 -0530")
        #expect(MailDate(iso: "2027-03-07")?.rfc5322 == "Sun, 07 Mar 2027 00:00:00 +0000")
        for bad in ["2027-03-07T25:00Z", "2027-03-07T09:00", "2027-03-07T9:00Z", "2027-13-01T09:00Z", "yesterday", "2027-03-07T09:00+1"] {
            #expect(MailDate(iso: bad) == nil, "\(bad)")
        }
        // 2027-03-07 08:00:00 UTC is 1804406400 seconds after the epoch.
        #expect(MailDate(secondsSince1970: 1_804_406_400) == MailDate(day: Day(iso: "2027-03-07")!))
        #expect(MailDate(secondsSince1970: -1).rfc5322 == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test func messageIsCRLFWithShortLinesAndRoundTrips() throws {
        let longLine = String(repeating: "| a wide table cell ", count: 200) + "=é\t "
        let plain = "# Report\n\n" + longLine + "\nlast line"
        let writer = try EmailWriter(from: "pmo@exchange.example", to: ["a@b.example", "c@d.example"], subject: "Status", date: day)
        let message = writer.write(plain: plain, html: "<p>é</p>")
        #expect(!message.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!message.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        #expect(message.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(message.contains("To: a@b.example, c@d.example\r\n"))
        #expect(message.contains("Date: Sun, 07 Mar 2027 08:00:00 +0000\r\n"))
        let boundaryLine = try #require(message.components(separatedBy: "\r\n").first { $0.hasPrefix("Content-Type: multipart/alternative") })
        let boundary = String(boundaryLine.split(separator: "\"")[1])
        let parts = message.components(separatedBy: "--" + boundary)
        #expect(parts.count == 4)  // preamble, plain, html, closing
        let plainPart = parts[1].components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        // "\r\n" is a single Character in Swift: dropLast() removes the line break before the boundary.
        #expect(plainPart.hasSuffix("\r\n"))
        #expect(decodeQuotedPrintable(String(plainPart.dropLast())).replacingOccurrences(of: "\r\n", with: "\n") == plain)
        #expect(message == writer.write(plain: plain, html: "<p>é</p>"))
    }

    @Test func boundaryNeverOccursInTheBodies() {
        let boundary = EmailWriter.boundary(for: ["a", "b"])
        #expect(boundary.hasPrefix("=_planc_"))
        let clash = EmailWriter.boundary(for: [boundary, "b"])
        #expect(clash != boundary)
    }
}
