import Reports

/// How values are written in the query language, for messages and completions that the user may copy back.
public enum QuerySyntax {
    /// `text` as a string in `quote`s (double or single) that the lexer reads back as `text`: backslashes and that
    /// quote escaped, line breaks and tabs as `\n` and `\t`, other control characters as `\u{…}`.
    public static func quoted(_ text: String, in quote: Character = "\"") -> String {
        String(quote) + text.replacingScalars { scalar in
            switch scalar {
            case "\\": return "\\\\"
            case _ where Character(scalar) == quote: return "\\" + String(quote)
            case "\n": return "\\n"
            case "\t": return "\\t"
            case _ where scalar.isControl: return "\\u{\(String(scalar.value, radix: 16))}"
            default: return nil
            }
        } + String(quote)
    }

    /// `quoted(text)` for a message: a name longer than `limit` characters is cut there, with "…" and its length
    /// after the closing quote, so that a mistyped megabyte does not come back as a megabyte of error.
    public static func quotedExcerpt(_ text: String, limit: Int = 60) -> String {
        guard text.count > limit else { return quoted(text) }
        return quoted(String(text.prefix(limit))) + "… (\(text.count) characters)"
    }
}
