import Foundation
import PlanKit
@testable import PlanRender
import Testing

private let day = Day(iso: "2027-03-07")!

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

    @Test func nonASCIISubjectIsEncodedInWholeCharacters() throws {
        let subject = "永续合约 V2 上线状态报告 — 🟢 GREEN — " + String(repeating: "é", count: 40)
        let writer = try EmailWriter(from: "pmo@exchange.example", to: ["a@b.example"], subject: subject, date: day)
        let encoded = EmailWriter.encodeHeader(writer.subject)
        var decoded = ""
        for word in encoded.components(separatedBy: "\r\n ") {
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") && word.count <= 75)
            let payload = String(word.dropFirst(10).dropLast(2))
            decoded += String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
        }
        #expect(decoded == subject)
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
