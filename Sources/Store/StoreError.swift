/// Errors raised by the store beyond GRDB's own `DatabaseError`.
public enum StoreError: Error, CustomStringConvertible {
    /// The database file cannot be opened or is not a face-network store.
    case cannotOpen(path: String, reason: String)
    /// Stored data does not have the shape the schema promises.
    case corrupt(String)
    /// Another face-network command is writing this store now.
    case busy(path: String)
    /// The store was opened read-only (its file or folder cannot be written) and a command tried to change it.
    case readOnly(path: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open the database \(path): \(reason)"
        case let .corrupt(what): return "the database is damaged: \(what)"
        case let .busy(path):
            return "another face-network command is writing \(path); wait for it to finish, or use another --db"
        case let .readOnly(path):
            return "the database \(path) is read-only here (its file or folder cannot be written): it can be read "
                + "(query, report, export, evaluate, people list); to change it, work on a copy of the photo folder "
                + "somewhere writable"
        }
    }
}
