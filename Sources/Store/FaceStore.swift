import Foundation
import GRDB

/// The SQLite store of one photo collection: photos, faces and descriptors, runs, failures, people and edges.
///
/// Opened in WAL mode so that readers (the query shell, exports) never block a running extraction. Every write that
/// belongs together (a photo and its faces; a clustering and its people) is one transaction, so a run killed at any
/// moment leaves the database as it was before that photo or clustering began.
public final class FaceStore: Sendable {
    /// Default location of the store for a photo folder: `<photos>/Face Network/Data/FaceNetwork.sqlite`.
    public static func defaultPath(forPhotos photos: URL) -> URL {
        CollectionLayout(photos: photos).store
    }

    let pool: DatabasePool
    public let path: String
    /// True when the store's file or folder cannot be written (an archive on read-only media, another user's
    /// store): it is opened to read, and every command that would change it stops with `StoreError.readOnly`.
    public let isReadOnly: Bool
    let runLock: RunLock

    /// Opens (creating when needed) the store at `path` and applies pending migrations from `sql/migrations`.
    /// Several processes may open one store, new or not, at the same moment (see `Migrations`). An existing store
    /// that cannot be written is opened read-only (`isReadOnly`). With `writing` (a command that will record a run:
    /// extract, cluster, network), the run lock (`RunLock`) is taken first, so that of two commands started
    /// together on a new folder the first one to open the store is the one that runs.
    /// - Throws: `StoreError.cannotOpen` when the file cannot be created, is not a SQLite database, belongs to
    ///   another program (left as it was), was made by a newer face-network, or is read-only and made by an older
    ///   one; with `writing`, `StoreError.busy` when another command is writing it and `StoreError.readOnly`.
    public init(path: String, writing: Bool = false) throws {
        self.path = path
        runLock = RunLock(storePath: path)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let folderWritable = access(folder, W_OK) == 0
        let exists = FileManager.default.fileExists(atPath: path)
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
                try runLock.acquire(patience: 1)
            }
            if isReadOnly {
                pool = try Self.openReadOnlyPool(path: path, folderWritable: folderWritable)
                try Self.refuseForeign(pool, path: path)
            } else {
                pool = try Self.openPool(path: path)
            }
            try Migrations.apply(to: pool, path: path, readOnly: isReadOnly)
            // Edges made before migration 004 lack the photos behind them; they are recomputed once. The check
            // reads, so opening a store to read it never waits for a writer.
            let orphaned = """
                SELECT EXISTS (SELECT 1 FROM edges) AND NOT EXISTS (SELECT 1 FROM edge_photos)
                """
            if !isReadOnly, try pool.read({ try Bool.fetchOne($0, sql: orphaned) }) == true {
                try pool.write { db in
                    if try Bool.fetchOne(db, sql: orphaned) == true { try db.execute(sql: SQLText["queries/edges_rebuild"]) }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
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

    /// Runs `updates` in a write transaction.
    /// - Throws: `StoreError.readOnly` on a store opened read-only; the database's errors.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        return try pool.write(updates)
    }

    // MARK: Runs

    /// Records the start of a command that writes the store; returns the run id to pass to `finishRun`.
    ///
    /// The first run of a process takes the store's run lock (see `RunLock`) and keeps it while the store is open.
    /// Holding it, any run still marked `running` belongs to a process that died, so it is marked `interrupted`.
    /// Run statuses: `running`, `finished`, `failed`, `interrupted`.
    /// - Throws: `StoreError.busy` when another process is writing this store.
    public func beginRun(command: String, parameters: [String: String], modelChecksums: [String: String],
                         toolVersion: String) throws -> Int64 {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        try runLock.acquire()
        return try pool.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            try db.execute(
                sql: """
                INSERT INTO runs (command, parameters, model_checksums, tool_version, started_at)
                VALUES (?, ?, ?, ?, ?)
                """,
                arguments: [command, Self.json(parameters), Self.json(modelChecksums), toolVersion, Self.now()])
            return db.lastInsertedRowID
        }
    }

    public func finishRun(_ id: Int64, status: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?",
                           arguments: [Self.now(), status, id])
        }
    }

    // MARK: Totals

    public func counts() throws -> StoreCounts {
        try pool.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return StoreCounts(
                photos: try count("SELECT COUNT(*) FROM photos"),
                faces: try count("SELECT COUNT(*) FROM faces"),
                people: try count("SELECT COUNT(*) FROM people"),
                assignedFaces: try count("SELECT COUNT(*) FROM face_people"),
                edges: try count("SELECT COUNT(*) FROM edges"),
                failures: try count("SELECT COUNT(*) FROM failures"),
                cropsNotSaved: try count("SELECT COUNT(*) FROM faces WHERE crop_error IS NOT NULL"))
        }
    }

    // MARK: Helpers

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    static func json(_ object: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// Totals shown at the end of a run.
public struct StoreCounts: Sendable, Equatable {
    public var photos: Int
    public var faces: Int
    public var people: Int
    public var assignedFaces: Int
    public var edges: Int
    public var failures: Int
    /// Faces whose crop could not be written (`faces.crop_error`).
    public var cropsNotSaved: Int = 0
}
