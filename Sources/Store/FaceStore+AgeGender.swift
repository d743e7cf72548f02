import Foundation

/// A stored face whose apparent age and gender were not estimated yet, with what estimating them needs without
/// detecting again (`sql/store/faces_without_age_gender.sql`).
public struct FaceWithoutAgeGender: Sendable {
    public var faceID: Int64
    public var photoID: Int64
    /// A path of the photo, relative to the photo folder.
    public var path: String
    /// Degrees the photo was turned after its EXIF orientation (`--rotate-retry`): 0, 90 or 270.
    public var turnedDegrees: Int
    public var contentHash: String
    public var box: FaceBox
    /// x0, y0, … x4, y4 in pixels of the upright (and turned) photo.
    public var landmarks: [Float]
}

/// A person's apparent age and gender, from the faces estimated (`extract --age-gender`).
public struct PersonAgeGender: Sendable, Equatable {
    /// Median of the faces' ages, in years (the mean of the two middle ones for an even count).
    public var medianAge: Double
    /// Mean of the faces' p(female): 0 = male … 1 = female, as the original face-network tool reports gender.
    public var meanGender: Double
    /// How many of the person's faces were estimated.
    public var faces: Int

    /// To 3 decimals, as tables show these estimates (their models are not more precise than that).
    public static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

extension FaceStore {
    /// Every face not estimated yet, by photo.
    public func facesWithoutAgeGender() throws -> [FaceWithoutAgeGender] {
        try read { db in
            try db.rows("store/faces_without_age_gender").map { row in
                FaceWithoutAgeGender(
                    faceID: row["face"], photoID: row["photo"], path: row["path"], turnedDegrees: row["turned"],
                    contentHash: row["content_hash"],
                    box: FaceBox(left: row["box_left"], top: row["box_top"], right: row["box_right"], bottom: row["box_bottom"]),
                    landmarks: try FloatBlob.decode(row["landmarks"], expectedCount: 10))
            }
        }
    }

    /// Stores estimated ages (years) and genders (p(female)), one transaction, for the faces that have none yet;
    /// returns how many it stored (fewer when another worker estimated some meanwhile).
    @discardableResult
    public func setAgeGender(_ estimates: [(face: Int64, age: Float, gender: Float)]) throws -> Int {
        guard !estimates.isEmpty else { return 0 }
        return try write { db in
            var stored = 0
            for estimate in estimates {
                stored += try db.rows("store/face_age_gender_set", ["face": .integer(estimate.face),
                                                                    "age": .real(Double(estimate.age)),
                                                                    "gender": .real(Double(estimate.gender))]).count
            }
            return stored
        }
    }

    /// How many faces of photo `photoID` have no apparent age yet.
    public func facesWithoutAgeGender(inPhoto photoID: Int64) throws -> Int {
        try backend.readStatement { db in try db.one("store/photo_faces_without_age_count", ["photo": .integer(photoID)]) ?? 0 }
    }

    /// Each person's median age and mean gender over their estimated faces (only `person`'s when given); people
    /// with none are absent.
    public func peopleAgeGender(of person: Int64?) throws -> [Int64: PersonAgeGender] {
        let rows = try read { db in
            try db.rows("queries/people_age_gender", ["person": person.map { .integer($0) } ?? .null]).map { (person: $0["person"] as Int64, age: $0["age"] as Double,
                                                            gender: $0["gender"] as Double) }
        }
        var result: [Int64: PersonAgeGender] = [:]
        for (person, faces) in Dictionary(grouping: rows, by: \.person) {
            let ages = faces.map(\.age).sorted()
            let middle = ages.count / 2
            let median = ages.count % 2 == 1 ? ages[middle] : (ages[middle - 1] + ages[middle]) / 2
            result[person] = PersonAgeGender(medianAge: median, meanGender: faces.map(\.gender).reduce(0, +) / Double(faces.count),
                                             faces: faces.count)
        }
        return result
    }
}
