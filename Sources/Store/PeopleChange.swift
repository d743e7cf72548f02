/// A set of changes to people and face assignments that one edit makes, applied in one transaction by
/// `FaceStore.recordEdit` (which snapshots every row it touches first, for undo).
public struct PeopleChange: Sendable, Equatable {
    /// What an edit decides about a face beyond the clustering.
    public enum Pin: Sendable, Equatable, Codable {
        /// The face belongs to this person, whatever a later clustering says.
        case person(Int64)
        /// The face is never assigned.
        case rejected
        /// No decision: the clustering decides.
        case none
    }

    /// People rows to create or rename (id, name).
    public var upsertPeople: [(id: Int64, name: String?)] = []
    /// People rows to delete (their faces must be reassigned by `assign` in the same change).
    public var deletePeople: [Int64] = []
    /// Face → person (nil: unassigned).
    public var assign: [(face: Int64, person: Int64?)] = []
    /// Face → pin.
    public var pins: [(face: Int64, pin: Pin)] = []

    public init() {}

    public static func == (a: PeopleChange, b: PeopleChange) -> Bool {
        a.upsertPeople.elementsEqual(b.upsertPeople, by: { $0.id == $1.id && $0.name == $1.name })
            && a.deletePeople == b.deletePeople
            && a.assign.elementsEqual(b.assign, by: { $0.face == $1.face && $0.person == $1.person })
            && a.pins.elementsEqual(b.pins, by: { $0.face == $1.face && $0.pin == $1.pin })
    }
}

/// One logged edit.
public struct PeopleEdit: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    /// JSON object of what the user asked for.
    public var arguments: String
    public var madeAt: String
    public var undoneAt: String?
    /// For an edit just undone: the faces it touched that are no longer in the store (their photos changed or were
    /// removed since), which the undo left out.
    public var facesGone = 0

    public init(id: Int64, kind: String, arguments: String, madeAt: String, undoneAt: String?, facesGone: Int = 0) {
        (self.id, self.kind, self.arguments, self.madeAt, self.undoneAt, self.facesGone) =
            (id, kind, arguments, madeAt, undoneAt, facesGone)
    }
}

/// The rows an edit touched, as they were before it (stored as JSON in `people_edits.before`).
struct EditSnapshot: Codable {
    struct PersonRow: Codable { var id: Int64; var exists: Bool; var name: String?; var runID: Int64? }
    struct FaceRow: Codable { var face: Int64; var person: Int64?; var pin: PeopleChange.Pin }
    var people: [PersonRow]
    var faces: [FaceRow]
}
