import Foundation
import Store

/// How a result table is written.
public enum TableFormat: String, CaseIterable, Sendable {
    /// RFC 4180 CSV with a header row; NULL is an empty field.
    case csv
    /// A JSON array of objects keyed by column name; NULL is null.
    case json

    public func render(_ table: ResultTable) -> String {
        switch self {
        case .csv: return Self.csv(table)
        case .json: return Self.json(table)
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

    static func json(_ table: ResultTable) -> String {
        let objects: [[String: Any]] = table.rows.map { row in
            var object: [String: Any] = [:]
            for (column, cell) in zip(table.columns, row) {
                switch cell {
                case .null: object[column] = NSNull()
                case .integer(let v): object[column] = v
                case .real(let v): object[column] = v
                case .text(let v): object[column] = v
                }
            }
            return object
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
