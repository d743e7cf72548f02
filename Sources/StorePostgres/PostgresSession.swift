import Foundation
import NIOCore
import PostgresNIO
import Store

/// The store's SQL files on one PostgreSQL connection: `sql/postgresql/<name>.sql` where PostgreSQL has its own
/// words, else the shared file, split into statements with numbered parameters.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection

    func execute(_ file: String, _ arguments: [String: SQLValue]) throws {
        for statement in Self.statements(file) { _ = try run(statement, arguments) }
    }

    func rows(_ file: String, _ arguments: [String: SQLValue]) throws -> [SQLRow] {
        let result = try query(file, arguments)
        return result.rows.map { SQLRow(columns: result.columns, values: $0) }
    }

    func table(_ file: String, _ arguments: [String: SQLValue]) throws -> ResultTable {
        let result = try query(file, arguments, columnsWithoutRows: true)
        return ResultTable(columns: result.columns, rows: result.rows.map { $0.map(ResultTable.Cell.init) })
    }

    /// The result of the last statement of `file` (a query file holds one).
    private func query(_ file: String, _ arguments: [String: SQLValue], columnsWithoutRows: Bool = false) throws -> Result {
        var last = Result(columns: [], rows: [])
        for statement in Self.statements(file) { last = try run(statement, arguments, columnsWithoutRows: columnsWithoutRows) }
        return last
    }

    struct Result: Sendable {
        var columns: [String]
        var rows: [[SQLValue]]
    }

    /// Runs one statement with its parameters bound from `arguments` by name. The columns of a result come from its
    /// rows, unless `columnsWithoutRows` (a table shown with no rows still names its columns).
    @discardableResult
    func run(_ statement: PostgresStatement, _ arguments: [String: SQLValue], columnsWithoutRows: Bool = false) throws
        -> Result {
        var binds = PostgresBindings(capacity: statement.names.count)
        for name in statement.names {
            guard let value = arguments[name] else {
                preconditionFailure("no value for :\(name) in \(statement.sql)")
            }
            switch value {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .real(let v): binds.append(v)
            case .text(let v): binds.append(v)
            case .blob(let v): binds.append(ByteBuffer(bytes: v))
            }
        }
        let query = PostgresQuery(unsafeSQL: statement.sql, binds: binds)
        let connection = self.connection
        do {
            // Waiting on the connection's own future: no hop through Swift's concurrency pool, which made the store's
            // many small statements (a dozen per photo stored) cost twice the processor time.
            guard !connection.isClosed else { throw Self.connectionLost }
            if !columnsWithoutRows {
                let result = try Self.waitWhileOpen(connection, connection.query(query, logger: PostgresBackend.logger))
                return Result(columns: result.rows.first.map { $0.map(\.columnName) } ?? [],
                              rows: result.rows.map { $0.map(Self.value) })
            }
            return try blocking(while: connection) {
                let sequence = try await connection.query(query, logger: PostgresBackend.logger)
                var rows: [[SQLValue]] = []
                for try await row in sequence { rows.append(row.map(Self.value)) }
                return Result(columns: sequence.columns.map(\.name), rows: rows)
            }
        } catch let error as PSQLError {
            let state = error.serverInfo?[.sqlState]
            if state == "57014" { throw QueryInterrupted() }   // query_canceled: FaceStore.interrupt()
            if connection.isClosed || Self.endsTheSession(error) {
                // A session the server ended may not look closed yet: closed here, so that the backend's next call
                // makes a new connection.
                try? connection.close().wait()
                throw StoreError.connectionLost(reason: PostgresBackend.message(error))
            }
            throw PostgresStoreError(description: PostgresBackend.message(error), sqlState: state)
        }
    }

    /// A cell as the store reads it: integers, booleans (0/1), floating point and numeric, text, bytes.
    static func value(_ cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map { .integer($0) } ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map { .integer($0 ? 1 : 0) } ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map { .real($0) } ?? .null
        case .numeric:
            // SUM and AVG of integers: exact whole numbers read as integers.
            guard let number = try? cell.decode(Decimal.self) else { return .null }
            let double = NSDecimalNumber(decimal: number).doubleValue
            return double.rounded() == double && abs(double) < 9e15 ? .integer(Int64(double)) : .real(double)
        case .bytea:
            return (try? cell.decode(ByteBuffer.self)).map { .blob(Data($0.readableBytesView)) } ?? .null
        default:
            return (try? cell.decode(String.self)).map { .text($0) } ?? .null
        }
    }

    private static let cache = StatementCache()

    /// The statements of `file` for PostgreSQL, split and numbered once per process.
    static func statements(_ file: String) -> [PostgresStatement] {
        cache.statements(file) { PostgresStatement.split(SQLText.text(file, for: .postgresql)) }
    }
}

/// Split statements by file name.
private final class StatementCache: @unchecked Sendable {
    private var byFile: [String: [PostgresStatement]] = [:]
    private let lock = NSLock()

    func statements(_ file: String, make: () -> [PostgresStatement]) -> [PostgresStatement] {
        lock.lock(); defer { lock.unlock() }
        if let known = byFile[file] { return known }
        let made = make()
        byFile[file] = made
        return made
    }
}

extension PostgresSession {
    /// The error of a statement whose connection closed under it: the server stopped, or the network failed.
    static let connectionLost = StoreError.connectionLost(
        reason: "the connection to the server was lost (the server stopped or restarted, or the network failed)")

    /// Whether `error` ends the session: the connection closed, or the server ended it (SQLSTATE class 08,
    /// connection exception; 57P01–57P03, shut down or not accepting connections; 25P03, idle in a transaction
    /// too long: https://www.postgresql.org/docs/15/errcodes-appendix.html).
    static func endsTheSession(_ error: PSQLError) -> Bool {
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown: return true
        default: break
        }
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "25P03"].contains(state)
    }

    /// Waits for `future` on this thread, looking every second whether `connection` closed meanwhile: a statement
    /// sent as the server went away may never be answered, and a worker must then stop with an error, not wait for
    /// ever.
    static func waitWhileOpen<T: Sendable>(_ connection: PostgresConnection, _ future: EventLoopFuture<T>) throws -> T {
        let outcome = Outcome<T>(), done = DispatchSemaphore(value: 0)
        future.whenComplete { result in
            outcome.result = result.mapError { $0 }
            done.signal()
        }
        try wait(for: done, while: connection)
        return try outcome.result!.get()
    }

    /// Waits for `done`, looking each second whether `connection` closed meanwhile (then one second more for an
    /// answer already on its way).
    /// - Throws: `connectionLost` when it closed without an answer.
    static func wait(for done: DispatchSemaphore, while connection: PostgresConnection?) throws {
        while done.wait(timeout: .now() + 1) == .timedOut {
            if let connection, connection.isClosed, done.wait(timeout: .now() + 1) == .timedOut { throw connectionLost }
        }
    }
}

/// Runs `operation` on Swift's concurrency pool and waits for it on this (non-pool) thread: the store's calls are
/// synchronous, PostgresNIO's queries asynchronous. Gives up when `connection` closes meanwhile
/// (`PostgresSession.waitWhileOpen`).
func blocking<T: Sendable>(while connection: PostgresConnection? = nil,
                           _ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>(), done = DispatchSemaphore(value: 0)
    Task.detached {
        do { outcome.result = .success(try await operation()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    try PostgresSession.wait(for: done, while: connection)
    return try outcome.result!.get()
}

/// What `blocking`'s task hands back to the waiting thread (written before the semaphore is signalled).
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
