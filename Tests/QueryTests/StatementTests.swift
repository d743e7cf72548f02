import Query
import People
import Reports
import Store
import XCTest

/// Every statement on the hand-checked network of `HandGraph`, with the answers worked out by hand.
final class StatementTests: XCTestCase {
    private var session: QuerySession!

    override func setUpWithError() throws {
        session = QuerySession(store: try HandGraph.store(self), format: .csv)
    }

    /// The CSV rows (header dropped) of one statement.
    private func rows(_ text: String) throws -> [String] {
        var out: [String] = []
        try session.run(text, output: { out.append($0) })
        XCTAssertEqual(out.count, 1, text)
        return Array(out.joined().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast().map(String.init))
    }

    private func error(_ text: String) -> String {
        do {
            try session.run(text, output: { _ in })
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testWhoAppearsWith() throws {
        XCTAssertEqual(try rows("who appears with \"Alice\""), [
            "2,Bob,2,2019-05-01 10:00:00,2019-08-15 12:30:00",
            "3,Carol,1,2019-05-01 10:00:00,2019-05-01 10:00:00",
        ])
        // Strongest first, then by id.
        XCTAssertEqual(try rows("WHO APPEARS WITH 2").map { $0.prefix(9) }, ["1,Alice,2", "3,Carol,1", "4,Dave,1,"])
        XCTAssertEqual(try rows("who appears with 'Bob' at least 2 photos").map { $0.prefix(9) }, ["1,Alice,2"])
        XCTAssertEqual(try rows("who appears with 4").map { $0.prefix(8) }, ["2,Bob,1,", "3,Carol,", "5,Eve,1,"])
        // An undated photo makes an edge without dates.
        XCTAssertEqual(try rows("who appears with \"Eve\""), ["4,Dave,1,,", "6,Frank,1,2021-01-01 00:00:00,2021-01-01 00:00:00"])
        XCTAssertEqual(try rows("who appears with 'Frank' at least 2 photos"), [])
    }

    func testPhotosWith() throws {
        XCTAssertEqual(try rows("photos with \"Alice\" and \"Bob\""), [
            "1,p1.jpg,2019-05-01 10:00:00,3", "2,p2.jpg,2019-08-15 12:30:00,2",
        ])
        XCTAssertEqual(try rows("photos with 1, 2 and 3"), ["1,p1.jpg,2019-05-01 10:00:00,3"])
        // One person: all their photos, dated ones in time order, then undated ones.
        XCTAssertEqual(try rows("photos with 'Dave'").map { $0.prefix(8) }, ["3,p3.jpg", "4,p4.jpg", "5,p5.jpg"])
        XCTAssertEqual(try rows("photos with 1 and 4"), [])
        XCTAssertEqual(try rows("photos with 1 and 1").count, 2, "a person named twice is one person")
    }

    func testPathIsAShortestChainOfCoAppearances() throws {
        let chain = try rows("path from \"Alice\" to \"Frank\"")
        // Alice–Bob–Dave–Eve–Frank and Alice–Carol–Dave–Eve–Frank are both 4 steps; the walk back from the meeting
        // takes the lowest id at each step.
        XCTAssertEqual(chain, ["0,1,Alice,", "1,2,Bob,2", "2,4,Dave,1", "3,5,Eve,1", "4,6,Frank,1"])
        XCTAssertEqual(try rows("path from 6 to 1"), ["0,6,Frank,", "1,5,Eve,1", "2,4,Dave,1", "3,2,Bob,1", "4,1,Alice,2"])
        XCTAssertEqual(try rows("path from 1 to 2"), ["0,1,Alice,", "1,2,Bob,2"])
        XCTAssertEqual(try rows("path from 3 to 3"), ["0,3,Carol,"])
        // Different components: no chain.
        XCTAssertEqual(try rows("path from 'Alice' to 'Heidi'"), [])
        var table = ""
        try session.run(".format table", output: { _ in })
        try session.run("path from 1 to 5", output: { table += $0 })
        XCTAssertTrue(table.hasSuffix("\"Alice\" to \"Eve\": 3 steps (degrees of separation)\n"), table)
        table = ""
        try session.run("path from 1 to 8", output: { table += $0 })
        XCTAssertTrue(table.hasSuffix("no chain of co-appearances links \"Alice\" and \"Heidi\"\n"), table)
    }

    func testWithin() throws {
        XCTAssertEqual(try rows("within 1 of 'Alice'"), ["1,Alice,0", "2,Bob,1", "3,Carol,1"])
        XCTAssertEqual(try rows("within 2 of 'Alice'"), ["1,Alice,0", "2,Bob,1", "3,Carol,1", "4,Dave,2"])
        XCTAssertEqual(try rows("within 10 of 1").map { $0.split(separator: ",").last! }, ["0", "1", "1", "2", "3", "4"])
        XCTAssertEqual(try rows("within 3 of 7"), ["7,,0", "8,Heidi,1"])
    }

    func testMutualSuggestAndWithButNot() throws {
        XCTAssertEqual(try rows("mutual 'Alice' and 'Dave'"), ["2,Bob,2,1", "3,Carol,1,1"])
        XCTAssertEqual(try rows("mutual 'Alice' and 'Frank'"), [])
        XCTAssertEqual(try rows("suggest for 'Alice'"), ["4,Dave,2,2"])
        // Eve: ties Dave and Frank; Dave's other ties Bob and Carol are one mutual tie each.
        XCTAssertEqual(try rows("suggest for 'Eve'"), ["2,Bob,1,1", "3,Carol,1,1"])
        XCTAssertEqual(try rows("with 'Bob' but not with 'Dave'"), ["1,Alice,2"])
        XCTAssertEqual(try rows("with 'Bob' but not with 'Carol'"), [])
        XCTAssertEqual(try rows("with 'Dave' but not with 'Alice'"), ["5,Eve,1"])
        // One person twice is refused at the second mention (counting each tie twice is no answer).
        XCTAssertEqual(error("mutual 'Alice' and 1"), """
            line 1, column 20: "Alice" is named twice; give different people
              mutual 'Alice' and 1
                                 ^
            """)
        XCTAssertTrue(error("with 2 but not with 'bob'").contains("\"Bob\" is named twice"), error("with 2 but not with 'bob'"))
    }

    func testTopByDegreeAndWeightedDegree() throws {
        XCTAssertEqual(try rows("top 3 by degree"), ["1,2,Bob,3", "2,3,Carol,3", "3,4,Dave,3"])
        XCTAssertEqual(try rows("top 3 by weighted degree"), ["1,2,Bob,4", "2,1,Alice,3", "3,3,Carol,3"])
    }

    func testPersonProfile() throws {
        XCTAssertEqual(try rows("person 'Alice'"), [
            "person,1", "name,Alice", "photos,2", "faces,2", "first seen,2019-05-01 10:00:00",
            "last seen,2019-08-15 12:30:00", "appears with,2", "strongest ties,\"Bob (2 photos), Carol (1 photo)\"",
        ])
        XCTAssertEqual(try rows("person 7"), [
            "person,7", "name,", "photos,1", "faces,1", "first seen,2018-01-01 00:00:00",
            "last seen,2018-01-01 00:00:00", "appears with,1", "strongest ties,Heidi (1 photo)",
        ])
        XCTAssertEqual(try rows("people"), [
            "1,Alice,2,2", "2,Bob,3,3", "3,Carol,2,2", "4,Dave,3,3", "5,Eve,2,2", "6,Frank,2,2", "7,,1,1", "8,Heidi,1,1",
        ])
    }

    func testDateRangesCountOnlyPhotosTakenThen() throws {
        XCTAssertEqual(try rows("who appears with 'Bob' between 2020 and 2020"), ["4,Dave,1,2020-03-10 09:00:00,2020-03-10 09:00:00"])
        XCTAssertEqual(try rows("who appears with 'Bob' between 2019-08 and 2019-08-15").map { $0.prefix(9) }, ["1,Alice,1"])
        XCTAssertEqual(try rows("photos with 'Dave' between 2020-01 and 2020-06").map { $0.prefix(8) }, ["3,p3.jpg"])
        XCTAssertEqual(try rows("within 3 of 'Alice' between 2019 and 2019"), ["1,Alice,0", "2,Bob,1", "3,Carol,1"])
        // Dave–Eve's only photo is undated, so no range crosses it.
        XCTAssertEqual(try rows("path from 'Alice' to 'Frank' between 1900 and 2100"), [])
        XCTAssertEqual(try rows("path from 'Alice' to 'Dave' between 2020 and 2021"), [])
        XCTAssertEqual(try rows("path from 'Bob' to 'Carol' between 2020 and 2021"), ["0,2,Bob,", "1,4,Dave,1", "2,3,Carol,1"])
        XCTAssertEqual(try rows("mutual 'Bob' and 'Carol' between 2020 and 2020"), ["4,Dave,1,1"])
        XCTAssertEqual(try rows("suggest for 'Bob' between 2020 and 2020"), ["3,Carol,1,1"])
        // In that range Carol appears with Dave (p4) but not with Alice (p1 is earlier).
        XCTAssertEqual(try rows("with 'Bob' but not with 'Carol' between 2019-06 and 2020-12"), ["1,Alice,1"])
        XCTAssertEqual(try rows("top 1 by degree between 2020 and 2020"), ["1,4,Dave,2"])
        XCTAssertEqual(try rows("person 'Dave' between 2020-07-01 and 2020-07-31").prefix(6), [
            "person,4", "name,Dave", "photos,1", "faces,1", "first seen,2020-07-04 18:00:00", "last seen,2020-07-04 18:00:00",
        ])
        XCTAssertEqual(try rows("communities between 2021 and 2021"), ["1,2,\"Eve, Frank\""])
    }

    /// Against networkx 3.6.1 on the same graph (Tests/Reference/query_hand_graph_reference.py): every person's
    /// value, in rank order (ties by id).
    func testCentralitiesAndCommunities() throws {
        let reference: [(String, [(Int, Double)])] = [
            ("betweenness", [(4, 0.2857142857142857), (5, 0.19047619047619047), (2, 0.07142857142857142),
                             (3, 0.07142857142857142), (1, 0), (6, 0), (7, 0), (8, 0)]),
            ("closeness", [(4, 0.5102040816326531), (2, 0.44642857142857145), (3, 0.44642857142857145),
                           (5, 0.39682539682539686), (1, 0.3246753246753247), (6, 0.27472527472527475),
                           (7, 0.14285714285714285), (8, 0.14285714285714285)]),
            ("harmonic closeness", [(4, 4), (2, 3.8333333333333335), (3, 3.8333333333333335), (5, 3.333333333333333),
                                    (1, 3.0833333333333335), (6, 2.4166666666666665), (7, 1), (8, 1)]),
            ("eigenvector", [(2, 0.5925076864244523), (1, 0.5201125778630145), (3, 0.46802647180302825),
                             (4, 0.3748780802386551), (5, 0.13091379953260923), (6, 0.04119188775338959),
                             (7, 1.8743363726772757e-07), (8, 1.8743363726772757e-07)]),
            ("pagerank", [(2, 0.16729874108505155), (4, 0.14077985880311136), (3, 0.13008969539869103),
                          (1, 0.12671127669733284), (7, 0.125), (8, 0.125), (5, 0.11675066564908909),
                          (6, 0.06836976236672392)]),
        ]
        for (measure, expected) in reference {
            let ranked = try rows("top 8 by \(measure)").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            XCTAssertEqual(ranked.map { Int($0[0])! }, Array(1...8), measure)
            XCTAssertEqual(ranked.map { Int($0[1])! }, expected.map(\.0), measure)
            for (row, (_, value)) in zip(ranked, expected) {
                XCTAssertEqual(Double(row[3])!, value, accuracy: 1e-6, "\(measure) of person \(row[1])")
            }
        }
        XCTAssertEqual(try rows("top 2 by pagerank").count, 2)
        // networkx's Louvain finds the same three groups.
        XCTAssertEqual(try rows("communities"), ["1,3,\"Alice, Bob, Carol\"", "2,3,\"Dave, Eve, Frank\"", "3,2,\"Person 7, Heidi\""])
        var table = ""
        try session.run(".format table", output: { _ in })
        try session.run("communities", output: { table += $0 })
        XCTAssertTrue(table.hasSuffix("3 communities, modularity 0.3457\n"), table)
    }
}
