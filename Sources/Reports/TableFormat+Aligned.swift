import Foundation
import Store

extension TableFormat {
    /// The table for a terminal: a header, a rule of dashes and one line per row, columns two spaces apart and as
    /// wide as their widest value (in terminal columns, `DisplayWidth`). Numbers are right-aligned, text left-aligned; NULL is
    /// blank; reals show six significant digits; line breaks and other control characters in text are shown as
    /// escapes so that a row stays on one line.
    static func aligned(_ table: ResultTable) -> String {
        let cells: [[String]] = table.rows.map { row in row.map(display) }
        // A column of numbers (NULLs aside) is right-aligned; one text cell makes it a text column.
        let numeric = table.columns.indices.map { column in
            !table.rows.contains { if case .text = $0[column] { return true } else { return false } }
                && !table.rows.allSatisfy { $0[column] == .null }
        }
        let headers = table.columns.map(escapeControls)
        let widths = headers.indices.map { column in
            cells.reduce(DisplayWidth.of(headers[column])) { max($0, DisplayWidth.of($1[column])) }
        }
        func line(_ values: [String]) -> String {
            values.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(values[column]))
                return numeric[column] ? padding + values[column] : values[column] + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += cells.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func display(_ cell: ResultTable.Cell) -> String {
        switch cell {
        case .null: return ""
        case .integer(let v): return String(v)
        case .real(let v): return String(format: "%.6g", v)
        case .text(let v): return escapeControls(v)
        }
    }

    private static func escapeControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.isControl) else { return text }
        return text.replacingScalars { scalar in
            switch scalar {
            case "\n": return "\\n"
            case "\t": return "\\t"
            case "\r": return "\\r"
            case _ where scalar.isControl: return String(format: "\\x%02x", scalar.value)
            default: return nil
            }
        }
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
