import GRDB

/// Brings a store's schema up to date with `sql/migrations`, safely when several processes open it at once.
///
/// GRDB's `DatabaseMigrator` reads which migrations a store has before it takes SQLite's write lock, so two commands
/// opening a new store at the same moment (an extraction starting while the query shell or a script opens the file)
/// could both create the tables, and the second failed with "table photos already exists". Here the log is read
/// inside a `BEGIN IMMEDIATE` transaction: the second opener waits for the first (the busy timeout) and then finds
/// nothing left to do. All pending migrations run in that one transaction, so a store is never half migrated.
enum Migrations {
    /// The log of applied migrations, one row per `sql/migrations` file name (without `.sql`). It keeps the name
    /// GRDB's migrator gave it, so stores made by earlier versions carry on.
    static let logTable = "grdb_migrations"

    /// Applies the migrations the store lacks, in file-name order.
    /// - Throws: `StoreError.cannotOpen` when the store has a migration this version does not know (a newer
    ///   face-network made it), or lacks one and is `readOnly`; database errors of a migration as they come.
    static func apply(to pool: DatabasePool, path: String, readOnly: Bool = false) throws {
        // Opening an up-to-date store only reads, so it never waits for a running extraction.
        let missing = try pool.read { try pending($0, path: path) }
        if missing.isEmpty { return }
        if readOnly {
            throw StoreError.cannotOpen(
                path: path, reason: "an older face-network made it and it is read-only here, so it cannot be updated "
                    + "(it lacks \(missing.map(\.name).joined(separator: ", "))); open it once where it can be written")
        }
        try pool.writeWithoutTransaction { db in
            // As SQLite asks for schema changes (https://www.sqlite.org/lang_altertable.html#otheralter): foreign
            // keys off outside the transaction, checked before commit.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(logTable) (identifier TEXT NOT NULL PRIMARY KEY)")
                for migration in try pending(db, path: path) {
                    try db.execute(sql: migration.sql)
                    try db.execute(sql: "INSERT INTO \(logTable) (identifier) VALUES (?)", arguments: [migration.name])
                }
                try db.checkForeignKeys()
                return .commit
            }
        }
    }

    /// The migrations `db` has not applied yet.
    static func pending(_ db: Database, path: String) throws -> [(name: String, sql: String)] {
        guard try db.tableExists(logTable) else { return SQLText.migrations }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM \(logTable)"))
        let known = SQLText.migrations
        if let unknown = applied.subtracting(known.map(\.name)).sorted().first {
            throw StoreError.cannotOpen(
                path: path, reason: "a newer face-network made it (it has migration \(unknown)); use that version or a newer one")
        }
        return known.filter { !applied.contains($0.name) }
    }
}
