import Foundation
@testable import Query
import XCTest

/// Ground-truth CSV files as `evaluate --truth` reads them.
final class TruthFileTests: XCTestCase {
    private func truthFile(_ text: String) throws -> (path: String, photos: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("truth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("labels.csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return (file.path, folder)
    }

    func testQuotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let (path, photos) = try truthFile("path,identity\r\n\"a,b/1.jpg\",\"Ann \"\"A\"\"\"\n\nc/2.jpg,\"Bob\nBlack\"\n")
        guard case .labels(let labels) = try Evaluation.loadTruth(path, photos: photos) else { return XCTFail() }
        XCTAssertEqual(labels, ["a,b/1.jpg": "Ann \"A\"", "c/2.jpg": "Bob\nBlack"])
    }

    func testAQuoteNeverClosedNamesItsLine() throws {
        let (path, photos) = try truthFile("path,identity\na/1.jpg,Ann\nb/2.jpg,\"Bob\nc/3.jpg,Carol\n")
        XCTAssertThrowsError(try Evaluation.loadTruth(path, photos: photos)) {
            XCTAssertEqual("\($0)", "\(path) line 3: a quoted field opens here and is never closed")
        }
    }

    func testAPhotoLabelledTwiceNamesItsLine() throws {
        let (path, photos) = try truthFile("identity,photo\nAnn,a/1.jpg\nBob,a/1.jpg\n")
        XCTAssertThrowsError(try Evaluation.loadTruth(path, photos: photos)) {
            XCTAssertEqual("\($0)", "\(path) line 3: a/1.jpg is labelled both Ann and Bob")
        }
    }
}
