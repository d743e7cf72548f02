import Foundation
import Store
import StorePostgres

/// The store the store-level suites run on: SQLite files (the default), or PostgreSQL when
/// `FACE_NETWORK_TEST_BACKEND=postgresql`, on the server at `FACE_NETWORK_TEST_POSTGRES` (a URL; `scripts/test`
/// starts one with `scripts/postgres` and runs those suites a second time so). One suite, two stores.
///
/// On PostgreSQL each SQLite path a test would use becomes a schema of its own, named from the path (the photo
/// folder for a collection's default store), so a test that reopens a path reopens its store, and two tests never
/// share one.
public enum TestStores {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// True when this run puts the stores in PostgreSQL.
    public static var onPostgres: Bool { environment["FACE_NETWORK_TEST_BACKEND"] == "postgresql" }

    /// The store for the SQLite file `path`: that file, or its PostgreSQL schema.
    public static func open(_ path: String, writing: Bool = false) throws -> FaceStore {
        guard onPostgres else { return try FaceStore(path: path, writing: writing) }
        return try FaceStore(backend: try PostgresBackend(place: try PostgresLocation(url: url(for: path)), writing: writing))
    }

    /// The PostgreSQL URL standing for the SQLite file `path` (see the type's comment).
    /// - Precondition: `FACE_NETWORK_TEST_POSTGRES` is set.
    public static func url(for path: String) -> String {
        guard let base = environment["FACE_NETWORK_TEST_POSTGRES"], !base.isEmpty else {
            preconditionFailure("FACE_NETWORK_TEST_BACKEND=postgresql needs FACE_NETWORK_TEST_POSTGRES (a server URL)")
        }
        let suffix = "/" + CollectionLayout.folderName + "/Data/FaceNetwork.sqlite"
        let key = path.hasSuffix(suffix) ? String(path.dropLast(suffix.count)) : path
        return base + (base.contains("?") ? "&" : "?") + "schema=t_" + fnv1a(URL(fileURLWithPath: key).standardizedFileURL.path)
    }

    /// The environment that makes `face-network` use the store of the photo folder `folder` (nothing on SQLite).
    public static func cliEnvironment(folder: String) -> [String: String] {
        onPostgres ? ["FACE_NETWORK_DB": url(for: folder + "/" + CollectionLayout.folderName + "/Data/FaceNetwork.sqlite")] : [:]
    }

    /// A fresh schema on the test server (`FACE_NETWORK_TEST_POSTGRES`), or nil when no server is set.
    public static func freshPostgresURL() -> String? {
        guard let base = environment["FACE_NETWORK_TEST_POSTGRES"], !base.isEmpty else { return nil }
        return base + (base.contains("?") ? "&" : "?") + "schema=t_" + UUID().uuidString.lowercased().prefix(12)
    }

    /// True when this run must have a PostgreSQL server (CI sets `FACE_NETWORK_REQUIRE_POSTGRES=1`): tests that need
    /// one fail without it instead of skipping.
    public static var postgresRequired: Bool { environment["FACE_NETWORK_REQUIRE_POSTGRES"] == "1" }

    /// 64-bit FNV-1a of `text`, as 16 hex digits: a short, stable schema name.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return String(format: "%016llx", hash)
    }
}
