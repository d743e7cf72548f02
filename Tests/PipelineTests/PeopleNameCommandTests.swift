import Foundation
@testable import Store
import XCTest

/// `people name` and the query shell's `name` statement follow one rule with the same words.
final class PeopleNameCommandTests: XCTestCase {
    /// A store of one photo with one face made person 1, without running the face detector.
    private func storeWithOnePerson() throws -> (folder: URL, db: String) {
        let folder = try Fixtures.temporaryFolder(self)
        let db = folder.appendingPathComponent("store.sqlite").path
        let store = try FaceStore(path: db)
        let face = NewFace(box: FaceBox(left: 1, top: 1, right: 40, bottom: 40), score: 1, landmarks: [Float](repeating: 0, count: 10),
                           descriptor: [Float](repeating: 0.1, count: descriptorLength), cropPath: nil)
        try store.insertPhoto(NewPhoto(path: "a.jpg", contentHash: "h", byteSize: 1, modifiedAt: 0, format: "jpeg", width: 50,
                                       height: 50, orientation: 1, takenAt: nil, cameraMake: nil, cameraModel: nil,
                                       cameraSerial: nil, decodeWarning: nil, faces: [face]))
        XCTAssertEqual(try store.replaceClustering([[1]], runID: nil), [1])
        return (folder, db)
    }

    /// A name of only white space (ASCII spaces, or U+3000 IDEOGRAPHIC SPACE) clears the name, and both say so.
    func testAWhiteSpaceNameClearsTheNameInBothPlacesWithTheSameWords() throws {
        let (folder, db) = try storeWithOnePerson()
        for blank in ["   ", "\u{3000}"] {
            XCTAssertEqual(try Fixtures.runCLI(["people", folder.path, "--db", db, "name", "1", "Ada", "--no-mosaic"]).status, 0)
            let cli = try Fixtures.runCLI(["people", folder.path, "--db", db, "name", "1", blank, "--no-mosaic"])
            XCTAssertEqual(cli.status, 0, cli.stderr)
            XCTAssertTrue(cli.stdout.contains("person 1 has no name now"), cli.stdout)
            XCTAssertFalse(cli.stdout.contains("named"), cli.stdout)
            XCTAssertEqual(try FaceStore(path: db).people().first?.name, nil)

            XCTAssertEqual(try Fixtures.runCLI(["people", folder.path, "--db", db, "name", "1", "Ada", "--no-mosaic"]).status, 0)
            let query = try Fixtures.runCLI(["query", folder.path, "--db", db, "-e", "name 1 as \"\(blank)\""])
            XCTAssertEqual(query.status, 0, query.stderr)
            XCTAssertTrue((query.stdout + query.stderr).contains("person 1 has no name now"), query.stdout + query.stderr)
            XCTAssertEqual(try FaceStore(path: db).people().first?.name, nil)
        }
        // A name with spaces around it is stored and reported trimmed, in both.
        let cli = try Fixtures.runCLI(["people", folder.path, "--db", db, "name", "1", "  Ada  ", "--no-mosaic"])
        XCTAssertTrue(cli.stdout.contains("person 1 is named \"Ada\""), cli.stdout)
        let query = try Fixtures.runCLI(["query", folder.path, "--db", db, "-e", "name 1 as \"  Bo \""])
        XCTAssertTrue((query.stdout + query.stderr).contains("person 1 is named \"Bo\""), query.stdout + query.stderr)
    }

    /// Values an action does not take are refused before anything changes (`undo 5` does not undo the latest edit), and
    /// so are missing ones: exit 64 with the usage, as for every other usage error.
    func testExtraValuesAreRefusedNotIgnored() throws {
        let (folder, db) = try storeWithOnePerson()
        XCTAssertEqual(try Fixtures.runCLI(["people", folder.path, "--db", db, "name", "1", "Ada", "--no-mosaic"]).status, 0)
        for (arguments, message) in [
            (["undo", "5"], "undo takes no values (it undoes the latest edit; history lists them); got 1: 5"),
            (["reject", "1", "2"], "reject takes one face id; got 2: 1 2"),
            (["show", "1", "2"], "show takes one person id; got 2: 1 2"),
            (["list", "extra"], "list takes no values; got 1: extra"),
            (["name", "1", "Ada", "Lovelace"], "name takes a person id and a name (quote a name with spaces: "
                + "name 3 \"Ada Lovelace\"); got 3: 1 Ada Lovelace"),
            (["name-from", "known", "more"], "name-from takes the folder of known people; got 2: known more"),
            // Too few values and ids that are not integers are usage errors as well, refused before the store opens.
            (["name", "1"], "name takes a person id and a name (quote a name with spaces: name 3 \"Ada Lovelace\"); got 1: 1"),
            (["show"], "show takes one person id; got 0"),
            (["name-from"], "name-from takes the folder of known people; got 0"),
            (["merge"], "merge takes the ids of the people to merge"),
            (["merge", "1", "x2"], "'x2' is not a person id"),
            (["reject", "face"], "'face' is not a face id"),
            (["name", "Ada", "1"], "'Ada' is not a person id"),
            (["split", "1"], "split takes either --threshold DISTANCE or --faces ID,ID,…"),
            (["split", "1", "--threshold", "0.5", "--faces", "1"], "split takes either --threshold DISTANCE or --faces"),
            (["split", "1", "--faces", "1,two"], "--faces: 'two' is not a face id"),
        ] {
            let result = try Fixtures.runCLI(["people", folder.path, "--db", db] + arguments)
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
        XCTAssertEqual(try FaceStore(path: db).people().first?.name, "Ada", "nothing was undone")
        XCTAssertEqual(try FaceStore(path: db).edits().filter { $0.undoneAt != nil }.count, 0)
    }
}
