extension QueryExecutor {
    func edit(_ query: Query) throws -> QueryResult {
        throw QueryError("people editing is not available yet", at: query.range)
    }
}
