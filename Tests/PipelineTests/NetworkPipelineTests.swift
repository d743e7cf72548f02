import Analysis
import Export
import Extraction
import Foundation
import Imaging
import People
import Query
import Reports
@testable import Store
import XCTest

/// extract → cluster → network through the libraries, on real photos with known people.
final class NetworkPipelineTests: XCTestCase {
    /// face_recognition's KNN example: training photos of five people and its two group photos. The network's only
    /// edges must be Obama–Biden and Kit–Rose, one photo each.
    func testKNNExampleGivesExactlyTheTwoTrueEdges() throws {
        let shared = try Fixtures.sharedData()
        let folder = try Fixtures.temporaryFolder(self)
        let identities = ["Barack_Obama", "Joe_Biden", "Kit_Harington", "Rose_Leslie", "Alex_Lacamoire"]
        for identity in identities {
            let source = shared.appendingPathComponent("faces-labeled/\(identity)")
            let target = folder.appendingPathComponent(identity)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasPrefix("facerec__") {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name),
                                                 to: target.appendingPathComponent(name))
            }
        }
        for name in ["facerec__obama_and_biden.jpg", "facerec__kit_with_rose.jpg"] {
            try FileManager.default.copyItem(at: shared.appendingPathComponent("group-photos/\(name)"),
                                             to: folder.appendingPathComponent(name))
        }

        let store = try runPipeline(folder)
        // Each identity's folder photos are single-person portraits: its largest face names the person.
        var personOf: [String: Int64] = [:]
        let faces = try store.table(query: "faces_export")
        for identity in identities {
            let rows = faces.rows.filter { if case .text(let p) = $0[0] { return p.hasPrefix(identity + "/") }; return false }
            let people = rows.compactMap { row -> Int64? in if case .integer(let id) = row[6] { return id }; return nil }
            let counts = Dictionary(grouping: people, by: { $0 }).mapValues(\.count)
            personOf[identity] = try XCTUnwrap(counts.max { $0.value < $1.value }?.key, "\(identity) has no person")
        }
        XCTAssertEqual(Set(personOf.values).count, 5, "five distinct people: \(personOf)")
        func edge(_ a: String, _ b: String) -> CoAppearance {
            let (x, y) = (personOf[a]!, personOf[b]!)
            return CoAppearance(source: min(x, y), target: max(x, y), weight: 1)
        }
        XCTAssertEqual(Set(try store.coAppearances().map { "\($0.source)-\($0.target)-\($0.weight)" }),
                       Set([edge("Barack_Obama", "Joe_Biden"), edge("Kit_Harington", "Rose_Leslie")]
                           .map { "\($0.source)-\($0.target)-\($0.weight)" }))
        // Scored against the folder names: 14 of the 15 portraits have a face; no face is in a wrong person
        // (precision 1) and one face of a three-photo identity is left unassigned, so BCubed recall is
        // (11 + 2/3 + 2/3 + 1/3) / 14 = 19/21.
        let scores = try Evaluation.evaluate(store: store, truth: .folderNames, labelFace: .largest).scores
        XCTAssertEqual(scores.faces, 14)
        XCTAssertEqual(scores.identities, 5)
        XCTAssertEqual(scores.clusters, 6)
        XCTAssertEqual(scores.bcubedPrecision, 1.0)
        XCTAssertEqual(scores.bcubedRecall, 19.0 / 21.0, accuracy: 1e-12)
        // Two photos named facerec__img1.jpg in different folders stay two photos with their own crops.
        XCTAssertTrue(FileManager.default.fileExists(
            atPath: folder.appendingPathComponent("Face Network/Faces/Rose_Leslie/face1_facerec__img1.jpg").path))
        XCTAssertTrue(FileManager.default.fileExists(
            atPath: folder.appendingPathComponent("Face Network/Faces/Alex_Lacamoire/face1_facerec__img1.jpg").path))
    }

    func testEmptyAndOneFaceFoldersGiveValidEmptyNetworks() throws {
        let empty = try Fixtures.temporaryFolder(self)
        let emptyStore = try runPipeline(empty)
        XCTAssertEqual(try emptyStore.counts(), StoreCounts(photos: 0, faces: 0, people: 0, assignedFaces: 0, edges: 0, failures: 0))
        let data = try NetworkData.load(from: emptyStore, photos: empty, minPhotos: 1)
        XCTAssertTrue(try NetworkHTML.page(data, title: "empty").contains("\"nodes\":[]"))
        XCTAssertTrue(try NetworkSVG.render(dot: NetworkSVG.dot(data)).contains("<svg"))

        let one = try Fixtures.temporaryFolder(self)
        try FileManager.default.copyItem(at: try Fixtures.testImages().appendingPathComponent("obama.jpg"),
                                         to: one.appendingPathComponent("obama.jpg"))
        let oneStore = try runPipeline(one)
        XCTAssertEqual(try oneStore.counts().faces, 1)
        XCTAssertEqual(try oneStore.counts().people, 0)   // one face is not a person at the default min size 2
    }

    func testReRunReadsOnlyWhatIsNewAndCopiesCountOnce() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let images = try Fixtures.testImages()
        for name in ["obama.jpg", "biden.jpg"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        let models = ModelFiles(directory: Fixtures.models)
        var seen: [(done: Int, total: Int)] = []
        let first = try Extractor(photos: folder, store: store, models: models).run(runID: nil) {
            seen.append(($0.done, $0.total))
        }
        XCTAssertEqual(first.extracted, 2)
        XCTAssertEqual(first.facesFound, 2)
        // Progress counts each photo once: 1/2, then 2/2, never a claimed photo again as still queued.
        XCTAssertEqual(seen.map(\.done), [1, 2])
        XCTAssertEqual(seen.map(\.total), [2, 2])

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("copies"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: images.appendingPathComponent("obama.jpg"),
                                         to: folder.appendingPathComponent("copies/IMG_0001.JPG"))
        try FileManager.default.copyItem(at: images.appendingPathComponent("obama2.jpg"),
                                         to: folder.appendingPathComponent("copies/obama2.jpg"))
        try Data("not a photo".utf8).write(to: folder.appendingPathComponent("notes.jpg.txt"))
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).write(to: folder.appendingPathComponent("broken.jpg"))
        let second = try Extractor(photos: folder, store: store, models: models).run(runID: nil)
        XCTAssertEqual(second.unchanged, 2)
        XCTAssertEqual(second.duplicates, 1)       // IMG_0001.JPG has obama.jpg's bytes
        XCTAssertEqual(second.extracted, 1)        // obama2.jpg
        XCTAssertEqual(second.failures.map(\.path), ["broken.jpg"])
        XCTAssertTrue(second.failures[0].reason.hasPrefix("JPEG decoding failed"), second.failures[0].reason)
        XCTAssertEqual(try store.counts().photos, 3)
        XCTAssertEqual(try store.counts().faces, 3)
        XCTAssertEqual(try store.failures().map(\.path), ["broken.jpg"])

        // Nothing changed: nothing is read again. A touched file with the same bytes is unchanged, not a copy.
        let touched = folder.appendingPathComponent("obama.jpg")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: touched.path)
        let third = try Extractor(photos: folder, store: store, models: models).run(runID: nil)
        XCTAssertEqual(third.extracted + third.duplicates, 0)
        XCTAssertEqual(third.unchanged, 4)

        // A text file named like a photo is reported; an output folder of an earlier run on a subfolder is not
        // read as photos; a photo replaced by a broken file loses its old faces; a removed photo loses its crops.
        try Data("shopping list".utf8).write(to: folder.appendingPathComponent("list.jpg"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("copies/Face Network/Faces"),
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: images.appendingPathComponent("biden.jpg"),
                                         to: folder.appendingPathComponent("copies/Face Network/Faces/face1_biden.jpg"))
        try Data([0xFF, 0xD8, 0xFF, 0xDB, 0, 4, 0, 0]).write(to: folder.appendingPathComponent("copies/obama2.jpg"))
        let bidenCrop = folder.appendingPathComponent("Face Network/Faces/face1_biden.jpg")
        XCTAssertTrue(FileManager.default.fileExists(atPath: bidenCrop.path))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("biden.jpg"))
        let fourth = try Extractor(photos: folder, store: store, models: models).run(runID: nil)
        XCTAssertEqual(Set(fourth.failures.map(\.path)), ["broken.jpg", "copies/obama2.jpg", "list.jpg"])
        XCTAssertEqual(fourth.failures.first { $0.path == "list.jpg" }?.reason,
                       "named like an image, but its bytes are not an image format we know")
        XCTAssertEqual(fourth.removedPaths, 1)
        XCTAssertEqual(try store.counts().photos, 1)        // obama.jpg, also known as copies/IMG_0001.JPG
        XCTAssertEqual(try store.counts().faces, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: bidenCrop.path))
    }

    /// A photo stored sideways without an orientation tag has no upright face; --rotate-retry finds it turned.
    func testRotateRetryFindsSidewaysFaces() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let upright = try PhotoDecoder.decode(Data(contentsOf: Fixtures.testImages().appendingPathComponent("obama.jpg"))).image
        try upright.oriented(8).jpegData(quality: 95).write(to: folder.appendingPathComponent("sideways.jpg"))
        let models = ModelFiles(directory: Fixtures.models)
        let plain = try Extractor(photos: folder, store: FaceStore(path: folder.appendingPathComponent("a.sqlite").path),
                                  models: models).run(runID: nil)
        XCTAssertEqual(plain.facesFound, 0)
        var options = ExtractionOptions()
        options.rotateRetry = true
        let store = try FaceStore(path: folder.appendingPathComponent("b.sqlite").path)
        let retried = try Extractor(photos: folder, store: store, models: models, options: options).run(runID: nil)
        XCTAssertEqual(retried.facesFound, 1)
        XCTAssertEqual(retried.warnings.map(\.reason), ["no face upright; 1 found turned 90° clockwise (--rotate-retry)"])
        let row = try XCTUnwrap(store.table(query: "faces_export").rows.first)
        XCTAssertEqual(row[2], .integer(349))   // the face of obama.jpg, upright again
        XCTAssertEqual(row[3], .integer(142))
    }

    /// extract, cluster (defaults) and edges, as `face-network run` does.
    private func runPipeline(_ folder: URL) throws -> FaceStore {
        let models = ModelFiles(directory: Fixtures.models)
        guard FileManager.default.fileExists(atPath: models.descriptor.path) else {
            throw XCTSkip("dlib models are missing in \(models.directory.path): run Models/install")
        }
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        let report = try Extractor(photos: folder, store: store, models: models).run(runID: nil)
        XCTAssertEqual(report.failures, [])
        let stored = try store.descriptors()
        let clusters = IterativeDBSCAN().clusters(Descriptors(stored.map(\.descriptor)))
        try store.replaceClustering(clusters.map { $0.map { stored[$0].faceID } }, runID: nil)
        return store
    }
}
