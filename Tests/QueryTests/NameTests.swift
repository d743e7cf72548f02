import Foundation
import Query
import People
import Reports
import Store
import XCTest

/// Names with quotes, backslashes, Unicode and SQL in them are names like any other: found, shown and never run.
final class NameTests: XCTestCase {
    private static let names: [String?] = [
        "O'Neil", "Back\\slash \"Quoted\"", "Robert'); DROP TABLE people;--", "Zoë 李 😀", "who", "SELECT * FROM faces",
        nil, "%_ wildcards",
    ]

    func testEveryNameFindsItsPersonAndInjectsNothing() throws {
        let store = try HandGraph.store(self, names: Self.names)
        let session = QuerySession(store: store, format: .csv)
        for (index, name) in Self.names.enumerated() {
            guard let name else { continue }
            var out = ""
            try session.run("person \(QuerySyntax.quoted(name))", output: { out += $0 })
            XCTAssertTrue(out.hasPrefix("property,value\nperson,\(index + 1)\n"), "\(name): \(out)")
        }
        // Single quotes with escapes, and names as SQL keywords or LIKE wildcards, in other statements.
        var out = ""
        try session.run(#"who appears with 'O\'Neil'"#, output: { out += $0 })
        XCTAssertTrue(out.contains("\n2,\"Back\\slash \"\"Quoted\"\"\",2,"), out)
        out = ""
        try session.run(#"mutual 'who' and "%_ wildcards""#, output: { out += $0 })
        XCTAssertEqual(out, "person,name,photos_with_first,photos_with_second\n")
        out = ""
        try session.run(#"path from "Robert'); DROP TABLE people;--" to 'SELECT * FROM faces'"#, output: { out += $0 })
        XCTAssertEqual(out.split(separator: "\n").count, 5, out)   // header, Carol, Dave, Eve, Frank
        // A wildcard is not a pattern: "%" names nobody.
        XCTAssertThrowsError(try session.run("person '%'", output: { _ in }))
        XCTAssertEqual(try store.counts().people, 8)
        XCTAssertEqual(try store.counts().faces, 16)
        // JSON and the aligned table show the names as they are.
        try session.run(".format json", output: { _ in })
        out = ""
        try session.run("people", output: { out += $0 })
        let rows = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [[String: Any]]
        XCTAssertEqual(rows.map { $0["name"] as? String }, Self.names)
    }

    func testNamesAreMatchedIgnoringCaseAndByLabelAndSuggested() throws {
        let session = QuerySession(store: try HandGraph.store(self), format: .csv)
        var out = ""
        try session.run("person 'ALICE'; person 'person 7'", output: { out += $0 })
        XCTAssertTrue(out.contains("person,1\n") && out.contains("person,7\n"), out)
        XCTAssertThrowsError(try session.run("who appears with \"Alcie\"", line: 3, output: { _ in })) { error in
            XCTAssertEqual("\(error)", """
                line 3, column 18: no person is named "Alcie"; did you mean "Alice"?
                  who appears with "Alcie"
                                   ^~~~~~~
                """)
        }
        XCTAssertThrowsError(try session.run("path from 1 to 42", output: { _ in })) { error in
            XCTAssertTrue("\(error)".hasPrefix("line 1, column 16: there is no person 42; 'people' lists everyone"), "\(error)")
        }
    }

    func testTwoPeopleWithOneNameMustBeGivenById() throws {
        let session = QuerySession(store: try HandGraph.store(self, names: ["Ann", "Ann", "ann", nil, nil, nil, nil, nil]),
                                   format: .csv)
        XCTAssertThrowsError(try session.run("person 'Ann'", output: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("2 people are named \"Ann\" (ids 1, 2); use the id"), "\(error)")
        }
        var out = ""
        try session.run("person 'ann'", output: { out += $0 })
        XCTAssertTrue(out.contains("person,3\n"), "an exact match wins over a match ignoring case")
    }
}
