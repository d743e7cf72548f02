import Query
import People
import Reports
import Store
import XCTest

/// The shell's commands, output formats and completion, without a terminal.
final class SessionTests: XCTestCase {
    func testDotCommandsAndFormats() throws {
        let session = QuerySession(store: try HandGraph.store(self))
        var out = ""
        try session.run("who appears with 'Alice'", output: { out += $0 })
        XCTAssertEqual(out, """
            person  name   photos  first_taken_at       last_taken_at
            ------  -----  ------  -------------------  -------------------
                 2  Bob         2  2019-05-01 10:00:00  2019-08-15 12:30:00
                 3  Carol       1  2019-05-01 10:00:00  2019-05-01 10:00:00
            2 people appear with "Alice"

            """)
        // A script that starts with a UTF-8 byte-order mark reads as without it.
        out = ""
        try session.run("\u{FEFF}people", line: 1, output: { out += $0 })
        XCTAssertTrue(out.hasPrefix("person  name"), out)
        out = ""
        try session.run(".format json", output: { _ in })
        try session.run("within 1 of 7", output: { out += $0 })
        XCTAssertEqual(out, "[\n  {\"person\": 7, \"name\": null, \"distance\": 0},\n  {\"person\": 8, \"name\": \"Heidi\", \"distance\": 1}\n]\n")
        out = ""
        try session.run(".format", output: { out += $0 })
        XCTAssertEqual(out, "json\n")
        out = ""
        try session.run(".schema", output: { out += $0 })
        XCTAssertTrue(out.contains("CREATE TABLE edges") && out.contains("CREATE TABLE edge_photos"), out)
        out = ""
        try session.run(".help", output: { out += $0 })
        XCTAssertTrue(out.contains("path from X to Y"))
        var timings: [String] = []
        try session.run(".timer on", output: { _ in })
        try session.run("people; people", output: { _ in }, diagnostic: { timings.append($0) })
        XCTAssertEqual(timings.count, 2)
        XCTAssertTrue(timings.allSatisfy { $0.hasPrefix("time: ") && $0.hasSuffix(" ms") }, "\(timings)")
        XCTAssertThrowsError(try session.run(".formt csv", line: 4, output: { _ in })) {
            XCTAssertEqual("\($0)", "line 4: unknown command .formt; did you mean .format?")
        }
        XCTAssertThrowsError(try session.run(".format xml", output: { _ in })) {
            XCTAssertEqual("\($0)", "line 1: .format takes table, csv or json, not 'xml'")
        }
        XCTAssertFalse(session.finished)
        try session.run(".quit", output: { _ in })
        XCTAssertTrue(session.finished)
    }

    func testAStatementAfterAFailingOneIsNotRun() throws {
        let session = QuerySession(store: try HandGraph.store(self), format: .csv)
        var out: [String] = []
        XCTAssertThrowsError(try session.run("people\nperson 99\npeople", line: 10, output: { out.append($0) })) {
            XCTAssertTrue("\($0)".hasPrefix("line 11, column 8: there is no person 99"), "\($0)")
        }
        XCTAssertEqual(out.count, 1)
        // Lines of one text are run one by one, dot-commands among them; .quit ends the text.
        out = []
        try session.run(".format json\nwithin 1 of 8\n.quit\nbogus", output: { out.append($0) })
        XCTAssertEqual(out, ["[\n  {\"person\": 8, \"name\": \"Heidi\", \"distance\": 0},\n  {\"person\": 7, \"name\": null, \"distance\": 1}\n]\n"])
    }

    func testCompletion() {
        let completer = QueryCompleter(names: ["Ann Lee", "Anna", "Bob", "O'Neil"])
        XCTAssertEqual(completer.completions(line: "wh", word: "wh"), ["who"])
        XCTAssertEqual(completer.completions(line: "WI", word: "WI"), ["with", "within"])
        XCTAssertEqual(completer.completions(line: "who appears w", word: "w"), ["weighted", "who", "with", "within"])
        XCTAssertEqual(completer.completions(line: "top 3 by p", word: "p"), ["pagerank", "path", "people", "person", "photo", "photos"])
        XCTAssertEqual(completer.completions(line: ".f", word: ".f"), [".format"])
        XCTAssertEqual(completer.completions(line: ".format j", word: "j"), ["json"])
        // Names, in quotes; inside quotes the rest of the name and the closing quote.
        XCTAssertEqual(completer.completions(line: "who appears with \"an", word: "\"an"), ["\"Ann Lee\"", "\"Anna\""])
        XCTAssertEqual(completer.completions(line: "who appears with \"Ann L", word: "L"), ["Lee\""])
        XCTAssertEqual(completer.completions(line: "person 'O", word: "'O"), ["'O\\'Neil'"])
        // After a keyword, an empty word may be a name or a keyword.
        let next = completer.completions(line: "mutual 1 and ", word: "")
        XCTAssertTrue(Set(next).isSuperset(of: ["\"Ann Lee\"", "\"Anna\"", "\"Bob\"", "\"O'Neil\"", "between"]), "\(next)")
        XCTAssertEqual(completer.completions(line: "zzz", word: "zzz"), [])
    }
}
