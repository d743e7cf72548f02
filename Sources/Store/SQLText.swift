/// The project's SQL, kept as `.sql` files under `sql/` and embedded at build time by the EmbedFiles plugin.
public enum SQLText {
    /// The text of `sql/<name>.sql` for `dialect`: `sql/postgresql/<name>.sql` when PostgreSQL has its own words
    /// for it, else the shared file. A missing name is a build defect (the file was renamed), not a user error, so
    /// it stops the program.
    public static func text(_ name: String, for dialect: SQLDialect = .sqlite) -> String {
        if dialect == .postgresql, let own = EmbeddedSQL.files["postgresql/\(name).sql"] { return own }
        guard let text = EmbeddedSQL.files[name + ".sql"] else {
            preconditionFailure("sql/\(name).sql is not embedded in the Store target")
        }
        return text
    }

    /// The text of `sql/<name>.sql` (SQLite's).
    static subscript(name: String) -> String { text(name) }

    /// Migration files in the order they must run: `sql/migrations/NNN_name.sql` for SQLite,
    /// `sql/postgresql/migrations/NNN_name.sql` for PostgreSQL.
    public static func migrations(for dialect: SQLDialect = .sqlite) -> [(name: String, sql: String)] {
        let folder = dialect == .postgresql ? "postgresql/migrations/" : "migrations/"
        return EmbeddedSQL.files
            .filter { $0.key.hasPrefix(folder) }
            .map { (name: String($0.key.dropFirst(folder.count).dropLast(".sql".count)), sql: $0.value) }
            .sorted { $0.name < $1.name }
    }

    static var migrations: [(name: String, sql: String)] { migrations(for: .sqlite) }
}
