import Foundation

/// The co-appearance graph as the query language reads it: one typed call per traversal in `sql/queries/graph/`,
/// each a read-only query whose every input is a bound parameter. Tables meant to be shown as they are (who appears
/// with X, the photos of a group, …) come back as `ResultTable`s with the SQL's own column names; what a caller
/// reads comes back typed.
extension FaceStore {
    /// The network of people seen in at least `minPhotos` photos (taken `during` the range when one is given) and
    /// the ties between them: people without ties stay, as isolated nodes. Two queries.
    public func network(minPhotos: Int = 1, during dates: DateWindow? = nil) throws -> StoredNetwork {
        StoredNetwork(people: try people(minPhotos: minPhotos, during: dates),
                      ties: try coAppearances(minPhotos: minPhotos, during: dates))
    }

    /// Who appears with `person` in at least `minPhotos` photos, strongest first (`graph/neighbours.sql`): person,
    /// name, photos, first_taken_at, last_taken_at.
    public func neighbours(of person: Int64, minPhotos: Int = 1, during dates: DateWindow? = nil) throws -> ResultTable {
        try graph("neighbours", dates, ["person": .integer(person), "min_photos": .integer(Int64(minPhotos))])
    }

    /// `neighbours(of:)` read as ties, strongest first.
    public func ties(of person: Int64, during dates: DateWindow? = nil) throws -> [Tie] {
        let table = try neighbours(of: person, during: dates)
        return table.rows.map { row in
            Tie(person: NamedPerson(id: table.integer(row, "person"), name: table.text(row, "name")),
                photos: Int(table.integer(row, "photos")))
        }
    }

    /// The photos that show every one of `people` (`graph/group_photos.sql`).
    public func photos(showing people: [Int64], during dates: DateWindow? = nil) throws -> ResultTable {
        try graph("group_photos", dates, ["people": .text("[" + people.map(String.init).joined(separator: ",") + "]")])
    }

    /// Everyone at most `depth` steps from `person`, `person` included (`graph/within.sql`).
    public func within(_ depth: Int, of person: Int64, during dates: DateWindow? = nil) throws -> ResultTable {
        try graph("within", dates, ["person": .integer(person), "depth": .integer(Int64(depth))])
    }

    /// Friends of friends of `person` who share no photo with them, by mutual ties (`graph/suggest.sql`).
    public func suggestions(for person: Int64, limit: Int, during dates: DateWindow? = nil) throws -> ResultTable {
        try graph("suggest", dates, ["person": .integer(person), "limit": .integer(Int64(limit))])
    }

    /// The `limit` people with the most ties, or with the most shared photos when `weighted`, highest first
    /// (`graph/top_degree.sql`): person, name, value.
    public func topDegree(weighted: Bool, limit: Int, during dates: DateWindow? = nil) throws -> ResultTable {
        try graph("top_degree", dates, ["weighted": .integer(weighted ? 1 : 0), "limit": .integer(Int64(limit))])
    }

    /// The ties of `first` and `second` side by side (`graph/pair_ties.sql`), most shared photos first.
    public func pairTies(_ first: Int64, _ second: Int64, during dates: DateWindow? = nil) throws -> [PairTie] {
        let table = try graph("pair_ties", dates, ["person": .integer(first), "other": .integer(second)])
        return table.rows.map { row in
            PairTie(person: NamedPerson(id: table.integer(row, "person"), name: table.text(row, "name")),
                    photosWithFirst: Int(table.integer(row, "photos_with_first")),
                    photosWithSecond: Int(table.integer(row, "photos_with_second")))
        }
    }

    /// One round of the path search from `source` to `target`, `forward` steps out of the source and `backward`
    /// out of the target (`graph/path.sql`).
    public func pathRound(from source: Int64, to target: Int64, forward: Int, backward: Int,
                          during dates: DateWindow? = nil) throws -> PathRound {
        let table = try graph("path", dates, [
            "source": .integer(source), "target": .integer(target),
            "forward_depth": .integer(Int64(forward)), "backward_depth": .integer(Int64(backward)),
        ])
        var round = PathRound(steps: [], forwardFrontier: 0, backwardFrontier: 0)
        for row in table.rows {
            let (step, person) = (table.integer(row, "step"), table.integer(row, "person"))
            if table.text(row, "kind") == "step" {
                round.steps.append(PathRound.Step(step: Int(step), person: NamedPerson(id: person, name: table.text(row, "name")),
                                                  photos: table.optionalInteger(row, "photos").map(Int.init)))
            } else if step == 0 {
                round.forwardFrontier = Int(person)
            } else {
                round.backwardFrontier = Int(person)
            }
        }
        return round
    }

    /// `person`'s facts (`graph/profile.sql`): person, name, photos, faces, first_seen, last_seen; no row when
    /// there is no such person.
    public func profile(of person: Int64, during dates: DateWindow? = nil) throws -> ResultTable {
        try graph("profile", dates, ["person": .integer(person)])
    }

    /// The person with this id, if any (`graph/person_by_id.sql`).
    public func person(id: Int64) throws -> NamedPerson? {
        namedPeople(try table(query: "graph/person_by_id", parameters: ["person": .integer(id)])).first
    }

    /// The people whose name is exactly `name`, by id (`graph/people_named.sql`).
    public func people(named name: String) throws -> [NamedPerson] {
        namedPeople(try table(query: "graph/people_named", parameters: ["name": .text(name)]))
    }

    /// Everyone's id and name, by id (`graph/people_names.sql`).
    public func peopleNames() throws -> [NamedPerson] {
        namedPeople(try table(query: "graph/people_names"))
    }

    private func namedPeople(_ table: ResultTable) -> [NamedPerson] {
        table.rows.map { NamedPerson(id: table.integer($0, "person"), name: table.text($0, "name")) }
    }

    /// Runs `sql/queries/graph/<name>.sql` with the date range and `parameters`.
    private func graph(_ name: String, _ dates: DateWindow?, _ parameters: [String: ResultTable.Cell]) throws -> ResultTable {
        try table(query: "graph/\(name)", parameters: Self.dateArguments(dates).mapValues(ResultTable.Cell.init)
                    .merging(parameters) { $1 })
    }

    /// `:from`/`:to` for the queries that take a date range: NULL without one.
    static func dateArguments(_ dates: DateWindow?) -> [String: SQLValue] {
        ["from": dates.map { .text($0.from) } ?? .null, "to": dates.map { .text($0.to) } ?? .null]
    }
}

extension ResultTable {
    /// The value of column `name` in `row` as an integer (0 when NULL), by the column's name, never its position.
    func integer(_ row: [Cell], _ name: String) -> Int64 { optionalInteger(row, name) ?? 0 }

    func optionalInteger(_ row: [Cell], _ name: String) -> Int64? {
        columns.firstIndex(of: name).flatMap { row[$0].integer }
    }

    /// The value of column `name` in `row` as text, nil when NULL or not text.
    func text(_ row: [Cell], _ name: String) -> String? {
        columns.firstIndex(of: name).flatMap { row[$0].text }
    }
}
