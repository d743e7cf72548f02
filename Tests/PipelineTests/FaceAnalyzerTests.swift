import Analysis
import Extraction
import Foundation
import Imaging
import Store
import XCTest

/// The face pipeline against Python face_recognition on real photos.
final class FaceAnalyzerTests: XCTestCase {
    nonisolated(unsafe) private static var sharedAnalyzer: FaceAnalyzer?

    private func analyzer() throws -> FaceAnalyzer {
        if let a = Self.sharedAnalyzer { return a }
        let models = ModelFiles(directory: Fixtures.models)
        guard FileManager.default.fileExists(atPath: models.descriptor.path) else {
            throw XCTSkip("dlib models are missing in \(models.directory.path): run Models/install")
        }
        let a = try FaceAnalyzer(models: models)
        Self.sharedAnalyzer = a
        return a
    }

    private func faces(_ name: String) throws -> [DetectedFace] {
        let data = try Data(contentsOf: try Fixtures.testImages().appendingPathComponent(name))
        return try analyzer().faces(in: PhotoDecoder.decode(data).image, upsample: 1)
    }

    func testObamaBoxMatchesFaceRecognitionsOwnTest() throws {
        // face_recognition's test_face_locations asserts [(142, 617, 409, 349)] (top, right, bottom, left).
        let found = try faces("obama.jpg")
        XCTAssertEqual(found.count, 1)
        let box = try XCTUnwrap(found.first).box
        XCTAssertEqual(Double(box.top), 142, accuracy: 2)
        XCTAssertEqual(Double(box.right), 617, accuracy: 2)
        XCTAssertEqual(Double(box.bottom), 409, accuracy: 2)
        XCTAssertEqual(Double(box.left), 349, accuracy: 2)
    }

    func testSamePersonIsCloserThanDlibsThreshold() throws {
        // Read outside the assertions: a missing photo throws XCTSkip, which an assertion would report as a failure.
        let (obamas, obamas2, bidens) = (try faces("obama.jpg"), try faces("obama2.jpg"), try faces("biden.jpg"))
        let obama = try XCTUnwrap(obamas.first).descriptor
        let obama2 = try XCTUnwrap(obamas2.first).descriptor
        let biden = try XCTUnwrap(bidens.first).descriptor
        XCTAssertLessThan(descriptorDistance(obama, obama2), 0.6)
        XCTAssertGreaterThan(descriptorDistance(obama, biden), 0.6)
    }

    func testRGBAPNGGivesOneFace() throws {
        let found = try faces("32bit.png")
        XCTAssertEqual(found.count, 1)
    }

    /// Boxes equal and descriptors within 1e-4 of Python face_recognition 1.3.0's on every test photo
    /// (reference values from Tests/Reference/face_recognition_reference.py).
    func testBoxesAndDescriptorsMatchFaceRecognition() throws {
        let reference = try Fixtures.reference()
        XCTAssertEqual(reference.values.map(\.count).reduce(0, +), 13)
        for (name, expected) in reference.sorted(by: { $0.key < $1.key }) {
            let found = try faces(name)
            XCTAssertEqual(found.count, expected.count, name)
            for (ours, theirs) in zip(found, expected) {
                XCTAssertEqual(ours.box, FaceBox(left: theirs.left, top: theirs.top, right: theirs.right,
                                                 bottom: theirs.bottom), name)
                let worst = zip(ours.descriptor, theirs.descriptor).map { abs($0 - $1) }.max() ?? 1
                XCTAssertLessThan(worst, 1e-4, "\(name): descriptor differs by \(worst)")
            }
        }
    }

    /// The faster img2col is the one dlib's convolutions call here, and it builds exactly libdlib's matrices on the
    /// layer shapes of both networks (the descriptor test above checks the whole network's output).
    func testFasterImg2colReplacesLibdlibsWithTheSameMatrices() {
        XCTAssertEqual(FaceAnalyzer.img2colCheck(), .inUse)
    }

    /// The Winograd convolution is the one dlib's 3 × 3, stride-1 layers call here, and it gives libdlib's outputs
    /// within float rounding on both networks' layer shapes (exactly libdlib's on the shapes it leaves to libdlib).
    func testWinogradConvolutionReplacesLibdlibsWithinRounding() {
        XCTAssertEqual(FaceAnalyzer.winogradCheck(), .inUse)
    }

    /// The SSE element-wise layers are the ones dlib's networks call here, and give libdlib's floats bit for bit.
    func testElementwiseLayersGiveLibdlibsFloats() {
        XCTAssertEqual(FaceAnalyzer.elementwiseCheck(), .inUse)
    }

    /// The landmark predictor's flat layout of dlib's trees gives dlib's own landmarks, point for point (the
    /// reference test above compares boxes and descriptors, which the landmarks align, with face_recognition's).
    func testLandmarkCascadeGivesDlibsLandmarks() throws {
        XCTAssertEqual(try analyzer().landmarksCheck(), .inUse)
    }

    /// The AVX2 build's separable filter gives every float dlib's own template gives (on CPUs without AVX2 and FMA
    /// the baseline build runs dlib's own, and there is nothing to compare).
    func testVectorisedHOGFilterGivesDlibsFloats() throws {
        let check = FaceAnalyzer.hogFilterCheck()
        if check == .notInUse { throw XCTSkip("the AVX2 build of the HOG detector is not in use on this CPU") }
        XCTAssertEqual(check, .inUse)
    }

    /// The AVX2 build's HOG feature extraction gives every feature dlib's own template gives, for both image types
    /// of the detector's pyramid.
    func testVectorisedHOGFeaturesGiveDlibsFloats() throws {
        let check = FaceAnalyzer.hogFeaturesCheck()
        if check == .notInUse { throw XCTSkip("the AVX2 build of the HOG detector is not in use on this CPU") }
        XCTAssertEqual(check, .inUse)
    }

    /// The AVX2 build's resizing gives every pixel of the detector's image pyramid that dlib's own template gives.
    func testVectorisedPyramidResizeGivesDlibsPixels() throws {
        let check = FaceAnalyzer.hogResizeCheck()
        if check == .notInUse { throw XCTSkip("the AVX2 build of the HOG detector is not in use on this CPU") }
        XCTAssertEqual(check, .inUse)
    }

    /// dlib's CNN detector gives face_recognition.face_locations(image, model="cnn")'s boxes exactly
    /// (face_recognition 1.3.0 with dlib-bin: obama.jpg [(135, 599, 379, 354)], and six faces in t1.jpg).
    func testCNNDetectorMatchesFaceRecognition() throws {
        let models = ModelFiles(directory: Fixtures.models)
        let cnn = try FaceAnalyzer(models: models, detector: .cnn)
        let images = try Fixtures.testImages()
        let obama = try cnn.faces(in: PhotoDecoder.decode(Data(contentsOf: images.appendingPathComponent("obama.jpg"))).image)
        XCTAssertEqual(obama.map(\.box), [FaceBox(left: 354, top: 135, right: 599, bottom: 379)])
        let group = try cnn.faces(in: PhotoDecoder.decode(Data(contentsOf: images.appendingPathComponent("t1.jpg"))).image)
        XCTAssertEqual(group.map(\.box), [
            FaceBox(left: 52, top: 272, right: 170, bottom: 390), FaceBox(left: 900, top: 81, right: 1018, bottom: 199),
            FaceBox(left: 721, top: 355, right: 839, bottom: 473), FaceBox(left: 437, top: 267, right: 578, bottom: 409),
            FaceBox(left: 1123, top: 283, right: 1221, bottom: 382), FaceBox(left: 257, top: 164, right: 355, bottom: 262),
        ])
    }

    func testGroupPhotoHasSixFaces() throws {
        let found = try faces("t1.jpg")
        XCTAssertEqual(found.count, 6)
    }
}
