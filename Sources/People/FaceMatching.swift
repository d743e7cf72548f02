import Analysis
import Foundation
import Store

/// The limits a face (or a group of faces) must be within to be someone, the same the default clustering merges by.
///
/// Average linkage (Sokal & Michener 1958): the distance between two groups is the mean descriptor distance over
/// every pair, one face from each. The clustering merges groups of x and y faces when that mean is below
/// `single + (large − single)(1 − 1/√(xy))` (`Agglomerative`, docs/clustering.md): `single` for two single faces,
/// rising towards `large` as a mean over more pairs gets steadier. Matching a photo's face to a person of x faces
/// is the merge of a group of 1 with a group of x at the same limits.
public struct MatchLimits: Sendable, Equatable {
    /// The limit for two single faces, in descriptor distance.
    public var single: Float
    /// The limit that large groups approach.
    public var large: Float

    public init(single: Float, large: Float) {
        self.single = min(single, large)
        self.large = large
    }

    /// One limit for every size (`--threshold D`).
    public static func fixed(_ distance: Float) -> MatchLimits { MatchLimits(single: distance, large: distance) }

    /// The limit for groups of `x` and `y` faces.
    public func limit(_ x: Int, _ y: Int) -> Float {
        Agglomerative.sizeLimit(single: single, large: large, max(1, x), max(1, y))
    }

    /// The limits the store's latest clustering used: an agglomerative run's recorded limits (those it left to the
    /// number of faces follow the store's faces, as `Agglomerative.limits(forFaces:)` does). Other algorithms have
    /// no such limits; the default clustering's are used for them and for a store never clustered.
    public static func ofClustering(in store: any FaceStoring) throws -> MatchLimits {
        let recorded = try store.lastRunParameters(command: "cluster") ?? [:]
        var ahc = Agglomerative()
        if recorded["algorithm"] == "ahc" {
            let threshold = recorded["threshold"].flatMap(Float.init)
            let face = recorded["face_threshold"].flatMap(Float.init)
            if let threshold { ahc.threshold = threshold }
            if let face { ahc.faceThreshold = face }
            ahc.scale = ahc.scale?.keeping(faceThreshold: face != nil, threshold: threshold != nil)
        }
        let limits = ahc.limits(forFaces: try store.counts().faces)
        return MatchLimits(single: limits.faceThreshold, large: limits.threshold)
    }
}

/// The people of a store and its unassigned faces, read once, to match faces from outside the collection against
/// (`find`, `people name-from`, the query shell's `who is in`).
public struct PeopleIndex: Sendable {
    public struct Person: Sendable {
        public var id: Int64
        public var name: String?
        /// Photos that show the person.
        public var photos: Int
        public var descriptors: Descriptors
        public var faceIDs: [Int64]
        /// The photo of each face.
        public var photoIDs: [Int64]
    }
    public var people: [Person]
    /// Faces no clustering or edit gave to anyone (rejected faces left out), with their descriptors.
    public var unassigned: [(faceID: Int64, photoID: Int64, descriptor: [Float])]
    public var limits: MatchLimits

    /// Reads the people and unassigned faces of `store`; `limits` nil takes the clustering's
    /// (`MatchLimits.ofClustering`).
    public static func load(from store: any FaceStoring, limits: MatchLimits? = nil) throws -> PeopleIndex {
        let assignments = try store.assignments()
        let rejected = try store.pins().rejected
        var byPerson: [Int64: [StoredDescriptor]] = [:]
        var unassigned: [(faceID: Int64, photoID: Int64, descriptor: [Float])] = []
        for face in try store.descriptors() {
            if let person = assignments[face.faceID] {
                byPerson[person, default: []].append(face)
            } else if !rejected.contains(face.faceID) {
                unassigned.append((face.faceID, face.photoID, face.descriptor))
            }
        }
        let summaries = Dictionary(try store.people(minPhotos: 1, during: nil).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let people = byPerson.keys.sorted().map { id in
            let faces = byPerson[id]!
            return Person(id: id, name: summaries[id]?.name, photos: summaries[id]?.photos ?? Set(faces.map(\.photoID)).count,
                          descriptors: Descriptors(faces.map(\.descriptor)), faceIDs: faces.map(\.faceID),
                          photoIDs: faces.map(\.photoID))
        }
        return PeopleIndex(people: people, unassigned: unassigned, limits: try limits ?? MatchLimits.ofClustering(in: store))
    }

    /// A person a face (or a group of faces) is matched to.
    public struct Match: Sendable, Equatable {
        public var person: Int64
        public var name: String?
        /// Average-linkage distance: the mean descriptor distance to the person's faces.
        public var distance: Float
        /// The limit it was within (`MatchLimits.limit` for the two groups' sizes).
        public var limit: Float
        public var photos: Int
    }

    /// Every person the group `faces` is within the limits of, nearest first (ties: lower id).
    public func matches(_ faces: Descriptors) -> [Match] {
        people.compactMap { person -> Match? in
            let distance = faces.meanDistance(to: person.descriptors)
            let limit = limits.limit(faces.count, person.descriptors.count)
            return distance < limit ? Match(person: person.id, name: person.name, distance: distance, limit: limit,
                                            photos: person.photos) : nil
        }.sorted { ($0.distance, $0.person) < ($1.distance, $1.person) }
    }

    /// The unassigned faces within the single-face limit of `descriptor`, nearest first.
    public func unassignedLike(_ descriptor: [Float]) -> [(faceID: Int64, distance: Float)] {
        unassigned.map { ($0.faceID, descriptorDistance(descriptor, $0.descriptor)) }
            .filter { $0.1 < limits.single }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }
}

/// One face of a photo that `find` looked for in the collection.
public struct FoundFace: Sendable {
    /// 1-based, left to right (then top to bottom).
    public var index: Int
    public var box: FaceBox
    /// The nearest person within the limits, if any.
    public var match: PeopleIndex.Match?
    /// Other people also within the limits (a likely wrong split of one person, or look-alikes), nearest first.
    public var alsoWithin: [PeopleIndex.Match]
    /// When no person matches: unassigned faces within the single-face limit (a person seen once), nearest first.
    public var unassignedLike: [(faceID: Int64, distance: Float)]
}

public enum FaceFinder {
    /// Matches each face of one photo (boxes and descriptors, as extraction finds them) to the people of `index`:
    /// the person with the smallest average-linkage distance within the limits (`MatchLimits`), else no one, and
    /// then the unassigned faces close to it. Faces are numbered left to right.
    public static func find(_ faces: [(box: FaceBox, descriptor: [Float])], in index: PeopleIndex) -> [FoundFace] {
        let ordered = faces.sorted { ($0.box.left, $0.box.top) < ($1.box.left, $1.box.top) }
        return ordered.enumerated().map { position, face in
            let matches = index.matches(Descriptors([face.descriptor]))
            return FoundFace(index: position + 1, box: face.box, match: matches.first, alsoWithin: Array(matches.dropFirst()),
                             unassignedLike: matches.isEmpty ? index.unassignedLike(face.descriptor) : [])
        }
    }
}

extension FaceFinder {
    /// The photo of each unassigned face `table` names in `also` (the first five of each face), read from `store`.
    public static func pathsOfUnassignedLike(_ found: [FoundFace], in store: any FaceStoring) throws -> [Int64: String] {
        try store.faces(ids: found.flatMap { $0.unassignedLike.prefix(5).map(\.faceID) }).mapValues(\.photoPath)
    }

    /// The columns of `find` and the query shell's `who is in`.
    public static let columns = ["example_face", "left", "top", "right", "bottom", "person", "name", "distance", "photos",
                                 "also"]

    /// One row per face of the photo (`columns`); with `photosOf` (each matched person's photo paths), one row per
    /// photo of the person, the path in an added `path` column. `also` names the other people within the limits,
    /// or for a face no one matches the unassigned faces like it (`pathOfFace` gives their photos).
    public static func table(_ found: [FoundFace], photosOf: [Int64: [String]]? = nil,
                             pathOfFace: [Int64: String] = [:]) -> ResultTable {
        var rows: [[ResultTable.Cell]] = []
        for face in found {
            let also: String
            if !face.alsoWithin.isEmpty {
                also = "also within the limits: " + face.alsoWithin.prefix(5).map {
                    "person \($0.person)" + ($0.name.map { " \"\($0)\"" } ?? "") + String(format: " (%.3f)", $0.distance)
                }.joined(separator: ", ")
            } else if !face.unassignedLike.isEmpty {
                let paths = face.unassignedLike.prefix(5).map { like in
                    (pathOfFace[like.faceID] ?? "face \(like.faceID)") + String(format: " (%.3f)", like.distance)
                }
                also = "also like: \(face.unassignedLike.count) unassigned face\(face.unassignedLike.count == 1 ? "" : "s") in "
                    + paths.joined(separator: ", ") + (face.unassignedLike.count > 5 ? ", …" : "")
            } else {
                also = ""
            }
            let cells: [ResultTable.Cell] = [
                .integer(Int64(face.index)), .integer(Int64(face.box.left)), .integer(Int64(face.box.top)),
                .integer(Int64(face.box.right)), .integer(Int64(face.box.bottom)),
                face.match.map { .integer($0.person) } ?? .null, face.match?.name.map { .text($0) } ?? .null,
                face.match.map { .real((Double($0.distance) * 10_000).rounded() / 10_000) } ?? .null,
                face.match.map { .integer(Int64($0.photos)) } ?? .null, .text(also),
            ]
            if let photosOf {
                let paths = face.match.flatMap { photosOf[$0.person] } ?? []
                if paths.isEmpty { rows.append(cells + [.null]) }
                for path in paths { rows.append(cells + [.text(path)]) }
            } else {
                rows.append(cells)
            }
        }
        return ResultTable(columns: columns + (photosOf == nil ? [] : ["path"]), rows: rows)
    }
}
