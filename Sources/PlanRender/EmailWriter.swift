import PlanKit

/// An RFC 5322 message with a multipart/alternative body: text/plain (the plain-text report) then
/// text/html. CRLF line endings, quoted-printable bodies (no line over 76 octets), a subject folded
/// under 78 octets with RFC 2047 encoded words where needed, and a boundary that does not occur in either body. No header value can carry
/// CR, LF or other control characters, so plan text can never add a header. The Date header is
/// the time given (the time of writing, or `--date`), so a pinned date gives the same message.
public struct EmailWriter: Sendable {
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    public var from: String
    public var to: [String]
    public var subject: String
    public var date: MailDate

    /// Addresses are checked; the subject is cleaned of control characters.
    public init(from: String, to: [String], subject: String, date: MailDate) throws {
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
            "From: \(EmailWriter.headerAddress(from))",
            "To: \(to.map(EmailWriter.headerAddress).joined(separator: ", "))",
            "Date: \(date.rfc5322)",
            "Message-ID: <planc.\(date.day.iso).\(String(EmailWriter.fnv1a(date.rfc5322 + plain + html), radix: 16))@planc.invalid>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "X-Mailer: planc",
        ].map(EmailWriter.foldHeader)
        headers.insert(EmailWriter.subjectHeader(subject), at: 2)
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
            // Any letters (a name in Chinese is written as RFC 2047 encoded words), but no
            // specials, bidi controls or invisible marks.
            guard !name.contains(where: { "\"<>,;:\\@".contains($0) }),
                  !name.unicodeScalars.contains(where: { Escape.isBidiControl($0) || (0x80...0x9F).contains($0.value) }) else { return false }
            address = text[text.index(after: open)..<text.index(before: text.endIndex)]
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        let allowedLocal = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        let allowedDomain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        return parts[0].allSatisfy { allowedLocal.contains($0) } && parts[1].allSatisfy { allowedDomain.contains($0) }
    }

    /// An address as it goes into From or To: a display name that is not plain ASCII becomes RFC
    /// 2047 encoded words (`=?UTF-8?B?…?= <pmo@example.com>`).
    static func headerAddress(_ address: String) -> String {
        guard address.hasSuffix(">"), let open = address.lastIndex(of: "<") else { return address }
        let name = address[..<open].trimmingCharacters(" ")
        guard !name.isEmpty, !name.allSatisfy(\.isASCII) else { return address }
        return Escape.mailHeader(String(name)).replacingOccurrences(of: "\r\n ", with: " ") + " " + address[open...]
    }

    /// Control characters (CR and LF among them) become spaces; runs of spaces collapse.
    public static func clean(_ text: String) -> String {
        Escape.mailHeaderText(text)
    }

    /// `Subject: …` folded so that no line is longer than 78 octets (RFC 5322 2.1.1): printable
    /// ASCII words stay as they are, runs of other words become RFC 2047 encoded words (whole
    /// characters, at most 75 octets each) sized to the room left on their line.
    public static func subjectHeader(_ subject: String) -> String {
        let limit = 78
        var lines: [String] = [], line = "Subject:"
        // A word that could open a continuation line with `::` (a CI log reads it as a workflow
        // command, leading spaces stripped) is encoded too.
        func isPlain(_ word: Substring) -> Bool {
            word.utf8.count <= 70 && !word.hasPrefix("=?") && !word.hasPrefix(":")
                && word.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
        }
        func place(_ word: Substring) {
            if line.utf8.count + 1 + word.utf8.count > limit, !line.isEmpty, line != "Subject:" {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        func encode(_ text: String) {
            var chunk: [UInt8] = []
            var room = min(75, limit - line.utf8.count - 1)
            for character in text {
                let bytes = Array(String(character).utf8)
                // 12 octets of `=?UTF-8?B?` and `?=`; base64 of n bytes is 4*ceil(n/3) octets.
                if 12 + 4 * ((chunk.count + bytes.count + 2) / 3) > room {
                    if !chunk.isEmpty { line += " =?UTF-8?B?" + base64(chunk) + "?=" }
                    chunk = []
                    lines.append(line)
                    line = ""
                    room = 75
                }
                chunk += bytes
            }
            if !chunk.isEmpty { line += " =?UTF-8?B?" + base64(chunk) + "?=" }
        }
        // Whitespace between two encoded words is dropped when decoding, so a run of words that
        // need encoding is encoded as one text, spaces included.
        var run: [Substring] = []
        for word in subject.split(separator: " ") {
            if isPlain(word) {
                if !run.isEmpty { encode(run.joined(separator: " ")); run = [] }
                place(word)
            } else {
                run.append(word)
            }
        }
        if !run.isEmpty { encode(run.joined(separator: " ")) }
        lines.append(line)
        return lines.joined(separator: "\r\n")
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

/// The moment a message is dated: a day, a time of day and a UTC offset, written as an RFC 5322
/// date (`Sun, 07 Mar 2027 08:00:00 +0000`).
public struct MailDate: Sendable, Equatable {
    public var day: Day
    public var secondsOfDay: Int
    /// Minutes east of UTC.
    public var offsetMinutes: Int

    public init(day: Day, secondsOfDay: Int = 8 * 3600, offsetMinutes: Int = 0) {
        self.day = day
        self.secondsOfDay = secondsOfDay
        self.offsetMinutes = offsetMinutes
    }

    /// A moment given as seconds since 1970-01-01 00:00 UTC, in UTC.
    public init(secondsSince1970 seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        self.init(day: Day(iso: "1970-01-01")!.adding(days: days), secondsOfDay: seconds - days * 86_400, offsetMinutes: 0)
    }

    /// `2027-03-07T08:00:00Z`, `2027-03-07T09:00:00+01:00` (seconds optional), or a bare date
    /// (midnight UTC).
    public init?(iso text: String) {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let first = parts.first, let day = Day(iso: String(first)) else { return nil }
        guard parts.count == 2 else {
            self.init(day: day, secondsOfDay: 0)
            return
        }
        var time = Substring(parts[1]), offset = 0
        if time.hasSuffix("Z") {
            time = time.dropLast()
        } else if let sign = time.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = time[time.index(after: sign)...].split(separator: ":")
            guard zone.count == 2, zone.allSatisfy({ $0.count == 2 }), let hours = Int(zone[0]), let minutes = Int(zone[1]),
                  hours < 24, minutes < 60 else { return nil }
            offset = (hours * 60 + minutes) * (time[sign] == "-" ? -1 : 1)
            time = time[..<sign]
        } else {
            return nil
        }
        let fields = time.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hours = Int(fields[0]), let minutes = Int(fields[1]), hours < 24, minutes < 60 else { return nil }
        let seconds = fields.count == 3 ? Int(fields[2]) : 0
        guard let seconds, seconds < 60 else { return nil }
        self.init(day: day, secondsOfDay: hours * 3600 + minutes * 60 + seconds, offsetMinutes: offset)
    }

    public var rfc5322: String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (year, month, date) = day.components
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone = abs(offsetMinutes)
        return "\(names[day.weekday.rawValue]), \(two(date)) \(months[month - 1]) \(year) "
            + "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) "
            + "\(offsetMinutes < 0 ? "-" : "+")\(two(zone / 60))\(two(zone % 60))"
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
