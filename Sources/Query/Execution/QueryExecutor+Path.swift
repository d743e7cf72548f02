import People
import Store

extension QueryExecutor {
    /// A shortest chain of co-appearances from `source` to `target`: bidirectional breadth-first search, each
    /// round one recursive CTE (`sql/queries/graph/path.sql`) that walks `forward` steps out of the source and
    /// `backward` steps out of the target. Each round deepens the side whose last level found fewer new people (the
    /// cheaper side to grow), so the two balls stay small: on a graph of average degree d with the two people L
    /// steps apart the work is about 2·d^(L/2) rows instead of d^L. The first round in which the balls meet gives a
    /// chain of the smallest length, since every shorter total was tried before. A side whose last level found
    /// nobody new has reached everyone it can: then there is no path.
    ///
    /// Rows: step (0 = source), person, name, photos shared with the previous step (NULL at step 0).
    func path(from source: ResolvedPerson, to target: ResolvedPerson,
              dates: DateWindow?, during: String) throws -> QueryResult {
        let columns = ["step", "person", "name", "photos"]
        if source.id == target.id {
            return QueryResult(table: ResultTable(columns: columns, rows: [[.integer(0), .integer(source.id), source.name.map { .text($0) } ?? .null, .null]]),
                               summary: "\(source.label) is 0 steps from themself")
        }
        var forward = 0, backward = 0
        var forwardFrontier = 1, backwardFrontier = 1
        while forward + backward < Self.maxPathLength {
            if forwardFrontier <= backwardFrontier { forward += 1 } else { backward += 1 }
            let round = try store.pathRound(from: source.id, to: target.id, forward: forward, backward: backward,
                                            during: dates)
            let steps = round.steps
            if !steps.isEmpty {
                let length = steps.count - 1
                let rows: [[ResultTable.Cell]] = steps.map { step in
                    [.integer(Int64(step.step)), .integer(step.person.id), step.person.name.map { .text($0) } ?? .null,
                     step.photos.map { .integer(Int64($0)) } ?? .null]
                }
                return QueryResult(table: ResultTable(columns: columns, rows: rows),
                                   summary: "\(source.label) to \(target.label): \(counted(length, "step", "steps")) (degrees of separation)\(during)")
            }
            forwardFrontier = round.forwardFrontier
            backwardFrontier = round.backwardFrontier
            if forwardFrontier == 0 || backwardFrontier == 0 {
                return QueryResult(table: ResultTable(columns: columns, rows: []),
                                   summary: "no chain of co-appearances links \(source.label) and \(target.label)\(during)")
            }
        }
        return QueryResult(table: ResultTable(columns: columns, rows: []),
                           summary: "no chain of at most \(Self.maxPathLength) steps links \(source.label) and \(target.label)\(during)")
    }
}
