import Analysis
import Store

/// The faces assigned to people, with their descriptors, read from the store once for every measure of the people
/// (cohesion, suggested splits and merges).
public struct AssignedFaces: Sendable {
    /// Each person's rows in `descriptors`.
    public var people: [Int64: [Int]]
    public var descriptors: Descriptors
    /// The photo of each row.
    public var photos: [Int64]

    /// Reads the assigned faces of `store` (one pass over the descriptors).
    public static func load(from store: any FaceStoring) throws -> AssignedFaces {
        let assignments = try store.assignments()
        let faces = try store.descriptors().filter { assignments[$0.faceID] != nil }
        var people: [Int64: [Int]] = [:]
        for (row, face) in faces.enumerated() { people[assignments[face.faceID]!, default: []].append(row) }
        return AssignedFaces(people: people, descriptors: Descriptors(faces.map(\.descriptor)),
                             photos: faces.map(\.photoID))
    }
}
