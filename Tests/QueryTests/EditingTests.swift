import Query
import People
import Reports
import Store
import XCTest

/// The editing statements on `HandGraph` (face ids 1…16 in photo order: p1 Alice 1, Bob 2, Carol 3; p2 Alice 4,
/// Bob 5; p3 Bob 6, Dave 7; p4 Carol 8, Dave 9; p5 Dave 10, Eve 11; p6 Eve 12, Frank 13; p7 Frank 14;
/// p8 person 7 15, Heidi 16), each checked through the queries it changes, and undone.
final class EditingTests: XCTestCase {
    private var session: QuerySession!

    override func setUpWithError() throws {
        session = QuerySession(store: try HandGraph.store(self), format: .csv)
    }

    private func rows(_ text: String) throws -> [String] {
        var out = ""
        try session.run(text, output: { out += $0 })
        return Array(out.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init))
    }

    /// Person 7 and Heidi (8) share photo p8: the merge goes through and its summary says so.
    func testMergingPeopleOfOnePhotoWarns() throws {
        let table = QuerySession(store: try HandGraph.store(self), format: .table)
        var out = ""
        try table.run("merge 8 into 7", output: { out += $0 })
        XCTAssertTrue(out.contains("merged person 8 into person 7; warning: person 7 and person 8 appear together in 1 photo"), out)
    }

    func testNameMergeSplitRejectUndoAndHistory() throws {
        XCTAssertFalse(session.takePeopleChanged())
        XCTAssertEqual(try rows("name 7 as \"Gus O'Hara\"").map { $0.dropFirst(2) }, ["7,Gus O'Hara"])
        XCTAssertTrue(session.takePeopleChanged())
        XCTAssertEqual(try rows("who appears with 'gus o\\'hara'").map { $0.prefix(9) }, ["8,Heidi,1"])

        // Heidi merged into Gus: one person, so the edge between them is gone.
        XCTAssertEqual(try rows("merge 'Heidi' into \"Gus O'Hara\"").map { $0.dropFirst(2) }, ["8,7"])
        XCTAssertEqual(try rows("who appears with 7"), [])
        XCTAssertEqual(try rows("person 7")[2], "photos,1")
        XCTAssertEqual(try rows("person 7")[3], "faces,2")

        // Bob's face in p3 moved out: the new person (id 8, free since the merge) appears with Dave instead of Bob.
        XCTAssertEqual(try rows("split 'Bob' faces 6, 6"), ["3,6,8,2"])   // edit 3; listed twice, moved and listed once
        XCTAssertEqual(try rows("who appears with 'Dave'").map { $0.prefix(5) }, ["3,Car", "5,Eve", "8,,1,"])
        // Identical descriptors stay together at any threshold: nothing changes.
        XCTAssertEqual(try rows("split 'Alice' at 0.3"), [])

        // Eve's face in p6 rejected: Eve and Frank no longer share a photo.
        XCTAssertEqual(try rows("reject face 12").map { $0.dropFirst(2) }, ["12"])
        XCTAssertEqual(try rows("path from 'Alice' to 'Frank'"), [])

        let history = try rows("history").map { $0.split(separator: ",")[1] }
        XCTAssertEqual(history, ["name", "merge", "move", "reject"])
        // Undo, latest first, until nothing is left.
        XCTAssertEqual(try rows("undo").map { $0.split(separator: ",")[1] }, ["reject"])
        XCTAssertEqual(try rows("path from 'Alice' to 'Frank'").count, 5)
        _ = try rows("undo")
        XCTAssertEqual(try rows("who appears with 'Dave'").map { $0.prefix(5) }, ["2,Bob", "3,Car", "5,Eve"])
        _ = try rows("undo")
        XCTAssertEqual(try rows("who appears with 7").map { $0.prefix(9) }, ["8,Heidi,1"])
        _ = try rows("undo")
        XCTAssertEqual(try rows("person 7")[1], "name,")
        var summary = ""
        try session.run(".format table", output: { _ in })
        try session.run("undo", output: { summary += $0 })
        XCTAssertTrue(summary.hasSuffix("nothing to undo\n"), summary)
        XCTAssertEqual(try rows(".format csv\nhistory").filter { $0.hasSuffix(",") }, [], "every edit is marked undone")
    }

    func testEditsThatCannotBeMadeAreErrorsAtTheirPart() throws {
        // At the person split, the person merged into, the name refused; a threshold that is 0 as a Float at it.
        for (statement, expected) in [
            ("split 'Bob' faces 1", "line 2, column 7: face 1 is not a face of person 2"),
            ("merge 1 into 1", "line 2, column 14: merge needs at least one person besides 1"),
            ("name 1 as \"\\u{202E}x\"", "line 2, column 11: a name cannot hold U+202E, a mark that changes the direction text is shown in"),
            ("split 1 at 0." + String(repeating: "0", count: 50) + "1", "line 2, column 12: the threshold is a descriptor distance above 0 and below 2 (0.4 is tight)"),
        ] {
            XCTAssertThrowsError(try session.run(statement, line: 2, output: { _ in })) { error in
                XCTAssertEqual("\(error)".split(separator: "\n").first.map(String.init), expected)
            }
        }
        XCTAssertThrowsError(try session.run("merge 'Nobody' into 1", output: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("no person is named \"Nobody\""), "\(error)")
        }
        XCTAssertThrowsError(try session.run("reject face 999", output: { _ in }))
        XCTAssertFalse(session.takePeopleChanged(), "nothing changed")
        XCTAssertEqual(try rows("history"), [])
    }
}
