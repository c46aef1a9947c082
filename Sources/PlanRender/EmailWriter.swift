import PlanKit

/// An RFC 5322 message with a multipart/alternative body: text/plain (the Markdown report) then
/// text/html. CRLF line endings, quoted-printable bodies (no line over 76 octets), an RFC 2047
/// encoded subject, and a boundary that does not occur in either body. No header value can carry
/// CR, LF or other control characters, so plan text can never add a header. The Date header comes
/// from the status date, not the clock, so the same plan gives the same message.
public struct EmailWriter: Sendable {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public var from: String
    public var to: [String]
    public var subject: String
    public var date: Day

    /// Addresses are checked; the subject is cleaned of control characters.
    public init(from: String, to: [String], subject: String, date: Day) throws {
        guard !to.isEmpty else { throw Problem(description: "--to needs at least one address") }
        for address in [from] + to {
            guard EmailWriter.isAddress(address) else {
                throw Problem(description: "'\(EmailWriter.clean(address))' is not an email address (write name@example.com)")
            }
        }
        self.from = from
        self.to = to
        self.subject = EmailWriter.clean(subject)
        self.date = date
    }

    public func write(plain: String, html: String) -> String {
        let plainBody = EmailWriter.quotedPrintable(plain), htmlBody = EmailWriter.quotedPrintable(html)
        let boundary = EmailWriter.boundary(for: [plainBody, htmlBody])
        var headers = [
            "From: \(from)",
            "To: \(to.joined(separator: ", "))",
            "Subject: \(EmailWriter.encodeHeader(subject))",
            "Date: \(EmailWriter.rfc5322Date(date))",
            "Message-ID: <planc.\(date.iso).\(String(EmailWriter.fnv1a(plain + html), radix: 16))@planc.invalid>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "X-Mailer: planc",
        ]
        headers = headers.map(EmailWriter.foldHeader)
        var out = headers.joined(separator: "\r\n") + "\r\n\r\n"
        out += "This is a multipart message in MIME format.\r\n\r\n"
        out += "--\(boundary)\r\n"
        out += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        out += plainBody + "\r\n"
        out += "--\(boundary)\r\n"
        out += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        out += htmlBody + "\r\n"
        out += "--\(boundary)--\r\n"
        return out
    }

    /// A plain addr-spec (`name@example.com`) or `Display Name <name@example.com>` with a safe
    /// display name: no control characters, quotes, commas or angle brackets outside the address.
    public static func isAddress(_ text: String) -> Bool {
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        var address = Substring(text)
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            let name = text[..<open].trimmingCharacters(" ")
            guard !name.contains(where: { "\"<>,;:\\@".contains($0) }), name.allSatisfy({ $0.isASCII }) else { return false }
            address = text[text.index(after: open)..<text.index(before: text.endIndex)]
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        let allowedLocal = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        let allowedDomain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        return parts[0].allSatisfy { allowedLocal.contains($0) } && parts[1].allSatisfy { allowedDomain.contains($0) }
    }

    /// Control characters (CR and LF among them) become spaces; runs of spaces collapse.
    public static func clean(_ text: String) -> String {
        Escape.mailHeaderText(text)
    }

    /// RFC 2047: ASCII text stays as it is; anything else becomes `=?UTF-8?B?…?=` encoded words of
    /// at most 75 characters, each holding whole characters.
    public static func encodeHeader(_ text: String) -> String {
        Escape.mailHeader(text)
    }

    /// Folds a header at spaces so no line exceeds 78 characters where it can be avoided.
    static func foldHeader(_ header: String) -> String {
        guard header.utf8.count > 78, !header.contains("\r\n") else { return header }
        var lines: [String] = []
        var current = ""
        for word in header.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.utf8.count + 1 + word.utf8.count > 78 {
                lines.append(current)
                current = " " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// Quoted-printable (RFC 2045) with CRLF line breaks and soft breaks before 76 characters.
    public static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        let normalised = text.replacingAll("\r", with: "")
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            var out = ""
            var length = 0
            // A line of the body never opens (after blanks) with `::`: a workflow command in a CI log.
            var onlyBlanks = true
            let bytes = Array(line.utf8)
            for (position, byte) in bytes.enumerated() {
                let isLast = position == bytes.count - 1
                var token: String
                let opensCommand = byte == 0x3A && position + 1 < bytes.count && bytes[position + 1] == 0x3A
                if (byte == 0x20 || byte == 0x09) && isLast || (opensCommand && onlyBlanks) {
                    token = "=" + hex(byte)
                } else if (byte >= 33 && byte <= 126 && byte != 61) || byte == 0x20 || byte == 0x09 {
                    token = String(UnicodeScalar(byte))
                } else {
                    token = "=" + hex(byte)
                }
                if length + token.count > 75 {
                    out += "=\r\n"
                    length = 0
                    if opensCommand { token = "=3A" }
                    onlyBlanks = true
                }
                out += token
                length += token.count
                if byte != 0x20, byte != 0x09 { onlyBlanks = false }
            }
            lines.append(out)
        }
        return lines.joined(separator: "\r\n")
    }

    /// A boundary that occurs in none of the encoded bodies. Quoted-printable writes every `=` as
    /// `=3D`, so a boundary starting with `=_` cannot occur in them; checked anyway.
    static func boundary(for bodies: [String]) -> String {
        var seed = fnv1a(bodies.joined())
        while true {
            let candidate = "=_planc_" + String(seed, radix: 16)
            if !bodies.contains(where: { $0.contains(candidate) }) { return candidate }
            seed = seed &* 1_099_511_628_211 &+ 1
        }
    }

    static func rfc5322Date(_ day: Day) -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (year, month, date) = day.components
        return "\(names[day.weekday.rawValue]), \(date < 10 ? "0" : "")\(date) \(months[month - 1]) \(year) 08:00:00 +0000"
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var index = 0
        while index < bytes.count {
            let a = bytes[index], b = index + 1 < bytes.count ? bytes[index + 1] : 0, c = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(table[Int(a >> 2)])
            out.append(table[Int((a & 0x03) << 4 | b >> 4)])
            out.append(index + 1 < bytes.count ? table[Int((b & 0x0F) << 2 | c >> 6)] : "=")
            out.append(index + 2 < bytes.count ? table[Int(c & 0x3F)] : "=")
            index += 3
        }
        return out
    }
}

extension StringProtocol {
    func trimmingCharacters(_ character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
