/// The text of a query with the line its first line has in the whole script, so that errors name the line the user
/// sees and quote it.
struct SourceText: Sendable {
    let text: String
    let firstLine: Int
    private let lines: [Substring]

    init(_ text: String, firstLine: Int = 1) {
        self.text = text
        self.firstLine = firstLine
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The error `message` at `range`, quoting the line it is on.
    func error(_ message: String, at range: SourceRange) -> QueryError {
        let index = range.line - firstLine
        let line = lines.indices.contains(index) ? String(lines[index]).trimmingSuffix("\r") : ""
        return QueryError(message, at: range, sourceLine: line)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
