import Foundation
import GRDB
@testable import Store
import XCTest

/// `face-network check`: SQLite's integrity, the store's invariants, what to do, and the exit status.
final class StoreCheckTests: XCTestCase {
    /// A store of `photos` photos with one face each (no crops), clustered into people of two photos, with edges.
    private func syntheticStore(photos: Int) throws -> (folder: URL, db: String) {
        let folder = try Fixtures.temporaryFolder(self)
        let db = folder.appendingPathComponent("store.sqlite").path
        let store = try FaceStore(path: db)
        for i in 0..<photos {
            let faces = (0..<2).map { j in
                NewFace(box: FaceBox(left: 10 + 60 * j, top: 10, right: 60 + 60 * j, bottom: 60), score: 1,
                        landmarks: [Float](repeating: 0, count: 10),
                        descriptor: (0..<descriptorLength).map { Float(($0 + i + j) % 7) / 7 }, cropPath: nil)
            }
            try store.insertPhoto(NewPhoto(path: "p\(i).jpg", contentHash: "h\(i)", byteSize: 1, modifiedAt: 0, format: "jpeg",
                                           width: 200, height: 100, orientation: 1, takenAt: nil, cameraMake: nil,
                                           cameraModel: nil, cameraSerial: nil, decodeWarning: nil, faces: faces))
        }
        // Faces 2i+1 and 2i+2 share photo i. A person holds the first faces of photos i and i+1, another their
        // second faces: the two are linked by both photos.
        var clusters: [[Int64]] = []
        for first in stride(from: Int64(1), to: Int64(2 * photos - 2), by: 4) {
            clusters.append([first, first + 2])
            clusters.append([first + 1, first + 3])
        }
        try store.replaceClustering(clusters, runID: nil)
        try store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return (folder, db)
    }

    private func check(_ folder: URL, _ db: String) throws -> CLIResult {
        try Fixtures.runCLI(["check", folder.path, "--db", db])
    }

    func testASoundStoreIsReportedSoundWithExitZero() throws {
        let (folder, db) = try syntheticStore(photos: 20)
        XCTAssertGreaterThan(try FaceStore(path: db).counts().edges, 0)
        let result = try check(folder, db)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "check: no problem found in \(db)\n")
    }

    /// A page overwritten in the middle of the file (a disk fault) is found by SQLite's integrity check: exit 1,
    /// with how to recover.
    func testACorruptedPageIsReportedWithExitOne() throws {
        let (folder, db) = try syntheticStore(photos: 400)
        let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: db)[.size] as? Int)
        let pageSize = try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "PRAGMA page_size") } ?? 4096
        XCTAssertGreaterThan(size / pageSize, 20)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: db))
        try handle.seek(toOffset: UInt64(size / pageSize / 2 * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
        try handle.close()
        let result = try check(folder, db)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("problem: SQLite's integrity check"), result.stdout)
        XCTAssertTrue(result.stdout.contains("what to do: restore \(db) from a backup"), result.stdout)
        XCTAssertTrue(result.stdout.contains(".recover"), result.stdout)
    }

    /// Each invariant broken by hand is named with the command that repairs it; after the repair, check is clean.
    func testBrokenInvariantsAreNamedWithTheirRepair() throws {
        let (folder, db) = try syntheticStore(photos: 6)
        let store = try FaceStore(path: db)
        let edge = try XCTUnwrap(store.coAppearances().first)
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE edges SET weight = weight + 1 WHERE person_a = ? AND person_b = ?",
                           arguments: [edge.source, edge.target])
            try db.execute(sql: "UPDATE faces SET crop_path = 'Face Network/Faces/face1_p0.jpg' WHERE id = 1")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO face_people (face_id, person_id) VALUES (999, ?)", arguments: [edge.source])
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let problems = try store.invariantProblems(photos: folder).map(\.problem)
        XCTAssertEqual(problems, [
            "face 999 is assigned to person \(edge.source), but face 999 is not in the store",
            "face 1 of p0.jpg has no crop: Face Network/Faces/face1_p0.jpg is missing (face id 1)",
            "1 edge differ from the people's photos (\(edge.source)–\(edge.target))",
        ])
        let result = try check(folder, db)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("points at a row of faces that is not there"), result.stdout)
        XCTAssertTrue(result.stdout.contains("what to do: re-run 'face-network network'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("check: 4 problems in \(db)"), result.stdout)
        // Repaired: the edges rebuilt, the assignment and the crop path gone.
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "DELETE FROM face_people WHERE face_id = 999")
            try db.execute(sql: "UPDATE faces SET crop_path = NULL WHERE id = 1")
        }
        try store.rebuildEdges()
        XCTAssertEqual(try check(folder, db).status, 0)
    }

    /// A mosaic recorded as drawn must show its person's faces now and be on disk; people never drawn
    /// (`--no-mosaic`) are not a problem.
    func testStaleAndMissingMosaicsAreNamed() throws {
        let (folder, db) = try syntheticStore(photos: 6)
        let store = try FaceStore(path: db)
        XCTAssertEqual(try store.invariantProblems(photos: folder), [])
        let people = try store.people().map(\.id)
        let facesOf = Dictionary(grouping: try store.assignments(), by: \.value).mapValues { $0.map(\.key) }
        let drawn = CollectionLayout.mosaicPath(ofPerson: people[0])
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(drawn).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try Data([0xFF, 0xD8]).write(to: folder.appendingPathComponent(drawn))
        try store.setMosaicFingerprints([people[0]: MosaicFingerprint.of(facesOf[people[0]]!),
                                         people[1]: MosaicFingerprint.of(facesOf[people[1]]!),
                                         people[2]: MosaicFingerprint.of([1])])
        XCTAssertEqual(try store.invariantProblems(photos: folder).map(\.problem), [
            "\(CollectionLayout.mosaicPath(ofPerson: people[1])) is missing",
            "\(CollectionLayout.mosaicPath(ofPerson: people[2])) shows other faces than person \(people[2]) has now",
        ])
    }
}
