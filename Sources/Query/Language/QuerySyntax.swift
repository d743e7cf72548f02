/// How values are written in the query language, for messages and completions that the user may copy back.
public enum QuerySyntax {
    /// `text` as a double-quoted string the lexer reads back as `text`: backslashes and double quotes escaped,
    /// line breaks and tabs as `\n` and `\t`, other control characters as `\u{…}`.
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingScalars { scalar in
            switch scalar {
            case "\\": return "\\\\"
            case "\"": return "\\\""
            case "\n": return "\\n"
            case "\t": return "\\t"
            case _ where scalar.isControl: return "\\u{\(String(scalar.value, radix: 16))}"
            default: return nil
            }
        } + "\""
    }
}
