import Reports

/// Tab completion for the shell: keywords, dot-commands and their arguments, and person names in quotes.
///
/// Line editors complete the word before the cursor, words being split at spaces, tabs, `,` and `;` (not at
/// quotes, so that `"An` is one word). A name with spaces is completed from inside its quotes too: for
/// `who appears with "Ann Le` the word is `Le` and the completion is the rest of the name, `Lee"`.
public struct QueryCompleter: Sendable {
    /// Characters that end a word for completion; the line editor is set up with the same.
    public static let wordBreaks = " \t\n,;"

    public let names: [String]

    public init(names: [String]) {
        self.names = names
    }

    /// What may replace `word`, the end of `line` (the text before the cursor), sorted and without repeats.
    public func completions(line: String, word: String) -> [String] {
        let before = String(line.dropLast(word.count))
        if let open = openQuote(in: line) {
            // Inside a quoted name: complete the name and close the quote. The part of the name typed before
            // `word` stays as typed; the candidate is the rest.
            let quoteOffset = line.distance(from: line.startIndex, to: open.start)
            let typedPrefix = String(line.dropFirst(quoteOffset + 1)).unescapedPrefix
            let typedBeforeWord = String(before.dropFirst(quoteOffset))
            return Self.unique(names.filter { $0.lowercased().hasPrefix(typedPrefix.lowercased()) }.compactMap { name in
                let literal = QuerySyntax.quoted(name, in: open.quote)
                guard literal.count >= typedBeforeWord.count else { return nil }
                return String(literal.dropFirst(typedBeforeWord.count))
            })
        }
        let lowered = word.lowercased()
        let trimmedBefore = before.trimmingCharacters(in: [" ", "\t"])
        if trimmedBefore.isEmpty && word.hasPrefix(".") {
            return Self.unique(QuerySession.commands.filter { $0.hasPrefix(lowered) })
        }
        if trimmedBefore.lowercased() == ".format" {
            return Self.unique(TableFormat.allCases.map(\.rawValue).filter { $0.hasPrefix(lowered) })
        }
        if trimmedBefore.lowercased() == ".timer" {
            return Self.unique(["on", "off"].filter { $0.hasPrefix(lowered) })
        }
        let pool = trimmedBefore.isEmpty || trimmedBefore.hasSuffix(";") ? Keywords.statements : Keywords.all
        var candidates = pool.filter { $0.hasPrefix(lowered) }
        if word.isEmpty && !trimmedBefore.isEmpty {
            candidates += names.map { QuerySyntax.quoted($0) }
        }
        return Self.unique(candidates)
    }

    /// The quote left open at the end of `line`, if any, and where it starts.
    private func openQuote(in line: String) -> (quote: Character, start: String.Index)? {
        var open: (quote: Character, start: String.Index)?
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if let current = open {
                if c == "\\" {
                    index = line.index(after: index)
                    if index == line.endIndex { break }
                } else if c == current.quote {
                    open = nil
                }
            } else if c == "\"" || c == "'" {
                open = (c, index)
            } else if c == "-", line[index...].hasPrefix("--") {
                return nil   // the rest is a comment
            }
            index = line.index(after: index)
        }
        return open
    }

    private static func unique(_ items: [String]) -> [String] {
        Array(Set(items)).sorted()
    }
}

private extension String {
    /// The text of an unterminated quoted string as far as it goes, escapes resolved (a dangling backslash dropped).
    var unescapedPrefix: String {
        var out = ""
        var escaped = false
        for c in self {
            if escaped {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
