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
            try runConvert(convert, arguments)
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


/// A folder mixing every kind of file a real archive holds runs to the end: every face found, every failure
/// explained by name.
final class MixedFolderTests: XCTestCase {
    func testMixedFolderRunsToTheEndWithEveryFailureExplained() throws {
        let convert = "/usr/bin/convert"
        guard FileManager.default.isExecutableFile(atPath: convert) else {
            throw XCTSkip("ImageMagick is not installed (apt-get install imagemagick; scripts/test does)")
        }
        let source = try Fixtures.testImages().appendingPathComponent("obama.jpg")
        let folder = try Fixtures.temporaryFolder(self)
        let nested = folder.appendingPathComponent("Été 2019/l'album \"famille\"")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        // Decodable: each must give Obama's one face.
        let good: [(String, [String], String)] = [   // name, ImageMagick options, output format prefix
            ("cmyk.jpg", ["-colorspace", "CMYK"], ""), ("gray.jpg", ["-colorspace", "Gray"], ""),
            ("progressive.JPG", ["-interlace", "Plane"], ""),
            ("Été 2019/l'album \"famille\"/sixteen.png", ["-depth", "16"], "PNG48:"), ("palette.png", [], "PNG8:"),
        ]
        // The formats beside JPEG and PNG, smaller: read like the others.
        let otherFormats = ["animation.gif", "web.webp", "scan.tiff"]
        for (name, options, prefix) in good {
            try runConvert(convert, [source.path] + options + [prefix + folder.appendingPathComponent(name).path])
        }
        for name in otherFormats {
            try runConvert(convert, [source.path, "-resize", "25%", folder.appendingPathComponent(name).path])
        }
        let jpeg = try Data(contentsOf: source)
        try jpeg.prefix(jpeg.count * 2 / 3).write(to: folder.appendingPathComponent("truncated.jpg"))
        try Data().write(to: folder.appendingPathComponent("empty.jpg"))
        try Data("not a photo".utf8).write(to: folder.appendingPathComponent("notes.jpg.txt"))
        try Data("also not a photo".utf8).write(to: folder.appendingPathComponent("fake.png"))

        let result = try Fixtures.runCLI(["extract", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("summary: 9 photos, 9 faces, 0 people, 0 edges, 2 failed files"), result.stdout)
        // Every file counted once: read, unchanged, a byte-identical duplicate or failed.
        XCTAssertTrue(result.stdout.contains("extract: 11 files, 9 read, 0 unchanged, 0 byte-identical duplicates, 9 new faces, 2 failed"),
                      result.stdout)
        XCTAssertTrue(result.stdout.contains("failed: empty.jpg: empty file (0 bytes)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("failed: fake.png: named like an image, but its bytes are not"), result.stdout)
        XCTAssertFalse(result.stdout.contains("notes.jpg.txt"), result.stdout)
        XCTAssertTrue(result.stderr.contains("warning: truncated.jpg: decoded with a warning: Premature end of JPEG file"),
                      result.stderr)
        let faces = try Fixtures.runCLI(["export", folder.path, "faces"]).stdout
        for name in otherFormats { XCTAssertTrue(faces.contains(name + ",1,"), "\(name) has no face: \(faces)") }
        for (name, _, _) in good {
            // CSV quotes the nested path (it holds quotes) and doubles its quotes.
            let field = name.contains("\"") ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
            XCTAssertTrue(faces.contains(field + ",1,"), "\(name) has no face: \(faces)")
        }
        XCTAssertTrue(faces.contains("truncated.jpg,1,"), faces)   // the face lies in the decoded top two thirds
    }

}

/// Runs ImageMagick's convert and checks that it succeeded.
func runConvert(_ convert: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
    let process = try Process.run(URL(fileURLWithPath: convert), arguments: arguments)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, "convert \(arguments)", file: file, line: line)
}

/// File and folder names in an older encoding than UTF-8 (Latin-1 from an old zip archive).
final class NonUTF8NameTests: XCTestCase {
    func testNamesThatAreNotUTF8AreListedByTheirBytes() throws {
        let folder = try Fixtures.temporaryFolder(self)
        func make(_ name: [UInt8], folder isFolder: Bool) {
            let path = Array(folder.path.utf8) + [0x2F] + name + [0]
            path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { raw in
                    if isFolder { XCTAssertEqual(mkdir(raw.baseAddress!, 0o755), 0) } else {
                        let fd = open(raw.baseAddress!, O_CREAT | O_WRONLY, 0o644)
                        XCTAssertGreaterThanOrEqual(fd, 0)
                        close(fd)
                    }
                }
            }
        }
        make(Array("caf".utf8) + [0xE9] + Array(" é.jpg".utf8), folder: false)   // Latin-1 é, then a UTF-8 é
        make([0x64, 0xE9, 0x6A, 0xE0], folder: true)                              // "déjà" in Latin-1
        try Data("x".utf8).write(to: folder.appendingPathComponent("fine é.txt"))
        let walk = PhotoWalker.walk(folder)
        XCTAssertEqual(walk.files.map(\.relativePath), [])
        XCTAssertEqual(walk.unreadable.map(\.path), ["caf\\xe9 é.jpg", "d\\xe9j\\xe0"])
        XCTAssertTrue(walk.unreadable[0].reason.hasPrefix("its name is not UTF-8"), walk.unreadable[0].reason)
        XCTAssertTrue(walk.unreadable[1].reason.hasPrefix("folder not read: its name is not UTF-8"), walk.unreadable[1].reason)
    }
}
