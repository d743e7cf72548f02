import Foundation
import GRDB

/// A store in one SQLite file through GRDB: the embedded default.
///
/// Opened in WAL mode so that readers (the query shell, exports) never block a running extraction. One command
/// writes at a time, holding the run lock (`RunLock`).
public final class SQLiteBackend: SQLBackend {
    public var dialect: SQLDialect { .sqlite }
    public var location: String { path }
    public let path: String
    public let isReadOnly: Bool
    let pool: DatabasePool
    let runLock: RunLock

    /// Opens (creating when needed) the store at `path` and applies pending migrations from `sql/migrations`.
    /// Several processes may open one store, new or not, at the same moment (see `Migrations`). An existing store
    /// that cannot be written is opened read-only (`isReadOnly`). With `writing` (a command that will record a run:
    /// extract, cluster, network), the run lock (`RunLock`) is taken first, so that of two commands started
    /// together on a new folder the first one to open the store is the one that runs.
    /// - Throws: `StoreError.cannotOpen` when the file cannot be created, is not a SQLite database, belongs to
    ///   another program (left as it was), was made by a newer face-network, or is read-only and made by an older
    ///   one; with `writing`, `StoreError.busy` when another command is still writing it after `patience` seconds,
    ///   and `StoreError.readOnly`.
    public init(path: String, writing: Bool = false, patience: TimeInterval = 1) throws {
        self.path = path
        runLock = RunLock(storePath: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // The file first, then its folder: a store that exists has a folder. In the other order, a command opening
        // a new store while another creates it found the folder missing (not writable), then the file there, and
        // took the half-made store for a read-only one from an older version.
        let exists = FileManager.default.fileExists(atPath: path)
        let folderWritable = access(folder, W_OK) == 0
        isReadOnly = exists && (access(path, W_OK) != 0 || !folderWritable)
        do {
            if writing, isReadOnly { throw StoreError.readOnly(path: path) }
            // A file that is no store of ours (a photo, a text file, another program's SQLite, a newer version's
            // store) is refused before anything is written beside it: no lock file, no WAL, no tables.
            if exists, !isReadOnly {
                try Self.refuseUnusable(try DatabaseQueue(path: path, configuration: Self.readOnlyConfiguration()), path: path)
            }
            if !isReadOnly { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            if writing {
                // A moment's patience: a reader checking whether the store is being written holds the lock file
                // for a few microseconds (`isBeingWritten`); a writer is refused only when another one runs.
                try runLock.acquire(patience: max(1, patience))
            }
            if isReadOnly {
                pool = try Self.openReadOnlyPool(path: path, folderWritable: folderWritable)
                try Self.refuseForeign(pool, path: path)
            } else {
                pool = try Self.openPool(path: path)
            }
            try Migrations.apply(to: pool, path: path, readOnly: isReadOnly)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
    }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.read { db in try body(GRDBSession(db: db)) }
    }

    /// SQLite reads in process: a read transaction costs nothing, so this is `read`.
    public func readStatement<T>(_ body: (any SQLSession) throws -> T) throws -> T { try read(body) }

    public func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        return try pool.write { db in try body(GRDBSession(db: db)) }
    }

    /// SQLite's file lock is taken alone, `shared` or not: one process writes a SQLite store at a time.
    public func acquireWriterLock(patience: TimeInterval, shared: Bool) throws -> Bool {
        try runLock.acquire(patience: patience)
    }

    public func releaseWriterLock() { runLock.release() }

    public var writesAlone: Bool { runLock.isHeldHere }

    public func interrupt() { pool.interrupt() }

    /// Every table, index and view as the `CREATE` statement SQLite keeps, in the order they were made (the
    /// migration log left out).
    public func schema() throws -> [String] {
        try pool.read { db in try GRDBSession(db: db).column("store/sqlite_schema") }
    }

    /// SQLite's checks of the file: `PRAGMA integrity_check` (pages, records, indexes; at most 100 messages) and
    /// `PRAGMA foreign_key_check` (rows that point at rows that are not there). An error while checking (a file
    /// too damaged to read) is itself a problem.
    public func integrityProblems() -> [StoreProblem] {
        let remedy = FaceStore.damagedFileRemedy(path: path)
        do {
            return try pool.read { db in
                var problems: [StoreProblem] = []
                for message in try String.fetchAll(db, sql: "PRAGMA integrity_check(100)") where message != "ok" {
                    problems.append(StoreProblem(problem: "SQLite's integrity check: \(message)", remedy: remedy))
                }
                for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                    let table: String = row["table"], parent: String = row["parent"]
                    let rowID: Int64? = row["rowid"]
                    problems.append(StoreProblem(
                        problem: "row \(rowID.map(String.init) ?? "?") of \(table) points at a row of \(parent) that is not there",
                        remedy: remedy))
                }
                return problems
            }
        } catch {
            return [StoreProblem(problem: "SQLite's integrity check stopped: \(FaceStore.message(error))", remedy: remedy)]
        }
    }

    /// True when another command is writing the store at `path` now (it holds the run lock).
    public static func isBeingWritten(path: String) -> Bool { RunLock.isHeld(storePath: path) }

    /// Opens the pool, waiting out another process that is turning a new store to WAL mode at the same moment.
    ///
    /// SQLite answers `PRAGMA journal_mode = WAL` with SQLITE_BUSY without calling the busy handler when another
    /// connection holds the file's lock (two commands creating one store at once), so that one case is retried here
    /// for up to 30 s, the busy timeout every other statement gets.
    private static func openPool(path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(30)
        let deadline = Date().addingTimeInterval(30)
        while true {
            do {
                return try DatabasePool(path: path, configuration: config)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// `refuseForeign`, then refuses a store made by a newer face-network (`Migrations.pending`); reads only.
    private static func refuseUnusable(_ reader: any DatabaseReader, path: String) throws {
        try refuseForeign(reader, path: path)
        _ = try reader.read { try Migrations.pending($0, path: path) }
    }

    /// A store is empty or carries the migration log; any other SQLite file with tables is another program's.
    private static func refuseForeign(_ reader: any DatabaseReader, path: String) throws {
        let foreign = try reader.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')
                   AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '\(Migrations.logTable)')
                """) ?? false
        }
        if foreign {
            throw StoreError.cannotOpen(path: path, reason: "it is a SQLite database of another program, not a face-network store")
        }
    }

    private static func readOnlyConfiguration() -> Configuration {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        return config
    }

    /// Opens an existing store that this process cannot write. SQLite reads a WAL-mode database through its
    /// `-shm` index, which it creates when it is missing: in a read-only folder it cannot, and in a writable one
    /// it would leave `-wal` and `-shm` files with the store's read-only mode, which then stop its owner from
    /// writing it. So a store whose `-wal` file is empty or absent (every command that wrote it has ended) is
    /// opened as immutable (https://www.sqlite.org/uri.html#uriimmutable), which needs neither; one with changes
    /// still in its `-wal` file is opened as it is, or refused when that fails, since immutable would read it
    /// without them.
    private static func openReadOnlyPool(path: String, folderWritable: Bool) throws -> DatabasePool {
        let config = readOnlyConfiguration()
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard walSize == 0 else {
            do {
                return try DatabasePool(path: path, configuration: config)
            } catch let error as DatabaseError where !folderWritable {
                throw StoreError.cannotOpen(
                    path: path, reason: "its folder is read-only and it holds changes not yet merged into it "
                        + "(\(URL(fileURLWithPath: path).lastPathComponent)-wal, \(error.message ?? "\(error)")); "
                        + "open it once where it can be written")
            }
        }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return try DatabasePool(path: "file:\(escaped)?immutable=1", configuration: config)
    }
}

extension FaceStore {
    /// The GRDB pool of a SQLite store, for tests that reach under the store's calls (to damage it on purpose).
    /// - Precondition: the store is a SQLite one.
    var pool: DatabasePool {
        guard let sqlite = backend as? SQLiteBackend else { preconditionFailure("not a SQLite store") }
        return sqlite.pool
    }
}
