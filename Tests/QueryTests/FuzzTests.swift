@testable import Analysis
import Foundation
import Query
import People
import Reports
import Store
import XCTest

/// Random and mutated queries never crash or hang the language: each gives a result or an error.
final class FuzzTests: XCTestCase {
    /// The analysis layer's SplitMix64: the same queries on every run and platform, so a failure can be replayed.
    private struct Random {
        var generator: SplitMix64
        init(seed: UInt64) { generator = SplitMix64(seed: seed) }
        mutating func below(_ n: Int) -> Int { Int(generator.next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    private static let seeds = [
        "who appears with 1", "who appears with \"Alice\" at least 2 photos", "photos with 1 and 2", "photos with 1, 2, 3",
        "path from 1 to 6", "path from 'Alice' to \"Heidi\"", "within 2 of 4", "mutual 1 and 4", "suggest for 5",
        "with 2 but not with 4", "top 3 by degree", "top 2 by weighted degree", "top 4 by betweenness",
        "top 3 by closeness", "top 3 by harmonic closeness", "top 3 by eigenvector", "top 3 by pagerank", "communities",
        "person 'Alice'", "people", "who appears with 2 between 2019 and 2020-06-30", "communities between 2020 and 2021",
        ".format csv", ".format table", ".help", ".timer off", "person 'O\\'Neil'", "person \"\\u{1F600}\"",
        "name 7 as 'Gus'", "merge 8 into 7", "merge 'Alice' and 'Bob' into 3", "split 2 faces 6", "split 4 at 0.3",
        "reject face 12", "undo", "history",
    ]

    /// Pieces that mutations insert: tokens of the language, broken tokens and odd characters.
    private static let pieces = [
        "who", "appears", "with", "photos", "path", "from", "to", "within", "of", "mutual", "and", "suggest", "for",
        "but", "not", "top", "by", "degree", "weighted", "communities", "person", "people", "between", "at", "least",
        "name", "as", "merge", "into", "split", "faces", "reject", "face", "undo", "history",
        "1", "0", "-1", "7", "99999999999999999999", "2019", "2020-02-30", "2021-13", "0.5", "'", "\"", "\\", "\\u{",
        "\\u{110000}", ",", ";", "\n", "--", " ", "\t", "'Alice'", "\"Bob\"", "'; DROP TABLE people; --", "é", "李",
        "😀", "\u{0}", "\u{7F}", "\r\n", "“", ".", ".format", "ümlaut", String(repeating: "9", count: 40),
    ]

    func testTenThousandRandomAndMutatedQueriesGiveAResultOrAnError() throws {
        let store = try HandGraph.store(self)
        let session = QuerySession(store: store, format: .csv)
        var random = Random(seed: 0xF022)
        var results = 0, errors = 0
        var slowest = (seconds: 0.0, query: "")
        for index in 0..<10_000 {
            let query = index % 4 == 0 ? Self.randomQuery(&random) : Self.mutate(random.pick(Self.seeds), &random)
            let start = Date()
            do {
                try session.run(query, line: 1, output: { _ in })
                results += 1
            } catch let failure as QuerySession.Failure {
                XCTAssertFalse(failure.message.isEmpty)
                XCTAssertTrue(failure.message.hasPrefix("line "), "\(query.debugDescription): \(failure.message)")
                errors += 1
            }
            let seconds = Date().timeIntervalSince(start)
            if seconds > slowest.seconds { slowest = (seconds, query) }
        }
        XCTAssertEqual(results + errors, 10_000)
        XCTAssertGreaterThan(results, 500, "mutations keep some queries valid")
        XCTAssertGreaterThan(errors, 2_000)
        // Not a speed target (those live in bench/): a guard against a statement that runs away (a recursion
        // without its bound), loose enough for a loaded machine.
        XCTAssertLessThan(slowest.seconds, 10, "slowest: \(slowest.query.debugDescription)")
        // Nothing that was typed reached the schema: every table is still there, and undoing every edit gives back
        // the network as it was.
        while try store.edits().contains(where: { $0.undoneAt == nil }) {
            try session.run("undo", output: { _ in })
        }
        XCTAssertEqual(try store.counts().people, 8)
        XCTAssertEqual(try store.counts().edges, 8)
        XCTAssertEqual(try store.counts().faces, 16)
    }

    private static func randomQuery(_ random: inout Random) -> String {
        (0..<(1 + random.below(8))).map { _ in random.pick(pieces) }.joined(separator: random.below(3) == 0 ? "" : " ")
    }

    private static func mutate(_ seed: String, _ random: inout Random) -> String {
        var characters = Array(seed)
        for _ in 0..<(1 + random.below(3)) {
            let at = characters.isEmpty ? 0 : random.below(characters.count + 1)
            switch random.below(5) {
            case 0 where !characters.isEmpty: characters.remove(at: min(at, characters.count - 1))
            case 1: characters.insert(contentsOf: Array(random.pick(pieces)), at: at)
            case 2 where !characters.isEmpty:
                characters[min(at, characters.count - 1)] = Character(Unicode.Scalar(UInt8(32 + random.below(95))))
            case 3: characters = Array(characters.prefix(at))
            default:
                // Swap two words.
                var words = String(characters).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                if words.count > 1 { words.swapAt(random.below(words.count), random.below(words.count)) }
                characters = Array(words.joined(separator: " "))
            }
        }
        return String(characters)
    }
}
