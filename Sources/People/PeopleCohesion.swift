import Analysis
import Store

/// How tight each person is: the mean and the maximum descriptor distance from its faces to its medoid face (the
/// face with the smallest total distance to the others).
///
/// A person is flagged low-cohesion when some face lies farther than `lowCohesionDistance` (0.6, dlib's own
/// same-person threshold: "pairs closer than 0.6 are the same person", dlib dnn_face_recognition_ex.cpp) from the
/// medoid: dlib itself would call that face someone else than the most typical face, so the person is worth a look
/// (`people show`, `people split`).
public struct PersonCohesion: Sendable, Equatable {
    public var mean: Float
    public var maximum: Float
    public var isLow: Bool { maximum > PeopleCohesion.lowCohesionDistance }
}

public enum PeopleCohesion {
    public static let lowCohesionDistance: Float = 0.6

    /// Cohesion of a group of descriptors (nil when empty). O(m² · d) for m faces.
    public static func of(_ descriptors: Descriptors) -> PersonCohesion? {
        guard descriptors.count > 0 else { return nil }
        let rows = Array(0..<descriptors.count)
        let medoid = descriptors.medoid(of: rows)
        let distances = rows.map { descriptors.distance($0, medoid) }
        return PersonCohesion(mean: distances.reduce(0, +) / Float(rows.count), maximum: distances.max()!)
    }

    /// Cohesion of every person in the store, by person id.
    public static func measure(store: any FaceStoring) throws -> [Int64: PersonCohesion] {
        measure(try AssignedFaces.load(from: store))
    }

    /// The same, on faces already read.
    public static func measure(_ faces: AssignedFaces) -> [Int64: PersonCohesion] {
        faces.people.compactMapValues { of(Descriptors(rows: $0, of: faces.descriptors)) }
    }

    /// The faces of `person` with their distance to the person's medoid face, nearest first (`people show`).
    public static func faces(ofPerson person: Int64, store: any FaceStoring) throws -> [(face: FaceCropInfo, distance: Float)] {
        let faces = try store.faces(ofPerson: person)
        return Descriptors(faces.map(\.descriptor)).byDistanceToMedoid().map { (face: faces[$0.row], distance: $0.distance) }
    }
}
