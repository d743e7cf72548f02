/// Runs `body`, and again when the store's connection was lost during it (`StoreError.connectionLost`; the store
/// connects again for the next call, or gives up with another error), up to `attempts` times in all. Only for calls
/// whose repetition is harmless: a read, or a write that leaves the store the same whether or not an earlier
/// attempt was committed.
public func againIfConnectionLost<T>(attempts: Int = 5, _ body: () throws -> T) throws -> T {
    var lost = 0
    while true {
        do {
            return try body()
        } catch StoreError.connectionLost where lost + 1 < attempts {
            lost += 1
        }
    }
}

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
    /// A worker's claim on a queued path ran out and another worker took the path over (this one stalled past its
    /// lease): its late result is not stored.
    case claimLost(path: String)
    /// The connection to a database server closed under a statement (the server stopped or restarted, ended the
    /// session, or the network failed): whether that statement's transaction was committed is not known. The
    /// backend makes a new connection for the next call (`SQLBackend`), so a caller may repeat a call whose
    /// repetition is harmless. `reason` says what happened, in words.
    case connectionLost(reason: String)
    /// The store's faces were described with other model files than this process has: descriptors of different
    /// models cannot be compared. `stored` and `here` map model file names to SHA-256 checksums.
    case otherModels(path: String, stored: [String: String], here: [String: String])

    /// `otherModels` when a model file named in both `stored` and `here` has another checksum here, with the
    /// models both name; nil when every shared model is the same (a model only one side has, such as the age and
    /// gender models, does not count).
    public static func otherModels(path: String, stored: [String: String]?, here: [String: String]) -> StoreError? {
        guard let stored else { return nil }
        let shared = stored.filter { here[$0.key] != nil }
        guard shared.contains(where: { here[$0.key] != $0.value }) else { return nil }
        return .otherModels(path: path, stored: shared, here: here.filter { shared[$0.key] != nil })
    }

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason): return "cannot open the database \(path): \(reason)"
        case let .corrupt(what): return "the database is damaged: \(what)"
        case let .busy(path):
            return "another face-network command is writing \(path); wait for it to finish, or use another --db"
        case let .readOnly(path) where path.hasPrefix("postgresql://"):
            return "this user may only read the database \(path): it can be read (query, report, export, evaluate, "
                + "people list, status); to change it, grant the user INSERT, UPDATE and DELETE on the store's tables "
                + "(and CREATE on its schema), or use a user that has them"
        case let .readOnly(path):
            return "the database \(path) is read-only here (its file or folder cannot be written): it can be read "
                + "(query, report, export, evaluate, people list); to change it, work on a copy of the photo folder "
                + "somewhere writable"
        case let .claimLost(path):
            return "\(path) was taken over by another worker after this one stalled past its lease; its result here "
                + "is not stored (the other worker's is)"
        case let .connectionLost(reason):
            return reason
        case let .otherModels(path, stored, here):
            let differing = Set(stored.keys).union(here.keys).sorted().filter { stored[$0] != here[$0] }
            return "the faces in \(path) were described with other model files (\(differing.joined(separator: ", ")) "
                + "differ): descriptors of different models cannot be compared; install the models the store was "
                + "made with on this machine (Models/install), or use another --db"
        }
    }
}
