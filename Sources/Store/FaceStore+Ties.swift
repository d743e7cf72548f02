import GRDB

/// What lies behind a co-appearance edge.
extension FaceStore {
    /// The photos that show both people, by their first path relative to the photo folder, in path order
    /// (`sql/queries/edge_photos.sql`). As many as the edge's weight; empty when the two never appear together.
    public func photos(with person: Int64, and other: Int64) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: SQLText["queries/edge_photos"],
                                arguments: ["person_a": person, "person_b": other])
        }
    }
}
