import Export
import Foundation
import People
import Pipeline
import Store
import TestSupport
import XCTest

/// The pipeline's "after an edit, redraw" rule, in process: an edit committed but never drawn (a `people merge`
/// killed between its commit and its mosaics) is drawn by the next command that opens the store to write.
final class RedrawAfterEditTests: XCTestCase {
    func testAMergeLeftUndrawnIsDrawnByTheNextCommand() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let layout = CollectionLayout(photos: folder)
        let store = try FaceStore(path: layout.store.path, writing: true)
        let faces = try Fixtures.photosOfOneFace(4, in: folder, store: store)
        let people = try store.replaceClustering([[faces[0], faces[1]], [faces[2], faces[3]]], runID: nil)
        let pipeline = Pipeline(photos: folder, store: store, toolVersion: "test")
        XCTAssertEqual(try pipeline.redrawAfterEdit(), 2)
        let before = try Data(contentsOf: layout.mosaic(ofPerson: people[0]))
        let fingerprintBefore = try store.mosaicFingerprints()[people[0]]

        // The merge is committed; the process is killed before it draws anything.
        _ = try PeopleEditor(store: store).merge([people[1]], into: people[0])
        XCTAssertEqual(try Data(contentsOf: layout.mosaic(ofPerson: people[0])), before, "nothing drawn yet")

        // The next command opens the store to write: the merge's mosaics are drawn before it does its work.
        let output = PipelineOutput()
        _ = try Pipeline.opening(photos: folder, store: store, toolVersion: "test", log: output.log)
        XCTAssertNotEqual(try Data(contentsOf: layout.mosaic(ofPerson: people[0])), before, "the mosaic is redrawn")
        XCTAssertNotEqual(try store.mosaicFingerprints()[people[0]], fingerprintBefore)
        XCTAssertEqual(try store.mosaicFingerprints().keys.sorted(), [people[0]])
        XCTAssertFalse(FileManager.default.fileExists(atPath: layout.mosaic(ofPerson: people[1]).path),
                       "the merged person's mosaic is gone")
        XCTAssertEqual(output.stdout, "mosaics: 1 redrawn after an edit that was not drawn\n")

        // Drawn once: the command after draws nothing.
        _ = try Pipeline.opening(photos: folder, store: store, toolVersion: "test", log: output.log)
        XCTAssertEqual(output.stdout, "mosaics: 1 redrawn after an edit that was not drawn\n")
    }
}
