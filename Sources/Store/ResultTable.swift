/// Rows of a report query, independent of the database library: what the tabular exports format.
public struct ResultTable: Sendable, Equatable {
    /// One value of a row, with SQLite's storage classes (BLOBs are not reported).
    public enum Cell: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)

        public init(_ value: SQLValue) {
            switch value {
            case .null, .blob: self = .null
            case .integer(let v): self = .integer(v)
            case .real(let v): self = .real(v)
            case .text(let v): self = .text(v)
            }
        }

        /// The value as it is bound to a statement.
        var sqlValue: SQLValue {
            switch self {
            case .null: return .null
            case .integer(let v): return .integer(v)
            case .real(let v): return .real(v)
            case .text(let v): return .text(v)
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
