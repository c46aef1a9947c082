import Foundation
import Testing
@testable import PlanKit

/// `MSPDIScanner` against XMLParser: what the scanner accepts it must read exactly as XMLParser
/// does (the same values, lines and columns), and whatever XMLParser refuses it must refuse too,
/// so that MSPDIReader's diagnostics come from XMLParser alone.
@Suite struct MSPDIScannerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func scan(_ text: String) -> MSPDIProject? { scan(Array(text.utf8)) }

    static func scan(_ bytes: [UInt8]) -> MSPDIProject? {
        bytes.withUnsafeBufferPointer { MSPDIScanner.scan($0) }
    }

    static func parse(_ bytes: [UInt8]) -> MSPDIProject? {
        try? MSPDIReader.readWithXMLParser(Data(bytes)).get()
    }

    /// One file in the shapes MSPDI writers use, and the odd corners XML allows.
    static let sample = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment before the root -->
        <Project xmlns="http://schemas.microsoft.com/project">
            <Name>Launch &amp; learn.xml</Name>
            <Title>  Réunion — “phase” 1 &#x1F680; &#233;  </Title>
            <StartDate>2027-01-04T08:00:00</StartDate>
            <MinutesPerDay> 480 </MinutesPerDay>
            <ExtendedAttributes>
                <ExtendedAttribute><FieldID>205520904</FieldID><FieldName>Text1</FieldName><Alias>Lead</Alias></ExtendedAttribute>
            </ExtendedAttributes>
            <Calendars>
                <Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>true</IsBaseCalendar>
                    <WeekDays><WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay><WeekDay><DayType>0</DayType><TimePeriod><FromDate>2027-02-01T00:00:00</FromDate><ToDate>2027-02-01T23:59:00</ToDate></TimePeriod></WeekDay></WeekDays>
                    <Exceptions><Exception><TimePeriod><FromDate>2027-01-06T00:00:00</FromDate><ToDate>2027-01-06T23:59:00</ToDate></TimePeriod><Name>Épiphanie</Name><Type>1</Type></Exception></Exceptions>
                    <WorkWeeks/>
                </Calendar>
            </Calendars>
            <Tasks>
                <Task><UID>1</UID><Name>Désign <!-- inside -->review</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration>
                    <Notes><![CDATA[first <line>
          second]]> &lt;tail&gt;  </Notes>
                    <PredecessorLink><PredecessorUID>+2</PredecessorUID><Type>3</Type><LinkLag>-4800</LinkLag></PredecessorLink>
                </Task><Task ><UID>2</UID><Name>Build</Name><Summary>1</Summary><Milestone>true</Milestone><Active>0</Active><Unknown a="1" b='&quot;2&quot;'><UID>99</UID></Unknown></Task>
                <Task><UID>00003</UID><Name/><Priority>99999999999999999999</Priority><PercentComplete>x</PercentComplete></Task>
            </Tasks>
            <Resources><Resource><UID>1</UID><Name>QA</Name><MaxUnits>2</MaxUnits><Notes>Quality
        assurance</Notes>
                <ExtendedAttribute><FieldID>205520904</FieldID><Value>Ann Lee</Value></ExtendedAttribute>
                <AvailabilityPeriods><AvailabilityPeriod><AvailableFrom>2027-01-11T00:00:00</AvailableFrom><AvailableUnits>1</AvailableUnits></AvailabilityPeriod></AvailabilityPeriods>
            </Resource></Resources>
            <Assignments><Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>0.5</Units></Assignment></Assignments>
        </Project>
        <!-- and after it -->

        """

    /// Variants of the sample that must read the same through both readers.
    static var variants: [(String, [UInt8])] {
        let bytes = Array(sample.utf8)
        var crlf: [UInt8] = []
        for byte in bytes { if byte == 0x0A { crlf.append(0x0D) }; crlf.append(byte) }
        // One line: columns count characters, not bytes, after the accents on it.
        let oneLine = Array(sample.replacingOccurrences(of: "\n    ", with: " ").replacingOccurrences(of: ">\n<", with: "><").utf8)
        return [
            ("sample", bytes),
            ("crlf", crlf),
            ("bom", [0xEF, 0xBB, 0xBF] + bytes),
            ("one line", oneLine),
            ("no declaration", Array(sample.split(separator: "\n", maxSplits: 1)[1].utf8)),
            ("tabs", Array(sample.replacingOccurrences(of: "    ", with: "\t").utf8)),
            ("single quotes", Array(sample.replacingOccurrences(of: "\"", with: "'").utf8)),
        ]
    }

    @Test func theScannerReadsWhatXMLParserReads() throws {
        for (label, bytes) in Self.variants {
            let scanned = try #require(Self.scan(bytes), "\(label): the scanner refused it")
            let parsed = try #require(Self.parse(bytes), "\(label): XMLParser refused it")
            #expect(scanned == parsed, "\(label)")
        }
        let project = try #require(Self.scan(Self.sample))
        #expect(project.title == "Réunion — “phase” 1 🚀 é")
        #expect(project.tasks.map(\.name) == ["Désign review", "Build", ""])
        #expect(project.tasks[0].notes == "first <line>\n  second <tail>  ")
        #expect(project.tasks[0].links == [MSPDIProject.Link(line: 22, column: 13, predecessorUID: 2, type: 3, lag: -4800)])
        #expect(project.tasks.map(\.line) == [19, 23, 24])
        #expect(project.tasks.map(\.column) == [9, 17, 9])
        #expect(project.tasks.map(\.uid) == [1, 2, 3])
        #expect(project.resources.first?.customFields == ["205520904": "Ann Lee"])
        #expect(project.customFields == [MSPDIProject.CustomField(fieldID: "205520904", fieldName: "Text1", alias: "Lead")])
    }

    @Test func theFilesOfTheRepositoryAndMSProjectReadTheSame() throws {
        var files = [Self.repository.appendingPathComponent("Tests/Golden/import-features.xml"),
                     Self.repository.appendingPathComponent("Tests/Golden/schedule.xml"),
                     Self.repository.appendingPathComponent("Tests/Golden/schedule-milestones.xml")]
        // Written by MS Project and MPXJ, kept outside the repository; read where present.
        let shared = Self.repository.deletingLastPathComponent().appendingPathComponent("shared/msproject")
        for name in ["mp_j30_a2_nr1.xml", "mp_j30_a5_nr1.xml"] where FileManager.default.fileExists(atPath: shared.appendingPathComponent(name).path) {
            files.append(shared.appendingPathComponent(name))
        }
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            let scanned = try #require(Self.scan(bytes), "\(file.lastPathComponent): the scanner refused it")
            #expect(scanned == Self.parse(bytes), "\(file.lastPathComponent)")
            #expect(!scanned.tasks.isEmpty)
        }
    }

    /// XML that XMLParser refuses, or reads with a warning: the scanner leaves each to it.
    @Test(arguments: [
        "<Project><Name>a</Nam></Project>",
        "<Project><Name>a &nbsp; b</Name></Project>",
        "<Project><Name>a & b</Name></Project>",
        "<Project><Name>a ]]> b</Name></Project>",
        "<Project><Name>a\u{01}b</Name></Project>",
        "<Project><Name>&#0;</Name></Project>",
        "<Project><Name>&#xD800;</Name></Project>",
        "<Project><!-- a -- b --></Project>",
        "<Project><Name a=\"1\" a=\"2\">x</Name></Project>",
        "<Project><Name a=\"1\"b=\"2\">x</Name></Project>",
        "<Project><Name a=\"<\">x</Name></Project>",
        "<Project><p:Name>x</p:Name></Project>",
        "<Project xmlns=\"relative\"><Name>x</Name></Project>",
        "<Project><?pi x?></Project>",
        "<?xml version=\"1.1\"?><Project/>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Project/>",
        "<!DOCTYPE Project><Project/>",
        "<Project/><Project/>",
        "<Project/>text",
        "<Tasks/>",
        "<Project><Name>a\rb</Name></Project>",
        "<Project>",
        "",
    ])
    func whatXMLParserRefusesTheScannerRefuses(text: String) {
        #expect(Self.scan(text) == nil)
    }

    @Test func invalidUTF8IsRefused() {
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xEF, 0xBF, 0xBE]] {
            #expect(Self.scan(Array("<Project><Name>".utf8) + bad + Array("</Name></Project>".utf8)) == nil)
        }
    }

    /// Every one-byte change of a small file (a byte dropped, or one of XML's delimiters put in):
    /// when the scanner accepts the result, XMLParser must accept it too and read the same.
    @Test func mutationsAreReadAlikeOrLeftToXMLParser() {
        let base = Array("""
            <?xml version="1.0"?>
            <Project xmlns="http://schemas.microsoft.com/project"><Name>A &amp; B</Name>
            <Tasks><Task><UID>1</UID><Name>Tâche <!-- c --> 1</Name><Notes><![CDATA[x]]></Notes>
            <PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink></Task></Tasks></Project>

            """.utf8)
        let inserts: [[UInt8]] = ["<", ">", "&", "/", "-", "]", "\r", "\u{0}", "é", "'", "\"", "=", " ", "!", "?", ":"].map { Array($0.utf8) }
        var accepted = 0, refused = 0
        for position in 0..<base.count {
            var variants: [[UInt8]] = []
            var dropped = base
            dropped.remove(at: position)
            variants.append(dropped)
            for insert in inserts {
                var inserted = base
                inserted.insert(contentsOf: insert, at: position)
                variants.append(inserted)
            }
            for variant in variants {
                guard let scanned = Self.scan(variant) else { refused += 1; continue }
                accepted += 1
                let parsed = Self.parse(variant)
                #expect(parsed == scanned, "\(String(decoding: variant, as: UTF8.self))")
            }
        }
        // Both kinds occur: the comparison is not vacuous.
        #expect(accepted > 300 && refused > 300, "\(accepted) accepted, \(refused) refused")
    }
}
