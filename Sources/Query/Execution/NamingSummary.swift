import People

extension PeopleEditor {
    /// What naming `person` as `name` did, in the words both `people name` and the query shell's `name` print:
    /// `person 3 is named "Ada"` with the name as stored (trimmed, quoted as the query language quotes, cut after 60
    /// characters: `QuerySyntax.quotedExcerpt`), or
    /// `person 3 has no name now` when the name is blank (empty or only white space, U+3000 included). Call it after
    /// `name(person:as:)` accepted the name.
    public static func namingSummary(person: Int64, name: String?) -> String {
        guard let stored = (try? checkedName(name)) ?? nil else { return "person \(person) has no name now" }
        return "person \(person) is named \(QuerySyntax.quotedExcerpt(stored))"
    }
}
