@testable import PlanSyntax
import Testing

/// A large file is parsed as two parts at once where its shape allows (ParseSplit, YAMLLoader.loadSplit).
/// Whatever the text, the result must be exactly that of parsing it whole: the same nodes at the
/// same places, and the same diagnostics in the same order.
@Suite struct SplitParseTests {
    /// Parses whole (split: false) or split where the text allows (split: true), never threaded.
    static func load(_ bytes: [UInt8], split: Bool, limits: Limits = .default) -> (tree: String, diagnostics: [Diagnostic]) {
        let (root, diagnostics) = YAMLLoader.load(bytes, limits: limits, policy: .parsing(split: split))
        return (root?.outline ?? "nil", diagnostics)
    }

    /// Whether a split is proposed for the text and holds (nil: none is proposed).
    static func splitHolds(_ bytes: [UInt8]) -> Bool? {
        let sources = SourceManager()
        let sink = DiagnosticSink(sources: sources)
        let file = sources.add(path: "plan.yaml", bytes: bytes)
        let loader = YAMLLoader(file: file, limits: .default, sink: sink)
        return bytes.withUnsafeBufferPointer { buffer -> Bool? in
            guard let split = ParseSplit.find(in: buffer) else { return nil }
            return loader.loadSplit(buffer, split) != nil
        }
    }

    static func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let whole = load(bytes, split: false)
        let split = load(bytes, split: true)
        #expect(split.tree == whole.tree, sourceLocation: sourceLocation)
        #expect(split.diagnostics == whole.diagnostics, sourceLocation: sourceLocation)
    }

    static func items(_ count: Int, indent: String = "  ", _ item: (Int) -> String) -> String {
        (0..<count).map { indent + "- " + item($0) + "\n" }.joined()
    }

    static let header = "plan: p\nstart: 2027-01-04\ntasks:\n"
    static let footer = "gates:\n  - { id: g, after: [t1] }\nrisks: []\n"

    @Test func aPlanSplitsAtItsTaskListAndParsesAsWhole() {
        let text = Self.header + Self.items(40) { "{ id: t\($0), title: Task \($0), duration: \($0 % 5 + 1)d, after: [t\(max(0, $0 - 1))] }" } + Self.footer
        #expect(Self.splitHolds(Array(text.utf8)) == true)
        Self.expectSame(text)
        let split = Array(text.utf8).withUnsafeBufferPointer { ParseSplit.find(in: $0) }
        #expect(split?.column == 2)
        #expect(split?.startLine == 3 + 20)  // the item nearest after the middle of the list
        #expect(split?.endLine == 3 + 39)  // the last item, which the outer part parses
    }

    @Test func nestedBlockItemsWithEmptyValuesAtTheCuts() {
        // Empty values and empty items at the ends of both parts: libyaml places their null
        // scalars at the next token, which differs between the parts and the whole file.
        let text = Self.header + Self.items(30) { i in
            i % 3 == 0 ? "id: t\(i)\n    notes:\n" : i % 3 == 1 ? "id: t\(i)\n    tasks:\n      - id: c\(i)\n      -\n" : ""
        } + Self.footer
        #expect(Self.splitHolds(Array(text.utf8)) == true)
        Self.expectSame(text)
    }

    @Test func anExplicitKeyWithoutValueEndsTheMiddle() {
        // `? key` with no value: libyaml places the null value at the next token, which in the
        // middle part alone is the end of its text and in the file the `-` of the item after it.
        let text = Self.header + Self.items(30) { "id: t\($0)\n    ? k\($0)" } + Self.footer
        #expect(Self.splitHolds(Array(text.utf8)) == true)
        Self.expectSame(text)
        // The value of `? k28` (line 61), at the `-` of t29: where the middle part ends.
        #expect(Self.load(Array(text.utf8), split: true).tree.contains(#""k28"/plain/-@61:7+3: ""/plain/-@62:3+1"#))
    }

    @Test func anIndentlessListAtColumnZero() {
        let text = "plan: p\ntasks:\n" + Self.items(30, indent: "") { "id: t\($0)\n  title: \"T \($0)\"" } + "risks: []\n"
        #expect(Self.splitHolds(Array(text.utf8)) == true)
        Self.expectSame(text)
    }

    @Test func anchorsInTheMiddleServeAliasesAfterIt() {
        let text = Self.header + Self.items(30) { $0 == 12 ? "&mid { id: t\($0) }" : "{ id: t\($0) }" } + "again: *mid\n"
        #expect(Self.splitHolds(Array(text.utf8)) == true)
        Self.expectSame(text)
    }

    @Test func diagnosticsInEveryPartKeepTheirPlaceAndOrder() {
        var text = "a: 1\na: 2\n" + "tasks:\n"
        text += Self.items(30) { i in i == 20 ? "{ id: t\(i), id: again, x: !!str 1, y: !custom 2 }" : "{ id: t\(i) }" }
        text += "a: 3\nz: { <<: [1] }\n"
        #expect(Self.splitHolds(Array(text.utf8)) == true)
        Self.expectSame(text)
        #expect(Self.load(Array(text.utf8), split: true).diagnostics.map(\.code).count == 5)
    }

    /// Aliases in the middle part to anchors before it: copied over when `&name` occurs once
    /// before the middle, else the split is abandoned. Either way, the whole parse's result.
    @Test(arguments: [
        // Defined once before the list, used in every item (the common `<<: *defaults`).
        ("x-d: &d { owner: qa, duration: 2d }\ntasks:\n" + SplitParseTests.items(30) { "{ <<: *d, id: t\($0) }" }, true),
        // Block-style defaults with nested lists, and an alias to an item before the cut.
        ("x-d: &d\n  owner: qa\n  tags: [a, b]\ntasks:\n" + SplitParseTests.items(30) { $0 == 3 ? "&three { id: t3 }" : $0 == 20 ? "*three" : "{ <<: *d, id: t\($0) }" }, true),
        // Defined twice before the middle part: which one an alias means is only known at the cut.
        ("x-d: &d { owner: qa }\nx-e: &d { owner: risk }\ntasks:\n" + SplitParseTests.items(30) { "{ <<: *d, id: t\($0) }" }, false),
        // `&d` also in a quoted value before the list.
        ("x-d: &d { owner: qa }\ntitle: \"see &d\"\ntasks:\n" + SplitParseTests.items(30) { "{ <<: *d, id: t\($0) }" }, false),
        // The anchor is on the list being cut: not finished before the cut (the whole parse: E001).
        ("tasks: &all\n" + SplitParseTests.items(30) { $0 == 20 ? "*all" : "x\($0)" }, false),
        // Undefined anywhere.
        ("tasks:\n" + SplitParseTests.items(30) { $0 == 20 ? "*nowhere" : "x\($0)" }, false),
    ])
    func aliasesToAnchorsBeforeTheMiddle(text: String, holds: Bool) {
        #expect(Self.splitHolds(Array(text.utf8)) == holds)
        Self.expectSame(text)
    }

    /// The alias budget spans both parts: a bomb whose aliases sit in the middle part is still
    /// stopped where the whole parse stops it.
    @Test(arguments: [40, 120, 400])
    func theAliasBudgetSpansBothParts(base: Int) {
        let text = Array(("x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\ntasks:\n" + Self.items(30) { $0 < 29 ? "[*a, *a]" : "[]" }).utf8)
        var limits = Limits.default
        limits.aliasExpansionBase = base
        limits.aliasExpansionPerNode = 1
        let whole = Self.load(text, split: false, limits: limits)
        #expect(Self.load(text, split: true, limits: limits).diagnostics == whole.diagnostics)
        #expect(Self.load(text, split: true, limits: limits).tree == whole.tree)
    }

    /// Texts where a `- ` line at the cut is not an item boundary, or the middle cannot stand on
    /// its own: the split must be abandoned (or never proposed), and the result still be the whole parse.
    @Test(arguments: [
        // A quoted scalar spans the cut: its lines look like items.
        SplitParseTests.header + SplitParseTests.items(10) { "{ id: t\($0) }" } + "  - \"quoted\n" + SplitParseTests.items(20) { "x\($0)" } + "  end\"\n" + SplitParseTests.items(10) { "{ id: u\($0) }" },
        // A block scalar holds lines at the items' column... (more indented content keeps it going)
        "k: |\n" + SplitParseTests.items(40) { "line \($0)" } + "z: 1\n",
        // A flow sequence spans the cut.
        "k: [\n" + SplitParseTests.items(40, indent: "  ") { "a\($0)," } + "]\n",
        // An alias in the middle of the middle part, to an anchor before it.
        "d: &d { a: 1 }\ntasks:\n" + SplitParseTests.items(30) { $0 == 15 ? "{ <<: *d, id: t\($0) }" : "{ id: t\($0) }" },
        // A syntax error in the middle.
        SplitParseTests.header + SplitParseTests.items(30) { $0 == 16 ? "{ id: t\($0)" : "{ id: t\($0) }" },
        // A syntax error before and after it.
        "a: [\n" + SplitParseTests.header + SplitParseTests.items(30) { "{ id: t\($0) }" },
        SplitParseTests.header + SplitParseTests.items(30) { "{ id: t\($0) }" } + "  - ]\n",
        // An error the outer part meets before the cut, and a control character in the middle,
        // which libyaml's reader meets first in the whole parse: it validates a buffer ahead.
        SplitParseTests.header + SplitParseTests.items(30) { $0 == 2 ? "*nowhere" : $0 == 20 ? "a\u{0}b" : "x\($0)" },
        SplitParseTests.header + SplitParseTests.items(30) { $0 == 2 ? "{ a: 1, a: 2 }" : $0 == 20 ? "a\u{7}b" : "x\($0)" },
        // A second document in the middle.
        SplitParseTests.header + SplitParseTests.items(15) { "{ id: t\($0) }" } + "---\n" + SplitParseTests.items(15) { "{ id: u\($0) }" },
        // A less indented line in the middle part of a list (not a continuation).
        SplitParseTests.header + SplitParseTests.items(15) { "{ id: t\($0) }" } + " x: 1\n" + SplitParseTests.items(15) { "{ id: u\($0) }" },
        // Tabs and CR line ends; a lone CR makes libyaml count lines differently.
        SplitParseTests.header + SplitParseTests.items(30) { "{ id: t\($0) }\r" },
        SplitParseTests.header + SplitParseTests.items(30) { "{ id: t\($0) }\r\n" }.replacingOccurrences("\n\r\n", "\r\n"),
        SplitParseTests.header + SplitParseTests.items(30) { $0 == 18 ? "\t{ id: t\($0) }" : "{ id: t\($0) }" },
        // Unicode in the parts (libyaml counts columns in characters) and a NEL line break.
        SplitParseTests.header + SplitParseTests.items(30) { "{ id: t\($0), title: \"Ünïcødé → \($0)\" }" },
        SplitParseTests.header + SplitParseTests.items(30) { "{ id: t\($0), title: a\u{85}b }" },
        // A tag directive that the middle part would not know.
        "%TAG !e! tag:example.com,2000:\n---\n" + SplitParseTests.items(30, indent: "") { "!e!x { id: t\($0) }" },
        // Deeper than the depth limit, only in the middle.
        SplitParseTests.header + SplitParseTests.items(30) { $0 == 17 ? String(repeating: "[", count: 250) + String(repeating: "]", count: 250) : "x" },
    ])
    func awkwardTextsParseAsWhole(text: String) {
        Self.expectSame(text)
    }

    /// The node limit counts across both parts: wherever the whole parse meets it, the split
    /// parse reports it at the same node.
    @Test(arguments: [20, 40, 60, 80, 93, 96])
    func theNodeLimitIsMetWhereTheWholeParseMeetsIt(maxNodes: Int) {
        // 6 nodes before the list, 1 for the list, 3 a task: 97 in all. The middle part is items
        // 15-28 (nodes 53-94); the outer part has the rest.
        let text = Array((Self.header + Self.items(30) { "{ id: t\($0) }" }).utf8)
        var limits = Limits.default
        limits.maxNodes = maxNodes
        let whole = Self.load(text, split: false, limits: limits)
        let split = Self.load(text, split: true, limits: limits)
        #expect(whole.diagnostics.map(\.code) == ["E014"])
        #expect(split.diagnostics == whole.diagnostics)
        #expect(split.tree == whole.tree)
        #expect(Self.splitHolds(text) == true)
        limits.maxNodes = 97
        #expect(Self.load(text, split: true, limits: limits).diagnostics.isEmpty)
    }

    @Test func theNodeLimitNamesTheFirstValueOverIt() {
        let text = Array((Self.header + Self.items(30) { "{ id: t\($0) }" }).utf8)
        var limits = Limits.default
        limits.maxNodes = 20  // the 21st value is the key `id` of the fifth task, line 8
        let diagnostic = Self.load(text, split: true, limits: limits).diagnostics.first
        #expect(diagnostic.map { "\($0.line):\($0.column) \($0.code)" } == "8:7 E014")
        #expect(diagnostic?.message == "the file holds more than 20 YAML values (scalars, lists and mappings), the limit; planc stops reading here")
    }

    @Test func aFailedSplitIsAbandonedNotReported() {
        let text = Self.header + Self.items(30) { $0 == 16 ? "{ id: t\($0)" : "{ id: t\($0) }" }
        #expect(Self.splitHolds(Array(text.utf8)) == false)
        #expect(Self.load(Array(text.utf8), split: true).diagnostics.count == 1)
    }

    @Test func noSplitWithoutALongEnoughList() {
        #expect(Self.splitHolds(Array("a: 1\nb:\n  - x\n  - y\n".utf8)) == nil)
        #expect(Self.splitHolds(Array("k: [\(Array(repeating: "1", count: 500).joined(separator: ", "))]\n".utf8)) == nil)
        // A lone CR anywhere: libyaml's line numbers are not the count of LFs.
        #expect(Self.splitHolds(Array((Self.header + Self.items(30) { "t\($0)" } + "x: 1\r").utf8)) == nil)
    }

    /// Random plan-like texts, then random damage to them: split or whole, the same result.
    @Test func randomTextsAndTheirMutationsParseAlike() {
        var random = SplitMix(seed: 20261122)
        var held = 0
        for _ in 0..<300 {
            let text = Array(Self.randomPlan(&random).utf8)
            if Self.splitHolds(text) == true { held += 1 }
            let whole = Self.load(text, split: false), split = Self.load(text, split: true)
            #expect(split.tree == whole.tree)
            #expect(split.diagnostics == whole.diagnostics)
            for _ in 0..<4 {
                let mutant = Self.mutate(text, &random)
                let whole = Self.load(mutant, split: false), split = Self.load(mutant, split: true)
                #expect(split.tree == whole.tree, "\(String(decoding: mutant, as: UTF8.self))")
                #expect(split.diagnostics == whole.diagnostics, "\(String(decoding: mutant, as: UTF8.self))")
            }
        }
        // The generator's plans are mostly splittable: the test exercises the split, not its fallback.
        #expect(held > 150, "\(held)")
    }

    static func randomPlan(_ random: inout SplitMix) -> String {
        let column = [0, 2, 4][random.next(3)]
        let pad = String(repeating: " ", count: column)
        var text = "plan: p # comment\nx-defaults: &d { owner: qa }\n"
        text += column == 0 ? "tasks:\n" : "program:\n" + String(repeating: " ", count: column - 2) + "  tasks:\n"
        var anchored: [Int] = []
        for i in 0..<(8 + random.next(40)) {
            let inner = pad + "  "
            switch random.next(9) {
            case 0: text += pad + "- { id: t\(i), duration: \(random.next(9))d, after: [t\(random.next(i + 1))] }\n"
            case 1: text += pad + "- id: t\(i)\n" + inner + "title: \"multi\n" + pad + "  - line\"\n"
            case 2: text += pad + "- id: t\(i)\n" + inner + "notes: |\n" + inner + "  - not an item\n" + inner + "  text\n"
            case 3: text += pad + "- id: t\(i)\n" + inner + "tasks:\n" + inner + "- { id: c\(i) }\n" + inner + "-\n"
            case 4:
                // An anchor, and often an alias to the one before the list, which the outer part
                // hands to the middle part.
                text += pad + "- &a\(i) { id: t\(i)\(random.next(3) == 0 ? ", <<: *d" : "") }\n"
                anchored.append(i)
            case 5: text += pad + "- t\(i)\n\n" + pad + "# between\n"
            case 6: text += pad + "- id: t\(i)\n" + inner + "after:\n" + inner + "\n"
            case 7: text += pad + "- [a, b,\n" + pad + "   c\(i)]\n"
            default: text += pad + "- id: t\(i)\n" + inner + "title: 'Ünï \(i)'\n"
            }
        }
        if let anchor = anchored.last { text += "gates:\n  - { id: g, after: [*a\(anchor)] }\n" }
        return text
    }

    static func mutate(_ text: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        var bytes = text
        let fragments: [[UInt8]] = ["\n", " ", "- ", "\"", "'", "[", "]", "{", "}", ":", "#", "|", "&x", "*x", "\t", "\r", "---\n", "\u{85}"].map { Array($0.utf8) }
        for _ in 0..<(1 + random.next(3)) {
            let at = random.next(bytes.count + 1)
            switch random.next(3) {
            case 0: bytes.insert(contentsOf: fragments[random.next(fragments.count)], at: at)
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.next(8)))
            default:
                // Move a whole line elsewhere.
                let from = random.next(bytes.count + 1)
                let start = bytes[..<from].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let end = bytes[from...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
                let line = Array(bytes[start..<end])
                bytes.removeSubrange(start..<end)
                bytes.insert(contentsOf: line, at: min(at, bytes.count))
            }
        }
        return bytes
    }
}

/// A small seeded generator (SplitMix64), so that every run tests the same texts.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

