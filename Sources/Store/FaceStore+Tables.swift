import Foundation

/// The generic runner behind the typed queries (`FaceStore+Graph.swift`, `FaceStore+Reports.swift`): one file of
/// `sql/queries/` by name, read-only, every input a bound parameter; and the shell's interrupt and schema.
extension FaceStore {
    /// Runs `sql/queries/<name>.sql` with named `parameters` (the names without their colon) and returns its
    /// columns and rows. Values are bound, never pasted into the SQL, so any text (quotes, SQL keywords) is inert.
    /// - Throws: the database's error when the query fails (a parameter missing, a damaged database);
    ///   `QueryInterrupted` when `interrupt()` stopped it.
    func table(query name: String, parameters: [String: ResultTable.Cell]) throws -> ResultTable {
        try read { db in try db.table("queries/\(name)", parameters.mapValues(\.sqlValue)) }
    }

    /// Runs one of the read-only report queries under `sql/queries` by name with named integer arguments and
    /// returns its column names and rows (for a look at any of them; the typed calls are the interface).
    public func table(query name: String, arguments: [String: Int] = [:]) throws -> ResultTable {
        try table(query: name, parameters: arguments.mapValues { .integer(Int64($0)) })
    }

    /// `sql/queries/faces_export.sql`: one row per face with its box and person, for `export --faces`.
    public func facesTable() throws -> ResultTable {
        try table(query: "faces_export")
    }

    /// `sql/queries/people_summary.sql` as a table: person, name, photos, faces, face (the representative one),
    /// then median_age and mean_gender (`peopleAgeGender`; NULL when none of the person's faces was estimated).
    public func peopleTable(minPhotos: Int = 1) throws -> ResultTable {
        var summary = try table(query: "people_summary", parameters: ["min_photos": .integer(Int64(minPhotos)), "from": .null, "to": .null])
        let estimates = try peopleAgeGender()
        summary.columns += ["median_age", "mean_gender"]
        summary.rows = summary.rows.map { row in
            let estimate = row[0].integer.flatMap { estimates[$0] }
            return row + [estimate.map { .real(PersonAgeGender.rounded($0.medianAge)) } ?? .null,
                          estimate.map { .real(PersonAgeGender.rounded($0.meanGender)) } ?? .null]
        }
        return summary
    }

    /// `sql/queries/network_edges.sql` as a table: source, target, weight, first_taken_at, last_taken_at.
    public func edgesTable(minPhotos: Int = 1) throws -> ResultTable {
        try table(query: "network_edges", parameters: ["min_photos": .integer(Int64(minPhotos)), "from": .null, "to": .null])
    }

    /// `sql/queries/evaluation_faces.sql`: every face with its photo, box, photo size and person, for scoring a
    /// clustering against labels.
    public func evaluationFaces() throws -> ResultTable {
        try table(query: "evaluation_faces")
    }

    /// Stops the statements running on the store's connections, from any thread (the query shell's Ctrl-C); they
    /// throw `QueryInterrupted`. Statements started afterwards run normally.
    public func interrupt() {
        backend.interrupt()
    }

    /// The schema of the store: every table, index and view as the database's own statements, in the order they
    /// were made (the migration log left out).
    public func schema() throws -> [String] {
        try backend.schema()
    }
}
