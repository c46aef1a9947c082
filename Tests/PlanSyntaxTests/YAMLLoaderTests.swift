import PlanSyntax
import Testing

/// Loads YAML text through the real libyaml-backed loader.
private func load(_ text: String, limits: Limits = .default, policy: ExecutionPolicy = .default) -> (Node?, [Diagnostic]) {
    load(bytes: Array(text.utf8), limits: limits, policy: policy)
}

private func load(bytes: [UInt8], limits: Limits = .default, policy: ExecutionPolicy = .default) -> (Node?, [Diagnostic]) {
    let sources = SourceManager()
    let sink = DiagnosticSink(sources: sources)
    let file = sources.add(path: "plan.yaml", bytes: bytes)
    let node = YAMLLoader(file: file, limits: limits, policy: policy, sink: sink).loadMapping()
    return (node, sink.sorted())
}

private func summary(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.line):\($0.column) \($0.code)" }
}

@Suite struct YAMLLoaderTests {
    @Test func everyNodeKnowsItsLineColumnAndLength() throws {
        let (root, diagnostics) = load("plan: perp-v2\ntasks:\n  - id: design\n    after: [risk-slippage, \"qa\"]\n")
        #expect(diagnostics.isEmpty)
        let plan = try #require(root?["plan"])
        #expect(plan.location == SourceLocation(file: 0, line: 1, column: 7, length: 7))
        let task = try #require(root?["tasks"]?.sequence?.first)
        #expect(task["id"]?.location == SourceLocation(file: 0, line: 3, column: 9, length: 6))
        let after = try #require(task["after"]?.sequence)
        #expect(after.map(\.location.column) == [13, 28])
        #expect(after[1].scalar == "qa")
        #expect(after[1].style == .doubleQuoted)
        #expect(after[1].location.length == 4)
        let key = try #require(task.mapping?.first?.key)
        #expect(key.scalar == "id" && key.location.line == 3 && key.location.column == 5)
    }

    @Test func duplicateKeyPointsAtTheSecondAndNotesTheFirst() throws {
        let (_, diagnostics) = load("plan: a\ntitle: One\nstart: 2026-12-07\ntitle: Two\n")
        #expect(summary(diagnostics) == ["4:1 E002"])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message == "duplicate key 'title'; the first is on line 2")
        #expect(diagnostic.notes.map { "\($0.line):\($0.column) \($0.message)" } == ["2:1 'title' first set here"])
    }

    @Test func duplicateKeysAreFoundInLargeMappings() {
        var text = ""
        for index in 0..<40 { text += "k\(index): \(index)\n" }
        text += "k17: again\n"
        #expect(summary(load(text).1) == ["41:1 E002"])
    }

    @Test func mergeKeysExpandWithWrittenKeysWinning() throws {
        let text = """
        base: &base { duration: 5d, owner: qa }
        extra: &extra { owner: risk, phase: mvp }
        task:
          <<: [*base, *extra]
          owner: ops
        """
        let (root, diagnostics) = load(text)
        #expect(diagnostics.isEmpty)
        let task = try #require(root?["task"])
        #expect(task.mapping?.map { $0.key.scalar ?? "" } == ["owner", "duration", "phase"])
        #expect(task["owner"]?.scalar == "ops")
        #expect(task["duration"]?.scalar == "5d")
        #expect(task["phase"]?.scalar == "mvp")
    }

    @Test func aliasesShareTheAnchoredNode() throws {
        let (root, diagnostics) = load("a: &x [1, 2]\nb: *x\n")
        #expect(diagnostics.isEmpty)
        #expect(root?["a"] == root?["b"])
    }

    @Test func billionLaughsIsRefused() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let (root, diagnostics) = load(text)
        #expect(root == nil)
        #expect(diagnostics.map(\.code) == ["E003"])
        // The budget is crossed at level 6 (9^6 > 1,000,000), on its first alias.
        #expect(diagnostics.first?.line == 7)
    }

    @Test func unknownAliasIsASyntaxError() {
        let (root, diagnostics) = load("a: *nowhere\n")
        #expect(root == nil)
        #expect(summary(diagnostics) == ["1:4 E001"])
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let text = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        let (root, diagnostics) = load(text)
        #expect(root == nil)
        #expect(diagnostics.map(\.code) == ["E008"])
        #expect(diagnostics.first?.column == 203)  // the 200th bracket opens the 201st level
    }

    @Test func nonCoreTagsAreErrorsCoreTagsAreKept() throws {
        let (root, diagnostics) = load("a: !!str 5\nb: !custom x\nc: !!binary aGVsbG8=\n")
        #expect(summary(diagnostics) == ["2:4 E004", "3:4 E004"])
        #expect(root?["a"]?.tag == .str)
        #expect(diagnostics.first?.message == "tag '!custom' is not part of YAML's core schema")
    }

    @Test func emptyAndCommentOnlyFilesAreEmptyDocuments() {
        for text in ["", "   \n\n", "# just a comment\n", "---\n", "~\n"] {
            let (root, diagnostics) = load(text)
            #expect(root == nil)
            #expect(diagnostics.map(\.code) == ["E006"], "for \(text.debugDescription)")
        }
    }

    @Test func topLevelMustBeAMapping() {
        #expect(summary(load("- a\n- b\n").1) == ["1:1 E007"])
        #expect(summary(load("just text\n").1) == ["1:1 E007"])
    }

    @Test func secondDocumentIsAnError() {
        #expect(summary(load("plan: a\n---\nplan: b\n").1) == ["2:1 E011"])
    }

    @Test func utf16AndInvalidUTF8AreEncodingErrors() {
        #expect(load(bytes: [0xFF, 0xFE, 0x70, 0x00]).1.map(\.code) == ["E005"])
        let latin1 = Array("plan: a\ntitle: Caf".utf8) + [0xE9] + Array(" launch\n".utf8)
        let (_, diagnostics) = load(bytes: latin1)
        #expect(summary(diagnostics) == ["2:11 E005"])
        #expect(diagnostics.first?.message.contains("byte 0xE9 at offset 18") == true)
    }

    @Test func controlCharactersAreSyntaxErrors() {
        let (root, diagnostics) = load(bytes: Array("plan: a\u{0}b\n".utf8))
        #expect(root == nil)
        #expect(summary(diagnostics) == ["1:8 E001"])
    }

    @Test func tabIndentationGetsAHelpLine() throws {
        let (_, diagnostics) = load("plan: x\n\tstart: 2026\n")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == "E001" && diagnostic.line == 2 && diagnostic.column == 1)
        #expect(diagnostic.help == "indent with spaces: YAML does not allow tabs for indentation")
    }

    @Test func unquotedColonInValueGetsAHelpLine() throws {
        let (_, diagnostics) = load("plan: x\ntitle: Phase 1: MVP\n")
        let diagnostic = try #require(diagnostics.first)
        #expect("\(diagnostic.line):\(diagnostic.column)" == "2:15")
        #expect(diagnostic.help?.contains("quote a value that contains ': '") == true)
    }

    @Test func scalarAndFileLimits() {
        var limits = Limits.default
        limits.maxScalarBytes = 4
        #expect(summary(load("plan: abcdef\n", limits: limits).1) == ["1:7 E010"])
    }

    @Test func invalidMergeValueIsReported() {
        #expect(summary(load("a:\n  <<: [1, 2]\n  b: 1\n").1) == ["2:7 E012"])
    }

    @Test func sourceFileFindsLinesAndCharacterColumns() {
        let file = SourceFile(id: 0, path: "p", bytes: Array("ab\r\ncé\rx\n".utf8))
        #expect(file.line(1) == "ab")
        #expect(file.line(2) == "cé")
        #expect(file.line(3) == "x")
        #expect(file.line(5) == nil)
        #expect(file.position(ofByte: 4).line == 2)
        #expect(file.position(ofByte: 7).column == 3)  // after 'c' and the two bytes of 'é'
    }
}

private func dump(_ node: Node?) -> String {
    node?.outline ?? "nil"
}

@Suite struct ParallelParseTests {
    /// libyaml runs on a second thread for large files; below the threshold, on the caller's.
    /// Both must give the same document and the same diagnostics, also when parsing fails or the
    /// builder gives up half way (the parser thread is then stopped and joined).
    @Test(arguments: [
        "plan: p\nstart: 2026-12-07\ntasks:\n  - { id: a, duration: 5d, after: [b], title: 'x y' }\n  - id: b\n    notes: |\n      two\n      lines\n",
        "x-d: &d { owner: qa, duration: 2d }\ntasks:\n  - { <<: *d, id: a }\n  - { <<: *d, id: b, duration: 3d }\n",
        "a: 1\na: 2\nb: !!str 3\nc: !custom 4\n",
        "a: [1, 2\nb: 3\n",
        "a: \u{1}\n",
        "a: *nowhere\n",
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n",
        (0..<3000).map { "k\($0): { id: t\($0), after: [t\($0 + 1)] }" }.joined(separator: "\n") + "\nbroken: [\n",
    ])
    func threadedAndInlineParsesAgree(text: String) {
        var threaded = ExecutionPolicy.sequential
        threaded.threadedEventSourceBytes = 0
        let (a, aDiagnostics) = load(text, policy: .sequential)
        let (b, bDiagnostics) = load(text, policy: threaded)
        #expect(dump(a) == dump(b))
        #expect(summary(aDiagnostics) == summary(bDiagnostics))
        #expect(aDiagnostics.map(\.message) == bDiagnostics.map(\.message))
    }

    @Test func aliasBombStopsTheParserThread() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        text += String(repeating: "pad: [1, 2, 3]\n", count: 20_000)
        var threaded = ExecutionPolicy.sequential
        threaded.threadedEventSourceBytes = 0
        let (node, diagnostics) = load(text, policy: threaded)
        #expect(node == nil)
        #expect(summary(diagnostics).first?.hasSuffix("E003") == true)
    }
}
