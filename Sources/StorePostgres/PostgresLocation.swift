import Foundation

/// Where a PostgreSQL store is: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…&host=/socket/dir]`
/// (also `postgres://`), as libpq reads it (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING),
/// plus `schema=NAME`: the store's tables in that schema (made when missing), so that one database can hold the
/// stores of several collections.
///
/// The password comes from the URL, else `PGPASSWORD`, else the password file (`PGPASSFILE` or `~/.pgpass`,
/// https://www.postgresql.org/docs/15/libpq-pgpass.html); it is never part of `description`.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var user: String
    public var password: String?
    /// A host name or address; a path (from `?host=/dir`) is the folder of the server's Unix socket.
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// The schema holding the store's tables; nil: the user's default (`search_path`, usually `public`).
    public var schema: String?

    /// The options a URL may carry after `?`.
    static let options: Set<String> = ["host", "port", "user", "dbname", "sslmode", "schema"]

    /// True for text that names a PostgreSQL store rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `url`; `environment` supplies `PGPASSWORD`, `PGPASSFILE`, `PGUSER` and `HOME`.
    /// - Throws: `PostgresLocation.Invalid` naming what is wrong with the URL.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw Invalid(reason: "expected postgresql://USER@HOST:PORT/DATABASE")
        }
        let items = components.queryItems ?? []
        if let twice = Dictionary(grouping: items, by: \.name).first(where: { $0.value.count > 1 })?.key {
            throw Invalid(reason: "?\(twice)= is given twice")
        }
        let query = Dictionary(items.map { ($0.name, $0.value ?? "") }) { $1 }
        if let unknown = query.keys.sorted().first(where: { !Self.options.contains($0) }) {
            throw Invalid(reason: "unknown option ?\(unknown)= (known: \(Self.options.sorted().joined(separator: ", ")))")
        }
        let socketFolder = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        // An IPv6 address is written in brackets in a URL ([::1]), without them to connect.
        let named = components.host.map { $0.hasPrefix("[") && $0.hasSuffix("]") ? String($0.dropFirst().dropLast()) : $0 }
        host = socketFolder ?? named.flatMap { $0.isEmpty ? nil : $0 } ?? query["host"] ?? "localhost"
        port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? query["user"] ?? environment["PGUSER"]
            ?? environment["USER"] ?? NSUserName()   // libpq's default: the operating system's user name
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? (query["dbname"] ?? user) : path
        guard let mode = TLSMode(rawValue: query["sslmode"] ?? (socketFolder != nil ? "disable" : "prefer")) else {
            throw Invalid(reason: "sslmode must be disable, prefer or require")
        }
        tls = mode
        schema = query["schema"].flatMap { $0.isEmpty ? nil : $0 }
        // The server cuts longer names to 63 bytes, and two archives would share one store.
        if let schema, schema.utf8.count > 63 { throw Invalid(reason: "the schema name is longer than 63 bytes") }
        guard (1...65535).contains(port) else { throw Invalid(reason: "the port must be from 1 to 65535") }
        password = components.password ?? environment["PGPASSWORD"]
            ?? Self.passwordFile(environment).flatMap { Self.password(in: $0, host: host, port: port, database: database, user: user) }
    }

    /// The URL without its password.
    public var description: String {
        let socket = host.hasPrefix("/")
        let options = (socket ? ["host=\(host)"] : []) + (schema.map { ["schema=\($0)"] } ?? [])
        let shown = socket ? "" : host.contains(":") ? "[\(host)]" : host
        return "postgresql://\(user)@\(shown):\(port)/\(database)"
            + (options.isEmpty ? "" : "?" + options.joined(separator: "&"))
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The password file's text. Like libpq, a file that others may read (group or world permissions) is not used.
    private static func passwordFile(_ environment: [String: String]) -> String? {
        guard let path = environment["PGPASSFILE"] ?? environment["HOME"].map({ $0 + "/.pgpass" }) else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The first line of a password file matching the connection (`*` matches anything; `\:` and `\\` escape).
    static func password(in file: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in file.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        where !line.hasPrefix("#") {
            var fields: [String] = [], field = "", escaped = false
            for character in line {
                if escaped { field.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == ":" && fields.count < 4 { fields.append(field); field = "" }
                else { field.append(character) }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            let wanted = [host.hasPrefix("/") ? "localhost" : host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
