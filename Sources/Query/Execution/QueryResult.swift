import Store

/// What one statement gives back: a table, and for some statements a sentence about it (a path's length, the
/// modularity of communities) that the shell prints under an aligned table.
public struct QueryResult: Sendable, Equatable {
    public var table: ResultTable
    public var summary: String?

    public init(table: ResultTable, summary: String? = nil) {
        self.table = table
        self.summary = summary
    }
}

extension ResultTable {
    /// The values of column `name` (nil when the table has no such column).
    public func column(_ name: String) -> [Cell]? {
        guard let index = columns.firstIndex(of: name) else { return nil }
        return rows.map { $0[index] }
    }
}

extension ResultTable.Cell {
    var integer: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }

    var text: String? {
        if case .text(let v) = self { return v }
        return nil
    }
}
