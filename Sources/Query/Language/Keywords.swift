/// The words of the language, for the parser's "did you mean" and the shell's completion.
public enum Keywords {
    /// Words that start a statement.
    public static let statements = [
        "who", "photos", "path", "within", "mutual", "suggest", "with", "top", "communities", "person", "people",
        "name", "merge", "split", "reject", "undo", "history",
    ]

    /// Every keyword, statement words first.
    public static let all = statements + [
        "appears", "at", "least", "photo", "and", "from", "to", "of", "for", "but", "not", "by", "degree", "weighted",
        "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "between", "as", "into", "faces", "face",
        "is", "in",
    ]
}
