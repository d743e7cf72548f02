import Foundation

/// A file a walk found new or changed, to be queued for extraction (`FaceStoring.queuePhotos`).
public struct QueuedFile: Sendable, Equatable {
    public var path: String          // relative to the photo folder, '/'-separated
    public var fileSize: Int         // bytes
    public var modifiedAt: Double    // seconds since 1970
    public init(path: String, fileSize: Int, modifiedAt: Double) {
        self.path = path; self.fileSize = fileSize; self.modifiedAt = modifiedAt
    }
}

/// One worker's claim on a queued path: its result is stored only while the claim holds (`StoreError.claimLost`).
public struct PhotoClaim: Sendable, Equatable {
    public var path: String
    public var fileSize: Int
    public var modifiedAt: Double
    /// The worker holding it (`workers.id`).
    public var worker: Int64
    /// How many times the path was claimed since it was queued, this claim included.
    public var claims: Int
    public init(path: String, fileSize: Int, modifiedAt: Double, worker: Int64, claims: Int) {
        self.path = path; self.fileSize = fileSize; self.modifiedAt = modifiedAt; self.worker = worker; self.claims = claims
    }
}

/// What one claim call got: paths to read, and paths given up because they stopped two workers (recorded as
/// failures in the same transaction).
public struct ClaimBatch: Sendable {
    public var claimed: [PhotoClaim] = []
    public var abandoned: [Failure] = []
    public init(claimed: [PhotoClaim] = [], abandoned: [Failure] = []) {
        self.claimed = claimed; self.abandoned = abandoned
    }
}

/// What is left in the queue: paths queued, paths claimed by some worker, and when the first of those claims ends
/// (server seconds since 1970).
public struct QueueOpen: Sendable, Equatable {
    public var queued: Int
    public var claimed: Int
    public var nextLeaseEnd: Double?
    public var isEmpty: Bool { queued == 0 && claimed == 0 }
}

/// How a stored photo came to be: newly inserted, or the same bytes were stored meanwhile and the path was added to
/// that photo.
public enum StoredPhoto: Sendable, Equatable {
    case inserted(Int64)
    case existing(Int64)
    public var id: Int64 {
        switch self { case let .inserted(id), let .existing(id): return id }
    }
}

/// A claimed path as `status` shows it.
public struct ClaimedPath: Sendable, Equatable {
    public var path: String
    public var host: String?
    public var pid: Int?
    public var claimedAt: Double
    public var leaseUntil: Double
    public var claims: Int
}

/// An extract process as `status` shows it.
public struct WorkerRecord: Sendable, Equatable {
    public var id: Int64
    public var host: String
    public var pid: Int
    public var startedAt: Double
    public var seenAt: Double
    public var stoppedAt: Double?
    /// Photos finished and faces found, as of its last heartbeat (every third of its lease) or its end.
    public var photos: Int
    public var faces: Int
    /// Its lease in seconds: its heartbeat comes every third of it.
    public var lease: Double
    /// Known to be no longer running though its lease has not run out: on SQLite, where every extract holds the
    /// store's run lock while it lives, nobody holds it (set by the reader, `FaceStore.queueStatus`).
    public var processEnded = false
    /// True when it ended by itself (`stoppedAt`), is known to have ended (`processEnded`), or has not been seen
    /// for longer than its lease (killed, stopped or cut off), as of `now`.
    public func isGone(at now: Double) -> Bool { stoppedAt != nil || processEnded || now - seenAt > lease }
}

/// The state of extraction, for `face-network status`. Times are the database's clock, seconds since 1970.
public struct QueueStatus: Sendable {
    /// The database's clock when the status was read.
    public var now: Double
    /// Paths in the queue by state: queued, claimed, done, failed.
    public var states: [String: Int]
    public var claims: [ClaimedPath]
    /// Workers seen within `window` seconds before `now`.
    public var workers: [WorkerRecord]
    /// Paths finished (done or failed) within `window` seconds before `now`.
    public var finishedRecently: Int
    public var window: Double
}
