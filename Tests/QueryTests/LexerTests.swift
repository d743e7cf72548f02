@testable import Query
import People
import Reports
import XCTest

final class LexerTests: XCTestCase {
    private func kinds(_ text: String) throws -> [Token.Kind] {
        try Lexer(SourceText(text)).tokens().map(\.kind)
    }

    func testWordsNumbersDatesStringsAndSeparators() throws {
        XCTAssertEqual(try kinds("Who 12, 0.45 2020 2020-06 2020-06-15; 'a' \"b\" -- comment\nx"), [
            .word("Who"), .integer(12), .comma, .decimal(0.45), .integer(2020), .date("2020-06"),
            .date("2020-06-15"), .separator, .string("a"), .string("b"), .separator, .word("x"), .end,
        ])
    }
}
