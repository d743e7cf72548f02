import Foundation
import Query
import People
import Reports
import XCTest

/// docs/query-language.md and the parser cannot drift: every example parses, every statement has an example, and
/// the grammar names every keyword.
final class DocumentationTests: XCTestCase {
    private static let document = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/query-language.md")

    private func section(_ fence: String) throws -> [String] {
        let text = try String(contentsOf: Self.document, encoding: .utf8)
        var blocks: [String] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if current == nil, line == "```" + fence {
                current = []
            } else if current != nil, line == "```" {
                blocks += current!
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    func testEveryExampleParses() throws {
        let examples = try section("query")
        XCTAssertGreaterThan(examples.count, 30)
        var kinds = Set<String>()
        for (index, example) in examples.enumerated() {
            do {
                for query in try QueryParser.parse(example) {
                    kinds.insert(String("\(query.statement)".prefix { $0 != "(" }))
                }
            } catch let error as QueryError {
                XCTFail("example \(index + 1) does not parse: \(error.rendered)")
            }
        }
        // One example at least of every statement.
        XCTAssertEqual(kinds, ["appearsWith", "photosWith", "path", "within", "mutual", "suggest", "withButNot", "top",
                               "communities", "profile", "people", "name", "merge", "splitByThreshold", "splitFaces",
                               "reject", "undo", "history", "whoIsIn"])
        let measures = Set(examples.compactMap { line -> String? in
            guard line.hasPrefix("top "), let by = line.range(of: " by ") else { return nil }
            return String(line[by.upperBound...]).components(separatedBy: " between")[0]
        })
        XCTAssertEqual(measures, Set(Measure.allCases.map(\.rawValue)))
    }

    func testTheGrammarNamesEveryKeyword() throws {
        let grammar = try section("ebnf").joined(separator: "\n")
        for keyword in Keywords.all {
            XCTAssertTrue(grammar.contains("\"\(keyword)\""), "the grammar lacks \"\(keyword)\"")
        }
    }
}
