import Foundation
import Query
import People
import Reports
@testable import Store
import TestSupport
import XCTest

/// A small network built through the store's own API, whose every answer can be checked by hand:
///
///     photo  date        people
///     p1     2019-05-01  Alice, Bob, Carol
///     p2     2019-08-15  Alice, Bob
///     p3     2020-03-10  Bob, Dave
///     p4     2020-07-04  Carol, Dave
///     p5     (none)      Dave, Eve
///     p6     2021-01-01  Eve, Frank
///     p7     2021-06-01  Frank
///     p8     2018-01-01  person 7 (unnamed), Heidi
///
/// Ids 1…8: Alice, Bob, Carol, Dave, Eve, Frank, 7, Heidi. Edges (photos): Alice–Bob 2, Alice–Carol 1, Bob–Carol 1,
/// Bob–Dave 1, Carol–Dave 1, Dave–Eve 1 (undated), Eve–Frank 1, 7–Heidi 1 (a component of its own).
enum HandGraph {
    static let names: [String?] = ["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", nil, "Heidi"]

    static let photos: [(path: String, date: String?, people: [Int])] = [
        ("p1.jpg", "2019-05-01 10:00:00", [1, 2, 3]),
        ("p2.jpg", "2019-08-15 12:30:00", [1, 2]),
        ("p3.jpg", "2020-03-10 09:00:00", [2, 4]),
        ("p4.jpg", "2020-07-04 18:00:00", [3, 4]),
        ("p5.jpg", nil, [4, 5]),
        ("p6.jpg", "2021-01-01 00:00:00", [5, 6]),
        ("p7.jpg", "2021-06-01 08:00:00", [6]),
        ("p8.jpg", "2018-01-01 00:00:00", [7, 8]),
    ]

    /// A new store in a temporary folder (removed after the test) holding the network above.
    static func store(_ test: XCTestCase, names: [String?] = names) throws -> FaceStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("query-\(UUID().uuidString)")
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let store = try TestStores.open(folder.appendingPathComponent("Data/FaceNetwork.sqlite").path)
        try fill(store, names: names)
        return store
    }

    /// Inserts the photos, clusters each person's faces together and names them.
    static func fill(_ store: FaceStore, names: [String?]) throws {
        var faces = [[Int64]](repeating: [], count: names.count)
        var nextFace: Int64 = 1
        for (index, photo) in photos.enumerated() {
            try store.insertPhoto(NewPhoto(
                path: photo.path, contentHash: "hash\(index)", byteSize: 1000, modifiedAt: 0, format: "jpeg",
                width: 640, height: 480, orientation: 1, takenAt: photo.date, cameraMake: nil, cameraModel: nil,
                cameraSerial: nil, decodeWarning: nil,
                faces: photo.people.enumerated().map { position, _ in
                    NewFace(box: FaceBox(left: 10 + 100 * position, top: 10, right: 60 + 100 * position, bottom: 60),
                            score: 1, landmarks: [Float](repeating: 0, count: 10),
                            descriptor: [Float](repeating: 0, count: 128), cropPath: nil)
                }))
            for person in photo.people {
                faces[person - 1].append(nextFace)
                nextFace += 1
            }
        }
        let ids = try store.replaceClustering(faces, runID: nil)
        precondition(ids == (1...Int64(names.count)).map { $0 }, "people get ids 1… in cluster order")
        // Names are written as people editing would, without depending on it.
        try store.write { db in
            for (index, name) in names.enumerated() {
                try db.execute("store/person_upsert", ["id": .integer(Int64(index + 1)), "name": name.sqlValue, "run_id": .null])
            }
        }
    }
}
