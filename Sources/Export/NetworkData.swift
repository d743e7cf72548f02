import Foundation
import Imaging
import Store

/// The co-appearance network as the exports draw it: people with their counts and a face, and weighted edges.
public struct NetworkData: Sendable {
    public struct Node: Sendable, Encodable {
        public var id: Int64
        public var label: String
        public var photos: Int
        public var faces: Int
        /// Number of other people this person appears with.
        public var connections: Int
        /// Sum of edge weights (co-appearance photos).
        public var weightedDegree: Int
        /// The representative face as a small JPEG `data:` URI, empty when its crop is missing.
        public var image: String
    }

    public struct Link: Sendable, Encodable {
        public var source: Int64
        public var target: Int64
        public var weight: Int
    }

    public var nodes: [Node]
    public var links: [Link]

    /// Loads people seen in at least `minPhotos` photos and the edges between them, with a `thumbnailSide`-pixel
    /// thumbnail of each person's representative face read from its crop under `photos`.
    public static func load(from store: FaceStore, photos: URL, minPhotos: Int, thumbnailSide: Int = 64) throws -> NetworkData {
        let people = try store.people(minPhotos: minPhotos)
        let edges = try store.coAppearances(minPhotos: minPhotos)
        var connections: [Int64: Int] = [:], weighted: [Int64: Int] = [:]
        for edge in edges {
            for person in [edge.source, edge.target] {
                connections[person, default: 0] += 1
                weighted[person, default: 0] += edge.weight
            }
        }
        var nodes: [Node] = []
        for person in people {
            var image = ""
            if let face = try store.face(id: person.representativeFaceID),
               let thumbnail = try? Thumbnails.jpeg(of: face, photos: photos, side: thumbnailSide) {
                image = "data:image/jpeg;base64," + thumbnail.base64EncodedString()
            }
            nodes.append(Node(id: person.id, label: person.label, photos: person.photos, faces: person.faces,
                              connections: connections[person.id, default: 0],
                              weightedDegree: weighted[person.id, default: 0], image: image))
        }
        return NetworkData(nodes: nodes,
                           links: edges.map { Link(source: $0.source, target: $0.target, weight: $0.weight) })
    }
}

/// Small square face images for the exports, cut from the saved crops.
public enum Thumbnails {
    /// The face's crop fitted in `side × side`, as JPEG. Throws when the crop file is missing or unreadable.
    public static func jpeg(of face: FaceCropInfo, photos: URL, side: Int) throws -> Data {
        try image(of: face, photos: photos, side: side).jpegData(quality: 85)
    }

    /// The face's crop scaled to fill `side × side` (centre-cropped to a square first).
    public static func image(of face: FaceCropInfo, photos: URL, side: Int) throws -> RGBImage {
        guard let cropPath = face.cropPath else { throw ImageError("face \(face.faceID) has no saved crop") }
        let url = photos.appendingPathComponent(cropPath)
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw ImageError("cannot read \(url.path)") }
        let crop = try PhotoDecoder.decode(data).image
        let square = min(crop.width, crop.height)
        let x = (crop.width - square) / 2, y = (crop.height - square) / 2
        return try crop.cropped(left: x, top: y, right: x + square, bottom: y + square).resized(width: side, height: side)
    }
}
