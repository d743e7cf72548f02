/// One lexical unit of the query language.
public struct Token: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A keyword or other bare word (letters, digits and underscores, starting with a letter or underscore),
        /// as typed; keywords are matched case-insensitively.
        case word(String)
        /// A whole number without sign: a person id, a count, a year.
        case integer(Int64)
        /// A number with a decimal point (a distance threshold).
        case decimal(Double)
        /// A date `YYYY-MM` or `YYYY-MM-DD` as typed (a bare year is an integer).
        case date(String)
        /// A quoted string with its escapes resolved.
        case string(String)
        case comma
        /// `;` or a line break: the end of a statement.
        case separator
        case end
    }

    public var kind: Kind
    public var range: SourceRange

    /// How the token reads in an error message.
    public var quoted: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .integer(let v): return "\(v)"
        case .decimal(let v): return "\(v)"
        case .date(let d): return d
        case .string(let s): return "\"\(s)\""
        case .comma: return "','"
        case .separator: return "the end of the statement"
        case .end: return "the end of the query"
        }
    }

    /// The keyword this token is, lowercased; nil for anything but a word.
    var keyword: String? {
        if case .word(let w) = kind { return w.lowercased() }
        return nil
    }
}
