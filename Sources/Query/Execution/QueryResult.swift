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
