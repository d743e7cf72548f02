@testable import Analysis
import XCTest

/// Near-duplicate photos: resized, cropped and re-compressed copies found; burst shots, other moments and other
/// photos of the same people kept apart. Descriptors are test points whose distances are differences of offsets.
final class PhotoCopiesTests: XCTestCase {
    /// Person `axis`'s face, `offset` from that person's reference descriptor.
    private var rows: [[Float]] = []
    private func face(_ axis: Int, _ offset: Float, x: Float, y: Float, size: Float) -> PhotoLayout.Face {
        rows.append(point(axis, 1 + offset))
        return PhotoLayout.Face(row: rows.count - 1, x: x, y: y, size: size)
    }

    /// A photo of three people (persons 1, 2, 3), at `scale` of its 1000 × 800 pixels, shifted by `shift` (a
    /// crop), its descriptors `noise` from the original's, person 3 moved right by `move` pixels.
    private func trio(_ id: Int64, scale: Float = 1, shift: Float = 0, noise: Float = 0, move: Float = 0,
                      takenAt: String? = nil, drop: Int? = nil) -> PhotoLayout {
        let faces = [(1, 200, 300, 50), (2, 500, 320, 45), (3, 800 + move, 310, 55)].enumerated()
            .filter { $0.offset != drop }
            .map { face($0.element.0, noise, x: ($0.element.1 - shift) * scale, y: (Float($0.element.2) - shift) * scale,
                        size: Float($0.element.3) * scale) }
        return PhotoLayout(photoID: id, width: Int(1000 * scale), height: Int(800 * scale), takenAt: takenAt, faces: faces)
    }

    func testResizedCroppedAndRecompressedCopiesShareOneOriginal() {
        let photos = [trio(1), trio(2, scale: 0.5, noise: 0.05), trio(3, shift: 40, noise: 0.08), trio(4, move: 0)]
        let originals = PhotoCopies().originals(of: photos, descriptors: Descriptors(rows))
        XCTAssertEqual(originals, [2: 1, 3: 1, 4: 1])
    }

    func testBurstShotsAndOtherMomentsAreSeparatePhotos() {
        let copies = PhotoCopies()
        // Person 3 moved 120 px between two shots: the arrangement changed, though every face is alike.
        var photos = [trio(1), trio(2, noise: 0.03, move: 120)]
        XCTAssertEqual(copies.originals(of: photos, descriptors: Descriptors(rows)), [:])
        // The same arrangement taken a second later (EXIF), and the same moment re-saved.
        rows = []
        photos = [trio(1, takenAt: "2024-05-01 10:00:00"), trio(2, noise: 0.02, takenAt: "2024-05-01 10:00:01"),
                  trio(3, scale: 0.7, noise: 0.05, takenAt: "2024-05-01 10:00:00"), trio(4, scale: 0.6, noise: 0.05)]
        XCTAssertEqual(copies.originals(of: photos, descriptors: Descriptors(rows)), [3: 1, 4: 1])
    }

    func testAThumbnailThatLostAFaceIsStillACopy() {
        let photos = [trio(1), trio(2, scale: 0.3, noise: 0.1, drop: 1)]
        XCTAssertEqual(PhotoCopies().originals(of: photos, descriptors: Descriptors(rows)), [2: 1])
        // …but one face is no evidence about a group photo.
        rows = []
        let lone = [trio(1), trio(2, scale: 0.5, noise: 0.02, drop: 1)].map { photo -> PhotoLayout in
            var photo = photo
            if photo.photoID == 2 { photo.faces = [photo.faces[0]] }
            return photo
        }
        XCTAssertEqual(PhotoCopies().originals(of: lone, descriptors: Descriptors(rows)), [:])
    }

    func testDescriptorLimitGrowsForSmallFaces() {
        let copies = PhotoCopies()
        XCTAssertEqual(copies.descriptorLimit(size: 100, 60), 0.12)
        XCTAssertEqual(copies.descriptorLimit(size: 15, 200), 0.25)
        XCTAssertEqual(copies.descriptorLimit(size: 40, 80), 0.185, accuracy: 1e-6)
        // Faces 0.2 apart: a copy when the faces are small (eye distance 20 px), not when they are large.
        let small = [trio(1, scale: 0.4), trio(2, scale: 0.4, noise: 0.2)]
        XCTAssertEqual(copies.originals(of: small, descriptors: Descriptors(rows)), [2: 1])
        rows = []
        let large = [trio(1, scale: 2), trio(2, scale: 2, noise: 0.2)]
        XCTAssertEqual(copies.originals(of: large, descriptors: Descriptors(rows)), [:])
    }

    func testOneFacePhotos() {
        let copies = PhotoCopies()
        func portrait(_ id: Int64, width: Int, x: Float, size: Float, offset: Float) -> PhotoLayout {
            PhotoLayout(photoID: id, width: width, height: width, takenAt: nil,
                        faces: [face(7, offset, x: x, y: Float(width) / 2, size: size)])
        }
        // The original, a half-size copy, a 90 % centre crop, and another photo of the same person (0.35 away).
        let photos = [portrait(1, width: 600, x: 300, size: 100, offset: 0),
                      portrait(2, width: 300, x: 150, size: 50, offset: 0.06),
                      portrait(3, width: 540, x: 270, size: 100, offset: 0.04),
                      portrait(4, width: 600, x: 300, size: 100, offset: 0.35),
                      portrait(5, width: 600, x: 120, size: 100, offset: 0.05)]
        XCTAssertEqual(copies.originals(of: photos, descriptors: Descriptors(rows)), [2: 1, 3: 1])
    }
}
