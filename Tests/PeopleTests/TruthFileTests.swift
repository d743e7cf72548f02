import Foundation
@testable import People
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

    func testSpacesAroundFieldsAreNotPartOfTheLabel() throws {
        let (path, photos) = try truthFile("path,identity\na/1.jpg,Ann \n a/2.jpg , Ann\n")
        guard case .labels(let labels) = try Evaluation.loadTruth(path, photos: photos) else { return XCTFail() }
        XCTAssertEqual(labels, ["a/1.jpg": "Ann", "a/2.jpg": "Ann"])
    }

    /// A line of only white space (a trailing one is common typing; no-break spaces, vertical tabs and form feeds
    /// come from spreadsheets) is blank, as an empty line is.
    func testLinesOfOnlySpacesAreBlank() throws {
        let (path, photos) = try truthFile("path,identity\n  \na/1.jpg,Ann\n\t \n\u{A0}\u{A0}\n\u{0B}\n\u{0C} \n   ")
        guard case .labels(let labels) = try Evaluation.loadTruth(path, photos: photos) else { return XCTFail() }
        XCTAssertEqual(labels, ["a/1.jpg": "Ann"])
    }

    func testAFileWithoutLabelsIsRefused() throws {
        let (path, photos) = try truthFile("path,identity\n")
        XCTAssertThrowsError(try Evaluation.loadTruth(path, photos: photos)) {
            XCTAssertEqual("\($0)", "\(path) holds no labels (no row with a path and an identity)")
        }
    }

    /// cluster-descriptors' faces.csv: rows in the descriptors' order, an identity column; an empty identity is
    /// no label.
    func testDescriptorTablesAreChecked() throws {
        let (_, folder) = try truthFile("")
        try Data(count: 3 * 128 * 4).write(to: folder.appendingPathComponent("descriptors.f32"))
        func load(_ table: String) throws -> DescriptorFile {
            try table.write(to: folder.appendingPathComponent("faces.csv"), atomically: true, encoding: .utf8)
            return try DescriptorFile.load(folder: folder.path)
        }
        let csv = folder.appendingPathComponent("faces.csv").path
        XCTAssertEqual(try load("row,photo,identity\n0,a.jpg,\n1,b.jpg,Y\n2,c.jpg,Y\n").identities, [nil, "Y", "Y"])
        XCTAssertThrowsError(try load("row,photo\n0,a.jpg\n1,b.jpg\n2,c.jpg\n")) {
            XCTAssertEqual("\($0)", "\(csv) needs the column 'identity' (row, photo and identity; its header is: row,photo)")
        }
        XCTAssertThrowsError(try load("row,photo,identity\n0,a.jpg,X\n2,b.jpg,Y\n1,c.jpg,Y\n")) {
            XCTAssertEqual("\($0)", "\(csv) line 3: row is '2' where 1 was expected (faces.csv lists the descriptors in "
                           + "their order, from row 0)")
        }
    }

    func testAPhotoLabelledTwiceNamesItsLine() throws {
        let (path, photos) = try truthFile("identity,photo\nAnn,a/1.jpg\nBob,a/1.jpg\n")
        XCTAssertThrowsError(try Evaluation.loadTruth(path, photos: photos)) {
            XCTAssertEqual("\($0)", "\(path) line 3: a/1.jpg is labelled both Ann and Bob")
        }
    }

    /// A row longer or shorter than the header (an unquoted comma in a name) is refused by its line, counted from
    /// where the row starts even after a quoted field over two lines; so are two path or identity columns and an
    /// identity without a path. A row with an empty identity labels nothing.
    func testMisalignedRowsAndAmbiguousColumnsAreRefused() throws {
        func refusal(_ text: String) throws -> String {
            let (path, photos) = try truthFile(text)
            do {
                _ = try Evaluation.loadTruth(path, photos: photos)
                return "accepted"
            } catch {
                return "\(error)".replacingOccurrences(of: path, with: "labels.csv")
            }
        }
        XCTAssertEqual(try refusal("path,identity\na/1.jpg,\"Ann\nLee\"\n\nb/2.jpg,Smith, John\n"),
                       "labels.csv line 5: 3 fields where the header has 2 (a name with a comma must be in double quotes)")
        XCTAssertEqual(try refusal("path,identity\na/1.jpg\n"),
                       "labels.csv line 2: 1 field where the header has 2 (a name with a comma must be in double quotes)")
        XCTAssertEqual(try refusal("path,identity,path\na/1.jpg,Ann,b/1.jpg\n"),
                       "labels.csv has more than one path column (path, photo or image); its header is: path,identity,path")
        XCTAssertEqual(try refusal("photo,identity,Identity\na/1.jpg,Ann,Bob\n"),
                       "labels.csv has more than one identity column; its header is: photo,identity,Identity")
        XCTAssertEqual(try refusal("path,identity\na/1.jpg,Ann\n,Bob\n"), "labels.csv line 3: the identity Bob has no path")
        let (path, photos) = try truthFile("path,identity\na/1.jpg,\nb/2.jpg,Bob\n")
        guard case .labels(let labels) = try Evaluation.loadTruth(path, photos: photos) else { return XCTFail() }
        XCTAssertEqual(labels, ["b/2.jpg": "Bob"])
    }
}
