import Foundation
import Store

/// Runs parsed statements against a store: graph traversals as the SQL in `sql/queries/graph/` (every value bound
/// as a parameter), centralities and communities through the analysis layer, edits through the people editor.
public final class QueryExecutor {
    let store: FaceStore
    let people: PersonResolver

    /// How many suggestions `suggest for X` gives.
    public static let suggestions = 10
    /// The longest chain `path from X to Y` looks for, in steps.
    public static let maxPathLength = 32

    public init(store: FaceStore) {
        self.store = store
        people = PersonResolver(store: store)
    }

    /// Runs one statement.
    /// - Throws: `QueryError` for what the user can fix (an unknown person, a statement not available), located at
    ///   the fault; store errors as they come.
    public func run(_ query: Query) throws -> QueryResult {
        let dates = Self.dateParameters(query.dates)
        let during = query.dates.map { " between \($0.from.prefix(10)) and \($0.to.prefix(10))" } ?? ""
        switch query.statement {
        case let .appearsWith(reference, minPhotos):
            let person = try people.resolve(reference)
            let table = try store.table(query: "graph/neighbours", parameters: dates.merging([
                "person": .integer(person.id), "min_photos": .integer(Int64(minPhotos)),
            ]) { $1 })
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "person appears", "people appear")) with \(person.label)\(during)")

        case let .photosWith(references):
            let group = try references.map(people.resolve)
            let ids = "[" + group.map { String($0.id) }.joined(separator: ",") + "]"
            let table = try store.table(query: "graph/group_photos", parameters: dates.merging(["people": .text(ids)]) { $1 })
            return QueryResult(table: table,
                               summary: "\(counted(table.rows.count, "photo shows", "photos show")) \(listed(group.map(\.label)))\(during)")

        case let .path(fromReference, toReference):
            return try path(from: people.resolve(fromReference), to: people.resolve(toReference), dates: dates, during: during)

        case let .within(steps, reference):
            let person = try people.resolve(reference)
            let table = try store.table(query: "graph/within", parameters: dates.merging([
                "person": .integer(person.id), "depth": .integer(Int64(steps)),
            ]) { $1 })
            return QueryResult(table: table, summary: "\(counted(table.rows.count - 1, "person", "people")) within \(counted(steps, "step", "steps")) of \(person.label)\(during)")

        case let .mutual(a, b):
            let (x, y) = (try people.resolve(a), try people.resolve(b))
            try requireDifferent([x, y], [a, b])
            let table = try pairTies(x, y, dates: dates) { $0 > 0 && $1 > 0 }
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "person appears", "people appear")) with both \(x.label) and \(y.label)\(during)")

        case let .suggest(reference):
            let person = try people.resolve(reference)
            let table = try store.table(query: "graph/suggest", parameters: dates.merging([
                "person": .integer(person.id), "limit": .integer(Int64(Self.suggestions)),
            ]) { $1 })
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "suggestion", "suggestions")) for \(person.label): people who share ties with them but no photo\(during)")

        case let .withButNot(a, b):
            let (x, y) = (try people.resolve(a), try people.resolve(b))
            try requireDifferent([x, y], [a, b])
            let both = try pairTies(x, y, dates: dates) { $0 > 0 && $1 == 0 }
            let table = ResultTable(columns: ["person", "name", "photos"], rows: both.rows.map { Array($0.prefix(3)) })
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "person appears", "people appear")) with \(x.label) but never with \(y.label)\(during)")

        case let .top(n, measure):
            return try top(n, by: measure, dates: dates, during: during, at: query.range)

        case .communities:
            return try communities(dates: dates, during: during)

        case let .profile(reference):
            return try profile(people.resolve(reference), dates: dates, at: reference.range)

        case .people:
            let summary = try store.table(query: "people_summary", arguments: ["min_photos": 1])
            let keep = summary.columns.indices.filter { summary.columns[$0] != "face" }
            let table = ResultTable(columns: keep.map { summary.columns[$0] }, rows: summary.rows.map { row in keep.map { row[$0] } })
            return QueryResult(table: table, summary: counted(table.rows.count, "person", "people"))

        case .name, .merge, .splitByThreshold, .splitFaces, .reject, .undo, .history:
            return try edit(query)
        }
    }

    /// A statement about several people names each once: `mutual 3 and 3` has no meaning (and would count every
    /// tie twice).
    /// - Throws: `QueryError` at the second mention of someone already named.
    func requireDifferent(_ group: [ResolvedPerson], _ references: [PersonReference]) throws {
        var seen = Set<Int64>()
        for (person, reference) in zip(group, references) where !seen.insert(person.id).inserted {
            throw QueryError("\(person.label) is named twice; give different people", at: reference.range)
        }
    }

    /// The ties of `x` and `y` side by side (`graph/pair_ties.sql`: person, name, photos_with_first,
    /// photos_with_second), keeping the rows whose two counts pass `keep`.
    func pairTies(_ x: ResolvedPerson, _ y: ResolvedPerson, dates: [String: ResultTable.Cell],
                  keep: (Int64, Int64) -> Bool) throws -> ResultTable {
        let table = try store.table(query: "graph/pair_ties", parameters: dates.merging([
            "person": .integer(x.id), "other": .integer(y.id),
        ]) { $1 })
        return ResultTable(columns: table.columns, rows: table.rows.filter { keep($0[2].integer ?? 0, $0[3].integer ?? 0) })
    }

    /// `:from`/`:to` for the graph queries: NULL when the statement has no date range.
    static func dateParameters(_ dates: DateRange?) -> [String: ResultTable.Cell] {
        ["from": dates.map { .text($0.from) } ?? .null, "to": dates.map { .text($0.to) } ?? .null]
    }
}
