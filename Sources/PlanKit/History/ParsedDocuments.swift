import PlanSyntax

/// The plan's files parsed at earlier commits of a trend walk, by git blob id: a fragment that did
/// not change between commits (or a file changed back) is parsed once, and every later commit
/// reads the same nodes, with the same parse diagnostics again. A parse is reused only for a file
/// with the same blob, path and place in its compilation (`SourceFile.id`, which every node's
/// location names), so a compilation that reuses it is the one that would have parsed it.
/// The most recently used files are kept, up to `kept` of them and `keptBytes` of source.
final class ParsedDocuments {
    private struct Entry {
        let key: String
        let root: Node?
        let diagnostics: [Diagnostic]
        let bytes: Int
    }

    static let kept = 32
    static let keptBytes = 32 << 20

    /// Oldest use first.
    private var entries: [Entry] = []
    /// Files parsed, and files read from an earlier parse.
    private(set) var parsed = 0
    private(set) var reused = 0

    /// `file`'s top-level mapping: `parse()` into `sink`, or an earlier parse of the same blob with
    /// its diagnostics appended to `sink` again. `blob` nil (a file not from git) always parses.
    func mapping(of file: SourceFile, blob: String?, sink: DiagnosticSink, parse: () -> Node?) -> Node? {
        guard let blob else { return parse() }
        let key = "\(file.id)\u{0}\(blob)\u{0}\(file.path)"
        if let index = entries.lastIndex(where: { $0.key == key }) {
            let entry = entries.remove(at: index)
            entries.append(entry)
            reused += 1
            for diagnostic in entry.diagnostics { sink.append(diagnostic) }
            return entry.root
        }
        parsed += 1
        let before = sink.diagnostics.count
        let root = parse()
        entries.append(Entry(key: key, root: root, diagnostics: Array(sink.diagnostics[before...]), bytes: file.bytes.count))
        var bytes = entries.reduce(0) { $0 + $1.bytes }
        while entries.count > Self.kept || (entries.count > 1 && bytes > Self.keptBytes) {
            bytes -= entries.removeFirst().bytes
        }
        return root
    }
}
