import People
import Store

extension QueryExecutor {
    /// How many ties `person X` lists as strongest.
    static let strongestTies = 5

    /// `person X`: one row per fact (property, value): id, name, photos, faces, first and last seen (EXIF dates),
    /// the number of people they appear with and their strongest ties ("Bob (4 photos)"), all within the date
    /// range when there is one; then, when `extract --age-gender` estimated them, the median apparent age and mean
    /// gender of all their faces (whatever the dates).
    func profile(_ person: ResolvedPerson, dates: DateWindow?, at range: SourceRange) throws -> QueryResult {
        let facts = try store.profile(of: person.id, during: dates)
        let ties = try store.ties(of: person.id, during: dates)
        guard let row = facts.rows.first else {
            throw QueryError("person \(person.id) no longer exists", at: range)
        }
        func value(_ name: String) -> ResultTable.Cell { row[facts.columns.firstIndex(of: name)!] }
        let strongest = ties.prefix(Self.strongestTies).map { tie -> String in
            "\(tie.person.name ?? "Person \(tie.person.id)") (\(counted(tie.photos, "photo", "photos")))"
        }
        let rows: [[ResultTable.Cell]] = [
            [.text("person"), .integer(person.id)],
            [.text("name"), value("name")],
            [.text("photos"), value("photos")],
            [.text("faces"), value("faces")],
            [.text("first seen"), value("first_seen")],
            [.text("last seen"), value("last_seen")],
            [.text("appears with"), .integer(Int64(ties.count))],
            [.text("strongest ties"), strongest.isEmpty ? .null : .text(strongest.joined(separator: ", "))],
        ] + (try store.peopleAgeGender(of: person.id)[person.id].map { estimate -> [[ResultTable.Cell]] in
            [[.text("median apparent age"), .real(PersonAgeGender.rounded(estimate.medianAge))],
             [.text("mean gender (0 male … 1 female)"), .real(PersonAgeGender.rounded(estimate.meanGender))],
             [.text("faces estimated"), .integer(Int64(estimate.faces))]]
        } ?? [])
        return QueryResult(table: ResultTable(columns: ["property", "value"], rows: rows))
    }
}
