/// Levenshtein distance and "did you mean" suggestions, for misspelt keywords and names.
enum EditDistance {
    /// The number of single-character insertions, deletions, substitutions and swaps of two neighbouring
    /// characters that turn `a` into `b` (optimal string alignment distance: "wiht" is 1 from "with"), compared
    /// case-insensitively by Unicode scalar. O(|a|·|b|) time, O(|b|) memory.
    static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var beforePrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[y.count]
    }

    /// The candidates closest to `word`, at most `limit`, among those within a third of the word's length (rounded,
    /// at least 1) edits; nearest first, ties in the candidates' order. A candidate that starts with what was typed counts
    /// as near, so a half-typed name is found too.
    static func closest(to word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let allowed = max(1, (word.count + 1) / 3)
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
