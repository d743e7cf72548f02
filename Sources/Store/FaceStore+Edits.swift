import Foundation
import GRDB

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
        let took = try runLock.acquire(patience: Self.editPatience)
        defer { if took { runLock.release() } }
        return try edit()
    }

    /// Applies `change` in one transaction after logging it as an edit of `kind` with `arguments` (a JSON object)
    /// and a snapshot of every row it touches; rebuilds the edges. Returns the edit's id.
    @discardableResult
    public func recordEdit(kind: String, arguments: [String: String], change: PeopleChange) throws -> Int64 {
        try write { db in
            let snapshot = try Self.snapshot(db, change: change)
            try db.execute(
                sql: "INSERT INTO people_edits (kind, arguments, before, made_at) VALUES (?, ?, ?, ?)",
                arguments: [kind, Self.json(arguments), String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self),
                            Self.now()])
            let id = db.lastInsertedRowID
            try Self.apply(db, change: change)
            try db.execute(sql: SQLText["queries/edges_rebuild"])
            return id
        }
    }

    /// Restores the rows the latest edit not yet undone had changed, exactly as they were, marks it undone and
    /// rebuilds the edges. Returns the edit undone, or nil when there is none.
    public func undoLastEdit() throws -> PeopleEdit? {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, kind, arguments, before, made_at FROM people_edits WHERE undone_at IS NULL
                ORDER BY id DESC LIMIT 1
                """) else { return nil }
            let json: String = row["before"]
            guard let snapshot = try? JSONDecoder().decode(EditSnapshot.self, from: Data(json.utf8)) else {
                throw StoreError.corrupt("people_edits \(row["id"] as Int64) has an unreadable snapshot")
            }
            // People first (so restored faces have a row to point at), then faces, then people the edit created.
            for person in snapshot.people where person.exists {
                try db.execute(sql: """
                    INSERT INTO people (id, name, run_id) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name
                    """, arguments: [person.id, person.name, person.runID])
            }
            for face in snapshot.faces {
                try Self.setPerson(db, face: face.face, person: face.person)
                try Self.setPin(db, face: face.face, pin: face.pin)
            }
            for person in snapshot.people where !person.exists {
                try db.execute(sql: "DELETE FROM people WHERE id = ?", arguments: [person.id])
            }
            let undoneAt = Self.now()
            try db.execute(sql: "UPDATE people_edits SET undone_at = ? WHERE id = ?", arguments: [undoneAt, row["id"]])
            try db.execute(sql: SQLText["queries/edges_rebuild"])
            return PeopleEdit(id: row["id"], kind: row["kind"], arguments: row["arguments"], madeAt: row["made_at"],
                              undoneAt: undoneAt)
        }
    }

    /// Every edit, oldest first, undone ones included (with the time they were undone).
    public func edits() throws -> [PeopleEdit] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, arguments, made_at, undone_at FROM people_edits ORDER BY id").map {
                PeopleEdit(id: $0["id"], kind: $0["kind"], arguments: $0["arguments"], madeAt: $0["made_at"],
                           undoneAt: $0["undone_at"])
            }
        }
    }

    /// The pins edits left: face → person for pinned faces, and the rejected faces.
    public func pins() throws -> (pinned: [Int64: Int64], rejected: Set<Int64>) {
        try pool.read { db in
            var pinned: [Int64: Int64] = [:], rejected = Set<Int64>()
            for row in try Row.fetchAll(db, sql: "SELECT face_id, person_id FROM face_pins") {
                if let person: Int64 = row["person_id"] { pinned[row["face_id"]] = person } else { rejected.insert(row["face_id"]) }
            }
            return (pinned, rejected)
        }
    }

    /// The face ids of a person, ascending (empty for an unknown person).
    public func faceIDs(ofPerson person: Int64) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT face_id FROM face_people WHERE person_id = ? ORDER BY face_id",
                               arguments: [person])
        }
    }

    /// The person of a face (nil when unassigned); throws when the face does not exist.
    public func person(ofFace face: Int64) throws -> Int64?? {
        try pool.read { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM faces WHERE id = ?", arguments: [face]) != nil else { return nil }
            return .some(try Int64.fetchOne(db, sql: "SELECT person_id FROM face_people WHERE face_id = ?", arguments: [face]))
        }
    }

    /// The name of a person, and whether the person exists.
    public func personName(_ person: Int64) throws -> (exists: Bool, name: String?) {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT name FROM people WHERE id = ?", arguments: [person]) else {
                return (false, nil)
            }
            return (true, row["name"])
        }
    }

    /// An id above every person id in use.
    public func nextPersonID() throws -> Int64 {
        try pool.read { db in
            let people = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM people") ?? 0
            let pinned = try Int64.fetchOne(db, sql: "SELECT MAX(person_id) FROM face_pins") ?? 0
            return max(people, pinned) + 1
        }
    }

    /// The fingerprint each person's mosaic was last drawn from.
    public func mosaicFingerprints() throws -> [Int64: String] {
        try pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT person_id, fingerprint FROM person_mosaics")
                .map { ($0["person_id"] as Int64, $0["fingerprint"] as String) })
        }
    }

    /// Records the fingerprints of the mosaics now on disk (replacing all earlier ones).
    public func setMosaicFingerprints(_ fingerprints: [Int64: String]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM person_mosaics")
            for (person, fingerprint) in fingerprints {
                try db.execute(sql: "INSERT INTO person_mosaics (person_id, fingerprint) VALUES (?, ?)",
                               arguments: [person, fingerprint])
            }
        }
    }

    static func snapshot(_ db: Database, change: PeopleChange) throws -> EditSnapshot {
        var personIDs = Set(change.upsertPeople.map(\.id)).union(change.deletePeople)
        let faceIDs = Set(change.assign.map(\.face)).union(change.pins.map(\.face))
        for face in faceIDs {
            if let p = try Int64.fetchOne(db, sql: "SELECT person_id FROM face_people WHERE face_id = ?", arguments: [face]) {
                personIDs.insert(p)
            }
        }
        let people = try personIDs.sorted().map { id -> EditSnapshot.PersonRow in
            if let row = try Row.fetchOne(db, sql: "SELECT name, run_id FROM people WHERE id = ?", arguments: [id]) {
                return .init(id: id, exists: true, name: row["name"], runID: row["run_id"])
            }
            return .init(id: id, exists: false, name: nil, runID: nil)
        }
        let faces = try faceIDs.sorted().map { face -> EditSnapshot.FaceRow in
            let person = try Int64.fetchOne(db, sql: "SELECT person_id FROM face_people WHERE face_id = ?", arguments: [face])
            let pin: PeopleChange.Pin
            if let row = try Row.fetchOne(db, sql: "SELECT person_id FROM face_pins WHERE face_id = ?", arguments: [face]) {
                pin = (row["person_id"] as Int64?).map { .person($0) } ?? .rejected
            } else {
                pin = .none
            }
            return .init(face: face, person: person, pin: pin)
        }
        return EditSnapshot(people: people, faces: faces)
    }

    static func apply(_ db: Database, change: PeopleChange) throws {
        for person in change.upsertPeople {
            try db.execute(sql: """
                INSERT INTO people (id, name, run_id) VALUES (?, ?, NULL)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name
                """, arguments: [person.id, person.name])
        }
        for (face, person) in change.assign { try setPerson(db, face: face, person: person) }
        for (face, pin) in change.pins { try setPin(db, face: face, pin: pin) }
        for person in change.deletePeople {
            try db.execute(sql: "DELETE FROM people WHERE id = ?", arguments: [person])
        }
    }

    static func setPerson(_ db: Database, face: Int64, person: Int64?) throws {
        if let person {
            try db.execute(sql: """
                INSERT INTO face_people (face_id, person_id) VALUES (?, ?)
                ON CONFLICT (face_id) DO UPDATE SET person_id = excluded.person_id
                """, arguments: [face, person])
        } else {
            try db.execute(sql: "DELETE FROM face_people WHERE face_id = ?", arguments: [face])
        }
    }

    static func setPin(_ db: Database, face: Int64, pin: PeopleChange.Pin) throws {
        switch pin {
        case .none:
            try db.execute(sql: "DELETE FROM face_pins WHERE face_id = ?", arguments: [face])
        case .rejected, .person:
            let person: Int64? = if case .person(let p) = pin { p } else { nil }
            try db.execute(sql: """
                INSERT INTO face_pins (face_id, person_id) VALUES (?, ?)
                ON CONFLICT (face_id) DO UPDATE SET person_id = excluded.person_id
                """, arguments: [face, person])
        }
    }
}

extension FaceStore {
    /// Every assigned face → its person.
    public func assignments() throws -> [Int64: Int64] {
        try pool.read { db in
            var result: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT face_id, person_id FROM face_people") {
                result[row["face_id"]] = row["person_id"]
            }
            return result
        }
    }
}
