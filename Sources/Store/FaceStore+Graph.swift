import Foundation
import GRDB

/// The co-appearance graph as the query language reads it: the traversals in `sql/queries/graph/`, each a
/// read-only query whose every input is a bound parameter.
extension FaceStore {
    /// Runs `sql/queries/<name>.sql` with named `parameters` (the names without their colon) and returns its
    /// columns and rows. Values are bound, never pasted into the SQL, so any text (quotes, SQL keywords) is inert.
    /// - Throws: GRDB's `DatabaseError` when the query fails (a parameter missing, a damaged database);
    ///   `QueryInterrupted` when `interrupt()` stopped it.
    public func table(query name: String, parameters: [String: ResultTable.Cell]) throws -> ResultTable {
        do {
            return try pool.read { db in
                let statement = try db.makeStatement(sql: SQLText["queries/\(name)"])
                statement.arguments = StatementArguments(parameters.mapValues { $0.databaseValue })
                let rows = try Row.fetchAll(statement).map { row in Array(row.databaseValues.map(ResultTable.Cell.init)) }
                return ResultTable(columns: statement.columnNames, rows: rows)
            }
        } catch let error as DatabaseError where error.isInterruptionError {
            throw QueryInterrupted()
        }
    }

    /// Stops the statements running on the store's connections, from any thread (the query shell's Ctrl-C); they
    /// throw `QueryInterrupted`. Statements started afterwards run normally.
    public func interrupt() {
        pool.interrupt()
    }

    /// The schema of the store: every table, index and view as the `CREATE` statement SQLite keeps, in the
    /// order they were made (the migration log left out).
    public func schema() throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                ORDER BY rowid
                """)
        }
    }
}

extension ResultTable.Cell {
    /// The value as GRDB binds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let v): return v.databaseValue
        case .real(let v): return v.databaseValue
        case .text(let v): return v.databaseValue
        }
    }
}

/// A query stopped by `FaceStore.interrupt()`.
public struct QueryInterrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
