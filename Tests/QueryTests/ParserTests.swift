import Query
import People
import Reports
import XCTest

final class ParserTests: XCTestCase {
    private func parse(_ text: String) throws -> [Query] { try QueryParser.parse(text) }

    private func failure(_ text: String, firstLine: Int = 1) -> QueryError? {
        do {
            _ = try QueryParser.parse(text, firstLine: firstLine)
            return nil
        } catch {
            return error as? QueryError
        }
    }

    func testStatementsAndPeople() throws {
        let queries = try parse("WHO appears With 'Ann' at least 2 photos; path from 3 to \"Bob\"\n\nwithin 2 of 7")
        XCTAssertEqual(queries.map(\.statement), [
            .appearsWith(PersonReference(.name("Ann"), at: SourceRange(line: 1, column: 18, length: 5)), minPhotos: 2),
            .path(from: PersonReference(.id(3), at: SourceRange(line: 1, column: 53, length: 1)),
                  to: PersonReference(.name("Bob"), at: SourceRange(line: 1, column: 58, length: 5))),
            .within(steps: 2, of: PersonReference(.id(7), at: SourceRange(line: 3, column: 13, length: 1))),
        ])
        XCTAssertEqual(try parse("top 3 by Weighted DEGREE").first?.statement, .top(3, by: .weightedDegree))
        XCTAssertEqual(try parse("split 4 faces 9, 10 and 11").first?.statement,
                       .splitFaces(PersonReference(.id(4), at: SourceRange(line: 1, column: 7, length: 1)), faces: [9, 10, 11]))
        XCTAssertEqual(try parse("split 4 at 0.35").first?.statement,
                       .splitByThreshold(PersonReference(.id(4), at: SourceRange(line: 1, column: 7, length: 1)), threshold: 0.35))
        XCTAssertEqual(try parse("  -- nothing but a comment\n;;").count, 0)
        XCTAssertEqual(try parse("Who IS in 'party/a b.jpg'").first?.statement,
                       .whoIsIn(path: "party/a b.jpg", range: SourceRange(line: 1, column: 11, length: 15)))
        XCTAssertEqual(failure("who is in 3")?.message,
                       "expected the path of a photo in quotes, as in who is in \"photos/party.jpg\"")
        XCTAssertEqual(failure("who is in \"a.jpg\" between 2019 and 2020")?.message, "'who' takes no date range")
    }

    func testDateRangesRunFromTheStartOfTheFirstToTheEndOfTheSecond() throws {
        XCTAssertEqual(try parse("communities between 2019 and 2020-02").first?.dates,
                       DateRange(from: "2019-01-01 00:00:00", to: "2020-02-29 23:59:59"))
        XCTAssertEqual(try parse("people").first?.dates, nil)
        XCTAssertEqual(try parse("person 1 between 2021-02-03 and 2021-02-03").first?.dates,
                       DateRange(from: "2021-02-03 00:00:00", to: "2021-02-03 23:59:59"))
        XCTAssertEqual(failure("communities between 2021 and 2019")?.message, "the date range ends before it starts")
        XCTAssertEqual(failure("communities between 2021-02-30 and 2022")?.message, "2021-02 has no day 30")
        XCTAssertEqual(failure("communities between 2021-13 and 2022")?.message, "there is no month 13")
        XCTAssertEqual(failure("communities between 2021-6 and 2022")?.message,
                       "write a date as 2020, 2020-06 or 2020-06-15 (two digits for the month and the day)")
        XCTAssertEqual(failure("people between 2020 and 2021")?.message, "'people' takes no date range")
        XCTAssertEqual(failure("undo between 2020 and 2021")?.message, "'undo' takes no date range")
    }

    func testErrorsNameLineAndColumnWithACaretUnderTheFault() throws {
        let error = try XCTUnwrap(failure("who appears wiht 'Ann'", firstLine: 7))
        XCTAssertEqual(error.description, "line 7, column 13: expected 'with' but found 'wiht'; did you mean 'with'?")
        XCTAssertEqual(error.rendered, """
            line 7, column 13: expected 'with' but found 'wiht'; did you mean 'with'?
              who appears wiht 'Ann'
                          ^~~~
            """)
        XCTAssertEqual(failure("whoo appears with 1")?.message, "unknown statement 'whoo'; did you mean 'who'?")
        XCTAssertEqual(failure("top 5 by pagernk")?.message, "cannot rank by 'pagernk'; did you mean 'pagerank'?")
        XCTAssertEqual(failure("who appears with Ann")?.message, "expected a person: an id, or a name in quotes; a name goes in quotes: \"Ann\"")
        XCTAssertEqual(failure("who appears with 'Ann")?.range, SourceRange(line: 1, column: 18, length: 1))
        XCTAssertEqual(failure("who appears with 'Ann")?.message, "this string has no closing '")
        XCTAssertEqual(failure("person 'a\\qb'")?.range, SourceRange(line: 1, column: 10, length: 2))
        XCTAssertEqual(failure("within 11 of 1")?.message, "the number of steps must be from 1 to 10")
        XCTAssertEqual(failure("within 0 of 1")?.range.column, 8)
        XCTAssertEqual(failure("top 99999999999999999999 by degree")?.message, "the number 99999999999999999999 is too large")
        XCTAssertEqual(failure("who appears with 0")?.message, "person ids start at 1")
        XCTAssertEqual(failure("people people")?.message,
                       "unexpected 'people' after the statement; one statement per line, or separate them with ';'")
        XCTAssertEqual(failure("who appears with 1 @")?.message, "unexpected character '@'")
        XCTAssertEqual(failure("person “Ann”")?.message,
                       "unexpected character '“'; names go in straight quotes, \"like this\" or 'like this'")
        XCTAssertEqual(failure("person 12abc")?.message, "a number runs into 'a'; put a space after it, or quote a name")
        XCTAssertEqual(failure("name 1 as \"a\\nb\"")?.message, "a name cannot hold line breaks, tabs or other control characters")
        // A statement cut short: the caret stands just after the line.
        let short = try XCTUnwrap(failure("who appears with"))
        XCTAssertEqual(short.rendered, """
            line 1, column 17: expected a person (an id, or a name in quotes) but found the end of the query
              who appears with
                              ^
            """)
        // Characters two columns wide (CJK) move the caret by two.
        XCTAssertEqual(try XCTUnwrap(failure("mutual '王小明' or 2")).rendered, """
            line 1, column 14: expected 'and' but found 'or'
              mutual '王小明' or 2
                              ^~
            """)
        // A long line is shown as a window around the fault, cut with "…", and the marks only as far as it goes.
        let name = try XCTUnwrap(failure("name 1 as \"" + String(repeating: "a", count: 100) + "\u{0}"
                                         + String(repeating: "b", count: 1_000_000) + "\""))
        XCTAssertEqual(name.rendered.split(separator: "\n").map(String.init), [
            "line 1, column 11: a name cannot hold line breaks, tabs or other control characters",
            "  name 1 as \"" + String(repeating: "a", count: 99) + "…",
            "  " + String(repeating: " ", count: 10) + "^" + String(repeating: "~", count: 99),
        ])
        let far = String(repeating: "people; ", count: 50) + "whoo"
        XCTAssertEqual(try XCTUnwrap(failure(far)).rendered.split(separator: "\n").map(String.init), [
            "line 1, column 401: unknown statement 'whoo'; did you mean 'who'?",
            "  …" + String(far.dropFirst(340)),
            "   " + String(repeating: " ", count: 60) + "^~~~",
        ])
        // A fault on the second line of a text names that line and quotes it.
        let second = try XCTUnwrap(failure("people\nmutual 1 or 2", firstLine: 3))
        XCTAssertEqual(second.rendered, """
            line 4, column 10: expected 'and' but found 'or'
              mutual 1 or 2
                       ^~
            """)
    }

    func testStringsEscapesAndUnicode() throws {
        func name(_ text: String) throws -> String? {
            guard case .profile(let person)? = try parse("person \(text)").first?.statement,
                  case .name(let name) = person.kind else { return nil }
            return name
        }
        XCTAssertEqual(try name(#"'O\'Neil'"#), "O'Neil")
        XCTAssertEqual(try name(#""O'Neil""#), "O'Neil")
        XCTAssertEqual(try name(#"'say "hi"'"#), "say \"hi\"")
        XCTAssertEqual(try name(#""back\\slash""#), "back\\slash")
        XCTAssertEqual(try name(#""Zo\u{EB} \u{1F600}""#), "Zoë 😀")
        XCTAssertEqual(try name("\"Zoë 李 Ærø\""), "Zoë 李 Ærø")
        XCTAssertEqual(failure(#"person "\u{110000}""#)?.message, "\\u{110000} is beyond U+10FFFF, the last code point")
        XCTAssertEqual(failure(#"person "\u{0}""#)?.message, "\\u{0} is NUL, which a name cannot hold")
        XCTAssertEqual(failure(#"person "\u{D800}""#)?.message, "\\u{D800} is a UTF-16 surrogate, not a character")
        XCTAssertEqual(failure(#"person "\u{1234567}""#)?.message, "\\u{…} needs one to six hexadecimal digits naming a character")
        XCTAssertEqual(failure(#"person "\u41""#)?.message, "\\u needs a code point in braces, such as \\u{E9}")
        // Columns count characters, so the caret stays under the fault after wide letters.
        XCTAssertEqual(failure("person \"李李\" x")?.range.column, 13)
        // What QuerySyntax.quoted writes, the lexer reads back.
        for text in ["a\"b", "c\\d", "e\nf", "tab\there", "\u{1}", "'", "Zoë"] {
            XCTAssertEqual(try name(QuerySyntax.quoted(text)), text)
        }
    }
}
