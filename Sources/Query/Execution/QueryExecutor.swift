import Analysis
import Foundation
import People
import Store

/// Runs parsed statements against a store: graph traversals as the SQL in `sql/queries/graph/` (every value bound
/// as a parameter), centralities and communities through the analysis layer, edits through the people editor.
public final class QueryExecutor {
    let store: any FaceStoring
    let people: PersonResolver

    /// How many suggestions `suggest for X` gives.
    public static let suggestions = 10
    /// The longest chain `path from X to Y` looks for, in steps.
    public static let maxPathLength = 32

    /// Finds and describes the faces of an image file as extraction does (boxes, 128-d descriptors), for `who is
    /// in`; nil where no face models were loaded (the statement then says so). Given by the caller, which holds the
    /// models: the query layer itself never reads images.
    public var faceReader: ((String) throws -> [(box: FaceBox, descriptor: [Float])])?

    /// `top N by betweenness | closeness | harmonic closeness` is exact up to `exactUpTo` people and estimated from
    /// `sources` people drawn with a fixed seed above, as `report` does (`CentralitySet.exactUpTo`,
    /// `CentralitySet.defaultSampledSources`); the summary then says so.
    public var pathMeasureSampling: (exactUpTo: Int, sources: Int) = (CentralitySet.exactUpTo,
                                                                      CentralitySet.defaultSampledSources)

    public init(store: any FaceStoring, faceReader: ((String) throws -> [(box: FaceBox, descriptor: [Float])])? = nil) {
        self.store = store
        self.faceReader = faceReader
        people = PersonResolver(store: store)
    }

    /// Runs one statement.
    /// - Throws: `QueryError` for what the user can fix (an unknown person, a statement not available), located at
    ///   the fault; store errors as they come.
    public func run(_ query: Query) throws -> QueryResult {
        let dates = query.dates
        let during = query.dates.map { " between \($0.from.prefix(10)) and \($0.to.prefix(10))" } ?? ""
        switch query.statement {
        case let .appearsWith(reference, minPhotos):
            let person = try people.resolve(reference)
            let table = try store.neighbours(of: person.id, minPhotos: minPhotos, during: dates)
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "person appears", "people appear")) with \(person.label)\(during)")

        case let .photosWith(references):
            let group = try references.map(people.resolve)
            let table = try store.photos(showing: group.map(\.id), during: dates)
            return QueryResult(table: table,
                               summary: "\(counted(table.rows.count, "photo shows", "photos show")) \(listed(group.map(\.label)))\(during)")

        case let .path(fromReference, toReference):
            return try path(from: people.resolve(fromReference), to: people.resolve(toReference), dates: dates, during: during)

        case let .within(steps, reference):
            let person = try people.resolve(reference)
            let table = try store.within(steps, of: person.id, during: dates)
            return QueryResult(table: table, summary: "\(counted(table.rows.count - 1, "person", "people")) within \(counted(steps, "step", "steps")) of \(person.label)\(during)")

        case let .mutual(a, b):
            let (x, y) = (try people.resolve(a), try people.resolve(b))
            try requireDifferent([x, y], [a, b])
            let table = try pairTies(x, y, dates: dates, withSecond: true)
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "person appears", "people appear")) with both \(x.label) and \(y.label)\(during)")

        case let .suggest(reference):
            let person = try people.resolve(reference)
            let table = try store.suggestions(for: person.id, limit: Self.suggestions, during: dates)
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "suggestion", "suggestions")) for \(person.label): people who share ties with them but no photo\(during)")

        case let .withButNot(a, b):
            let (x, y) = (try people.resolve(a), try people.resolve(b))
            try requireDifferent([x, y], [a, b])
            let table = try pairTies(x, y, dates: dates, withSecond: false)
            return QueryResult(table: table, summary: "\(counted(table.rows.count, "person appears", "people appear")) with \(x.label) but never with \(y.label)\(during)")

        case let .top(n, measure):
            return try top(n, by: measure, dates: dates, during: during, at: query.range)

        case .communities:
            return try communities(dates: dates, during: during)

        case let .profile(reference):
            return try profile(people.resolve(reference), dates: dates, at: reference.range)

        case .people:
            let summary = try store.peopleTable(minPhotos: 1)
            let keep = summary.columns.indices.filter { !["face", "median_age", "mean_gender"].contains(summary.columns[$0]) }
            let table = ResultTable(columns: keep.map { summary.columns[$0] }, rows: summary.rows.map { row in keep.map { row[$0] } })
            return QueryResult(table: table, summary: counted(table.rows.count, "person", "people"))

        case let .whoIsIn(path, range):
            return try whoIsIn(path, at: range)

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

    /// The people tied to `x` and, as `withSecond` says, tied or not to `y`: with both, rows person, name,
    /// photos_with_first, photos_with_second; with `x` but never `y`, rows person, name, photos.
    func pairTies(_ x: ResolvedPerson, _ y: ResolvedPerson, dates: DateWindow?, withSecond: Bool) throws -> ResultTable {
        let ties = try store.pairTies(x.id, y.id, during: dates)
            .filter { $0.photosWithFirst > 0 && ($0.photosWithSecond > 0) == withSecond }
        let columns = withSecond ? ["person", "name", "photos_with_first", "photos_with_second"] : ["person", "name", "photos"]
        return ResultTable(columns: columns, rows: ties.map { tie in
            [.integer(tie.person.id), tie.person.name.map { .text($0) } ?? .null, .integer(Int64(tie.photosWithFirst))]
                + (withSecond ? [.integer(Int64(tie.photosWithSecond))] : [])
        })
    }
}
