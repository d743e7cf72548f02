import Reports

/// Where something lies in the text of a query: 1-based line and column, counted in characters (what a terminal
/// shows), and how many characters it spans (at least 1, so that a caret can always point at it).
public struct SourceRange: Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var length: Int

    public init(line: Int, column: Int, length: Int) {
        self.line = line
        self.column = column
        self.length = max(1, length)
    }
}

/// A query that cannot be run: a syntax error, an unknown person, a number out of range. `description` names the
/// line and column; `rendered` adds the offending line with a caret under the fault.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange
    /// The whole line the fault is on, as typed; empty when not known.
    public var sourceLine: String

    public init(_ message: String, at range: SourceRange, sourceLine: String = "") {
        self.message = message
        self.range = range
        self.sourceLine = sourceLine
    }

    public var description: String { "line \(range.line), column \(range.column): \(message)" }

    /// The message, then the line and a caret (with tildes along the rest of the fault) under it:
    ///
    ///     line 1, column 18: no person named "Alcie"; did you mean "Alice"?
    ///       who appears with "Alcie"
    ///                        ^~~~~~~
    public var rendered: String {
        guard !sourceLine.isEmpty else { return description }
        // Tabs keep their width so that the caret stays under the fault; other control characters are shown as
        // one space each, as the column counts them.
        let shown = String(sourceLine.map { character -> Character in
            character != "\t" && character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) ? " " : character
        })
        // A long line (a pasted name of a megabyte) is shown as a window around the fault, cut with "…", and the
        // marks as far as the window goes: the message stays a few lines whatever the input.
        let characters = Array(shown)
        let faultStart = min(max(0, range.column - 1), characters.count)
        let faultEnd = min(characters.count, faultStart + max(1, range.length))
        let start = characters.count > 160 ? max(0, faultStart - 60) : 0
        let end = characters.count > 160 ? min(characters.count, max(faultStart + 1, min(faultEnd, faultStart + 80)) + 20) : characters.count
        let before = start > 0 ? "…" : "", after = end < characters.count ? "…" : ""
        // Under characters two columns wide (CJK, emoji) the pad and the marks take two columns too.
        let pad = String(repeating: " ", count: before.count)
            + characters[start..<faultStart].map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
        let fault = String(characters[faultStart..<min(faultEnd, end)])
        let columns = max(1, DisplayWidth.of(fault))
        let marks = "^" + String(repeating: "~", count: columns - 1)
        return description + "\n  " + before + String(characters[start..<end]) + after + "\n  " + pad + marks
    }
}
