/// The project's SQL, kept as `.sql` files under `sql/` and embedded at build time by the EmbedFiles plugin.
enum SQLText {
    /// The text of `sql/<name>.sql`, for example `SQLText["queries/edges_rebuild"]`.
    /// A missing name is a build defect (the file was renamed), not a user error, so it stops the program.
    static subscript(name: String) -> String {
        guard let text = EmbeddedSQL.files[name + ".sql"] else {
            preconditionFailure("sql/\(name).sql is not embedded in the Store target")
        }
        return text
    }

    /// Migration files (`sql/migrations/NNN_name.sql`) in the order they must run.
    static var migrations: [(name: String, sql: String)] {
        EmbeddedSQL.files
            .filter { $0.key.hasPrefix("migrations/") }
            .map { (name: String($0.key.dropFirst("migrations/".count).dropLast(".sql".count)), sql: $0.value) }
            .sorted { $0.name < $1.name }
    }
}
