import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Store

/// A store in a PostgreSQL database through PostgresNIO: one schema shared by every machine that opens the same
/// URL (`docs/scale-out.md`).
///
/// One connection per process, used by one transaction at a time (calls from several threads wait their turn). The
/// store's SQL files run with their `:name` parameters numbered (`PostgresStatement`), every value bound. Migrations
/// (`sql/postgresql/migrations`) run in one transaction under a transaction-level advisory lock, so processes opening
/// a new database at once create it once. The writer lock is a session-level advisory lock: the server lets it go
/// when the connection ends, however the process ends.
///
/// A connection that closed (the server restarted or ended the session, the network failed) is replaced at the
/// start of the next transaction, for up to `reconnectPatience` seconds, unless this process held the writer lock
/// alone: its work assumed no other writer, and another may have taken the lock meanwhile. A statement the
/// connection closed under throws `StoreError.connectionLost` (its transaction's outcome unknown).
public final class PostgresBackend: SQLBackend, @unchecked Sendable {
    public var dialect: SQLDialect { .postgresql }
    public var location: String { place.description }
    public let isReadOnly: Bool
    let place: PostgresLocation
    /// Guarded by `lock`; replaced by `reconnect()`.
    private var connection: PostgresConnection
    /// The server process of `connection`, for `interrupt()` (which runs while another thread holds `lock`).
    private let serverPID = NIOLockedValueBox<Int64>(0)
    /// Seconds `reconnect()` keeps trying (a server restart takes a few).
    public static let reconnectPatience: TimeInterval = 60
    private var reconnected = 0
    /// Whether the last `reconnect()` gave up: the next tries once without waiting (a process ending after the
    /// error, or a shell's next statement, does not wait a minute more).
    private var gaveUp = false
    public var reconnections: Int {
        lock.lock(); defer { lock.unlock() }
        return reconnected
    }
    /// Guards `depth` and the connection: one transaction at a time, re-entered by the thread that holds it.
    private let lock = NSRecursiveLock()
    private var depth = 0
    /// How this process holds the writer lock now: not, shared (extract workers) or alone.
    private var writerLock: WriterLockHold = .none
    private enum WriterLockHold { case none, shared, exclusive }

    static let logger: Logger = {
        var logger = Logger(label: "face-network.postgresql")
        logger.logLevel = .critical
        return logger
    }()

    /// Connects to `place`, applies pending migrations and, with `writing` (a command that records a run), takes the
    /// writer lock: `shared` for extract workers, which run side by side, alone for every other writer.
    /// - Throws: `StoreError.cannotOpen` when the server cannot be reached or refuses the user, the database holds
    ///   another program's tables, or a newer face-network made it; `StoreError.busy` when another command writes
    ///   it; `StoreError.readOnly` with `writing` when the user may not change it.
    /// `creating: false` (the commands that only read) refuses a database or schema that holds no store yet, where
    /// the others make one. A connection lost while opening is made once more (opening again is harmless: the
    /// migrations applied are read first).
    public init(place: PostgresLocation, writing: Bool = false, shared: Bool = false, patience: TimeInterval = 1,
                creating: Bool = true) throws {
        self.place = place
        let opened = try againIfConnectionLost { try Self.open(place, creating: creating) }
        connection = opened.connection
        serverPID.withLockedValue { $0 = opened.pid }
        isReadOnly = opened.readOnly
        if writing {
            if isReadOnly { throw StoreError.readOnly(path: place.description) }
            _ = try againIfConnectionLost { try acquireWriterLock(patience: max(1, patience), shared: shared) }
        }
    }

    /// A connection to `place` set up as a store's (settings, schema, migrations), and whether its user may only
    /// read it. Errors as `init`'s; a lost connection is `StoreError.connectionLost`.
    private static func open(_ place: PostgresLocation, creating: Bool)
        throws -> (connection: PostgresConnection, pid: Int64, readOnly: Bool) {
        let connection: PostgresConnection
        do {
            connection = try Self.connect(place)
        } catch {
            throw StoreError.cannotOpen(path: place.description, reason: Self.message(error))
        }
        do {
            let session = PostgresSession(connection: connection)
            let pid: Int64 = try session.one("store/server_pid") ?? 0
            try session.execute("store/session_settings")
            if !creating, try session.one("store/store_present", ["schema": place.schema.map { .text($0) } ?? .null]) != 1 as Int64? {
                throw StoreError.cannotOpen(path: place.description, reason: "it holds no face-network store yet: run "
                                            + "face-network extract (or run) with this --db first")
            }
            if let schema = place.schema, !creating {
                try session.execute("store/schema_set", ["schema": .text(schema)])
            } else if let schema = place.schema {
                // Under the migrations' lock: two processes making one new schema at once would both try to create it.
                try session.execute("store/begin_write")
                do {
                    try session.execute("store/migrations_lock")
                    try session.execute("store/schema_use", ["schema": .text(schema)])
                    try session.execute("store/commit")
                } catch {
                    try? session.execute("store/rollback")
                    throw error
                }
            }
            // A reader of an up-to-date store changes nothing (a user allowed only to read it may use it).
            let upToDate = try !creating && Set(session.column("store/migrations_applied") as [String])
                .isSuperset(of: SQLText.migrations(for: .postgresql).map(\.name))
            if !upToDate { try Self.migrate(session, place: place) }
            return (connection, pid, try session.one("store/read_only") ?? 0 == 1)
        } catch let error as StoreError {
            try? connection.close().wait()
            throw error
        } catch {
            try? connection.close().wait()
            throw StoreError.cannotOpen(path: place.description, reason: Self.message(error))
        }
    }

    deinit { try? connection.close().wait() }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try againIfLost { try transaction("store/begin_read", body) }
    }

    public func readStatement<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try againIfLost {
            if depth == 0, connection.isClosed { try reconnect() }
            do {
                return try body(PostgresSession(connection: connection))
            } catch StoreError.connectionLost(let reason) where depth == 0 {
                throw lost(reason)
            }
        }
    }

    /// Runs `work` (a read: reading again changes nothing) with `lock` held, and again when the connection closed
    /// under it, on a new connection (`againIfConnectionLost`); not inside another transaction (lost with it).
    private func againIfLost<T>(_ work: () throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        guard depth == 0 else { return try work() }
        return try againIfConnectionLost(work)
    }

    public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.readOnly(path: location) }
        return try transaction("store/begin_write", body)
    }

    /// Runs `body` in a transaction begun by `begin`; a call made inside another (the same thread) joins it.
    private func transaction<T>(_ begin: String, _ body: (any SQLSession) throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        if depth > 0 {
            depth += 1; defer { depth -= 1 }
            return try body(PostgresSession(connection: connection))
        }
        if connection.isClosed { try reconnect() }
        let session = PostgresSession(connection: connection)
        depth = 1; defer { depth = 0 }
        do {
            try session.execute(begin)
            let result = try body(session)
            try session.execute("store/commit")
            return result
        } catch StoreError.connectionLost(let reason) {
            throw lost(reason)   // no rollback to send: the session (closed by PostgresSession) ended with it
        } catch {
            try? session.execute("store/rollback")
            throw error
        }
    }

    public func acquireWriterLock(patience: TimeInterval, shared: Bool) throws -> Bool {
        lock.lock(); defer { lock.unlock() }
        switch (writerLock, shared) {
        case (.exclusive, _), (.shared, true): return false
        case (.none, _), (.shared, false): break
        }
        if connection.isClosed { try reconnect() }
        let session = PostgresSession(connection: connection)
        // A shared hold is let go before waiting alone: two `run`s upgrading at once would otherwise wait for each
        // other for ever.
        if writerLock == .shared {
            _ = try? session.rows("store/writer_lock_release_shared", [:])
            writerLock = .none
        }
        let deadline = Date().addingTimeInterval(patience)
        let attempt = shared ? "store/writer_lock_try_shared" : "store/writer_lock_try"
        while try session.one(attempt) as Int64? != 1 {
            guard Date() < deadline else { throw StoreError.busy(path: location) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        writerLock = shared ? .shared : .exclusive
        return true
    }

    public func releaseWriterLock() {
        lock.lock(); defer { lock.unlock() }
        let session = PostgresSession(connection: connection)
        switch writerLock {
        case .none: return
        case .shared: _ = try? session.rows("store/writer_lock_release_shared", [:])
        case .exclusive: _ = try? session.rows("store/writer_lock_release", [:])
        }
        writerLock = .none
    }

    public var writesAlone: Bool {
        lock.lock(); defer { lock.unlock() }
        return writerLock == .exclusive
    }

    /// Asks the server, over a second connection, to cancel what this connection runs now (`pg_cancel_backend`).
    public func interrupt() {
        guard let other = try? Self.connect(place) else { return }
        _ = try? PostgresSession(connection: other).rows("store/cancel", ["pid": .integer(serverPID.withLockedValue { $0 })])
        try? other.close().wait()
    }

    /// The statements of the migrations that made the schema (PostgreSQL keeps no text of its own).
    public func schema() throws -> [String] {
        SQLText.migrations(for: .postgresql).flatMap { PostgresStatement.split($0.sql).map(\.sql) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0.uppercased().hasPrefix("CREATE") }
    }

    /// PostgreSQL checks every constraint as each row is written and keeps its own files consistent through its
    /// write-ahead log, so there is no file check to run; a server that cannot answer is the problem to report.
    public func integrityProblems() -> [StoreProblem] {
        do {
            _ = try read { try $0.rows("store/server_pid", [:]) }
            return []
        } catch {
            return [StoreProblem(problem: "the server does not answer: \(Self.message(error))",
                                 remedy: "check that the PostgreSQL server at \(location) runs and accepts this user")]
        }
    }

    /// Replaces a closed connection with a new one set up as `init` set up the first (this session's settings and
    /// schema, and the shared writer lock an extract worker held), trying every second for `reconnectPatience`
    /// seconds (once, after a call that gave up). Called with `lock` held, outside any transaction.
    /// - Throws: `StoreError.connectionLost` when this process held the writer lock alone; `StoreError.cannotOpen`
    ///   when no connection could be made in time (not worth waiting for again); `StoreError.busy` when another
    ///   command took the writer lock alone meanwhile.
    private func reconnect() throws {
        guard writerLock != .exclusive else { throw lost(PostgresSession.connectionLost.description) }
        try? connection.close().wait()
        let deadline = Date().addingTimeInterval(gaveUp ? 0 : Self.reconnectPatience)
        gaveUp = true   // until a new connection is made
        while true {
            do {
                let fresh = try Self.connect(place)
                do {
                    let session = PostgresSession(connection: fresh)
                    let pid: Int64 = try session.one("store/server_pid") ?? 0
                    try session.execute("store/session_settings")
                    if let schema = place.schema { try session.execute("store/schema_set", ["schema": .text(schema)]) }
                    // Another command may hold the lock alone for a moment (`cluster --wait` looking whether workers
                    // are still alive): waited for like the connection.
                    while writerLock == .shared, try session.one("store/writer_lock_try_shared") as Int64? != 1 {
                        guard Date() < deadline else {
                            writerLock = .none
                            throw StoreError.busy(path: location)
                        }
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                    connection = fresh
                    serverPID.withLockedValue { $0 = pid }
                    reconnected += 1
                    gaveUp = false
                    return
                } catch {
                    try? fresh.close().wait()
                    throw error
                }
            } catch {
                if case StoreError.busy = error { throw error }
                guard Date() < deadline else { throw Self.noNewConnection(error, place: place) }
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }

    /// The error of a statement the connection closed under: for a command that wrote alone, saying that it stops.
    private func lost(_ reason: String) -> StoreError {
        .connectionLost(reason: reason + (writerLock == .exclusive
                                          ? "; this command wrote the store alone and stops here: run it again" : ""))
    }

    private static func noNewConnection(_ error: Error, place: PostgresLocation) -> StoreError {
        .cannotOpen(path: place.description, reason: "the connection to the server was lost, and no new one could be "
                    + "made in \(Int(reconnectPatience)) s: \(message(error))")
    }

    // MARK: Opening

    static func connect(_ place: PostgresLocation) throws -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        if place.host.hasPrefix("/") {
            configuration = .init(unixSocketPath: place.host + "/.s.PGSQL.\(place.port)", username: place.user,
                                  password: place.password, database: place.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch place.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: place.host, port: place.port, username: place.user, password: place.password,
                                  database: place.database, tls: tls)
        }
        return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                              id: 1, logger: logger).wait()
    }

    /// Applies the migrations the database lacks, in one transaction under an advisory lock.
    private static func migrate(_ session: PostgresSession, place: PostgresLocation) throws {
        try session.execute("store/begin_write")
        do {
            try session.execute("store/migrations_lock")
            if try session.one("store/foreign_tables") ?? 0 > 0 {
                throw StoreError.cannotOpen(path: place.description,
                                            reason: "the database holds tables of another program, not a face-network store")
            }
            try session.execute("store/migrations_log")
            let applied = Set(try session.column("store/migrations_applied") as [String])
            let known = SQLText.migrations(for: .postgresql)
            if let newer = applied.subtracting(known.map(\.name)).sorted().first {
                throw StoreError.cannotOpen(path: place.description,
                                            reason: "a newer face-network made it (migration \(newer)); update face-network")
            }
            for migration in known where !applied.contains(migration.name) {
                for statement in PostgresStatement.split(migration.sql) { try session.run(statement, [:]) }
                try session.execute("store/migration_record", ["name": .text(migration.name)])
            }
            try session.execute("store/commit")
        } catch {
            try? session.execute("store/rollback")
            throw error
        }
    }

    /// What went wrong, in words: the server's message (with its SQLSTATE code and detail) or the connection's.
    static func message(_ error: Error) -> String {
        if let error = error as? PostgresStoreError { return error.description }
        if let error = error as? StoreError { return error.description }
        guard let error = error as? PSQLError else { return connectionMessage(error) }
        if let info = error.serverInfo, info[.sqlState] == "25P03" {
            return "the server ended this session: it stalled for more than 30 seconds inside a transaction (paused or "
                + "frozen), and its locks had to go; what it did not store is taken over by the other workers or the "
                + "next extract [SQLSTATE 25P03]"
        }
        if let info = error.serverInfo, let state = info[.sqlState], state.hasPrefix("57P0"), let message = info[.message] {
            return "the server ended this session (it is shutting down or restarting, or an administrator ended it): "
                + message + " [SQLSTATE \(state)]"
        }
        if let info = error.serverInfo, let message = info[.message] {
            return message + (info[.detail].map { " (\($0))" } ?? "") + (info[.sqlState].map { " [SQLSTATE \($0)]" } ?? "")
        }
        // PostgresNIO names these by its own identifiers; a user needs to know what to change.
        switch error.code {
        case .authMechanismRequiresPassword:
            return "the server asks for a password: set PGPASSWORD, or add host:port:database:user:password to "
                + "~/.pgpass (mode 0600)"
        case .unsupportedAuthMechanism:
            return "the server asks for a way of signing in that is not supported here (use scram-sha-256, md5, "
                + "password or trust in pg_hba.conf)"
        case .sslUnsupported:
            return "the server does not offer SSL: add ?sslmode=prefer or ?sslmode=disable to the URL"
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return PostgresSession.connectionLost.description
        default:
            break
        }
        if let underlying = error.underlying { return connectionMessage(underlying) }
        return "\(error.code)"
    }

    /// A connection that could not be made, in words (NIO's errors name their own types).
    private static func connectionMessage(_ error: Error) -> String {
        let text = "\(error)"
        if text.contains("Connection refused") {
            return "connection refused: is the server running and accepting connections at that host and port?"
        }
        if text.contains("Connection timed out") || text.contains("connectTimeout") {
            return "the server did not answer in time: check the host, the port and the network"
        }
        if text.contains("No such file or directory") {
            return "no server socket there: is the server running, and is ?host= its socket folder?"
        }
        if text.contains("NXDOMAIN") || text.contains("Name or service not known") || text.contains("unknown host") {
            return "the host name cannot be resolved"
        }
        return text
    }
}

/// A PostgreSQL error with the server's own words (PostgresNIO keeps them out of its errors' descriptions).
public struct PostgresStoreError: Error, CustomStringConvertible {
    public let description: String
    /// The SQLSTATE code (https://www.postgresql.org/docs/15/errcodes-appendix.html), when the server sent one.
    public let sqlState: String?
}
