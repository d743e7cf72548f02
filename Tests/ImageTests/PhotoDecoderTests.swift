import Foundation
@testable import Imaging
import TestSupport
import XCTest

final class PhotoDecoderTests: XCTestCase {
    // MARK: PNG colour types

    func testSixteenBitGrayPNGKeepsItsValues() throws {
        // dlib's own loader returns 16-bit grey as all white; we keep the high byte.
        let png = SyntheticImages.png(width: 2, height: 1, bitDepth: 16, colorType: 0,
                                      rows: [[0x12, 0x34, 0xAB, 0xCD]])
        let photo = try PhotoDecoder.decode(png)
        XCTAssertEqual(photo.format, .png)
        XCTAssertEqual(photo.image.width, 2)
        XCTAssertTrue(photo.image.pixel(x: 0, y: 0) == (0x12, 0x12, 0x12))
        XCTAssertTrue(photo.image.pixel(x: 1, y: 0) == (0xAB, 0xAB, 0xAB))
    }

    func testPalettePNGExpandsToRGB() throws {
        let png = SyntheticImages.png(width: 2, height: 1, bitDepth: 8, colorType: 3, rows: [[1, 0]],
                                      palette: [10, 20, 30, 200, 150, 100])
        let photo = try PhotoDecoder.decode(png)
        XCTAssertTrue(photo.image.pixel(x: 0, y: 0) == (200, 150, 100))
        XCTAssertTrue(photo.image.pixel(x: 1, y: 0) == (10, 20, 30))
    }

    func testAlphaIsDroppedNotComposited() throws {
        // RGBA: Pillow's convert("RGB") (and so face_recognition) keeps the colour under any alpha.
        let rgba = SyntheticImages.png(width: 1, height: 1, bitDepth: 8, colorType: 6, rows: [[90, 60, 30, 0]])
        XCTAssertTrue(try PhotoDecoder.decode(rgba).image.pixel(x: 0, y: 0) == (90, 60, 30))
        let grayAlpha = SyntheticImages.png(width: 1, height: 1, bitDepth: 8, colorType: 4, rows: [[77, 10]])
        XCTAssertTrue(try PhotoDecoder.decode(grayAlpha).image.pixel(x: 0, y: 0) == (77, 77, 77))
    }

    func testSixteenBitRGBPNG() throws {
        let png = SyntheticImages.png(width: 1, height: 1, bitDepth: 16, colorType: 2,
                                      rows: [[0xFF, 0x00, 0x80, 0x11, 0x01, 0x22]])
        XCTAssertTrue(try PhotoDecoder.decode(png).image.pixel(x: 0, y: 0) == (0xFF, 0x80, 0x01))
    }

    // MARK: EXIF orientation

    /// For each EXIF orientation, where the stored top-left (red) quadrant must end up in the upright image.
    func testAllEightOrientationsAreApplied() throws {
        let stored = try SyntheticImages.quadrants()          // 64 × 32: red TL, green TR, blue BL, white BR
        let jpeg = try stored.jpegData(quality: 95)
        // Expected colour at the upright image's top-left and top-right corners.
        let expected: [UInt16: (tl: String, tr: String, size: (Int, Int))] = [
            1: ("red", "green", (64, 32)), 2: ("green", "red", (64, 32)),
            3: ("white", "blue", (64, 32)), 4: ("blue", "white", (64, 32)),
            5: ("red", "blue", (32, 64)), 6: ("blue", "red", (32, 64)),
            7: ("white", "green", (32, 64)), 8: ("green", "white", (32, 64)),
        ]
        for orientation in UInt16(1)...8 {
            let photo = try PhotoDecoder.decode(SyntheticImages.withOrientation(jpeg, orientation))
            let want = expected[orientation]!
            XCTAssertEqual(photo.orientation, Int(orientation))
            XCTAssertEqual(photo.image.width, want.size.0, "orientation \(orientation)")
            XCTAssertEqual(photo.image.height, want.size.1, "orientation \(orientation)")
            XCTAssertEqual(colourName(photo.image, x: 2, y: 2), want.tl, "orientation \(orientation), top-left")
            XCTAssertEqual(colourName(photo.image, x: photo.image.width - 3, y: 2), want.tr,
                           "orientation \(orientation), top-right")
        }
    }

    // MARK: Broken files

    func testTruncatedJPEGDecodesWithAWarning() throws {
        let jpeg = try SyntheticImages.quadrants(width: 256, height: 256).jpegData(quality: 90)
        let photo = try PhotoDecoder.decode(jpeg.prefix(jpeg.count / 2))
        XCTAssertEqual(photo.image.width, 256)
        XCTAssertNotNil(photo.warning)
        XCTAssertTrue(photo.warning!.contains("Premature end"), photo.warning!)
    }

    func testGarbageIsAClearError() {
        XCTAssertThrowsError(try PhotoDecoder.decode(Data("hello, not a photo".utf8))) { error in
            XCTAssertEqual("\(error)", "not an image format this tool reads")
        }
        var corrupt = Data([0xFF, 0xD8, 0xFF, 0xE0])
        corrupt.append(Data(repeating: 0x42, count: 200))
        XCTAssertThrowsError(try PhotoDecoder.decode(corrupt)) { error in
            XCTAssertTrue("\(error)".hasPrefix("JPEG decoding failed"), "\(error)")
        }
    }

    func testMaxPixelsRefusesLargeImagesBeforeDecoding() throws {
        let jpeg = try SyntheticImages.quadrants(width: 200, height: 100).jpegData()
        XCTAssertThrowsError(try PhotoDecoder.decode(jpeg, maxPixels: 19_999)) { error in
            XCTAssertTrue("\(error)".contains("200 x 100"), "\(error)")
        }
        XCTAssertEqual(try PhotoDecoder.decode(jpeg, maxPixels: 20_000).image.width, 200)
    }

    func testFormatsAreSniffedFromBytes() {
        XCTAssertEqual(ImageFormat.sniff(Data([0xFF, 0xD8, 0xFF, 0xE1])), .jpeg)
        XCTAssertEqual(ImageFormat.sniff(Data("GIF89a".utf8)), .gif)
        XCTAssertEqual(ImageFormat.sniff(Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBP".utf8)), .webp)
        XCTAssertEqual(ImageFormat.sniff(Data([0, 0, 0, 24]) + Data("ftypheic".utf8)), .heic)
        XCTAssertNil(ImageFormat.sniff(Data("just text".utf8)))
    }

    func testExifDatesAreNormalised() {
        XCTAssertEqual(PhotoDecoder.normalisedExifDate("2019:07:04 18:30:05"), "2019-07-04 18:30:05")
        XCTAssertNil(PhotoDecoder.normalisedExifDate("0000:00:00 00:00:00"))
        XCTAssertNil(PhotoDecoder.normalisedExifDate("yesterday"))
    }

    private func colourName(_ image: RGBImage, x: Int, y: Int) -> String {
        let p = image.pixel(x: x, y: y)
        switch (p.r > 128, p.g > 128, p.b > 128) {
        case (true, false, false): return "red"
        case (false, true, false): return "green"
        case (false, false, true): return "blue"
        case (true, true, true): return "white"
        default: return "other(\(p))"
        }
    }
}
