import Foundation
import GRDB

/// A fault `face-network check` found in a store, with what to do about it.
public struct StoreProblem: Sendable, Equatable {
    /// What is wrong, naming the rows or files.
    public let problem: String
    /// What to do: which command repairs it, or how to recover the file.
    public let remedy: String

    public init(problem: String, remedy: String) {
        self.problem = problem
        self.remedy = remedy
    }
}

/// Checks of a store: SQLite's own (the file) and the store's invariants (what the commands keep true).
extension FaceStore {
    /// A store at `path` that cannot be opened or read (`error`), as a problem with what to do about a damaged file.
    public static func unreadableStoreProblem(path: String, error: Error) -> StoreProblem {
        let text = message(error)
        if path.hasPrefix("postgresql://"), text.contains("permission denied") || text.contains("SQLSTATE 42501") {
            // Not damage: the user lacks a right; restoring or dropping anything would be the wrong advice.
            return StoreProblem(problem: "the store cannot be read: \(text)",
                                remedy: "grant this user CONNECT on the database, USAGE on the store's schema and "
                                    + "SELECT on its tables (or use a user that has them)")
        }
        // Not damage either: the server is down or out of reach (the words of PostgresBackend's connection errors).
        let unreachable = ["connection refused", "did not answer in time", "no server socket", "cannot be resolved",
                           "connection to the server was lost", "the server ended this session"]
        if path.hasPrefix("postgresql://"), unreachable.contains(where: { text.contains($0) }) {
            return StoreProblem(problem: "the store cannot be read: \(text)",
                                remedy: "start the PostgreSQL server (or wait for it to come back), or check the URL's "
                                    + "host and port and the network; nothing says the store itself is damaged")
        }
        return StoreProblem(problem: "the store cannot be read: \(text)", remedy: damagedFileRemedy(path: path))
    }

    /// What to do with a store whose file (or database) is damaged: the same words wherever damage shows.
    static func damagedFileRemedy(path: String) -> String {
        if path.hasPrefix("postgresql://") {
            return "check that the server runs and that this user may read the database (the server's log says why "
                + "it refused); restore the database from a backup (pg_dump, pg_restore); or drop the schema and re-run "
                + "'extract', 'cluster' and 'network' (names and edits are lost)"
        }
        return "restore \(path) from a backup; or recover what is readable with "
            + "'sqlite3 OLD.sqlite .recover | sqlite3 NEW.sqlite' and use NEW.sqlite as --db (then run 'check' on it); "
            + "or move it away and re-run 'extract', 'cluster' and 'network' (names and edits are lost)"
    }

    /// The database's own checks (SQLite: `PRAGMA integrity_check` and `foreign_key_check`; see the backend).
    public func integrityProblems() -> [StoreProblem] {
        backend.integrityProblems()
    }

    /// The store's own invariants, each from one query under `sql/queries/check/`: every face's photo exists;
    /// every photo has a path; every assignment's face and person exist; every crop path names a file under
    /// `photos` (the photo folder crop paths are relative to); no crop failed to save; every mosaic recorded as
    /// drawn shows its person's current faces (`MosaicFingerprint`) and is on disk; the edges equal a rebuild
    /// from the current people (`expected_edges`, `expected_edge_photos`); extraction finished (no photo held by a
    /// worker whose lease ran out, or on SQLite by any worker while no extract runs; none queued while no worker runs).
    /// - Throws: the database's errors when a query cannot run (a damaged file: see `integrityProblems`).
    public func invariantProblems(photos: URL) throws -> [StoreProblem] {
        try read { db in
            var problems: [StoreProblem] = []
            // Extraction writes crops only for photos it reads anew, not for stored bytes under a known path.
            let rewriteCrops = "move the photo out of the folder, run 'face-network extract', move it back and run "
                + "'extract' again (its faces are read anew, with new ids: then 'cluster' and 'network')"
            let reExtract = "re-run 'face-network extract' (it stores photos again with their faces), then 'cluster' and 'network'"
            for row in try db.rows("queries/check/faces_without_photo") {
                problems.append(StoreProblem(
                    problem: "face \(row["face"] as Int64) belongs to photo \(row["photo"] as Int64), which is not in the store",
                    remedy: reExtract))
            }
            for row in try db.rows("queries/check/photos_without_path") {
                problems.append(StoreProblem(
                    problem: "photo \(row["photo"] as Int64) (SHA-256 \(row["content_hash"] as String)) has no path",
                    remedy: "re-run 'face-network extract': it removes photos no path points at"))
            }
            for row in try db.rows("queries/check/assignments_without_face_or_person") {
                let face: Int64 = row["face"], person: Int64 = row["person"]
                let missing = (row["face_exists"] as Bool) ? "person \(person) is" : "face \(face) is"
                problems.append(StoreProblem(
                    problem: "face \(face) is assigned to person \(person), but \(missing) not in the store",
                    remedy: "re-run 'face-network cluster' (it assigns every face again), then 'network'"))
            }
            for row in try db.rows("queries/check/crop_paths") {
                let crop: String = row["crop_path"]
                guard !FileManager.default.fileExists(atPath: photos.appendingPathComponent(crop).path) else { continue }
                problems.append(StoreProblem(
                    problem: "face \(row["face_index"] as Int) of \(row["photo_path"] as String? ?? "a photo without a path") "
                        + "has no crop: \(crop) is missing (face id \(row["face"] as Int64))",
                    remedy: "restore the Faces folder from a backup, or " + rewriteCrops))
            }
            for row in try db.rows("queries/check/crops_not_saved") {
                problems.append(StoreProblem(
                    problem: "face \(row["face_index"] as Int) of \(row["photo_path"] as String? ?? "a photo without a path") "
                        + "has no crop: it was not saved (face id \(row["face"] as Int64); \(row["reason"] as String))",
                    remedy: "free what stopped it (disk space, a file in the way under Face Network/Faces), then "
                        + rewriteCrops))
            }
            for row in try db.rows("queries/check/mosaic_faces") {
                let person: Int64 = row["person"]
                let faces = (row["faces"] as String?)?.split(separator: ",").compactMap { Int64($0) } ?? []
                let mosaic = CollectionLayout.mosaicPath(ofPerson: person)
                let problem: String
                if !(row["person_exists"] as Bool) {
                    problem = "\(mosaic) is recorded as drawn, but person \(person) is not in the store"
                } else if MosaicFingerprint.of(faces) != row["fingerprint"] as String {
                    problem = "\(mosaic) shows other faces than person \(person) has now"
                } else if !FileManager.default.fileExists(atPath: photos.appendingPathComponent(mosaic).path) {
                    problem = "\(mosaic) is missing"
                } else {
                    continue
                }
                problems.append(StoreProblem(
                    problem: problem, remedy: "re-run 'face-network cluster' without --no-mosaic: it redraws the "
                        + "mosaics of people whose faces changed and removes those of people gone"))
            }
            let now = try Self.serverTime(db)
            // With no extract on a SQLite store (`noExtractRuns`), every claim and every worker not stopped belongs
            // to a process that was killed; with one holding it, what is queued is about to be read.
            let nobodyWrites = noExtractRuns
            let beingWritten = dialect == .sqlite && !nobodyWrites
            let leasesEndBy = nobodyWrites ? Double.greatestFiniteMagnitude : now
            if let row = try db.rows("queries/check/unfinished_extraction",
                                     ["now": .real(leasesEndBy), "quiet": .real(nobodyWrites ? leasesEndBy : now - 120)]).first {
                let abandoned: Int = row["abandoned"] ?? 0, queued: Int = row["queued"] ?? 0
                let alive: Int = row["workers_alive"] ?? 0
                // An extract that holds the run lock but has not registered its worker yet (it is loading its
                // models) will read what is queued: not a problem.
                let waiting = queued > 0 && alive == 0 && !beingWritten
                if abandoned > 0 || waiting {
                    problems.append(StoreProblem(
                        problem: "extraction did not finish: " + [
                            abandoned > 0 ? "\(abandoned) photo\(abandoned == 1 ? " is" : "s are") held by workers that "
                                + (nobodyWrites ? "stopped (no extract is running on the store)"
                                                : "stopped (their leases ran out)") : nil,
                            waiting ? "\(queued) photo\(queued == 1 ? " is" : "s are") queued with no "
                                + "worker running" : nil,
                        ].compactMap { $0 }.joined(separator: "; "),
                        remedy: "run 'face-network extract' on the folder: it takes them over ('face-network status' "
                            + "shows the queue)"))
                }
            }
            let differing = try db.rows("queries/check/edges_differing")
            if !differing.isEmpty {
                let pairs = differing.prefix(5).map { "\($0["person_a"] as Int64)–\($0["person_b"] as Int64)" }
                problems.append(StoreProblem(
                    problem: "\(differing.count) edge\(differing.count == 1 ? "" : "s") differ from the people's photos "
                        + "(\(pairs.joined(separator: ", "))\(differing.count > 5 ? ", …" : ""))",
                    remedy: "re-run 'face-network network': it rebuilds the edges from the people"))
            }
            return problems
        }
    }

    /// SQLite's message for a database error, else the error's description.
    static func message(_ error: Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }
}
