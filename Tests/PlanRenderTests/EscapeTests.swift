@testable import PlanRender
import Testing

/// Exact outputs of the escaping layer, one format at a time.
@Suite struct EscapeTests {
    @Test func crlfIsOneLineBreakEverywhere() {
        #expect(Escape.terminal("a\r\nb") == "a b")
        #expect(Escape.markdownCell("a\r\nb|c") == "a b\\|c")
        #expect(Escape.mermaid("a\r\nsection b") == "a section b")
        #expect(Escape.markup("a\r\nb", newline: "&#10;") == "a&#10;b")
        #expect(Escape.csv("a\r\nb") == "\"a\nb\"")
        #expect(Escape.icalendarText("a\r\nb") == "a\\nb")
        #expect(Escape.mailHeader("a\r\nb") == "a b")
        #expect(Escape.workflowData("a\r\nb") == "a%0D%0Ab")
    }

    @Test func otherLineBreaksCountToo() {
        for lineBreak in ["\r", "\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}"] {
            #expect(Escape.terminal("a" + lineBreak + "b") == "a b")
            #expect(Escape.icalendarText("a" + lineBreak + "b") == "a\\nb")
            #expect(Escape.markup("a" + lineBreak + "b") == "a\nb")
        }
    }

    @Test func terminalReplacesControlsAndBidiAndDefusesCommands() {
        #expect(Escape.terminal("\u{1B}[31mred\u{7}\u{0}") == "\u{FFFD}[31mred\u{FFFD}\u{FFFD}")
        #expect(Escape.terminal("\u{202E}exe.txt") == "\u{FFFD}exe.txt")
        // An invisible byte-order mark inside text is shown, not hidden.
        #expect(Escape.terminal("ad\u{FEFF}min") == "ad\u{FFFD}min")
        #expect(Escape.markdownCell("ad\u{FEFF}min") == "ad\u{FFFD}min")
        #expect(Escape.terminal("::error::x") == "\u{2060}::error::x")
        #expect(Escape.terminal("  ::add-mask::x") == "  \u{2060}::add-mask::x")
        #expect(Escape.terminal("a::b") == "a::b")
        #expect(Escape.terminal("a\tb", keepTabs: true) == "a\tb")
        #expect(Escape.terminal("plain text") == "plain text")
    }

    @Test func markdownMakesMentionsAndLinksInert() {
        #expect(Escape.markdown("ping @user and @org/team") == "ping @\u{2060}user and @\u{2060}org/team")
        #expect(Escape.markdown("see http://x.example or www.x.example") == "see http:\u{2060}//x.example or www\u{2060}.x.example")
        #expect(Escape.markdown("<script>") == "\\<script\\>")
        #expect(Escape.markdown("a | b & c") == "a | b &amp; c")
        #expect(Escape.markdownCell("a | b") == "a \\| b")
        #expect(Escape.markdown("*_`[x]#\\") == "\\*\\_\\`\\[x\\]\\#\\\\")
        #expect(Escape.markdown("Release 1.0 owner") == "Release 1.0 owner")
    }

    @Test func mermaidLabelsCannotStartAStatement() {
        #expect(Escape.mermaid("section Evil") == "\u{2060}section Evil")
        #expect(Escape.mermaid("Click here") == "\u{2060}Click here")
        #expect(Escape.mermaid("Sections review") == "Sections review")
        #expect(Escape.mermaid("a: b; #1 {x}") == "a - b, no.1 (x)")
        #expect(Escape.mermaid("\u{1B}\u{7}") == "untitled")
        #expect(Escape.mermaid("@user") == "@\u{2060}user")
    }

    @Test func markupIsTheOneHTMLAndXMLEscaper() {
        #expect(Escape.markup("<a href=\"x\">'&'</a>\u{1}") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{FFFD}")
        #expect(Escape.markup("]]>") == "]]&gt;")
        #expect(Escape.markup("x\n::error::y") == "x\n\u{2060}::error::y")
        #expect(GateJUnitWriter.escape("a\nb") == "a&#10;b")
        #expect(HTMLText.escape("a\nb") == "a\nb")
    }

    @Test func csvQuotesAndStopsFormulas() {
        #expect(Escape.csv("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(Escape.csv("say \"hi\", then") == "\"say \"\"hi\"\", then\"")
        #expect(Escape.csv("x\n::error::y") == "\"x\n\u{2060}::error::y\"")
        #expect(Escape.csv("a\u{0}b") == "a\u{FFFD}b")
    }

    @Test func icalendarFoldsAt75OctetsWithoutOpeningACommand() {
        let line = "SUMMARY:" + String(repeating: "x", count: 67) + "::error::y"
        let folded = Escape.icalendarFold(line)
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { !$0.dropFirst().hasPrefix("::") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line + "\r\n")
        // A colon run longer than a line is broken with a look-alike rather than open a line.
        let colons = Escape.icalendarFold("X:" + String(repeating: ":", count: 200))
        #expect(colons.components(separatedBy: "\r\n").allSatisfy { !$0.drop { $0 == " " }.hasPrefix("::") })
    }

    @Test func mailHeadersCarryNoLineBreakAndEncodeCommands() {
        #expect(Escape.mailHeader("Status: GREEN") == "Status: GREEN")
        #expect(Escape.mailHeader("x\r\nBcc: victim@example.com") == "x Bcc: victim@example.com")
        #expect(Escape.mailHeader("x ::error::y") == "=?UTF-8?B?eCA6OmVycm9yOjp5?=")
        #expect(Escape.mailHeader("\u{202E}abc") == "abc")
    }

    @Test func workflowCommandsEncodeSeparators() {
        #expect(Escape.workflowProperty("a:b,c%") == "a%3Ab%2Cc%25")
        #expect(Escape.workflowData("a\u{2028}b\u{1B}") == "a%0Ab\u{FFFD}")
    }
}
