/// Splits query text into tokens.
///
/// - Words: a letter or `_`, then letters, digits or `_` (Unicode letters count); keywords among them are matched
///   case-insensitively by the parser.
/// - Numbers: `42`, `0.45`; `2020-06` and `2020-06-15` are dates.
/// - Strings: in single or double quotes, on one line. A backslash escapes the next character: `\\`, `\"`, `\'`;
///   `\n` and `\t` are a line break and a tab; `\u{1F600}` is the character with that hexadecimal code point.
///   Any other escape is an error.
/// - `,`; `;` and line breaks end a statement; `--` starts a comment that runs to the end of the line.
struct Lexer {
    let source: SourceText

    init(_ source: SourceText) {
        self.source = source
    }

    /// Every token of the text, ending with `.end`.
    /// - Throws: `QueryError` at an unterminated string, a bad escape, a number too large or a character the
    ///   language does not use.
    func tokens() throws -> [Token] {
        var tokens: [Token] = []
        let characters = Array(source.text)
        var i = 0
        var line = source.firstLine
        var column = 1

        func range(from start: Int, column startColumn: Int, line startLine: Int) -> SourceRange {
            SourceRange(line: startLine, column: startColumn, length: i - start)
        }

        while i < characters.count {
            let c = characters[i]
            let (start, startColumn, startLine) = (i, column, line)
            if c == "\n" || c == "\r\n" {
                tokens.append(Token(kind: .separator, range: SourceRange(line: line, column: column, length: 1)))
                i += 1
                line += 1
                column = 1
            } else if c.isWhitespace {
                i += 1
                column += 1
            } else if c == "-" && i + 1 < characters.count && characters[i + 1] == "-" {
                while i < characters.count && characters[i] != "\n" && characters[i] != "\r\n" { i += 1; column += 1 }
            } else if c == ";" {
                i += 1; column += 1
                tokens.append(Token(kind: .separator, range: range(from: start, column: startColumn, line: startLine)))
            } else if c == "," {
                i += 1; column += 1
                tokens.append(Token(kind: .comma, range: range(from: start, column: startColumn, line: startLine)))
            } else if c == "\"" || c == "'" {
                let (value, length) = try string(characters, from: i, line: line, column: column)
                i += length
                column += length
                tokens.append(Token(kind: .string(value), range: range(from: start, column: startColumn, line: startLine)))
            } else if c.isASCII && c.isNumber {
                let kind = try number(characters, from: &i, line: line, column: column)
                column += i - start
                tokens.append(Token(kind: kind, range: range(from: start, column: startColumn, line: startLine)))
            } else if c.isLetter || c == "_" {
                while i < characters.count && (characters[i].isLetter || characters[i].isNumber || characters[i] == "_") {
                    i += 1
                }
                column += i - start
                tokens.append(Token(kind: .word(String(characters[start..<i])),
                                    range: range(from: start, column: startColumn, line: startLine)))
            } else {
                let hint = c == "`" || c == "“" || c == "”" || c == "‘" || c == "’"
                    ? "; names go in straight quotes, \"like this\" or 'like this'" : ""
                throw source.error("unexpected character '\(c.unicodeScalars.first!.escaped(asASCII: false))'\(hint)",
                                   at: SourceRange(line: line, column: column, length: 1))
            }
        }
        tokens.append(Token(kind: .end, range: SourceRange(line: line, column: column, length: 1)))
        return tokens
    }

    /// An integer, a decimal or a date starting at `i`; advances `i` past it.
    private func number(_ characters: [Character], from i: inout Int, line: Int, column: Int) throws -> Token.Kind {
        let start = i
        func digits() -> String {
            let from = i
            while i < characters.count && characters[i].isASCII && characters[i].isNumber { i += 1 }
            return String(characters[from..<i])
        }
        func nextIsDigit(after offset: Int) -> Bool {
            i + offset < characters.count && characters[i + offset].isASCII && characters[i + offset].isNumber
        }
        let whole = digits()
        var kind: Token.Kind
        if whole.count == 4 && i < characters.count && characters[i] == "-" && nextIsDigit(after: 1) {
            i += 1
            var text = whole + "-" + digits()
            if i < characters.count && characters[i] == "-" && nextIsDigit(after: 1) {
                i += 1
                text += "-" + digits()
            }
            kind = .date(text)
        } else if i < characters.count && characters[i] == "." && nextIsDigit(after: 1) {
            i += 1
            let text = whole + "." + digits()
            kind = .decimal(Double(text) ?? .infinity)
        } else if let value = Int64(whole) {
            kind = .integer(value)
        } else {
            throw source.error("the number \(whole.prefix(30))\(whole.count > 30 ? "…" : "") is too large",
                               at: SourceRange(line: line, column: column, length: i - start))
        }
        // "12abc" is a mistake, not the number 12 then the word abc.
        if i < characters.count && (characters[i].isLetter || characters[i] == "_" || characters[i] == ".") {
            throw source.error("a number runs into '\(characters[i])'; put a space after it, or quote a name",
                               at: SourceRange(line: line, column: column + (i - start), length: 1))
        }
        return kind
    }

    /// The value of the quoted string at `start` and how many characters it takes, quotes included.
    private func string(_ characters: [Character], from start: Int, line: Int, column: Int) throws -> (String, Int) {
        let quote = characters[start]
        var value = ""
        var i = start + 1
        while i < characters.count {
            let c = characters[i]
            if c == quote { return (value, i - start + 1) }
            if c == "\n" || c == "\r\n" { break }
            if c == "\\" {
                let escapeColumn = column + (i - start)
                guard i + 1 < characters.count, characters[i + 1] != "\n" else { break }
                let e = characters[i + 1]
                switch e {
                case "\\", "\"", "'": value.append(e); i += 2
                case "n": value.append("\n"); i += 2
                case "t": value.append("\t"); i += 2
                case "u":
                    // \u{XXXX}: one to six hexadecimal digits naming a Unicode scalar.
                    var j = i + 2
                    guard j < characters.count, characters[j] == "{" else {
                        throw source.error("\\u needs a code point in braces, such as \\u{E9}",
                                           at: SourceRange(line: line, column: escapeColumn, length: 2))
                    }
                    j += 1
                    var hex = ""
                    while j < characters.count, characters[j] != "}", hex.count <= 6, characters[j].isHexDigit {
                        hex.append(characters[j]); j += 1
                    }
                    let length = j - i + 1
                    guard j < characters.count, characters[j] == "}", (1...6).contains(hex.count),
                          let code = UInt32(hex, radix: 16) else {
                        throw source.error("\\u{…} needs one to six hexadecimal digits naming a character",
                                           at: SourceRange(line: line, column: escapeColumn, length: min(length, 10)))
                    }
                    // Well-formed, but no character a string can hold: NUL, a UTF-16 surrogate, beyond U+10FFFF.
                    guard code != 0, let scalar = Unicode.Scalar(code) else {
                        let why = code == 0 ? "is NUL, which a name cannot hold"
                            : (0xD800...0xDFFF).contains(code) ? "is a UTF-16 surrogate, not a character"
                            : "is beyond U+10FFFF, the last code point"
                        throw source.error("\\u{\(hex)} \(why)",
                                           at: SourceRange(line: line, column: escapeColumn, length: min(length, 10)))
                    }
                    value.unicodeScalars.append(scalar)
                    i = j + 1
                default:
                    throw source.error("unknown escape '\\\(e)' (use \\\\, \\\", \\', \\n, \\t or \\u{…})",
                                       at: SourceRange(line: line, column: escapeColumn, length: 2))
                }
                continue
            }
            value.append(c)
            i += 1
        }
        throw source.error("this string has no closing \(quote)", at: SourceRange(line: line, column: column, length: 1))
    }
}
