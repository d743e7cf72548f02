import Foundation

/// Bulk reads for the network exports: each is one query whatever the number of people, so that a network of
/// thousands of people is loaded in a few reads instead of one per person or per edge.
extension FaceStore {
    /// The faces with these ids, keyed by id, with crops and boxes; ids that match no face are left out.
    /// One statement whatever the number of ids: they are bound as one JSON array (`store/faces_by_ids.sql`).
    public func faces(ids: [Int64]) throws -> [Int64: FaceCropInfo] {
        try read { db in
            let list = "[" + Set(ids).sorted().map(String.init).joined(separator: ",") + "]"
            var result: [Int64: FaceCropInfo] = [:]
            for row in try db.rows("store/faces_by_ids", ["ids": .text(list)]) {
                let face = try Self.cropInfo(row)
                result[face.faceID] = face
            }
            return result
        }
    }

    /// Every photo of every person seen in at least `minPhotos` photos (`sql/queries/person_photos.sql`): for each
    /// person id, their photos, dated ones in time order first, then undated ones by path.
    public func personPhotos(minPhotos: Int = 1) throws -> [Int64: [EdgePhoto]] {
        try read { db in
            var result: [Int64: [EdgePhoto]] = [:]
            for row in try db.rows("queries/person_photos", ["min_photos": .integer(Int64(minPhotos))]) {
                result[row["person"], default: []].append(
                    EdgePhoto(photoID: row["photo"], path: row["path"] ?? "", takenAt: row["taken_at"]))
            }
            return result
        }
    }

    /// The photo ids behind every edge between people seen in at least `minPhotos` photos
    /// (`sql/queries/network_edge_photos.sql`), keyed by the edge's two person ids (`a < b`), ascending.
    public func networkEdgePhotos(minPhotos: Int = 1) throws -> [PersonPair: [Int64]] {
        try read { db in
            var result: [PersonPair: [Int64]] = [:]
            for row in try db.rows("queries/network_edge_photos", ["min_photos": .integer(Int64(minPhotos))]) {
                result[PersonPair(row["person_a"], row["person_b"]), default: []].append(row["photo"])
            }
            return result
        }
    }
}

/// The two people of an undirected edge, the smaller id first, as the store keeps them.
public struct PersonPair: Hashable, Sendable {
    public let a: Int64
    public let b: Int64
    public init(_ x: Int64, _ y: Int64) {
        a = min(x, y)
        b = max(x, y)
    }
}
