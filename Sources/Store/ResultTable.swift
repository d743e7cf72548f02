import GRDB

/// Rows of a report query, independent of the database library: what the tabular exports format.
public struct ResultTable: Sendable, Equatable {
    /// One value of a row, with SQLite's storage classes (BLOBs are not reported).
    public enum Cell: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)

        init(_ value: DatabaseValue) {
            switch value.storage {
            case .null, .blob: self = .null
            case .int64(let v): self = .integer(v)
            case .double(let v): self = .real(v)
            case .string(let v): self = .text(v)
            }
        }
    }

    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}

extension ResultTable.Cell {
    public var integer: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }

    public var text: String? {
        if case .text(let v) = self { return v }
        return nil
    }
}
