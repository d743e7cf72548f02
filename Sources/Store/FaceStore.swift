import Foundation

/// The store of one photo collection: photos, faces and descriptors, runs, failures, people and edges, in SQLite
/// (`SQLiteBackend`, the default) or PostgreSQL (the StorePostgres target), with the same SQL files and logic.
///
/// Every write that belongs together (a photo and its faces; a clustering and its people) is one transaction, so a
/// run killed at any moment leaves the database as it was before that photo or clustering began.
public final class FaceStore: Sendable {
    /// Default location of the store for a photo folder: `<photos>/Face Network/Data/FaceNetwork.sqlite`.
    public static func defaultPath(forPhotos photos: URL) -> URL {
        CollectionLayout(photos: photos).store
    }

    let backend: any SQLBackend
    /// Where the store is: the SQLite file's path, or the PostgreSQL URL without its password.
    public var path: String { backend.location }
    /// The store's SQL dialect.
    public var dialect: SQLDialect { backend.dialect }
    /// True when the store's file or folder cannot be written (an archive on read-only media, another user's
    /// store): it is opened to read, and every command that would change it stops with `StoreError.readOnly`.
    public var isReadOnly: Bool { backend.isReadOnly }
    /// How many times the connection to the store's server was lost and made again (`StoreError.connectionLost`).
    public var reconnections: Int { backend.reconnections }

    /// Opens the SQLite store at `path` (see `SQLiteBackend.init(path:writing:)`).
    public convenience init(path: String, writing: Bool = false, patience: TimeInterval = 1) throws {
        try self.init(backend: try SQLiteBackend(path: path, writing: writing, patience: patience))
    }

    /// A store on an open, migrated `backend`. Edges made before migration 004 lack the photos behind them; they
    /// are recomputed once. The check reads, so opening a store to read it never waits for a writer.
    public init(backend: any SQLBackend) throws {
        self.backend = backend
        if !backend.isReadOnly, try backend.read({ try $0.one("store/edges_orphaned") as Int64? }) == 1 {
            try backend.write { db in
                if try db.one("store/edges_orphaned") as Int64? == 1 { try db.execute("queries/edges_rebuild") }
            }
        }
    }

    /// True when another command is writing the SQLite store at `path` now (it holds the run lock).
    public static func isBeingWritten(path: String) -> Bool { SQLiteBackend.isBeingWritten(path: path) }

    /// Runs `updates` in a write transaction.
    /// - Throws: `StoreError.readOnly` on a store opened read-only; the database's errors.
    func write<T>(_ updates: (any SQLSession) throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        return try backend.write(updates)
    }

    /// Runs `reads` on one consistent state of the store.
    func read<T>(_ reads: (any SQLSession) throws -> T) throws -> T {
        try backend.read(reads)
    }

    // MARK: Runs

    /// Records the start of a command that writes the store; returns the run id to pass to `finishRun`.
    ///
    /// The first run of a process takes the store's writer lock (see `SQLBackend.acquireWriterLock`; shared by
    /// `extract` runs, alone for the rest) and keeps it while the store is open. Holding it alone, any run still
    /// marked `running` belongs to a process that died, so it is marked `interrupted`. Run statuses: `running`,
    /// `finished`, `failed`, `interrupted`.
    /// - Throws: `StoreError.busy` when another process is writing this store; for `extract`,
    ///   `StoreError.otherModels` when the store's faces were described with other model files than `modelChecksums`.
    public func beginRun(command: String, parameters: [String: String], modelChecksums: [String: String],
                         toolVersion: String) throws -> Int64 {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        try acquireWriterLock(shared: command == "extract", patience: 0)
        return try write { db in
            // Checked and recorded in one transaction, in turn (runs_lock): two workers starting at once on a new
            // store with different models cannot both pass.
            _ = try db.rows("store/runs_lock")
            if command == "extract", !modelChecksums.isEmpty, let json: String = try db.one("store/run_last_models"),
               let refusal = StoreError.otherModels(path: path, stored: Self.stringMap(json), here: modelChecksums) {
                throw refusal
            }
            if backend.writesAlone { try db.execute("store/runs_interrupt") }
            guard let id: Int64 = try db.one("store/run_insert", [
                "command": .text(command), "parameters": .text(Self.json(parameters)),
                "model_checksums": .text(Self.json(modelChecksums)), "tool_version": .text(toolVersion),
                "started_at": .text(Self.now()),
            ]) else { throw StoreError.corrupt("a new run got no id") }
            return id
        }
    }

    /// Takes the store's writer lock for this process (kept while the store is open), waiting up to `patience`
    /// seconds: `shared` for extract workers, which run side by side on PostgreSQL; alone for every other writer.
    /// A shared hold is turned into an exclusive one when asked.
    /// - Throws: `StoreError.busy` when another process still holds it after `patience`.
    public func acquireWriterLock(shared: Bool, patience: TimeInterval) throws {
        _ = try backend.acquireWriterLock(patience: patience, shared: shared)
    }

    /// Lets the writer lock go (`SQLBackend.releaseWriterLock`).
    public func releaseWriterLock() { backend.releaseWriterLock() }

    /// True when this process holds the writer lock alone (`SQLBackend.writesAlone`).
    public var writesAlone: Bool { backend.writesAlone }

    public func finishRun(_ id: Int64, status: String) throws {
        try write { db in
            try db.execute("store/run_finish", ["finished_at": .text(Self.now()), "status": .text(status), "id": .integer(id)])
        }
    }

    // MARK: Totals

    public func counts() throws -> StoreCounts {
        try read { db in
            guard let row = try db.rows("store/counts").first else { throw StoreError.corrupt("no totals") }
            return StoreCounts(photos: row["photos"], faces: row["faces"], people: row["people"],
                               assignedFaces: row["assigned_faces"], edges: row["edges"], failures: row["failures"],
                               cropsNotSaved: row["crops_not_saved"])
        }
    }

    // MARK: Helpers

    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// A JSON object of strings as `json(_:)` writes it (run parameters, model checksums); nil when it is not one.
    static func stringMap(_ json: String) -> [String: String]? {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String]
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
