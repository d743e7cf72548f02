import Foundation
import Store

extension TableFormat {
    /// The table for a terminal: a header, a rule of dashes and one line per row, columns two spaces apart and as
    /// wide as their widest value (counted in characters). Numbers are right-aligned, text left-aligned; NULL is
    /// blank; reals show six significant digits; line breaks and other control characters in text are shown as
    /// escapes so that a row stays on one line.
    static func aligned(_ table: ResultTable) -> String {
        let cells: [[String]] = table.rows.map { row in row.map(display) }
        let numeric = table.columns.indices.map { column in
            table.rows.contains { if case .text = $0[column] { return false } else { return true } }
                && !table.rows.allSatisfy { $0[column] == .null }
        }
        let headers = table.columns.map(escapeControls)
        let widths = headers.indices.map { column in
            cells.reduce(headers[column].count) { max($0, $1[column].count) }
        }
        func line(_ values: [String]) -> String {
            values.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - values[column].count)
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
