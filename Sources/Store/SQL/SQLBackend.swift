import Foundation

/// The SQL a store is written in. Queries are files under `sql/` shared by both; where PostgreSQL needs other words
/// a file of the same name under `sql/postgresql/` replaces it (`SQLText`).
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgresql
}

/// One connection inside a transaction (or a read), running the store's SQL files by name with named arguments
/// (`:name` in the file, the name without its colon here). Values are always bound, never pasted into the SQL.
public protocol SQLSession {
    /// Runs every statement of `sql/<file>.sql`.
    func execute(_ file: String, _ arguments: [String: SQLValue]) throws
    /// The rows of the (one) query in `sql/<file>.sql`.
    func rows(_ file: String, _ arguments: [String: SQLValue]) throws -> [SQLRow]
    /// The same as a table: its column names (also when there are no rows) and its values, BLOBs as NULL.
    func table(_ file: String, _ arguments: [String: SQLValue]) throws -> ResultTable
}

extension SQLSession {
    public func execute(_ file: String) throws { try execute(file, [:]) }
    public func rows(_ file: String) throws -> [SQLRow] { try rows(file, [:]) }

    /// The first column of the first row, as `T` (nil when there is no row or the value is NULL).
    public func one<T: SQLValueConvertible>(_ file: String, _ arguments: [String: SQLValue] = [:]) throws -> T? {
        guard let row = try rows(file, arguments).first, let first = row.values.first else { return nil }
        return T(sqlValue: first)
    }

    /// The first column of every row, as `T`; rows whose value is NULL or not a `T` are left out.
    public func column<T: SQLValueConvertible>(_ file: String, _ arguments: [String: SQLValue] = [:]) throws -> [T] {
        try rows(file, arguments).compactMap { $0.values.first.flatMap(T.init(sqlValue:)) }
    }
}

/// A database server or file that keeps a store: SQLite (`SQLiteBackend`, the embedded default) or PostgreSQL
/// (the StorePostgres target). `FaceStore` holds the store's logic and speaks to one of these.
public protocol SQLBackend: AnyObject, Sendable {
    var dialect: SQLDialect { get }
    /// Where the store is, for messages: a file path, or a URL without its password.
    var location: String { get }
    /// True when the store can only be read (see `FaceStore.isReadOnly`).
    var isReadOnly: Bool { get }
    /// Runs `body` on a connection that sees one consistent state of the store.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// Runs `body`, which runs one statement, outside a transaction: one statement sees one consistent state by
    /// itself, and on a server a transaction's begin and end would be two more round trips.
    func readStatement<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// Runs `body` in one write transaction: all of it is committed, or none of it.
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// Takes the store's writer lock (one command writes a store at a time: SQLite's lock file, PostgreSQL's
    /// advisory lock), waiting up to `patience` seconds; returns false when this process held it already (a shared
    /// hold is turned into an exclusive one). `shared`: extract workers share it with each other (PostgreSQL; SQLite
    /// takes it alone either way) and exclude every other writer.
    /// - Throws: `StoreError.busy` when another process still holds it.
    func acquireWriterLock(patience: TimeInterval, shared: Bool) throws -> Bool
    /// Lets the writer lock go.
    func releaseWriterLock()
    /// True when this process holds the writer lock alone: no other process writes the store now.
    var writesAlone: Bool { get }
    /// How many times a closed connection was replaced by a new one (a server's; a file is never lost).
    var reconnections: Int { get }
    /// Stops the statements running now, from any thread; they throw `QueryInterrupted`.
    func interrupt()
    /// The schema as the database's own statements (tables, indexes, views), in the order they were made.
    func schema() throws -> [String]
    /// The database's own checks of its files or catalog, as problems.
    func integrityProblems() -> [StoreProblem]
}

extension SQLBackend {
    public var reconnections: Int { 0 }
}

/// A query stopped by `FaceStore.interrupt()`.
public struct QueryInterrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
