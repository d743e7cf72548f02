import Extraction
import Foundation
import Imaging
import Store
import TestSupport
import XCTest

/// One real photo in every common encoding and orientation gives the same face. Variants are made by the tests:
/// with ImageMagick (Debian's imagemagick, installed by scripts/test) and with our own EXIF writer.
final class PhotoVariantTests: XCTestCase {
    nonisolated(unsafe) private static var analyzer: FaceAnalyzer?
    /// face_recognition's own expected box for obama.jpg.
    private let obamaBox = FaceBox(left: 349, top: 142, right: 617, bottom: 409)

    private func faces(in data: Data) throws -> [DetectedFace] {
        if Self.analyzer == nil {
            let models = ModelFiles(directory: Fixtures.models)
            guard FileManager.default.fileExists(atPath: models.descriptor.path) else {
                throw XCTSkip("dlib models are missing in \(models.directory.path): run Models/install")
            }
            Self.analyzer = try FaceAnalyzer(models: models)
        }
        return try Self.analyzer!.faces(in: PhotoDecoder.decode(data).image)
    }

    private func assertClose(_ box: FaceBox, _ expected: FaceBox, tolerance: Int, _ what: String) {
        for (a, b, side) in [(box.left, expected.left, "left"), (box.top, expected.top, "top"),
                             (box.right, expected.right, "right"), (box.bottom, expected.bottom, "bottom")] {
            XCTAssertLessThanOrEqual(abs(a - b), tolerance, "\(what): \(side) \(a) vs \(b)")
        }
    }

    func testEncodingsGiveTheSameFace() throws {
        let convert = "/usr/bin/convert"
        guard FileManager.default.isExecutableFile(atPath: convert) else {
            throw XCTSkip("ImageMagick is not installed (apt-get install imagemagick; scripts/test does)")
        }
        let source = try Fixtures.testImages().appendingPathComponent("obama.jpg")
        let folder = try Fixtures.temporaryFolder(self)
        // name: ImageMagick arguments between input and output; tolerance in pixels.
        let variants: [(String, [String], Int)] = [
            ("cmyk.jpg", ["-colorspace", "CMYK", "-quality", "95"], 4),
            ("gray.jpg", ["-colorspace", "Gray", "-quality", "95"], 8),
            ("progressive.jpg", ["-interlace", "Plane", "-quality", "95"], 4),
            ("rgb16.png", ["-depth", "16", "PNG48:"], 0),
            ("gray16.png", ["-colorspace", "Gray", "-depth", "16", "PNG:"], 8),
            ("palette.png", ["PNG8:"], 8),
            ("rgba.png", ["-alpha", "set", "PNG32:"], 0),
            ("interlaced.png", ["-interlace", "PNG", "PNG24:"], 0),
        ]
        for (name, options, tolerance) in variants {
            let output = folder.appendingPathComponent(name)
            var arguments = [source.path]
            var format = ""
            for option in options {
                if option.hasSuffix(":") { format = option } else { arguments.append(option) }
            }
            arguments.append(format + output.path)
            let process = try Process.run(URL(fileURLWithPath: convert), arguments: arguments)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "convert \(arguments)")
            let found = try faces(in: Data(contentsOf: output))
            XCTAssertEqual(found.count, 1, name)
            if let face = found.first { assertClose(face.box, obamaBox, tolerance: tolerance, name) }
        }
        // The CMYK file really is CMYK (Adobe-inverted), and decodes to the photo's colours, not their negative.
        let original = try PhotoDecoder.decode(Data(contentsOf: source)).image
        let cmyk = try PhotoDecoder.decode(Data(contentsOf: folder.appendingPathComponent("cmyk.jpg"))).image
        var difference = 0
        for (x, y) in [(100, 100), (480, 270), (700, 600)] {
            let a = original.pixel(x: x, y: y), b = cmyk.pixel(x: x, y: y)
            difference = max(difference, abs(Int(a.r) - Int(b.r)), abs(Int(a.g) - Int(b.g)), abs(Int(a.b) - Int(b.b)))
        }
        XCTAssertLessThan(difference, 24, "CMYK colours differ from the RGB original by \(difference)")
    }

    /// Every EXIF orientation, including the mirrored ones: the photo is stored turned or mirrored with the tag
    /// that undoes it, and must give the same upright face.
    func testAllEightOrientationsGiveTheUprightFace() throws {
        let source = try Data(contentsOf: Fixtures.testImages().appendingPathComponent("obama.jpg"))
        let upright = try PhotoDecoder.decode(source).image
        let undo: [Int: Int] = [1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6]   // the inverse of each orientation
        let reference = try XCTUnwrap(faces(in: upright.jpegData(quality: 97)).first).box
        assertClose(reference, obamaBox, tolerance: 3, "re-encoded")
        for orientation in 1...8 {
            let stored = try upright.oriented(undo[orientation]!)
            let tagged = SyntheticImages.withOrientation(try stored.jpegData(quality: 97), UInt16(orientation))
            let decoded = try PhotoDecoder.decode(tagged)
            XCTAssertEqual(decoded.orientation, orientation)
            XCTAssertEqual(decoded.image.width, upright.width)
            let found = try faces(in: tagged)
            XCTAssertEqual(found.count, 1, "orientation \(orientation)")
            if let face = found.first { assertClose(face.box, reference, tolerance: 4, "orientation \(orientation)") }
        }
    }
}

