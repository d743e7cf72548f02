import Analysis
import CHEIFWriter
import Extraction
import Foundation
import Imaging
import Store
import TestSupport
import XCTest

/// Every format a phone, camera, scanner or browser writes gives the JPEG's face: face_recognition's `obama.jpg`
/// converted by ImageMagick and libheif's tools (Debian's imagemagick and libheif-examples, installed by
/// scripts/test), HEIC with rotation transforms written through libheif's encoder. Nothing is committed.
final class PhotoFormatTests: XCTestCase {
    nonisolated(unsafe) private static var analyzer: FaceAnalyzer?
    /// face_recognition's own box for obama.jpg (268 px wide: 2 % is 5 px).
    private let obamaBox = FaceBox(left: 349, top: 142, right: 617, bottom: 409)

    private func analyzer() throws -> FaceAnalyzer {
        if let analyzer = Self.analyzer { return analyzer }
        let models = ModelFiles(directory: Fixtures.models)
        guard FileManager.default.fileExists(atPath: models.descriptor.path) else {
            throw XCTSkip("dlib models are missing in \(models.directory.path): run Models/install")
        }
        Self.analyzer = try FaceAnalyzer(models: models)
        return Self.analyzer!
    }

    private func tool(_ path: String, package: String) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw XCTSkip("\(path) is not installed (apt-get install \(package); scripts/test does)")
        }
        return path
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "\(program) \(arguments)")
    }

    /// Each file: the format it is sniffed as, one face within 2 % of the JPEG's box, and its descriptor as near the
    /// JPEG's as the encoding allows: the same (within float rounding) where the pixels survive exactly, within 0.05
    /// for CMYK's round trip, and within 0.1 where the encoder re-compresses or re-quantises colour (lossy WebP, HEIC
    /// and AVIF in YCbCr, GIF's 256-colour palette). For scale: obama.jpg re-saved as a JPEG at quality 60 moves 0.05,
    /// even lossless AVIF moves 0.076 (its RGB → YCbCr step rounds), and different photos of one person lie 0.3 apart.
    /// That the decoders themselves are exact is checked against libwebp's own dwebp, pixel for pixel.
    func testEveryFormatGivesTheJPEGsFace() throws {
        let convert = try tool("/usr/bin/convert", package: "imagemagick")
        let heifEnc = try tool("/usr/bin/heif-enc", package: "libheif-examples")
        let source = try Fixtures.testImages().appendingPathComponent("obama.jpg")
        let folder = try Fixtures.temporaryFolder(self)
        let reference = try XCTUnwrap(analyzer().faces(in: PhotoDecoder.decode(Data(contentsOf: source)).image).first)
        let exact: Float = 1e-5, cmyk: Float = 0.05, lossy: Float = 0.1
        // name, expected format, descriptor tolerance, ImageMagick options (a trailing "FORMAT:" names the coder)
        let variants: [(String, ImageFormat, Float, [String])] = [
            ("lossy.webp", .webp, lossy, ["-quality", "90"]), ("lossless.webp", .webp, exact, ["-define", "webp:lossless=true"]),
            ("alpha.webp", .webp, exact, ["-alpha", "set", "-define", "webp:lossless=true"]),
            ("lzw.tiff", .tiff, exact, ["-compress", "LZW"]), ("sixteen.tiff", .tiff, exact, ["-depth", "16"]),
            ("cmyk.tiff", .tiff, cmyk, ["-colorspace", "CMYK"]),
            ("tiled.tiff", .tiff, exact, ["-define", "tiff:tile-geometry=128x128"]),
            ("palette.gif", .gif, lossy, []), ("bitmap.bmp", .bmp, exact, []), ("old.bmp", .bmp, exact, ["BMP3:"]),
        ]
        for (name, _, _, options) in variants {
            let prefix = options.last?.hasSuffix(":") == true ? options.last! : ""
            try run(convert, [source.path] + options.filter { !$0.hasSuffix(":") } + [prefix + folder.appendingPathComponent(name).path])
        }
        // A scan of two pages: the face on the first.
        try run(convert, [source.path, source.path, "-resize", "50%", folder.appendingPathComponent("pages.tiff").path])
        try run(heifEnc, ["-q", "90", source.path, "-o", folder.appendingPathComponent("phone.heic").path])
        try run(heifEnc, ["-A", "-q", "90", source.path, "-o", folder.appendingPathComponent("web.avif").path])

        let all = variants.map { ($0.0, $0.1, $0.2) } + [("phone.heic", .heic, lossy), ("web.avif", .avif, lossy)]
        for (name, format, tolerance) in all {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let decoded = try PhotoDecoder.decode(data)
            XCTAssertEqual(decoded.format, format, name)
            XCTAssertEqual(decoded.pages, 1, name)
            let found = try analyzer().faces(in: decoded.image)
            XCTAssertEqual(found.count, 1, name)
            guard let face = found.first else { continue }
            for (a, b) in [(face.box.left, obamaBox.left), (face.box.top, obamaBox.top),
                           (face.box.right, obamaBox.right), (face.box.bottom, obamaBox.bottom)] {
                XCTAssertLessThanOrEqual(abs(a - b), 5, "\(name): box \(face.box)")
            }
            XCTAssertLessThanOrEqual(descriptorDistance(face.descriptor, reference.descriptor), tolerance, name)
        }
        let pages = try PhotoDecoder.decode(Data(contentsOf: folder.appendingPathComponent("pages.tiff")))
        XCTAssertEqual(pages.pages, 2)
        XCTAssertEqual(pages.image.width, 455)   // the first page, half of 910

        // Pixel for pixel what libwebp's own decoder (dwebp) gives, when it is installed.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dwebp") {
            let ppm = folder.appendingPathComponent("lossy.ppm")
            try run("/usr/bin/dwebp", [folder.appendingPathComponent("lossy.webp").path, "-ppm", "-o", ppm.path])
            let reference = try Data(contentsOf: ppm)
            let decoded = try PhotoDecoder.decode(Data(contentsOf: folder.appendingPathComponent("lossy.webp"))).image
            let header = Data("P6\n\(decoded.width) \(decoded.height)\n255\n".utf8)
            XCTAssertEqual(reference.prefix(header.count), header)
            decoded.withPixels { XCTAssertTrue(reference.dropFirst(header.count).elementsEqual($0), "WebP pixels differ from dwebp's") }
        }
    }

    /// A phone's HEIC stores its pixels as the sensor read them and the turn as 'irot' (and 'imir'): each of the
    /// eight orientations, written so that the transform undoes it, gives the upright face.
    func testHEICTransformsGiveTheUprightFace() throws {
        let upright = try PhotoDecoder.decode(Data(contentsOf: Fixtures.testImages().appendingPathComponent("obama.jpg"))).image
        let undo: [Int: Int] = [1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6]   // the inverse of each orientation
        for orientation in [1, 3, 6, 8, 2, 5] {
            let stored = try upright.oriented(undo[orientation]!)
            var bytes: UnsafeMutablePointer<UInt8>? = nil
            var size = 0
            var err = [CChar](repeating: 0, count: 256)
            let status = stored.withPixels {
                fn_test_write_heic($0.baseAddress, Int32(stored.width), Int32(stored.height), Int32(orientation), 90,
                                   &bytes, &size, &err, err.count)
            }
            XCTAssertEqual(status, 0, errorText(err))
            guard status == 0, let bytes else { continue }
            let heic = Data(bytes: bytes, count: size)
            free(bytes)
            let decoded = try PhotoDecoder.decode(heic)
            XCTAssertEqual(decoded.format, .heic)
            XCTAssertEqual(decoded.orientation, 1, "HEIF transforms are applied by libheif, not recorded as EXIF")
            XCTAssertEqual([decoded.image.width, decoded.image.height], [upright.width, upright.height], "\(orientation)")
            let found = try analyzer().faces(in: decoded.image)
            XCTAssertEqual(found.count, 1, "orientation \(orientation)")
            if let face = found.first {
                XCTAssertLessThanOrEqual(abs(face.box.left - obamaBox.left) + abs(face.box.top - obamaBox.top), 10,
                                         "orientation \(orientation): \(face.box)")
            }
        }
    }

    /// A crop is named for what it holds: JPEG for every photo but a PNG.
    func testCropsOfOtherFormatsAreNamedAsJPEG() {
        XCTAssertEqual(FaceCrops.relativePath(photoPath: "phone/IMG_1.HEIC", index: 2), "Face Network/Faces/phone/face2_IMG_1.HEIC.jpg")
        XCTAssertEqual(FaceCrops.relativePath(photoPath: "a.webp", index: 1), "Face Network/Faces/face1_a.webp.jpg")
        XCTAssertEqual(FaceCrops.relativePath(photoPath: "a.JPG", index: 1), "Face Network/Faces/face1_a.JPG")
        XCTAssertEqual(FaceCrops.relativePath(photoPath: "scan.png", index: 1), "Face Network/Faces/face1_scan.png")
    }

    /// The date taken comes from the EXIF that HEIC carries and the tags of a TIFF (DateTime, set with libtiff's
    /// tiffset, since ImageMagick drops EXIF when it writes TIFF), as from JPEG.
    func testEXIFDatesFromHEICAndTIFF() throws {
        let convert = try tool("/usr/bin/convert", package: "imagemagick")
        let heifEnc = try tool("/usr/bin/heif-enc", package: "libheif-examples")
        let tiffset = try tool("/usr/bin/tiffset", package: "libtiff-tools")
        let folder = try Fixtures.temporaryFolder(self)
        let jpeg = folder.appendingPathComponent("dated.jpg")
        let source = try Data(contentsOf: Fixtures.testImages().appendingPathComponent("obama.jpg"))
        try SyntheticImages.withExif(source, dateTime: "2021:07:14 09:30:05").write(to: jpeg)
        XCTAssertEqual(try PhotoDecoder.decode(Data(contentsOf: jpeg)).takenAt, "2021-07-14 09:30:05")
        let heic = folder.appendingPathComponent("dated.heic"), tiff = folder.appendingPathComponent("dated.tiff")
        try run(heifEnc, ["-q", "80", jpeg.path, "-o", heic.path])
        try run(convert, [jpeg.path, tiff.path])
        try run(tiffset, ["-s", "306", "2021:07:14 09:30:05", tiff.path])
        try run(tiffset, ["-s", "271", "Acme", tiff.path])
        XCTAssertEqual(try PhotoDecoder.decode(Data(contentsOf: heic)).takenAt, "2021-07-14 09:30:05")
        let scanned = try PhotoDecoder.decode(Data(contentsOf: tiff))
        XCTAssertEqual(scanned.takenAt, "2021-07-14 09:30:05")
        XCTAssertEqual(scanned.cameraMake, "Acme")
    }

    /// A truncated file of each format is a failure with the decoder's reason; the run goes on to the others, and
    /// nothing reaches the terminal from the libraries.
    func testTruncatedFilesFailByNameAndTheRunGoesOn() throws {
        let convert = try tool("/usr/bin/convert", package: "imagemagick")
        let heifEnc = try tool("/usr/bin/heif-enc", package: "libheif-examples")
        let source = try Fixtures.testImages().appendingPathComponent("obama.jpg")
        let folder = try Fixtures.temporaryFolder(self)
        let made = try Fixtures.temporaryFolder(self)
        for name in ["photo.webp", "photo.tiff", "photo.gif", "photo.bmp"] {
            try run(convert, [source.path, made.appendingPathComponent(name).path])
        }
        try run(heifEnc, ["-q", "80", source.path, "-o", made.appendingPathComponent("photo.heic").path])
        try run(heifEnc, ["-A", "-q", "80", source.path, "-o", made.appendingPathComponent("photo.avif").path])
        let names = ["photo.webp", "photo.tiff", "photo.gif", "photo.bmp", "photo.heic", "photo.avif"]
        for name in names {
            let data = try Data(contentsOf: made.appendingPathComponent(name))
            try data.prefix(data.count * 2 / 3).write(to: folder.appendingPathComponent("cut-" + name))
        }
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("whole.jpg"))
        let result = try Fixtures.runCLI(["extract", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("summary: 1 photo, 1 face, 0 people, 0 edges, 6 failed files"), result.stdout)
        for name in names {
            let format = name.split(separator: ".").last!.uppercased()
            let decoder = ["HEIC": "HEIF", "AVIF": "HEIF", "WEBP": "WebP"][format] ?? format
            XCTAssertTrue(result.stdout.contains("failed: cut-\(name): \(decoder) decoding failed: "), "\(name): \(result.stdout)")
        }
        let stray = result.stderr.split(separator: "\n").filter { !$0.hasPrefix("extract:") }
        XCTAssertEqual(stray, [], "the libraries printed: \(stray)")
    }

    /// `--max-pixels` refuses an image of every format by its header, before decoding it.
    func testMaxPixelsRefusesEveryFormatBeforeDecoding() throws {
        let convert = try tool("/usr/bin/convert", package: "imagemagick")
        let heifEnc = try tool("/usr/bin/heif-enc", package: "libheif-examples")
        let source = try Fixtures.testImages().appendingPathComponent("obama.jpg")
        let made = try Fixtures.temporaryFolder(self)
        for name in ["photo.webp", "photo.tiff", "photo.gif", "photo.bmp"] {
            try run(convert, [source.path, made.appendingPathComponent(name).path])
        }
        try run(heifEnc, ["-q", "50", source.path, "-o", made.appendingPathComponent("photo.heic").path])
        for name in ["photo.webp", "photo.tiff", "photo.gif", "photo.bmp", "photo.heic"] {
            let data = try Data(contentsOf: made.appendingPathComponent(name))
            XCTAssertThrowsError(try PhotoDecoder.decode(data, maxPixels: 1_000_000), name) { error in
                XCTAssertTrue("\(error)".contains("910 x 1137 pixels, more than the limit of 1000000 pixels"), "\(name): \(error)")
            }
        }
    }
}
