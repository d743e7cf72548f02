import Foundation

/// People edited by hand: the edit log with undo, the pins that make edits survive re-clustering, and the mosaic
/// fingerprints (`sql/migrations/003_people_edits.sql`).
extension FaceStore {
    /// How long an edit waits for another command writing the store (another edit takes milliseconds).
    public static let editPatience: TimeInterval = 10

    /// Runs `edit` (its reads and its writes) holding the store's run lock, so that edits made at the same moment
    /// by two processes happen one after the other, and never in the middle of a clustering: an edit reads the
    /// people as they are, then changes them. A process that already holds the lock (a command recording a run)
    /// keeps it; otherwise it is let go when `edit` returns.
    /// - Throws: `StoreError.readOnly`; `StoreError.busy` when another command still writes the store after
    ///   `editPatience` seconds (an extraction or a clustering); what `edit` throws.
    public func editing<T>(_ edit: () throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.readOnly(path: path) }
        let took = try backend.acquireWriterLock(patience: Self.editPatience, shared: false)
        defer { if took { backend.releaseWriterLock() } }
        return try edit()
    }

    /// Applies `change` in one transaction after logging it as an edit of `kind` with `arguments` (a JSON object)
    /// and a snapshot of every row it touches; rebuilds the edges. Returns the edit's id.
    @discardableResult
    public func recordEdit(kind: String, arguments: [String: String], change: PeopleChange) throws -> Int64 {
        try write { db in
            let snapshot = try Self.snapshot(db, change: change)
            guard let id: Int64 = try db.one("store/edit_insert", [
                "kind": .text(kind), "arguments": .text(Self.json(arguments)),
                "before": .text(String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)),
                "made_at": .text(Self.now()),
            ]) else { throw StoreError.corrupt("a new edit got no id") }
            try Self.apply(db, change: change)
            try db.execute("queries/edges_rebuild")
            return id
        }
    }

    /// Restores the rows the latest edit not yet undone had changed, exactly as they were, marks it undone and
    /// rebuilds the edges. Returns the edit undone, or nil when there is none.
    public func undoLastEdit() throws -> PeopleEdit? {
        try write { db in
            guard let row = try db.rows("store/edit_last").first else { return nil }
            let json: String = row["before"]
            guard let snapshot = try? JSONDecoder().decode(EditSnapshot.self, from: Data(json.utf8)) else {
                throw StoreError.corrupt("people_edits \(row["id"] as Int64) has an unreadable snapshot")
            }
            // People first (so restored faces have a row to point at), then faces, then people the edit created.
            for person in snapshot.people where person.exists {
                try db.execute("store/person_upsert", ["id": .integer(person.id), "name": person.name.sqlValue,
                                                       "run_id": person.runID.sqlValue])
            }
            // A face of the snapshot that is gone (its photo changed or was removed, and extract dropped its faces)
            // has nothing to restore: it is skipped, and a restored person left without faces is not kept.
            var facesGone = 0
            for face in snapshot.faces {
                guard try !db.rows("store/face_person", ["face": .integer(face.face)]).isEmpty else {
                    facesGone += 1
                    continue
                }
                try Self.setPerson(db, face: face.face, person: face.person)
                try Self.setPin(db, face: face.face, pin: face.pin)
            }
            for person in snapshot.people where !person.exists {
                try db.execute("store/person_delete", ["id": .integer(person.id)])
            }
            if facesGone > 0 { try db.execute("store/people_without_faces_delete") }
            let undoneAt = Self.now()
            try db.execute("store/edit_undone", ["undone_at": .text(undoneAt), "id": row.value("id")])
            try db.execute("queries/edges_rebuild")
            return PeopleEdit(id: row["id"], kind: row["kind"], arguments: row["arguments"], madeAt: row["made_at"],
                              undoneAt: undoneAt, facesGone: facesGone)
        }
    }

    /// Every edit, oldest first, undone ones included (with the time they were undone).
    public func edits() throws -> [PeopleEdit] {
        try read { db in
            try db.rows("store/edits").map {
                PeopleEdit(id: $0["id"], kind: $0["kind"], arguments: $0["arguments"], madeAt: $0["made_at"],
                           undoneAt: $0["undone_at"])
            }
        }
    }

    /// The pins edits left: face → person for pinned faces, and the rejected faces.
    public func pins() throws -> (pinned: [Int64: Int64], rejected: Set<Int64>) {
        try read { db in
            var pinned: [Int64: Int64] = [:], rejected = Set<Int64>()
            for row in try db.rows("store/pins") {
                if let person: Int64 = row["person_id"] { pinned[row["face_id"]] = person } else { rejected.insert(row["face_id"]) }
            }
            return (pinned, rejected)
        }
    }

    /// The face ids of a person, ascending (empty for an unknown person).
    public func faceIDs(ofPerson person: Int64) throws -> [Int64] {
        try read { db in try db.column("store/person_face_ids", ["person": .integer(person)]) }
    }

    /// The person of a face (nil when unassigned); throws when the face does not exist.
    public func person(ofFace face: Int64) throws -> Int64?? {
        try read { db in
            guard let row = try db.rows("store/face_person", ["face": .integer(face)]).first else { return nil }
            return .some(row["person_id"] as Int64?)
        }
    }

    /// The name of a person, and whether the person exists.
    public func personName(_ person: Int64) throws -> (exists: Bool, name: String?) {
        try read { db in
            guard let row = try db.rows("store/person_name", ["id": .integer(person)]).first else { return (false, nil) }
            return (true, row["name"])
        }
    }

    /// An id above every person id in use.
    public func nextPersonID() throws -> Int64 {
        try read { db in (try db.one("store/person_id_max") ?? 0) + 1 }
    }

    /// The fingerprint each person's mosaic was last drawn from.
    public func mosaicFingerprints() throws -> [Int64: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try db.rows("store/mosaics")
                .map { ($0["person_id"] as Int64, $0["fingerprint"] as String) })
        }
    }

    /// Records the fingerprints of the mosaics now on disk (replacing all earlier ones).
    public func setMosaicFingerprints(_ fingerprints: [Int64: String]) throws {
        try write { db in
            try db.execute("store/mosaics_clear")
            for (person, fingerprint) in fingerprints {
                try db.execute("store/mosaic_insert", ["person_id": .integer(person), "fingerprint": .text(fingerprint)])
            }
        }
    }

    static func snapshot(_ db: any SQLSession, change: PeopleChange) throws -> EditSnapshot {
        var personIDs = Set(change.upsertPeople.map(\.id)).union(change.deletePeople)
        let faceIDs = Set(change.assign.map(\.face)).union(change.pins.map(\.face))
        for face in faceIDs {
            if let p: Int64 = try db.one("store/assigned_person", ["face": .integer(face)]) { personIDs.insert(p) }
        }
        let people = try personIDs.sorted().map { id -> EditSnapshot.PersonRow in
            if let row = try db.rows("store/person_name", ["id": .integer(id)]).first {
                return .init(id: id, exists: true, name: row["name"], runID: row["run_id"])
            }
            return .init(id: id, exists: false, name: nil, runID: nil)
        }
        let faces = try faceIDs.sorted().map { face -> EditSnapshot.FaceRow in
            let person: Int64? = try db.one("store/assigned_person", ["face": .integer(face)])
            let pin: PeopleChange.Pin
            if let row = try db.rows("store/pin", ["face": .integer(face)]).first {
                pin = (row["person_id"] as Int64?).map { .person($0) } ?? .rejected
            } else {
                pin = .none
            }
            return .init(face: face, person: person, pin: pin)
        }
        return EditSnapshot(people: people, faces: faces)
    }

    static func apply(_ db: any SQLSession, change: PeopleChange) throws {
        for person in change.upsertPeople {
            try db.execute("store/person_upsert", ["id": .integer(person.id), "name": person.name.sqlValue, "run_id": .null])
        }
        for (face, person) in change.assign { try setPerson(db, face: face, person: person) }
        for (face, pin) in change.pins { try setPin(db, face: face, pin: pin) }
        for person in change.deletePeople { try db.execute("store/person_delete", ["id": .integer(person)]) }
    }

    static func setPerson(_ db: any SQLSession, face: Int64, person: Int64?) throws {
        if let person {
            try db.execute("store/assignment_upsert", ["face_id": .integer(face), "person_id": .integer(person)])
        } else {
            try db.execute("store/assignment_delete", ["face_id": .integer(face)])
        }
    }

    static func setPin(_ db: any SQLSession, face: Int64, pin: PeopleChange.Pin) throws {
        switch pin {
        case .none:
            try db.execute("store/pin_delete", ["face_id": .integer(face)])
        case .rejected, .person:
            let person: Int64? = if case .person(let p) = pin { p } else { nil }
            try db.execute("store/pin_upsert", ["face_id": .integer(face), "person_id": person.sqlValue])
        }
    }
}

extension FaceStore {
    /// Every assigned face → its person.
    public func assignments() throws -> [Int64: Int64] {
        try read { db in
            var result: [Int64: Int64] = [:]
            for row in try db.rows("store/assignments") {
                result[row["face_id"]] = row["person_id"]
            }
            return result
        }
    }
}
