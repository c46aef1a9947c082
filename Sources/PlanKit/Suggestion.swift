/// "Did you mean ...?": the closest candidate by edit distance (with transpositions), if close enough
/// to be a plausible typo.
public enum Suggestion {
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        closest(to: word, in: Candidates(candidates))
    }

    /// Candidate names prepared once (lower-cased, as scalars), for many look-ups against the
    /// same names: a plan with thousands of unknown references asks the same question each time.
    public struct Candidates: Sendable {
        let names: [String]
        let folded: [[Unicode.Scalar]]

        public init<S: Sequence>(_ names: S) where S.Element == String {
            self.names = Array(names)
            folded = self.names.map { Array($0.lowercased().unicodeScalars) }
        }
    }

    public static func closest(to word: String, in candidates: Candidates) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        let threshold = max(1, min(3, target.count / 3))
        var best: (distance: Int, candidate: String)?
        for (candidate, other) in zip(candidates.names, candidates.folded) where candidate != word {
            if abs(other.count - target.count) > threshold { continue }
            let distance = editDistance(target, other, limit: threshold)
            // A suggestion must share something with the word: 'b' is not a typo of 'a'.
            if distance <= threshold, distance < max(target.count, other.count), best == nil || distance < best!.distance {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// Optimal-string-alignment distance; stops early once every path exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return rowMinimum }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }

    /// The help line for an unknown name: "did you mean 'x'?" or nil.
    public static func help<S: Sequence>(for word: String, in candidates: S) -> String? where S.Element == String {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }
}
