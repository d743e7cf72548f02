import Analysis
import Extraction
import Foundation
import People
import Pipeline
@testable import Store
import XCTest

/// `find` and `people name-from` on face_recognition's KNN example (../shared/data): its `train/<name>/` photos are
/// the known people, its two group photos (`knn_examples/test`) the collection.
final class KnownFacesTests: XCTestCase {
    static let identities = ["Barack_Obama", "Joe_Biden", "Kit_Harington", "Rose_Leslie", "Alex_Lacamoire"]
    /// Photos in faces-labeled that are not in the example's train folders: obama3.jpg comes from face_recognition's
    /// tests, alex-lacamoire.png from its examples, johnsnow_test1.jpg from knn_examples/test.
    static let notTraining: Set<String> = ["facerec__obama3.jpg", "facerec__alex-lacamoire.png", "facerec__johnsnow_test1.jpg"]

    /// Copies the example's train photos into `folder/<identity>/`.
    private func trainFolders(_ shared: URL, into folder: URL) throws {
        for identity in Self.identities {
            let source = shared.appendingPathComponent("faces-labeled/\(identity)")
            let target = folder.appendingPathComponent(identity)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
            where name.hasPrefix("facerec__") && !Self.notTraining.contains(name) {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        }
    }

    private func groupPhotos(_ shared: URL, into folder: URL) throws {
        for name in ["facerec__obama_and_biden.jpg", "facerec__kit_with_rose.jpg"] {
            try FileManager.default.copyItem(at: shared.appendingPathComponent("group-photos/\(name)"),
                                             to: folder.appendingPathComponent(name))
        }
    }

    private func models() throws -> ModelFiles {
        let models = ModelFiles(directory: Fixtures.models)
        guard FileManager.default.fileExists(atPath: models.descriptor.path) else {
            throw XCTSkip("dlib models are missing in \(models.directory.path): run Models/install")
        }
        return models
    }

    /// extract + the default clustering, as `run` does, without drawing.
    private func pipeline(on folder: URL) throws -> Pipeline {
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        let pipeline = Pipeline(photos: folder, store: store, toolVersion: "test")
        try pipeline.extract(ExtractionOptions(), models: try models())
        var settings = ClusterSettings(method: .agglomerative(Agglomerative()))
        settings.mosaic = false
        try pipeline.cluster(settings)
        return pipeline
    }

    /// The name of the person of each face of the collection, by photo and the box's left edge.
    private func names(_ store: any FaceStoring) throws -> [String: String] {
        let faces = try store.facesTable()
        var result: [String: String] = [:]
        for row in faces.rows {
            let key = "\(row[0].text!)@\(row[2].integer!)"
            if let person = row[6].integer { result[key] = try store.personName(person).name ?? "Person \(person)" } else { result[key] = "" }
        }
        return result
    }

    func testNameFromNamesEveryFaceOfTheGroupPhotosAndUndoRevertsIt() throws {
        let shared = try Fixtures.sharedData()
        let root = try Fixtures.temporaryFolder(self)
        let known = root.appendingPathComponent("known"), collection = root.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: collection, withIntermediateDirectories: true)
        try trainFolders(shared, into: known)
        try groupPhotos(shared, into: collection)
        let pipeline = try pipeline(on: collection)
        let store = pipeline.store
        // Every face is seen once, so the clustering leaves all five unassigned.
        XCTAssertEqual(try store.counts().faces, 5)
        XCTAssertEqual(try store.counts().people, 0)

        let outcome = try pipeline.nameFrom(known, reader: try pipeline.imageReader(models: try models()))
        // Biden and Obama side by side, Rose left of Kit; the fifth face, small in the background, is no one known.
        XCTAssertEqual(try names(store), [
            "facerec__obama_and_biden.jpg@737": "Joe_Biden", "facerec__obama_and_biden.jpg@1133": "Barack_Obama",
            "facerec__obama_and_biden.jpg@1594": "",
            "facerec__kit_with_rose.jpg@79": "Rose_Leslie", "facerec__kit_with_rose.jpg@247": "Kit_Harington",
        ])
        XCTAssertEqual(outcome.named.count, 4)
        XCTAssertTrue(outcome.named.allSatisfy(\.created))
        XCTAssertEqual(outcome.facesAdded.count, 4)
        // Each is within the single-face-to-group limit of its known person: at most 0.505 + 0.085 (1 − 1/√k).
        for named in outcome.named { XCTAssertLessThan(named.distance, 0.56, named.name) }
        XCTAssertTrue(outcome.severalKnown.isEmpty && outcome.severalPeople.isEmpty && outcome.keptNames.isEmpty)
        XCTAssertEqual(outcome.unmatched, ["Alex_Lacamoire"])
        XCTAssertEqual(try store.edits().last?.kind, "name-from")

        // One logged edit: undo leaves the faces unassigned again.
        XCTAssertNotNil(try PeopleEditor(store: store).undo())
        XCTAssertEqual(try store.counts().people, 0)
        XCTAssertEqual(Set(try names(store).values), [""])

        // A name given by hand is never overwritten: Biden's face named by hand keeps its name.
        _ = try pipeline.nameFrom(known, reader: try pipeline.imageReader(models: try models()))
        let biden = try XCTUnwrap(try store.people(named: "Joe_Biden").first?.id)
        try PeopleEditor(store: store).name(person: biden, as: "Joseph R. Biden")
        let again = try pipeline.nameFrom(known, reader: try pipeline.imageReader(models: try models()))
        XCTAssertNil(again.edit, "nothing new to name")
        XCTAssertEqual(again.keptNames.map(\.person), [biden])
        XCTAssertEqual(try store.personName(biden).name, "Joseph R. Biden")
    }

    func testFindNamesThePersonOfAnUnseenPhotoAndNoOneForAStranger() throws {
        let shared = try Fixtures.sharedData()
        let collection = try Fixtures.temporaryFolder(self)
        try trainFolders(shared, into: collection)
        try groupPhotos(shared, into: collection)
        let pipeline = try pipeline(on: collection)
        let reader = try pipeline.imageReader(models: try models())

        // obama3.jpg is not in the collection: its one face is the person of Obama's training photos.
        let obama = try pipeline.find(shared.appendingPathComponent("faces-labeled/Barack_Obama/facerec__obama3.jpg"),
                                      reader: reader)
        XCTAssertEqual(obama.count, 1)
        let match = try XCTUnwrap(obama[0].match, "obama3.jpg matched no one")
        let paths = try pipeline.store.faces(ofPerson: match.person).map(\.photoPath)
        XCTAssertEqual(Set(paths), ["Barack_Obama/facerec__obama.jpg", "Barack_Obama/facerec__obama1.jpg",
                                    "Barack_Obama/facerec__obama2.jpg", "facerec__obama_and_biden.jpg"])
        XCTAssertEqual(match.photos, 4)
        XCTAssertGreaterThan(match.distance, 0.2)
        XCTAssertLessThan(match.distance, match.limit)
        XCTAssertEqual(obama[0].box, FaceBox(left: 633, top: 277, right: 954, bottom: 598))

        // insightface's t1.jpg: six strangers, none of them anyone in the collection.
        let strangers = try pipeline.find(try Fixtures.testImages().appendingPathComponent("t1.jpg"), reader: reader)
        XCTAssertEqual(strangers.count, 6)
        XCTAssertEqual(strangers.map(\.index), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(strangers.map(\.box.left), strangers.map(\.box.left).sorted(), "numbered left to right")
        XCTAssertTrue(strangers.allSatisfy { $0.match == nil })

        // The command line says the same, with the person's photos under --photos; the query shell too.
        let obama3 = shared.appendingPathComponent("faces-labeled/Barack_Obama/facerec__obama3.jpg").path
        let cli = try Fixtures.runCLI(["find", collection.path, obama3, "--format", "csv", "--photos"])
        XCTAssertEqual(cli.status, 0, cli.stderr)
        let distance = String(format: "%.4f", match.distance)
        // The photos in the order `photos with` gives them: dated first (obama2.jpg has an EXIF date), then by path.
        XCTAssertEqual(cli.stdout.split(separator: "\n").map(String.init), [
            "example_face,left,top,right,bottom,person,name,distance,photos,also,path",
        ] + ["Barack_Obama/facerec__obama2.jpg", "Barack_Obama/facerec__obama.jpg", "Barack_Obama/facerec__obama1.jpg",
             "facerec__obama_and_biden.jpg"].map { "1,633,277,954,598,\(match.person),,\(distance),4,,\($0)" })
        let shell = try Fixtures.runCLI(["query", collection.path, "-e", "who is in \"\(obama3)\"", "--format", "json"])
        XCTAssertEqual(shell.status, 0, shell.stderr)
        XCTAssertTrue(shell.stdout.contains("\"person\": \(match.person), \"name\": null, \"distance\": \(distance)"), shell.stdout)

        // An unreadable file is named in the error.
        let bad = collection.appendingPathComponent("not-a-photo.jpg")
        try Data("hello".utf8).write(to: bad)
        XCTAssertThrowsError(try pipeline.find(bad, reader: reader)) { error in
            XCTAssertEqual("\(error)", "\(bad.path): not an image format this tool reads (JPEG, PNG, HEIC, AVIF, WebP, TIFF, GIF, BMP)")
        }
    }

    /// In a known person's folder, what is not a regular file (a symbolic link to nothing, a FIFO, a folder) is
    /// said and left out, not passed over in silence; the person's photo is still used.
    func testNameFromSaysWhatItLeavesOutOfAKnownPersonsFolder() throws {
        let images = try Fixtures.testImages()
        let root = try Fixtures.temporaryFolder(self)
        let person = root.appendingPathComponent("known/Obama")
        try FileManager.default.createDirectory(at: person.appendingPathComponent("more"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: images.appendingPathComponent("obama.jpg"), to: person.appendingPathComponent("obama.jpg"))
        try FileManager.default.createSymbolicLink(atPath: person.appendingPathComponent("gone.jpg").path,
                                                   withDestinationPath: "nowhere.jpg")
        XCTAssertEqual(mkfifo(person.appendingPathComponent("pipe.jpg").path, 0o600), 0)
        // A photo whose name is Latin-1, not UTF-8 ("té.jpg" with é as the one byte 0xE9).
        let latin1 = (Array(person.path.utf8) + [UInt8(ascii: "/"), UInt8(ascii: "t"), 0xE9] + Array(".jpg".utf8) + [0])
            .map { CChar(bitPattern: $0) }
        let made = creat(latin1, 0o644)
        XCTAssertGreaterThanOrEqual(made, 0)
        close(made)
        let warnings = LockedLines()
        let pipeline = Pipeline(photos: root, store: try FaceStore(path: root.appendingPathComponent("s.sqlite").path),
                                toolVersion: "test", log: PipelineLog(say: { _ in }, warn: { warnings.append($0) }))
        let known = try pipeline.knownPeople(in: root.appendingPathComponent("known"),
                                             reader: try ImageFaceReader(models: try models(), options: ExtractionOptions()))
        XCTAssertEqual(known.map(\.name), ["Obama"])
        XCTAssertEqual(known.first?.descriptors.count, 1)
        XCTAssertEqual(warnings.lines.map { $0.replacingOccurrences(of: person.path + "/", with: "") }, [
            "warning: gone.jpg: a symbolic link, not followed; not used as a photo of Obama",
            "warning: more: a folder (a known person's photos are the files directly in its folder); not used as a photo of Obama",
            "warning: pipe.jpg: not a regular file (a device, pipe or socket); not used as a photo of Obama",
            "warning: t\u{FFFD}.jpg: its name is not UTF-8 (an older encoding, such as Latin-1), so it cannot be opened "
                + "by it; rename it to UTF-8 (for example with convmv -f latin1 -t utf-8 -r --notest); not used as a photo of Obama",
        ])
    }

    /// find refuses to match with other model files than the collection's descriptors were computed with (as
    /// extract refuses to add to it): descriptors of two models are not comparable.
    func testFindRefusesOtherModelsThanTheCollections() throws {
        let images = try Fixtures.testImages()
        _ = try models()
        let collection = try Fixtures.temporaryFolder(self).appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: collection, withIntermediateDirectories: true)
        for name in ["obama.jpg", "biden.jpg"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: collection.appendingPathComponent(name))
        }
        XCTAssertEqual(try Fixtures.runCLI(["run", collection.path, "--min-cluster-size", "1", "--no-mosaic"]).status, 0)
        let obama2 = images.appendingPathComponent("obama2.jpg").path
        let same = try Fixtures.runCLI(["find", collection.path, obama2, "--format", "csv"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(same.stdout.split(separator: "\n").count, 2, same.stdout)

        // The same files but a descriptor model one byte longer: another checksum.
        let other = collection.deletingLastPathComponent().appendingPathComponent("other-models")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.models.path) where name.hasSuffix(".dat") {
            let source = Fixtures.models.appendingPathComponent(name), target = other.appendingPathComponent(name)
            if name == "dlib_face_recognition_resnet_model_v1.dat" {
                try (try Data(contentsOf: source) + Data([0])).write(to: target)
            } else {
                try FileManager.default.createSymbolicLink(at: target, withDestinationURL: source)
            }
        }
        let refused = try Fixtures.runCLI(["find", collection.path, obama2, "--models", other.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("were described with other model files "
            + "(dlib_face_recognition_resnet_model_v1.dat differ)"), refused.stderr)
        XCTAssertEqual(refused.stdout, "")
    }
}

/// Lines collected from a log that may be called from any thread.
private final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    func append(_ line: String) { lock.lock(); collected.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return collected }
}
