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
        let faces = try Fixtures.photosOfOneFace(5, in: folder, store: store)
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
