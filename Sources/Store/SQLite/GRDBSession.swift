import Foundation
import GRDB

/// The store's SQL files run on one GRDB connection (`SQLiteBackend`).
struct GRDBSession: SQLSession {
    let db: Database

    func execute(_ file: String, _ arguments: [String: SQLValue]) throws {
        try guarded {
            let sql = SQLText.text(file)
            if arguments.isEmpty {
                try db.execute(sql: sql)   // may hold several statements (queries/edges_rebuild)
            } else if Self.holdsSeveralStatements(sql) {
                // Each statement takes the named arguments it names (as the PostgreSQL session binds them).
                let statements = try db.allStatements(sql: sql)
                while let statement = try statements.next() {
                    let names = Set(statement.sql.matches(of: /:([A-Za-z_][A-Za-z0-9_]*)/).map { String($0.output.1) })
                    try statement.execute(arguments: Self.arguments(arguments.filter { names.contains($0.key) }))
                }
            } else {
                try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
            }
        }
    }

    func rows(_ file: String, _ arguments: [String: SQLValue]) throws -> [SQLRow] {
        try guarded {
            let statement = try db.cachedStatement(sql: SQLText.text(file))
            statement.arguments = Self.arguments(arguments)
            let columns = statement.columnNames
            return try Row.fetchAll(statement).map { row in
                SQLRow(columns: columns, values: Array(row.databaseValues.map(Self.value)))
            }
        }
    }

    func table(_ file: String, _ arguments: [String: SQLValue]) throws -> ResultTable {
        try guarded {
            let statement = try db.makeStatement(sql: SQLText.text(file))
            statement.arguments = Self.arguments(arguments)
            let rows = try Row.fetchAll(statement).map { row in Array(row.databaseValues.map { ResultTable.Cell(Self.value($0)) }) }
            return ResultTable(columns: statement.columnNames, rows: rows)
        }
    }

    /// True when `sql` holds more than one statement: text after the first statement-ending semicolon (the store's
    /// files end each statement at a line's end and put no semicolon inside strings). GRDB prepares and caches one
    /// statement per text, so such a file runs statement by statement.
    static func holdsSeveralStatements(_ sql: String) -> Bool {
        sql.split(separator: "\n").filter { line in
            let code = line.split(separator: "--", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return code.trimmingCharacters(in: .whitespaces).hasSuffix(";")
        }.count > 1
    }

    /// SQLite's interruption (`FaceStore.interrupt()`) as `QueryInterrupted`.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError where error.isInterruptionError {
            throw QueryInterrupted()
        }
    }

    static func arguments(_ values: [String: SQLValue]) -> StatementArguments {
        StatementArguments(values.mapValues { value -> DatabaseValue in
            switch value {
            case .null: return .null
            case .integer(let v): return v.databaseValue
            case .real(let v): return v.databaseValue
            case .text(let v): return v.databaseValue
            case .blob(let v): return v.databaseValue
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let v): return .integer(v)
        case .double(let v): return .real(v)
        case .string(let v): return .text(v)
        case .blob(let v): return .blob(v)
        }
    }
}
