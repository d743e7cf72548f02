import Foundation
import Store

/// How a result table is written.
public enum TableFormat: String, CaseIterable, Sendable {
    /// RFC 4180 CSV with a header row; NULL is an empty field.
    case csv
    /// A JSON array of objects keyed by column name; NULL is null.
    case json
    /// Columns aligned for reading in a terminal (see `aligned`).
    case table

    public func render(_ table: ResultTable) -> String {
        switch self {
        case .csv: return Self.csv(table)
        case .json: return Self.json(table)
        case .table: return Self.aligned(table)
        }
    }

    static func csv(_ table: ResultTable) -> String {
        func field(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = [table.columns.map(field).joined(separator: ",")]
        for row in table.rows {
            lines.append(row.map { cell in
                switch cell {
                case .null: return ""
                case .integer(let v): return String(v)
                case .real(let v): return String(v)
                case .text(let v): return field(v)
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Objects keep the table's column order (JSONSerialization would sort or shuffle the keys).
    static func json(_ table: ResultTable) -> String {
        if table.rows.isEmpty { return "[]\n" }
        let objects = table.rows.map { row in
            "  {" + zip(table.columns, row).map { column, cell in
                let value: String
                switch cell {
                case .null: value = "null"
                case .integer(let v): value = String(v)
                case .real(let v): value = v.isFinite ? String(v) : "null"
                case .text(let v): value = jsonString(v)
                }
                return jsonString(column) + ": " + value
            }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// A JSON string literal (RFC 8259 §7).
    static func jsonString(_ text: String) -> String {
        "\"" + text.replacingScalars { scalar in
            switch scalar {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case _ where scalar.isControl || scalar == "\u{2028}" || scalar == "\u{2029}":
                return String(format: "\\u%04x", scalar.value)
            default: return nil
            }
        } + "\""
    }
}
