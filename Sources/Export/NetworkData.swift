import Analysis
import Foundation
import Imaging
import Store

/// The co-appearance network as every export draws it: people with their counts, face and photos, weighted edges
/// with their dates and photos, and the network measures (centralities, communities) of each person.
public struct NetworkData: Sendable {
    /// One person.
    public struct Node: Sendable {
        public var id: Int64
        /// The name a user gave, nil when unnamed.
        public var name: String?
        /// Distinct photos showing this person.
        public var photos: Int
        /// Faces assigned to this person (a photo may show someone twice, for example in a mirror).
        public var faces: Int
        /// Number of other people this person appears with.
        public var connections: Int
        /// Sum of the weights of this person's edges (co-appearance photos, counted once per companion).
        public var weightedDegree: Int
        /// The representative face (highest detection score) as a small square JPEG; nil when not loaded or when
        /// its crop is missing.
        public var thumbnail: Data?
        /// The representative face's crop, relative to the photo folder; nil when it was not saved.
        public var facePath: String?
        /// This person's photos as indices into `NetworkData.photos`, dated ones in time order first.
        public var photoIndices: [Int]
        /// Median apparent age and mean gender of the person's faces (`extract --age-gender`); nil when none was
        /// estimated.
        public var ageGender: PersonAgeGender?

        public init(id: Int64, name: String?, photos: Int, faces: Int, connections: Int, weightedDegree: Int,
                    thumbnail: Data? = nil, facePath: String? = nil, photoIndices: [Int] = [],
                    ageGender: PersonAgeGender? = nil) {
            self.id = id; self.name = name; self.photos = photos; self.faces = faces; self.connections = connections
            self.weightedDegree = weightedDegree; self.thumbnail = thumbnail; self.facePath = facePath
            self.photoIndices = photoIndices; self.ageGender = ageGender
        }

        /// The name when set, else "Person <id>".
        public var label: String { name ?? "Person \(id)" }
        /// The thumbnail as a `data:image/jpeg;base64,…` URI, empty without one.
        public var imageURI: String {
            thumbnail.map(Thumbnails.dataURI(jpeg:)) ?? ""
        }
    }

    /// One co-appearance edge (`source < target`).
    public struct Link: Sendable {
        public var source: Int64
        public var target: Int64
        /// Distinct photos showing both people.
        public var weight: Int
        /// Earliest and latest EXIF date taken among those photos ('YYYY-MM-DD HH:MM:SS'), nil when none has one.
        public var firstTakenAt: String?
        public var lastTakenAt: String?
        /// The photos behind the edge as indices into `NetworkData.photos`, dated ones in time order first.
        public var photoIndices: [Int]

        public init(source: Int64, target: Int64, weight: Int, firstTakenAt: String? = nil, lastTakenAt: String? = nil,
                    photoIndices: [Int] = []) {
            self.source = source; self.target = target; self.weight = weight
            self.firstTakenAt = firstTakenAt; self.lastTakenAt = lastTakenAt; self.photoIndices = photoIndices
        }
    }

    /// A photo of someone in the network: its id, one path relative to the photo folder and its EXIF date taken
    /// ('YYYY-MM-DD HH:MM:SS' or nil), as the store lists the photos behind an edge.
    public typealias Photo = EdgePhoto

    public var nodes: [Node]
    public var links: [Link]
    /// Every photo of anyone in `nodes`, by photo id.
    public var photos: [Photo]
    /// Centralities and communities, aligned with `nodes`.
    public var measures: NetworkMeasures

    /// The network as the analysis layer's graph, indexed like `nodes`.
    public var graph: SocialGraph { NetworkMeasures.graph(nodes: nodes, links: links) }

    /// Assembles a network; its measures are computed unless given (path measures from `sources` sampled people
    /// when given, see `NetworkMeasures.init(nodes:links:sources:)`). `links` must join people of `nodes`
    /// (`source < target`, weight ≥ 1) and photo indices must index `photos`.
    public init(nodes: [Node], links: [Link], photos: [Photo], measures: NetworkMeasures? = nil, sources: Int? = nil) {
        self.nodes = nodes
        self.links = links
        self.photos = photos
        self.measures = measures ?? NetworkMeasures(nodes: nodes, links: links, sources: sources)
    }

    /// Loads people seen in at least `minPhotos` photos and the edges between them, with their photos, in five
    /// queries whatever the size of the network. With `thumbnailSide` set, each person's representative face is
    /// cut from its saved crop under `photos` into a `thumbnailSide`-pixel square JPEG (decoded on every core);
    /// a missing or unreadable crop leaves that person without a thumbnail. `sources`: see `init`.
    /// - Throws: `StoreError` when the database cannot be read.
    public static func load(from store: any FaceStoring, photos folder: URL, minPhotos: Int,
                            thumbnailSide: Int? = 64, sources: Int? = nil) throws -> NetworkData {
        let network = try store.network(minPhotos: minPhotos, during: nil)
        let (people, edges) = (network.people, network.ties)
        let personPhotos = try store.personPhotos(minPhotos: minPhotos)
        let edgePhotos = try store.networkEdgePhotos(minPhotos: minPhotos)

        var photos: [Photo] = []
        var photoIndex: [Int64: Int] = [:]
        for photo in personPhotos.values.joined() where photoIndex[photo.photoID] == nil {
            photoIndex[photo.photoID] = -1
            photos.append(photo)
        }
        photos.sort { $0.photoID < $1.photoID }
        for (i, photo) in photos.enumerated() { photoIndex[photo.photoID] = i }

        var connections: [Int64: Int] = [:], weighted: [Int64: Int] = [:]
        for edge in edges {
            for person in [edge.source, edge.target] {
                connections[person, default: 0] += 1
                weighted[person, default: 0] += edge.weight
            }
        }
        let faces = try store.faces(ids: people.map(\.representativeFaceID))
        var thumbnails: [Int64: Data] = [:]
        if let side = thumbnailSide {
            thumbnails = Thumbnails.jpegs(of: people.compactMap { person in faces[person.representativeFaceID].map { (person.id, $0) } },
                                          photos: folder, side: side)
        }
        let nodes = people.map { person in
            // An empty name is no name: the person keeps the "Person <id>" label.
            Node(id: person.id, name: person.name.flatMap { $0.isEmpty ? nil : $0 }, photos: person.photos, faces: person.faces,
                 connections: connections[person.id, default: 0], weightedDegree: weighted[person.id, default: 0],
                 thumbnail: thumbnails[person.id], facePath: faces[person.representativeFaceID]?.cropPath,
                 photoIndices: (personPhotos[person.id] ?? []).compactMap { photoIndex[$0.photoID] },
                 ageGender: person.ageGender)
        }
        let links = edges.map { edge in
            Link(source: edge.source, target: edge.target, weight: edge.weight, firstTakenAt: edge.firstTakenAt,
                 lastTakenAt: edge.lastTakenAt,
                 photoIndices: inTimeOrder((edgePhotos[PersonPair(edge.source, edge.target)] ?? []).compactMap { photoIndex[$0] },
                                           photos))
        }
        return NetworkData(nodes: nodes, links: links, photos: photos, sources: sources)
    }

    /// Photo indices as the store lists photos: dated ones in time order, then undated ones by path.
    static func inTimeOrder(_ indices: [Int], _ photos: [Photo]) -> [Int] {
        indices.sorted { i, j in
            switch (photos[i].takenAt, photos[j].takenAt) {
            case let (a?, b?): return a != b ? a < b : photos[i].path < photos[j].path
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return photos[i].path < photos[j].path
            }
        }
    }

    /// The earliest and latest date taken among a node's photos, nil when none has a date.
    public func dates(of node: Node) -> (first: String, last: String)? {
        let dates = node.photoIndices.compactMap { photos[$0].takenAt }
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return (first, last)
    }
}

/// Small square face images for the exports, cut from the saved crops.
public enum Thumbnails {
    /// The face's crop fitted in `side × side`, as JPEG. Throws when the crop file is missing or unreadable.
    public static func jpeg(of face: FaceCropInfo, photos: URL, side: Int) throws -> Data {
        try image(of: face, photos: photos, side: side).jpegData(quality: 85)
    }

    /// `jpeg(of:photos:side:)` for many faces, on every core, keyed by the caller's id; faces whose crop cannot be
    /// read are left out.
    public static func jpegs(of faces: [(key: Int64, face: FaceCropInfo)], photos: URL, side: Int) -> [Int64: Data] {
        let results = UnsafeResults<Data>(count: faces.count)
        DispatchQueue.concurrentPerform(iterations: faces.count) { i in
            results.set(i, try? jpeg(of: faces[i].face, photos: photos, side: side))
        }
        var out: [Int64: Data] = [:]
        for (item, data) in zip(faces, results.values) { if let data { out[item.key] = data } }
        return out
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

/// Results written by concurrent workers, each to its own index (so no two threads touch one element), read after
/// all have finished. A raw buffer, because Swift's exclusivity checks would stop concurrent writes to an array.
final class UnsafeResults<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }
    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }
    func set(_ index: Int, _ value: T?) { buffer[index] = value }
    var values: [T?] { Array(buffer) }
}
