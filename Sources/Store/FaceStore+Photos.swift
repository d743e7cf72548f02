import Foundation

/// Photos, their paths, faces and failures: what extraction writes.
extension FaceStore {
    /// Every path recorded by earlier runs, with the size and modification time seen then.
    public func knownPaths() throws -> [String: KnownPath] {
        try read { db in
            var result: [String: KnownPath] = [:]
            for row in try db.rows("store/photo_paths") {
                result[row["path"]] = KnownPath(photoID: row["photo_id"], fileSize: row["file_size"],
                                                modifiedAt: row["modified_at"])
            }
            return result
        }
    }

    /// The photo with these bytes, if any run stored it already.
    public func photoID(contentHash: String) throws -> Int64? {
        try backend.readStatement { db in try db.one("store/photo_by_hash", ["content_hash": .text(contentHash)]) }
    }

    /// Records `path` as one more location of an already stored photo (same bytes), replacing what the path
    /// pointed at before, and clears any failure recorded for it.
    public func addPath(_ path: String, toPhoto photoID: Int64, fileSize: Int, modifiedAt: Double) throws {
        try addPath(path, toPhoto: photoID, fileSize: fileSize, modifiedAt: modifiedAt, claim: nil)
    }

    /// `addPath`, with `claim`'s path marked done in the same transaction.
    /// - Throws: `StoreError.claimLost` when another worker took the claim over (nothing is written).
    public func addPath(_ path: String, toPhoto photoID: Int64, fileSize: Int, modifiedAt: Double,
                        claim: PhotoClaim?) throws {
        try write { db in
            try Self.finishClaim(db, claim)
            try Self.pathRead(db, path: path, photoID: photoID, fileSize: fileSize, modifiedAt: modifiedAt)
        }
    }

    /// Stores a newly extracted photo with all its faces in one transaction and returns its id.
    /// Face indexes are 1-based in the order of `photo.faces`.
    @discardableResult
    public func insertPhoto(_ photo: NewPhoto) throws -> Int64 {
        try storePhoto(photo, claim: nil).id
    }

    /// Stores a newly extracted photo with all its faces and `claim`'s path marked done, in one transaction. When
    /// the same bytes were stored meanwhile (another worker read a copy of the file at the same moment: the
    /// database's unique content hash decides), the path is added to that photo instead and its faces are not
    /// stored twice.
    /// - Throws: `StoreError.claimLost` when another worker took the claim over (nothing is written).
    public func storePhoto(_ photo: NewPhoto, claim: PhotoClaim?) throws -> StoredPhoto {
        try write { db in
            guard let photoID: Int64 = try db.one("store/photo_insert", [
                "content_hash": .text(photo.contentHash), "byte_size": .integer(Int64(photo.byteSize)),
                "format": .text(photo.format), "width": .integer(Int64(photo.width)),
                "height": .integer(Int64(photo.height)), "orientation": .integer(Int64(photo.orientation)),
                "turned_degrees": .integer(Int64(photo.turnedDegrees)), "taken_at": photo.takenAt.sqlValue,
                "camera_make": photo.cameraMake.sqlValue, "camera_model": photo.cameraModel.sqlValue,
                "camera_serial": photo.cameraSerial.sqlValue, "decode_warning": photo.decodeWarning.sqlValue,
                "face_count": .integer(Int64(photo.faces.count)), "extracted_at": .text(Self.now()),
            ]) else {
                guard let existing: Int64 = try db.one("store/photo_by_hash", ["content_hash": .text(photo.contentHash)])
                else { throw StoreError.corrupt("a new photo got no id") }
                try Self.finishClaim(db, claim)
                try Self.pathRead(db, path: photo.path, photoID: existing, fileSize: photo.byteSize,
                                  modifiedAt: photo.modifiedAt)
                return .existing(existing)
            }
            try Self.finishClaim(db, claim)
            for (index, face) in photo.faces.enumerated() {
                try db.execute("store/face_insert", [
                    "photo_id": .integer(photoID), "face_index": .integer(Int64(index + 1)),
                    "box_left": .integer(Int64(face.box.left)), "box_top": .integer(Int64(face.box.top)),
                    "box_right": .integer(Int64(face.box.right)), "box_bottom": .integer(Int64(face.box.bottom)),
                    "detection_score": .real(face.score), "landmarks": .blob(FloatBlob.encode(face.landmarks)),
                    "descriptor": .blob(FloatBlob.encode(face.descriptor)), "crop_path": face.cropPath.sqlValue,
                    "crop_error": face.cropError.sqlValue,
                    "age": face.age.map { .real(Double($0)) } ?? .null, "gender": face.gender.map { .real(Double($0)) } ?? .null,
                ])
            }
            try Self.pathRead(db, path: photo.path, photoID: photoID, fileSize: photo.byteSize,
                              modifiedAt: photo.modifiedAt)
            return .inserted(photoID)
        }
    }

    /// Records that `path` could not be used. A path that failed before keeps one row with the latest reason.
    /// Whatever the path held before (a photo whose bytes were since replaced by a broken file) is forgotten,
    /// so its old faces do not linger.
    public func recordFailure(path: String, reason: String, runID: Int64?) throws {
        try recordFailure(path: path, reason: reason, runID: runID, claim: nil)
    }

    /// `recordFailure`, with `claim`'s path marked done in the same transaction.
    /// - Throws: `StoreError.claimLost` when another worker took the claim over (nothing is written).
    public func recordFailure(path: String, reason: String, runID: Int64?, claim: PhotoClaim?) throws {
        try write { db in
            try Self.finishClaim(db, claim)
            try Self.recordFailure(db, path: path, reason: reason, runID: runID)
        }
    }

    static func recordFailure(_ db: any SQLSession, path: String, reason: String, runID: Int64?) throws {
        let previous: Int64? = try db.one("store/photo_of_path", ["path": .text(path)])
        try db.execute("store/photo_path_delete", ["path": .text(path)])
        if let previous { try db.execute("store/photo_orphan_delete", ["photo": .integer(previous)]) }
        try db.execute("store/failure_upsert", ["path": .text(path), "reason": .text(reason),
                                                "run_id": runID.sqlValue, "recorded_at": .text(Self.now())])
    }

    /// Forgets paths (and failures) that are no longer in the folder; photos left without any path are removed
    /// with their faces. Returns the number of paths removed and the crop paths of the faces removed (for the
    /// caller to delete).
    @discardableResult
    public func removePaths(notIn present: Set<String>) throws -> (paths: Int, crops: [String]) {
        let recorded = try read { db in
            Set(try db.column("store/paths") as [String]).union(try db.column("store/failure_paths") as [String])
        }
        return try removePaths(recorded.subtracting(present))
    }

    /// Forgets `gone` (paths a walk no longer found, among those recorded before it began: a path another worker
    /// stored during the walk is not in it), their failures and queue entries; photos left without any path are
    /// removed with their faces, people left without faces with them, and the ties recomputed. Returns the number of stored paths removed and the crops of the faces removed.
    @discardableResult
    public func removePaths(_ gone: Set<String>) throws -> (paths: Int, crops: [String]) {
        guard !gone.isEmpty else { return (0, []) }
        return try write { db in
            let before = Set(try db.column("store/crop_paths") as [String])
            let stored = Set(try db.column("store/paths") as [String])
            for path in gone.sorted() {
                try db.execute("store/photo_path_delete", ["path": .text(path)])
                try db.execute("store/failure_delete", ["path": .text(path)])
                try db.execute("store/queue_forget", ["path": .text(path)])
            }
            let photos: Int64 = try db.one("store/photo_count") ?? 0
            try db.execute("store/photos_orphaned_delete")
            // With photos gone, people may be left without faces and ties may count photos no longer there.
            if try db.one("store/photo_count") ?? 0 < photos {
                try db.execute("store/people_without_faces_delete")
                try db.execute("queries/edges_rebuild")
            }
            let after = Set(try db.column("store/crop_paths") as [String])
            return (gone.intersection(stored).count, before.subtracting(after).sorted())
        }
    }

    /// Parameters of the latest finished run of `command`, if any. For `extract`, the latest run that read any
    /// photo, however it ended (the settings the newest stored faces were found with: a run interrupted after
    /// storing photos counts, one with nothing new to read does not), else the latest finished one (stores from
    /// before the photo queue recorded no readers).
    public func lastRunParameters(command: String) throws -> [String: String]? {
        try read { db in
            let reading: String? = command == "extract" ? try db.one("store/run_last_reading_parameters") : nil
            guard let json: String = try reading ?? db.one("store/run_last_parameters", ["command": .text(command)])
            else { return nil }
            return Self.stringMap(json)
        }
    }

    /// The model files' SHA-256 checksums (file name → lowercase hex) recorded by the latest `extract` run that
    /// stored any, i.e. the models the store's descriptors were computed with; nil when no run recorded them.
    public func lastExtractModelChecksums() throws -> [String: String]? {
        try read { db in
            guard let json: String = try db.one("store/run_last_models") else { return nil }
            return Self.stringMap(json)
        }
    }

    /// Every recorded failure, by path.
    public func failures() throws -> [Failure] {
        try read { db in
            try db.rows("store/failures").map { Failure(path: $0["path"], reason: $0["reason"]) }
        }
    }

    /// The crop paths of the faces of photo `id` (relative to the photo folder), by face index.
    public func cropPaths(ofPhoto id: Int64) throws -> [String] {
        try read { db in try db.column("store/photo_crop_paths", ["photo": .integer(id)]) }
    }

    /// Those of `paths` that no stored face names: crops of faces removed with their photo (its path now holds
    /// other bytes, fewer faces or a failure), for the caller to delete. One look-up per path (index faces_by_crop).
    public func unnamedCrops(_ paths: [String]) throws -> [String] {
        try read { db in
            try paths.filter { try (db.one("store/crop_named", ["crop_path": .text($0)]) as Int64?) != 1 }
        }
    }

    /// Faces whose crop could not be written, by face id (`sql/queries/check/crops_not_saved.sql`).
    public func cropsNotSaved() throws -> [CropNotSaved] {
        try read { db in
            try db.rows("queries/check/crops_not_saved").map {
                CropNotSaved(faceID: $0["face"], faceIndex: $0["face_index"], photoPath: $0["photo_path"] ?? "",
                             reason: $0["reason"])
            }
        }
    }

    /// Every face's descriptor, in face id order (the order clustering sees them in).
    public func descriptors() throws -> [StoredDescriptor] {
        try read { db in
            try db.rows("store/descriptors").map { row in
                StoredDescriptor(faceID: row["id"], photoID: row["photo_id"],
                                 descriptor: try FloatBlob.decode(row["descriptor"], expectedCount: descriptorLength))
            }
        }
    }

    /// `path` was read and holds photo `photoID`: it points there, any failure recorded for it is forgotten, and the
    /// photo it pointed at before goes when no other path points at it.
    static func pathRead(_ db: any SQLSession, path: String, photoID: Int64, fileSize: Int, modifiedAt: Double) throws {
        let previous: Int64? = try db.one("store/photo_of_path", ["path": .text(path)])
        try db.execute("store/photo_path_upsert", ["path": .text(path), "photo_id": .integer(photoID),
                                                   "file_size": .integer(Int64(fileSize)), "modified_at": .real(modifiedAt)])
        if let previous, previous != photoID {
            try db.execute("store/photo_orphan_delete", ["photo": .integer(previous)])
        }
        try db.execute("store/failure_delete", ["path": .text(path)])
    }
}
