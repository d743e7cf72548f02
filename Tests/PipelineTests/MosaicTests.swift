import Export
import Foundation
import Store
import TestSupport
import XCTest

final class MosaicTests: XCTestCase {
    /// Mosaics are drawn for every person once, then only for people whose faces changed; a person who disappears
    /// loses their mosaic.
    func testOnlyChangedPeopleAreRedrawn() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let store = try FaceStore(path: folder.appendingPathComponent("Face Network/Data/FaceNetwork.sqlite").path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Face Network/Faces"),
                                                withIntermediateDirectories: true)
        let crop = try SyntheticImages.quadrants().jpegData()
        for i in 1...5 {
            let path = "Face Network/Faces/face1_p\(i).jpg"
            try crop.write(to: folder.appendingPathComponent(path))
            try store.insertPhoto(NewPhoto(
                path: "p\(i).jpg", contentHash: "h\(i)", byteSize: 1, modifiedAt: 0, format: "jpeg", width: 64,
                height: 32, orientation: 1, takenAt: nil, cameraMake: nil, cameraModel: nil, cameraSerial: nil,
                decodeWarning: nil, faces: [NewFace(box: FaceBox(left: 0, top: 0, right: 63, bottom: 31), score: 1,
                                                    landmarks: Array(repeating: 0, count: 10),
                                                    descriptor: Array(repeating: Float(i), count: 128), cropPath: path)]))
        }
        let faces = try store.descriptors().map(\.faceID)
        try store.replaceClustering([[faces[0], faces[1]], [faces[2], faces[3]]], runID: nil)
        XCTAssertEqual(try Mosaics.write(store: store, photos: folder), 2)
        XCTAssertEqual(try Mosaics.write(store: store, photos: folder), 0)      // nothing changed
        // The second person gains a face: only their mosaic is redrawn.
        let ids = try store.replaceClustering([[faces[0], faces[1]], [faces[2], faces[3], faces[4]]], runID: nil)
        XCTAssertEqual(try Mosaics.write(store: store, photos: folder), 1)
        // The first person disappears: their mosaic goes, nothing is drawn.
        try store.replaceClustering([[faces[2], faces[3], faces[4]]], runID: nil)
        XCTAssertEqual(try Mosaics.write(store: store, photos: folder), 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Face Network/Clusters").path)
        XCTAssertEqual(left, ["Person_\(ids[1]).jpg"])
    }
}
