/// Levenshtein distance and "did you mean" suggestions, for misspelt keywords and names.
enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions that turn `a` into `b`, compared
    /// case-insensitively by Unicode scalar. O(|a|·|b|) time, O(|b|) memory.
    static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The candidates closest to `word`, at most `limit`, among those within a third of the word's length (at least
    /// 2) edits; nearest first, ties in the candidates' order. A candidate that starts with what was typed counts
    /// as near, so a half-typed name is found too.
    static func closest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let allowed = max(2, word.count / 3)
        let lowered = word.lowercased()
        var scored: [(distance: Int, index: Int, candidate: String)] = []
        var seen = Set<String>()
        for (index, candidate) in candidates.enumerated() where seen.insert(candidate).inserted {
            // Very long candidates cannot be within the allowance; skip the quadratic work.
            guard abs(candidate.count - word.count) <= allowed || candidate.lowercased().hasPrefix(lowered) else { continue }
            let distance = candidate.lowercased().hasPrefix(lowered) && !lowered.isEmpty ? 1 : between(word, candidate)
            if distance <= allowed { scored.append((distance, index, candidate)) }
        }
        return scored.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(limit).map(\.candidate)
    }
}
