import Foundation

/// People (clusters of faces), their assignments and the co-appearance edges between them.
extension FaceStore {
    /// Replaces the assignment of faces to people with `clusters` (each a list of face ids; faces in no cluster
    /// become unassigned) and rebuilds the edges, in one transaction.
    ///
    /// Person ids stay put: a new cluster takes the id (and name) of the earlier person most of whose faces it now
    /// holds, so re-clustering the same faces gives the same ids. Other clusters get fresh ids.
    /// `fixedIDs` (one entry per cluster, nil for most) gives a cluster the id edits pinned its faces to; those ids
    /// are taken first. `minClusterSize` is the clustering's minimum person size in faces: an unnamed person seen in
    /// fewer pictures than that (copies of one picture counting once) has no ties (view `tied_people`, migration 7).
    /// - Returns: the person id of each cluster, in the order of `clusters`.
    @discardableResult
    public func replaceClustering(_ clusters: [[Int64]], runID: Int64?, fixedIDs: [Int64?]? = nil,
                                  minClusterSize: Int = 1) throws -> [Int64] {
        precondition(fixedIDs == nil || fixedIDs!.count == clusters.count, "replaceClustering: one fixed id per cluster")
        return try write { db in
            var previous: [Int64: Int64] = [:]      // face -> person
            var previousSize: [Int64: Int] = [:]    // person -> faces
            var names: [Int64: String?] = [:]
            for row in try db.rows("store/assignments") {
                let person: Int64 = row["person_id"]
                previous[row["face_id"]] = person
                previousSize[person, default: 0] += 1
            }
            for row in try db.rows("store/people_names") {
                names[row["id"]] = row["name"] as String?
            }

            // A cluster inherits a person id when it holds more than half of that person's faces; the largest
            // clusters choose first so that a split keeps the id on its bigger part.
            var ids = fixedIDs ?? [Int64?](repeating: nil, count: clusters.count)
            var taken = Set(ids.compactMap { $0 })
            for index in clusters.indices.sorted(by: { clusters[$0].count > clusters[$1].count }) where ids[index] == nil {
                var overlap: [Int64: Int] = [:]
                for face in clusters[index] { if let person = previous[face] { overlap[person, default: 0] += 1 } }
                let best = overlap
                    .filter { !taken.contains($0.key) && 2 * $0.value > previousSize[$0.key, default: 0] }
                    .max { ($0.value, -$0.key) < ($1.value, -$1.key) }
                if let best {
                    ids[index] = best.key
                    taken.insert(best.key)
                }
            }

            // New people get ids above every id in use before this clustering, so an id that disappears is
            // not given to someone else in the same run.
            var nextID = max(try db.one("store/person_id_max") ?? 0, taken.max() ?? 0) + 1
            try db.execute("store/assignments_clear")
            try db.execute("store/edges_clear")
            try db.execute("store/min_cluster_size_set", ["size": .text("\(minClusterSize)")])
            let stale = Set(names.keys).subtracting(taken)
            for person in stale { try db.execute("store/person_delete", ["id": .integer(person)]) }
            var result: [Int64] = []
            for (index, faces) in clusters.enumerated() {
                let person: Int64
                if let kept = ids[index] {
                    person = kept
                    if names[kept] == nil {  // pinned by an edit, dropped by an earlier clustering: bring it back
                        try db.execute("store/person_insert", ["id": .integer(person), "run_id": runID.sqlValue])
                    }
                } else {
                    person = nextID
                    nextID += 1
                    try db.execute("store/person_insert", ["id": .integer(person), "run_id": runID.sqlValue])
                }
                for face in faces {
                    try db.execute("store/assignment_insert", ["face_id": .integer(face), "person_id": .integer(person)])
                }
                result.append(person)
            }
            try db.execute("queries/edges_rebuild")
            return result
        }
    }

    /// Recomputes the co-appearance edges from the current assignments (`sql/queries/edges_rebuild.sql`).
    public func rebuildEdges() throws {
        try write { db in try db.execute("queries/edges_rebuild") }
    }

    /// People seen in at least `minPhotos` distinct photos (taken `during` the range when one is given), by id
    /// (`sql/queries/people_summary.sql`).
    public func people(minPhotos: Int = 1, during dates: DateWindow? = nil) throws -> [PersonSummary] {
        let ageGender = try peopleAgeGender()
        return try read { db in
            try db.rows("queries/people_summary",
                        ["min_photos": .integer(Int64(minPhotos))].merging(Self.dateArguments(dates)) { $1 }).map {
                PersonSummary(id: $0["person"], name: $0["name"], photos: $0["photos"], faces: $0["faces"],
                              representativeFaceID: $0["face"], ageGender: ageGender[$0["person"]])
            }
        }
    }

    /// Edges between people seen in at least `minPhotos` photos, heaviest first (`sql/queries/network_edges.sql`);
    /// with a date range, weights and dates count only the photos taken then, and edges without any are left out.
    public func coAppearances(minPhotos: Int = 1, during dates: DateWindow? = nil) throws -> [CoAppearance] {
        try read { db in
            try db.rows("queries/network_edges",
                        ["min_photos": .integer(Int64(minPhotos))].merging(Self.dateArguments(dates)) { $1 }).map {
                CoAppearance(source: $0["source"], target: $0["target"], weight: $0["weight"],
                             firstTakenAt: $0["first_taken_at"], lastTakenAt: $0["last_taken_at"])
            }
        }
    }

    /// The photos that show both people (`sql/queries/edge_photos.sql`), oldest first (undated last, then by
    /// path); empty when they never appear together. The order of `a` and `b` does not matter.
    public func edgePhotos(_ a: Int64, _ b: Int64) throws -> [EdgePhoto] {
        try read { db in
            try db.rows("queries/edge_photos", ["person_a": .integer(min(a, b)), "person_b": .integer(max(a, b))]).map {
                EdgePhoto(photoID: $0["photo"], path: $0["path"], takenAt: $0["taken_at"])
            }
        }
    }

    /// The faces of one person with crops, boxes and descriptors (for mosaics and thumbnails), by face id.
    public func faces(ofPerson person: Int64) throws -> [FaceCropInfo] {
        try read { db in try db.rows("store/person_faces", ["person": .integer(person)]).map(Self.cropInfo) }
    }

    /// One face with its crop and box.
    public func face(id: Int64) throws -> FaceCropInfo? {
        try read { db in try db.rows("store/face", ["id": .integer(id)]).first.map(Self.cropInfo) }
    }

    /// A face as `store/face.sql`, `store/person_faces.sql` and `store/faces_by_ids.sql` give it.
    static func cropInfo(_ row: SQLRow) throws -> FaceCropInfo {
        FaceCropInfo(faceID: row["id"], cropPath: row["crop_path"], photoPath: row["photo_path"] ?? "",
                     box: FaceBox(left: row["box_left"], top: row["box_top"], right: row["box_right"],
                                  bottom: row["box_bottom"]),
                     descriptor: try FloatBlob.decode(row["descriptor"], expectedCount: descriptorLength))
    }
}
