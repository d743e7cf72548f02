import Foundation
@testable import Store
import XCTest

/// The crop files of `Face Network/Faces`: one for every face row that names it, none without one, whatever the
/// photos are called.
final class CropFileTests: XCTestCase {
    /// The crop paths the store holds, and the files under `Face Network/Faces`, both relative to the photo folder.
    private func crops(in folder: URL, db: String? = nil) throws -> (stored: [String], onDisk: [String]) {
        let store = try FaceStore(path: db ?? FaceStore.defaultPath(forPhotos: folder).path)
        let faces = try store.faces(ids: try store.descriptors().map(\.faceID))
        let stored = faces.values.compactMap(\.cropPath).sorted()
        let root = folder.appendingPathComponent("Face Network/Faces")
        let files = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix("/") }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: root.appendingPathComponent($0).path, isDirectory: &d) && !d.boolValue }
            .map { "Face Network/Faces/" + $0 }
        return (stored, files.sorted())
    }

    /// Copies of one photo (and a symbolic link to it) are one photo with one crop: no crop is left for a copy.
    func testCopiesLeaveNoOrphanCrops() throws {
        let images = try Fixtures.testImages()
        for jobs in ["1", "2"] {
            let folder = try Fixtures.temporaryFolder(self)
            for name in ["a.jpg", "b.jpg", "c.jpg"] {
                try FileManager.default.copyItem(at: images.appendingPathComponent("obama.jpg"), to: folder.appendingPathComponent(name))
            }
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("d.jpg").path, withDestinationPath: "a.jpg")
            let result = try Fixtures.runCLI(["extract", folder.path, "--jobs", jobs, "--follow-symlinks"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let (stored, onDisk) = try crops(in: folder)
            XCTAssertEqual(stored, ["Face Network/Faces/face1_a.jpg"], "--jobs \(jobs)")
            XCTAssertEqual(onDisk, stored, "--jobs \(jobs)")
        }
    }

    /// A photo replaced by other bytes (fewer faces, or a copy of another photo) leaves none of its old crops.
    func testReplacedPhotosLeaveNoOrphanCrops() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        let a = folder.appendingPathComponent("a.jpg"), b = folder.appendingPathComponent("b.jpg")
        try FileManager.default.copyItem(at: images.appendingPathComponent("obama.jpg"), to: a)
        try FileManager.default.copyItem(at: images.appendingPathComponent("t1.jpg"), to: b)
        XCTAssertEqual(try Fixtures.runCLI(["extract", folder.path]).status, 0)
        XCTAssertEqual(try crops(in: folder).onDisk.count, 7)
        // b.jpg now holds one face: its five other crops go.
        try FileManager.default.removeItem(at: b)
        try FileManager.default.copyItem(at: images.appendingPathComponent("biden.jpg"), to: b)
        XCTAssertEqual(try Fixtures.runCLI(["extract", folder.path]).status, 0)
        var (stored, onDisk) = try crops(in: folder)
        XCTAssertEqual(stored, ["Face Network/Faces/face1_a.jpg", "Face Network/Faces/face1_b.jpg"])
        XCTAssertEqual(onDisk, stored)
        // b.jpg now holds a.jpg's bytes: one photo, a.jpg's crop.
        try FileManager.default.removeItem(at: b)
        try FileManager.default.copyItem(at: a, to: b)
        XCTAssertEqual(try Fixtures.runCLI(["extract", folder.path]).status, 0)
        (stored, onDisk) = try crops(in: folder)
        XCTAssertEqual(stored, ["Face Network/Faces/face1_a.jpg"])
        XCTAssertEqual(onDisk, stored)
    }

    /// A photo whose name is as long as a file name may be still gets its crops, under names that fit the file
    /// system (255 bytes per name) and differ between photos whose long names differ only at the end.
    func testLongFileNamesKeepTheirCrops() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        // 250 bytes of two-byte letters, then a distinct ending: 255 bytes in all, the most a name may have.
        let stem = String(repeating: "é", count: 125)
        let names = [stem + "1.jpg", stem + "2.jpg"]
        for (name, source) in zip(names, ["obama.jpg", "biden.jpg"]) {
            XCTAssertEqual(name.utf8.count, 255)
            try FileManager.default.copyItem(at: images.appendingPathComponent(source), to: folder.appendingPathComponent(name))
        }
        let result = try Fixtures.runCLI(["extract", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("crop not saved"), result.stderr)
        let (stored, onDisk) = try crops(in: folder)
        XCTAssertEqual(stored.count, 2)
        XCTAssertEqual(Set(stored).count, 2)
        XCTAssertEqual(onDisk, stored)
        for path in stored {
            let name = (path as NSString).lastPathComponent
            XCTAssertLessThanOrEqual(name.utf8.count, 255, name)
            XCTAssertTrue(name.hasPrefix("face1_" + String(repeating: "é", count: 50)), name)
            XCTAssertTrue(name.hasSuffix(".jpg"), name)
            // Cut between characters, never inside one: a cut 'é' would have come back as U+FFFD.
            XCTAssertFalse(name.unicodeScalars.contains("\u{FFFD}"), name)
        }
    }

    /// A crop that cannot be written is recorded in the store with the reason (not only said on standard
    /// error), and the summary and `check` say so.
    func testACropNotSavedIsRecorded() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: images.appendingPathComponent("obama.jpg"), to: folder.appendingPathComponent("sub/obama.jpg"))
        // A file where the crop's folder should be: the crop cannot be written.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Face Network/Faces"), withIntermediateDirectories: true)
        try Data("in the way".utf8).write(to: folder.appendingPathComponent("Face Network/Faces/sub"))
        let result = try Fixtures.runCLI(["extract", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("1 crop not saved"), result.stdout)
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        let missing = try store.cropsNotSaved()
        XCTAssertEqual(missing.count, 1)
        XCTAssertEqual(missing.first?.photoPath, "sub/obama.jpg")
        XCTAssertEqual(missing.first?.faceIndex, 1)
        XCTAssertFalse(missing.first?.reason.isEmpty ?? true)
        let check = try Fixtures.runCLI(["check", folder.path])
        XCTAssertEqual(check.status, 1, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("face 1 of sub/obama.jpg has no crop"), check.stdout)
    }
}
