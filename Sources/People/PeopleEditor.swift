import Analysis
import Foundation
import Store

/// Hand edits of the people found: name, merge, split, reject a face, undo. The API `face-network people` and
/// the query shell share.
///
/// Every edit is one logged transaction (`people_edits`) holding a snapshot of what it changed, so `undo()`
/// restores it exactly; co-appearance edges are rebuilt after each edit and each undo. Edits also pin faces
/// (`face_pins`): the faces of a named, merged or split person are pinned to its id and rejected faces are pinned
/// out, and every later clustering applies the pins (`EditOverrides`), so edits survive re-clustering and
/// incremental extraction. Mosaics are the caller's (Export's `Mosaics.write` redraws only changed people).
public final class PeopleEditor {
    public let store: any FaceStoring

    public init(store: any FaceStoring) { self.store = store }

    /// A request that cannot be carried out, in words that name the person or face.
    public struct EditError: Error, CustomStringConvertible, Equatable {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// The longest name, in code points: a name is a label in tables, drawings and tooltips.
    public static let maximumNameLength = 200

    /// Names `person` (nil or blank removes the name) and pins its faces to it.
    /// - Throws: `EditError` when the person does not exist or the name is refused (`checkedName`).
    @discardableResult
    public func name(person: Int64, as name: String?) throws -> PeopleEdit {
        let newName = try Self.checkedName(name)
        return try store.editing {
            var change = PeopleChange()
            change.upsertPeople = [(person, newName)]
            change.pins = try facesOf(person).map { ($0, .person(person)) }
            return try record("name", ["person": "\(person)", "name": newName ?? ""], change)
        }
    }

    /// The name to store for `name`, trimmed; nil when it is nil or blank (no name).
    /// - Throws: `EditError` when the name holds line breaks, tabs or other control characters (they would break
    ///   every table and file a name is written into), U+FFFD (what bytes that are not UTF-8 are read as) or a
    ///   bidirectional override, shows nothing, or has more than `maximumNameLength` code points.
    public static func checkedName(_ name: String?) throws -> String? {
        guard let name else { return nil }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let scalars = trimmed.unicodeScalars
        if scalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw EditError("a name cannot hold line breaks, tabs or other control characters")
        }
        if scalars.contains("\u{FFFD}") {
            throw EditError("the name holds \u{FFFD}, the mark of bytes that are not UTF-8: give the name in UTF-8")
        }
        // Counted in code points: a letter with 20,000 combining accents is one character but no short name.
        if scalars.count > maximumNameLength {
            throw EditError("a name is at most \(maximumNameLength) characters; this one has \(scalars.count)")
        }
        // Bidirectional overrides and isolates make a name display as other text (U+202A–202E, U+2066–2069).
        if let mark = scalars.first(where: { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) {
            throw EditError(String(format: "a name cannot hold U+%04X, a mark that changes the direction text is shown in",
                                   mark.value))
        }
        // Blank removes the name; zero-width characters (around spaces or not) are not blank, but show nothing.
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .format }),
           name.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0.properties.generalCategory == .format }) {
            throw EditError("the name shows nothing: it holds only invisible characters")
        }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// "; warning: person 4 has that name too: …" when `others` share a new name, else "".
    public static func namesakeWarning(_ others: [Int64]) -> String {
        guard !others.isEmpty else { return "" }
        return "; warning: " + listed(others.map { "person \($0)" }) + " \(others.count == 1 ? "has" : "have")"
            + " that name too: a query by the name will need the id"
    }

    /// The other people with `person`'s name, ignoring case (a query by that name then needs the id).
    public func namesakes(of person: Int64) throws -> [Int64] {
        guard let name = try store.personName(person).name?.lowercased() else { return [] }
        return try store.people(minPhotos: 1, during: nil).filter { $0.id != person && $0.name?.lowercased() == name }.map(\.id)
    }

    /// The pairs among `people` who appear together in a photo, with how many photos, by id. Clustering never makes
    /// two faces of one photo one person; a hand merge may (a photo of a photo, a mirror), but callers warn first.
    public func photosShared(by people: [Int64]) throws -> [(a: Int64, b: Int64, photos: Int)] {
        let group = Array(Set(people)).sorted()
        var result: [(a: Int64, b: Int64, photos: Int)] = []
        for (i, a) in group.enumerated() {
            for b in group[(i + 1)...] {
                let shared = try store.edgePhotos(a, b).count
                if shared > 0 { result.append((a, b, shared)) }
            }
        }
        return result
    }

    /// Merges `people` into `target` (which may be one of them): their faces become the target's and are pinned
    /// to it; the others are deleted. The target keeps its name, or takes the first name among the others.
    /// - Throws: `EditError` for an unknown person or when nothing would be merged.
    @discardableResult
    public func merge(_ people: [Int64], into target: Int64) throws -> PeopleEdit {
        try store.editing {
            let others = Array(Set(people).subtracting([target])).sorted()
            guard !others.isEmpty else { throw EditError("merge needs at least one person besides \(target)") }
            let targetFaces = try facesOf(target)
            var change = PeopleChange()
            var name = try store.personName(target).name
            var moved: [Int64] = []
            for person in others {
                moved += try facesOf(person)
                if name == nil { name = try store.personName(person).name }
            }
            change.upsertPeople = [(target, name)]
            change.assign = moved.map { ($0, target) }
            change.pins = (targetFaces + moved).map { ($0, .person(target)) }
            change.deletePeople = others
            return try record("merge", ["into": "\(target)", "people": others.map(String.init).joined(separator: ",")], change)
        }
    }

    /// What a split did: the edit it logged and the new people's ids.
    public struct Split: Sendable {
        public let edit: PeopleEdit
        public let newPeople: [Int64]
    }

    /// Moves `faces` of `person` out to a new person; both sides are pinned so they stay apart.
    /// - Returns: the edit (a "move") and the new person's id, the one of `newPeople`.
    /// - Throws: `EditError` when a face is not the person's, or when the split would leave either side empty.
    @discardableResult
    public func split(person: Int64, faces: [Int64]) throws -> Split {
        try store.editing {
            let all = try facesOf(person)
            let moving = Set(faces)
            guard !moving.isEmpty else { throw EditError("split: no faces given to move out of person \(person)") }
            if let stranger = moving.subtracting(all).sorted().first {
                throw EditError("face \(stranger) is not a face of person \(person)")
            }
            guard moving.count < all.count else {
                throw EditError("split: moving every face of person \(person) would leave it empty; use merge or name")
            }
            let newID = try store.nextPersonID()
            let edit = try record("move", ["person": "\(person)", "new_person": "\(newID)",
                                           "faces": moving.sorted().map(String.init).joined(separator: ",")],
                                  groupsChange(person: person, groups: [all.filter { !moving.contains($0) }, moving.sorted()],
                                               firstNew: newID))
            return Split(edit: edit, newPeople: [newID])
        }
    }

    /// Re-clusters the faces of `person` with average linkage at `threshold` (tighter than the clustering's):
    /// the largest group keeps the id, each other group becomes a new person (single faces included); all are
    /// pinned.
    /// - Returns: the edit and the new people's ids; nil when the faces stay together at that threshold (nothing is
    ///   logged).
    /// - Throws: `EditError` for an unknown person or a threshold outside (0, 2).
    @discardableResult
    public func split(person: Int64, threshold: Float) throws -> Split? {
        try store.editing {
            guard threshold > 0, threshold < 2 else { throw EditError("split: the threshold must be above 0 and below 2") }
            _ = try facesOf(person)
            let faces = try store.faces(ofPerson: person)
            let descriptors = Descriptors(faces.map(\.descriptor))
            let rows = Agglomerative.textbook(linkage: .average, threshold: threshold, minClusterSize: 1).clusters(descriptors)
            guard rows.count > 1 else { return nil }
            let groups = rows.sorted { $0.count > $1.count }.map { $0.map { faces[$0].faceID } }
            let firstNew = try store.nextPersonID()
            let edit = try record("split", ["person": "\(person)", "threshold": "\(threshold)",
                                            "new_people": "\(groups.count - 1)"],
                                  groupsChange(person: person, groups: groups, firstNew: firstNew))
            return Split(edit: edit, newPeople: (0..<Int64(groups.count - 1)).map { firstNew + $0 })
        }
    }

    /// Takes `face` out of its person for good (it is never assigned again, until undone).
    /// - Throws: `EditError` when the face does not exist or is already rejected.
    @discardableResult
    public func reject(face: Int64) throws -> PeopleEdit {
        try store.editing {
            guard let current = try store.person(ofFace: face) else { throw EditError("there is no face \(face)") }
            if try store.pins().rejected.contains(face) { throw EditError("face \(face) is already rejected") }
            var change = PeopleChange()
            change.assign = [(face, nil)]
            change.pins = [(face, .rejected)]
            if let person = current, try facesOf(person) == [face] { change.deletePeople = [person] }
            return try record("reject", ["face": "\(face)", "person": current.map { "\($0)" } ?? ""], change)
        }
    }

    /// Undoes the latest edit not yet undone; nil when there is none.
    @discardableResult
    public func undo() throws -> PeopleEdit? { try store.editing { try store.undoLastEdit() } }

    /// Every edit, oldest first (undone ones marked).
    public func history() throws -> [PeopleEdit] { try store.edits() }

    // MARK: -

    private func facesOf(_ person: Int64) throws -> [Int64] {
        guard try store.personName(person).exists else { throw EditError("there is no person \(person)") }
        return try store.faceIDs(ofPerson: person)
    }

    /// The change that gives `groups[0]` to `person` and each later group to a new person numbered from
    /// `firstNew`, pinning every face.
    private func groupsChange(person: Int64, groups: [[Int64]], firstNew: Int64) -> PeopleChange {
        var change = PeopleChange()
        for (index, faces) in groups.enumerated() {
            let id = index == 0 ? person : firstNew + Int64(index - 1)
            if index > 0 { change.upsertPeople.append((id, nil)) }
            change.assign += faces.map { ($0, id) }
            change.pins += faces.map { ($0, .person(id)) }
        }
        return change
    }

    @discardableResult
    func record(_ kind: String, _ arguments: [String: String], _ change: PeopleChange) throws -> PeopleEdit {
        let id = try store.recordEdit(kind: kind, arguments: arguments, change: change)
        return try store.edits().first { $0.id == id }!
    }
}
