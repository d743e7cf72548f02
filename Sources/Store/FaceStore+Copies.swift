import Foundation

/// A stored face as copy detection sees it (`sql/queries/copies/photo_faces.sql`).
public struct CopyCandidateFace: Sendable {
    public var photoID: Int64
    public var photoWidth: Int
    public var photoHeight: Int
    public var takenAt: String?
    /// Centre of the face (the mean of its 5 landmarks), in pixels of the upright photo.
    public var x: Float
    public var y: Float
    /// Distance between the centres of the eyes (landmarks 0–1 and 2–3), in pixels; the box's width when the
    /// landmarks are degenerate.
    public var eyeDistance: Float
    public var descriptor: [Float]
}

extension FaceStore {
    /// Every face with its photo's size and date, landmarks' centre and eye distance, and descriptor, by photo.
    public func copyCandidateFaces() throws -> [CopyCandidateFace] {
        try read { db in
            try db.rows("queries/copies/photo_faces").map { row in
                let points = try FloatBlob.decode(row["landmarks"], expectedCount: 10)
                let xs = stride(from: 0, to: 10, by: 2).map { points[$0] }, ys = stride(from: 1, to: 10, by: 2).map { points[$0] }
                // dlib's 5-point order: two corners of one eye, two of the other, the base of the nose.
                let eyeA = ((xs[0] + xs[1]) / 2, (ys[0] + ys[1]) / 2), eyeB = ((xs[2] + xs[3]) / 2, (ys[2] + ys[3]) / 2)
                let eyes = ((eyeA.0 - eyeB.0) * (eyeA.0 - eyeB.0) + (eyeA.1 - eyeB.1) * (eyeA.1 - eyeB.1)).squareRoot()
                let width: Int = row["box_right"] - (row["box_left"] as Int)
                return CopyCandidateFace(
                    photoID: row["photo"], photoWidth: row["width"], photoHeight: row["height"], takenAt: row["taken_at"],
                    x: xs.reduce(0, +) / 5, y: ys.reduce(0, +) / 5, eyeDistance: eyes > 0 ? eyes : Float(width),
                    descriptor: try FloatBlob.decode(row["descriptor"], expectedCount: descriptorLength))
            }
        }
    }

    /// Replaces every photo's copy link: `originals` maps each copy to its group's original. When that changes the
    /// links, edges are rebuilt, since their weights count the copies of one picture once; an extraction that found
    /// no new copy leaves the store (and `run`'s later rebuilds) alone.
    public func setCopies(_ originals: [Int64: Int64]) throws {
        try write { db in
            _ = try db.rows("store/copies_lock")
            var stored: [Int64: Int64] = [:]
            for row in try db.rows("queries/copies/links") { stored[row["photo"]] = row["original"] }
            guard stored != originals else { return }
            try db.execute("queries/copies/clear")
            for (photo, original) in originals.sorted(by: { $0.key < $1.key }) {
                try db.execute("queries/copies/set", ["photo": .integer(photo), "original": .integer(original)])
            }
            try db.execute("queries/edges_rebuild")
        }
    }

    /// How many stored photos are copies of another one.
    public func copyCount() throws -> Int {
        try read { db in try db.one("queries/copies/count") ?? 0 }
    }

    /// Up to `limit` copies, first by path, each as (a path of the copy, a path of its group's original).
    public func copyExamples(limit: Int) throws -> [(copy: String, original: String)] {
        try read { db in
            try db.rows("queries/copies/examples", ["limit": .integer(Int64(limit))]).map { (copy: $0["copy"], original: $0["original"]) }
        }
    }

    /// Whether edges count copies of one picture apart (`network --count-copies`); by default they count once.
    public func countsCopiesApart() throws -> Bool {
        try read { db in try db.one("queries/copies/counted_apart") == "1" }
    }

    /// Sets how edges count copies and rebuilds them when that changes.
    public func setCountsCopiesApart(_ apart: Bool) throws {
        guard try countsCopiesApart() != apart else { return }
        try write { db in
            try db.execute("queries/copies/count_apart", ["apart": .text(apart ? "1" : "0")])
            try db.execute("queries/edges_rebuild")
        }
    }
}
