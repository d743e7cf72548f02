import Foundation
import GRDB

/// Photos, their paths, faces and failures: what extraction writes.
extension FaceStore {
    /// Every path recorded by earlier runs, with the size and modification time seen then.
    public func knownPaths() throws -> [String: KnownPath] {
        try pool.read { db in
            var result: [String: KnownPath] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, photo_id, file_size, modified_at FROM photo_paths") {
                result[row["path"]] = KnownPath(photoID: row["photo_id"], fileSize: row["file_size"],
                                                modifiedAt: row["modified_at"])
            }
            return result
        }
    }

    /// The photo with these bytes, if any run stored it already.
    public func photoID(contentHash: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM photos WHERE content_hash = ?", arguments: [contentHash])
        }
    }

    /// Records `path` as one more location of an already stored photo (same bytes), replacing what the path
    /// pointed at before, and clears any failure recorded for it.
    public func addPath(_ path: String, toPhoto photoID: Int64, fileSize: Int, modifiedAt: Double) throws {
        try write { db in
            try Self.upsertPath(db, path: path, photoID: photoID, fileSize: fileSize, modifiedAt: modifiedAt)
            try db.execute(sql: "DELETE FROM failures WHERE path = ?", arguments: [path])
            try Self.deleteOrphanPhotos(db)
        }
    }

    /// Stores a newly extracted photo with all its faces in one transaction and returns its id.
    /// Face indexes are 1-based in the order of `photo.faces`.
    @discardableResult
    public func insertPhoto(_ photo: NewPhoto) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                INSERT INTO photos (content_hash, byte_size, format, width, height, orientation, turned_degrees,
                                    taken_at, camera_make, camera_model, camera_serial, decode_warning, face_count,
                                    extracted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                arguments: [photo.contentHash, photo.byteSize, photo.format, photo.width, photo.height,
                            photo.orientation, photo.turnedDegrees, photo.takenAt, photo.cameraMake, photo.cameraModel,
                            photo.cameraSerial, photo.decodeWarning, photo.faces.count, Self.now()])
            let photoID = db.lastInsertedRowID
            for (index, face) in photo.faces.enumerated() {
                try db.execute(
                    sql: """
                    INSERT INTO faces (photo_id, face_index, box_left, box_top, box_right, box_bottom,
                                       detection_score, landmarks, descriptor, crop_path, crop_error)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [photoID, index + 1, face.box.left, face.box.top, face.box.right, face.box.bottom,
                                face.score, FloatBlob.encode(face.landmarks), FloatBlob.encode(face.descriptor),
                                face.cropPath, face.cropError])
            }
            try Self.upsertPath(db, path: photo.path, photoID: photoID, fileSize: photo.byteSize,
                                modifiedAt: photo.modifiedAt)
            try db.execute(sql: "DELETE FROM failures WHERE path = ?", arguments: [photo.path])
            try Self.deleteOrphanPhotos(db)
            return photoID
        }
    }

    /// Records that `path` could not be used. A path that failed before keeps one row with the latest reason.
    /// Whatever the path held before (a photo whose bytes were since replaced by a broken file) is forgotten,
    /// so its old faces do not linger.
    public func recordFailure(path: String, reason: String, runID: Int64?) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM photo_paths WHERE path = ?", arguments: [path])
            try Self.deleteOrphanPhotos(db)
            try db.execute(
                sql: """
                INSERT INTO failures (path, reason, run_id, recorded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET reason = excluded.reason, run_id = excluded.run_id,
                                                 recorded_at = excluded.recorded_at
                """,
                arguments: [path, reason, runID, Self.now()])
        }
    }

    /// Forgets paths (and failures) that are no longer in the folder; photos left without any path are removed
    /// with their faces. Returns the number of paths removed and the crop paths of the faces removed (for the
    /// caller to delete).
    @discardableResult
    public func removePaths(notIn present: Set<String>) throws -> (paths: Int, crops: [String]) {
        try write { db in
            let before = Set(try String.fetchAll(db, sql: "SELECT crop_path FROM faces WHERE crop_path IS NOT NULL"))
            let stored = try String.fetchAll(db, sql: "SELECT path FROM photo_paths")
            let gone = stored.filter { !present.contains($0) }
            for path in gone {
                try db.execute(sql: "DELETE FROM photo_paths WHERE path = ?", arguments: [path])
            }
            for path in try String.fetchAll(db, sql: "SELECT path FROM failures") where !present.contains(path) {
                try db.execute(sql: "DELETE FROM failures WHERE path = ?", arguments: [path])
            }
            try Self.deleteOrphanPhotos(db)
            let after = Set(try String.fetchAll(db, sql: "SELECT crop_path FROM faces WHERE crop_path IS NOT NULL"))
            return (gone.count, before.subtracting(after).sorted())
        }
    }

    /// Parameters of the latest finished run of `command`, if any.
    public func lastRunParameters(command: String) throws -> [String: String]? {
        try pool.read { db in
            guard let json = try String.fetchOne(db, sql: """
                SELECT parameters FROM runs WHERE command = ? AND status = 'finished' ORDER BY id DESC LIMIT 1
                """, arguments: [command]) else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: String]
        }
    }

    /// Every recorded failure, by path.
    public func failures() throws -> [Failure] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT path, reason FROM failures ORDER BY path").map {
                Failure(path: $0["path"], reason: $0["reason"])
            }
        }
    }

    /// The crop paths of the faces of photo `id` (relative to the photo folder), by face index.
    public func cropPaths(ofPhoto id: Int64) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT crop_path FROM faces WHERE photo_id = ? AND crop_path IS NOT NULL ORDER BY face_index",
                                arguments: [id])
        }
    }

    /// Those of `paths` that no stored face names: crops of faces removed with their photo (its path now holds
    /// other bytes, fewer faces or a failure), for the caller to delete. One look-up per path (index faces_by_crop).
    public func unnamedCrops(_ paths: [String]) throws -> [String] {
        try pool.read { db in
            try paths.filter { try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM faces WHERE crop_path = ?)", arguments: [$0]) ?? false) }
        }
    }

    /// Faces whose crop could not be written, by face id (`sql/queries/check/crops_not_saved.sql`).
    public func cropsNotSaved() throws -> [CropNotSaved] {
        try pool.read { db in
            try Row.fetchAll(db, sql: SQLText["queries/check/crops_not_saved"]).map {
                CropNotSaved(faceID: $0["face"], faceIndex: $0["face_index"], photoPath: $0["photo_path"] ?? "",
                             reason: $0["reason"])
            }
        }
    }

    /// Every face's descriptor, in face id order (the order clustering sees them in).
    public func descriptors() throws -> [StoredDescriptor] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, photo_id, descriptor FROM faces ORDER BY id").map { row in
                StoredDescriptor(faceID: row["id"], photoID: row["photo_id"],
                                 descriptor: try FloatBlob.decode(row["descriptor"], expectedCount: descriptorLength))
            }
        }
    }

    static func upsertPath(_ db: Database, path: String, photoID: Int64, fileSize: Int, modifiedAt: Double) throws {
        try db.execute(
            sql: """
            INSERT INTO photo_paths (path, photo_id, file_size, modified_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (path) DO UPDATE SET photo_id = excluded.photo_id, file_size = excluded.file_size,
                                             modified_at = excluded.modified_at
            """,
            arguments: [path, photoID, fileSize, modifiedAt])
    }

    /// A photo whose every path was removed or now points at other bytes is gone from the collection.
    static func deleteOrphanPhotos(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM photos WHERE id NOT IN (SELECT photo_id FROM photo_paths)")
    }
}
