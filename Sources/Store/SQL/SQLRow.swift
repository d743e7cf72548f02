/// One row of a query's result, read by column name (never by position).
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The raw value of `column`; NULL when the query has no such column.
    public func value(_ column: String) -> SQLValue {
        columns.firstIndex(of: column).map { values[$0] } ?? .null
    }

    /// The value of `column` as `T`. The columns are the store's own (its SQL files), so a missing column or a
    /// value of another type is a defect of this program, and stops it with the query's column and value.
    public subscript<T: SQLValueConvertible>(_ column: String) -> T {
        guard let index = columns.firstIndex(of: column) else {
            preconditionFailure("the query has no column \(column) (it has \(columns.joined(separator: ", ")))")
        }
        guard let value = T(sqlValue: values[index]) else {
            preconditionFailure("column \(column) holds \(values[index]), not a \(T.self)")
        }
        return value
    }
}
