import Foundation
@testable import Store
@testable import StorePostgres
import TestSupport
import XCTest

/// What only the PostgreSQL backend has: its URL and password file, its statements, its locks and migrations. The
/// store's calls themselves are the other suites, run on PostgreSQL by `scripts/test` (`TestStores`).
final class PostgresStoreTests: XCTestCase {
    func testURLsAreReadAsLibpqReadsThemAndNeverShowThePassword() throws {
        let plain = try PostgresLocation(url: "postgresql://ana@db.example:6543/photos", environment: [:])
        XCTAssertEqual([plain.user, plain.host, "\(plain.port)", plain.database], ["ana", "db.example", "6543", "photos"])
        XCTAssertNil(plain.password)
        XCTAssertEqual(plain.tls, .prefer)
        let secret = try PostgresLocation(url: "postgres://ana:s%3Acret@10.0.0.1/photos?sslmode=require&schema=trip",
                                          environment: ["PGPASSWORD": "other"])
        XCTAssertEqual(secret.password, "s:cret")
        XCTAssertEqual([secret.port, 0], [5432, 0])
        XCTAssertEqual(secret.schema, "trip")
        XCTAssertEqual("\(secret)", "postgresql://ana@10.0.0.1:5432/photos?schema=trip")
        XCTAssertEqual(try PostgresLocation(url: "postgresql://ana@h/photos", environment: ["PGPASSWORD": "pw"]).password, "pw")
        let socket = try PostgresLocation(url: "postgresql:///photos?host=/var/run/postgresql", environment: ["USER": "ana"])
        XCTAssertEqual([socket.host, socket.user, socket.tls.rawValue], ["/var/run/postgresql", "ana", "disable"])
        XCTAssertThrowsError(try PostgresLocation(url: "postgresql://ana@h/photos?sslmode=maybe", environment: [:]))
        XCTAssertThrowsError(try PostgresLocation(url: "postgresql://ana@h:0/photos", environment: [:]))
        let six = try PostgresLocation(url: "postgresql://ana@[::1]:6543/photos", environment: [:])
        XCTAssertEqual([six.host, "\(six)"], ["::1", "postgresql://ana@[::1]:6543/photos"])
        XCTAssertThrowsError(try PostgresLocation(url: "postgresql://ana@h/photos?schema=a&schema=b", environment: [:]))
        // A misspelt option is an error, not a store in the default schema.
        XCTAssertThrowsError(try PostgresLocation(url: "postgresql://ana@h/photos?schma=trip", environment: [:])) { error in
            XCTAssertEqual("\(error)", "unknown option ?schma= (known: dbname, host, port, schema, sslmode, user)")
        }
    }

    func testThePasswordFileMatchesHostPortDatabaseAndUserWithWildcardsAndEscapes() {
        let file = """
            # comment
            other:5432:*:ana:wrong
            db.example:6543:photos:ana:first
            *:*:*:ana:we\\:ll\\\\done
            """
        XCTAssertEqual(PostgresLocation.password(in: file, host: "db.example", port: 6543, database: "photos", user: "ana"), "first")
        XCTAssertEqual(PostgresLocation.password(in: file, host: "x", port: 1, database: "y", user: "ana"), "we:ll\\done")
        XCTAssertNil(PostgresLocation.password(in: file, host: "x", port: 1, database: "y", user: "bo"))
    }

    func testStatementsAreSplitAndTheirNamedParametersNumbered() {
        let statements = PostgresStatement.split("""
            -- a comment with :not_a_parameter; and a semicolon
            SELECT :b, ':x;y', "we;ird", :a::text, CAST(:b AS TEXT) FROM t WHERE c = :a;
            DO $$ BEGIN EXECUTE 'x;y'; END $$;
            ;
            """)
        XCTAssertEqual(statements.count, 2)
        XCTAssertEqual(statements[0].names, ["b", "a"])
        XCTAssertTrue(statements[0].sql.contains("SELECT $1, ':x;y', \"we;ird\", $2::text, CAST($1 AS TEXT) FROM t WHERE c = $2"),
                      statements[0].sql)
        XCTAssertEqual(statements[1].names, [])
        XCTAssertTrue(statements[1].sql.contains("DO $$ BEGIN EXECUTE 'x;y'; END $$"), statements[1].sql)
    }

    /// Every SQL file the store runs splits into statements, and a file read as a query holds one.
    func testEveryPostgreSQLFileSplits() {
        for name in EmbeddedSQL.files.keys where !name.hasPrefix("migrations/") {
            let file = String(name.dropLast(".sql".count)).replacingOccurrences(of: "postgresql/", with: "")
            XCTAssertFalse(PostgresStatement.split(SQLText.text(file, for: .postgresql)).isEmpty, name)
        }
    }

    // MARK: On a server

    /// A fresh schema on the test server, or a skip (a failure in CI, which starts one).
    private func freshURL() throws -> String {
        guard let url = TestStores.freshPostgresURL() else {
            if TestStores.postgresRequired {
                XCTFail("FACE_NETWORK_TEST_POSTGRES is not set, but this run requires PostgreSQL (scripts/postgres starts one)")
            }
            throw XCTSkip("no PostgreSQL server: set FACE_NETWORK_TEST_POSTGRES=$(scripts/postgres) to run this test")
        }
        return url
    }

    private func open(_ url: String, writing: Bool = false) throws -> FaceStore { try Self.open(url, writing: writing) }

    private static func open(_ url: String, writing: Bool = false) throws -> FaceStore {
        try FaceStore(backend: try PostgresBackend(place: try PostgresLocation(url: url), writing: writing))
    }

    /// A command that only reads never makes a store: a schema without one is refused, and not created.
    func testReadersRefuseASchemaWithoutAStore() throws {
        let url = try freshURL()
        XCTAssertThrowsError(try PostgresBackend(place: try PostgresLocation(url: url), creating: false)) { error in
            XCTAssertTrue("\(error)".hasSuffix("it holds no face-network store yet: run face-network extract (or run) "
                                              + "with this --db first"), "\(error)")
        }
        _ = try open(url).counts()   // a writer makes it
        XCTAssertEqual(try PostgresBackend(place: try PostgresLocation(url: url), creating: false).dialect, .postgresql)
    }

    func testNewStoresOpenedAtOnceAreMigratedOnce() throws {
        let url = try freshURL()
        final class Errors: @unchecked Sendable { var list: [String] = []; let lock = NSLock() }
        let errors = Errors()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do { _ = try Self.open(url).counts() } catch {
                errors.lock.lock(); errors.list.append("\(error)"); errors.lock.unlock()
            }
        }
        XCTAssertEqual(errors.list, [])
        let store = try open(url)
        XCTAssertEqual(try store.read { try $0.column("store/migrations_applied") as [String] },
                       SQLText.migrations(for: .postgresql).map(\.name))
        XCTAssertEqual(try store.counts(), StoreCounts(photos: 0, faces: 0, people: 0, assignedFaces: 0, edges: 0, failures: 0))
    }

    func testTheWriterLockIsTheServersAndGoesWithTheConnection() throws {
        let url = try freshURL()
        var writer: FaceStore? = try open(url, writing: true)
        XCTAssertThrowsError(try open(url, writing: true)) { error in
            XCTAssertEqual("\(error)", "another face-network command is writing \(writer!.path); wait for it to finish, or use another --db")
        }
        XCTAssertEqual(try open(url).counts().photos, 0)   // readers are not held back
        // The store of another archive in the same database (another schema) has a lock of its own.
        XCTAssertNotNil(try open(try freshURL(), writing: true))
        writer = nil                                        // its connection closes: the server lets the lock go
        XCTAssertNotNil(try open(url, writing: true))
    }

    /// Ends the server session of `store` from another connection (as a server restart or the idle-in-transaction
    /// timeout does), and waits until the store's connection has seen it close.
    private static func endSession(of store: FaceStore, url: String) throws -> Int64 {
        try endSession(pid: try store.read { try $0.one("store/server_pid") }!, url: url)
    }

    private static func endSession(pid: Int64, url: String) throws -> Int64 {
        let other = try PostgresBackend.connect(try PostgresLocation(url: url))
        defer { try? other.close().wait() }
        try PostgresSession(connection: other).run(PostgresStatement.split("SELECT pg_terminate_backend(CAST(:pid AS INTEGER))")[0],
                                                   ["pid": .integer(pid)])
        Thread.sleep(forTimeInterval: 0.3)
        return pid
    }

    /// A session the server ends is replaced at the next call, with its schema and an extract worker's shared
    /// writer lock; a statement it ended under says the connection was lost; a command that wrote alone stops.
    func testASessionTheServerEndsIsReplacedUnlessItWroteAlone() throws {
        let url = try freshURL()
        do {
            let worker = try FaceStore(backend: try PostgresBackend(place: try PostgresLocation(url: url), writing: true,
                                                                    shared: true))
            try worker.queuePhotos([QueuedFile(path: "a.jpg", fileSize: 1, modifiedAt: 0)], walkStarted: 0)
            let first = try Self.endSession(of: worker, url: url)
            XCTAssertEqual(try worker.openQueue().queued, 1)   // the store's schema, on a new connection
            let second: Int64 = try worker.read { try $0.one("store/server_pid") }!
            XCTAssertNotEqual(first, second)
            // It holds the shared writer lock again: no command can take it alone.
            XCTAssertThrowsError(try open(url, writing: true)) { error in
                XCTAssertTrue("\(error)".hasPrefix("another face-network command is writing"), "\(error)")
            }

            XCTAssertEqual(worker.reconnections, 1)

            // A read running when the session ends is read again on a new connection.
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { _ = try? Self.endSession(pid: second, url: url) }
            let slow = try worker.read { db in
                try (db as! PostgresSession).run(PostgresStatement.split("SELECT pg_sleep(1.5), 7 AS seven")[0], [:])
            }
            XCTAssertEqual(slow.rows.first?.last, .integer(7))
            XCTAssertEqual(worker.reconnections, 2)

            // A write running when it ends is lost, its outcome unknown (the caller decides whether to write again);
            // the next call works.
            let third: Int64 = try worker.read { try $0.one("store/server_pid") }!
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { _ = try? Self.endSession(pid: third, url: url) }
            XCTAssertThrowsError(try worker.write { db in
                try (db as! PostgresSession).run(PostgresStatement.split("SELECT pg_sleep(10)")[0], [:])
            }) { error in
                guard case StoreError.connectionLost(let reason) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(reason, "the server ended this session (it is shutting down or restarting, or an "
                               + "administrator ended it): terminating connection due to administrator command "
                               + "[SQLSTATE 57P01]")
            }
            XCTAssertEqual(try worker.openQueue().queued, 1)
            XCTAssertEqual(worker.reconnections, 3)
        }   // the worker's connection closes: its lock goes

        // Writing alone (cluster, people edits): the lock may be another's by now, so it stops.
        let alone = try open(url, writing: true)
        _ = try Self.endSession(of: alone, url: url)
        XCTAssertThrowsError(try alone.openQueue()) { error in
            XCTAssertEqual("\(error)", "the connection to the server was lost (the server stopped or restarted, or the "
                           + "network failed); this command wrote the store alone and stops here: run it again")
        }
    }

    func testADatabaseOfAnotherProgramIsRefused() throws {
        let url = try freshURL()
        let place = try PostgresLocation(url: url)
        // The schema made by hand, holding another program's table.
        let connection = try PostgresBackend.connect(place)
        defer { try? connection.close().wait() }
        let session = PostgresSession(connection: connection)
        try session.execute("store/schema_use", ["schema": .text(place.schema!)])
        try session.run(PostgresStatement.split("CREATE TABLE invoices (id BIGINT PRIMARY KEY)")[0], [:])
        XCTAssertThrowsError(try open(url)) { error in
            XCTAssertEqual("\(error)", "cannot open the database \(place): the database holds tables of another program, "
                           + "not a face-network store")
        }
    }

    func testAWrongPasswordOrServerIsACleanErrorWithoutThePassword() throws {
        _ = try freshURL()
        let unreachable = "postgresql://ana:hunter2@127.0.0.1:1/photos?sslmode=disable"
        XCTAssertThrowsError(try open(unreachable)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot open the database postgresql://ana@127.0.0.1:1/photos: "), "\(error)")
            XCTAssertFalse("\(error)".contains("hunter2"))
        }
    }
}
