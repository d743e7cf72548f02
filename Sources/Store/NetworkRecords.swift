import Foundation

/// One person of the network with their counts and the face that represents them.
public struct PersonSummary: Sendable, Equatable {
    public var id: Int64
    public var name: String?
    public var photos: Int
    public var faces: Int
    public var representativeFaceID: Int64
    /// Median apparent age and mean gender of the person's estimated faces; nil when none was estimated.
    public var ageGender: PersonAgeGender? = nil
    /// The name when set, else "Person <id>".
    public var label: String { name ?? "Person \(id)" }
}

/// A co-appearance edge: `weight` distinct photos show both people (`source < target`). `firstTakenAt` and
/// `lastTakenAt` are the earliest and latest EXIF date taken among those photos ('YYYY-MM-DD HH:MM:SS'), nil when
/// none has a date.
public struct CoAppearance: Sendable, Equatable {
    public var source: Int64
    public var target: Int64
    public var weight: Int
    public var firstTakenAt: String?
    public var lastTakenAt: String?
    public init(source: Int64, target: Int64, weight: Int, firstTakenAt: String? = nil, lastTakenAt: String? = nil) {
        self.source = source; self.target = target; self.weight = weight
        self.firstTakenAt = firstTakenAt; self.lastTakenAt = lastTakenAt
    }
}

/// A photo behind a co-appearance edge: its id, one path relative to the photo folder (the first in text order when
/// the same bytes lie under several) and its EXIF date taken when it has one.
public struct EdgePhoto: Sendable, Equatable {
    public var photoID: Int64
    public var path: String
    public var takenAt: String?
    public init(photoID: Int64, path: String, takenAt: String?) {
        self.photoID = photoID; self.path = path; self.takenAt = takenAt
    }
}

/// A span of dates taken, both ends inclusive, as 'YYYY-MM-DD HH:MM:SS' (the form `photos.taken_at` holds, so that
/// text order is time order). Every graph query takes one: only the photos taken in it count, undated photos never.
public struct DateWindow: Equatable, Sendable {
    public var from: String
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// A person's id and name (nil when unnamed).
public struct NamedPerson: Equatable, Sendable {
    public var id: Int64
    public var name: String?
    public init(id: Int64, name: String?) {
        self.id = id
        self.name = name
    }
}

/// Someone who appears with a given person, and in how many photos.
public struct Tie: Equatable, Sendable {
    public var person: NamedPerson
    public var photos: Int
}

/// Someone who appears with either of two people: the photos shared with the first and with the second.
public struct PairTie: Equatable, Sendable {
    public var person: NamedPerson
    public var photosWithFirst: Int
    public var photosWithSecond: Int
}

/// One round of the two-sided path search (`sql/queries/graph/path.sql`).
public struct PathRound: Equatable, Sendable {
    /// One step of the chain found: step 0 is the source; `photos` is shared with the previous step (nil at 0).
    public struct Step: Equatable, Sendable {
        public var step: Int
        public var person: NamedPerson
        public var photos: Int?
    }

    /// The chain, source to target; empty when the two searches do not meet yet.
    public var steps: [Step]
    /// How many people each side reached first at its last level (0: it has reached everyone it can).
    public var forwardFrontier: Int
    public var backwardFrontier: Int
}

/// The stored co-appearance network: the people seen in at least so many photos (by id) and the ties between them.
public struct StoredNetwork: Sendable {
    public var people: [PersonSummary]
    /// Heaviest first; a tie's weight is the number of distinct photos that show both people.
    public var ties: [CoAppearance]

    /// The ties as the analysis layer's graph takes them: (a, b, weight in photos).
    public var weightedEdges: [(a: Int64, b: Int64, weight: Double)] {
        ties.map { (a: $0.source, b: $0.target, weight: Double($0.weight)) }
    }
}
