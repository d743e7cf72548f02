import Foundation

/// The photo queue: how many extract processes, on one machine or many, share the photos of one store
/// (migration 008; `docs/scale-out.md`). Each walks the folder and queues what is new or changed, then claims
/// queued paths for a lease that its heartbeat renews, and stores each photo with its path marked done in one
/// transaction, refused when the claim was taken over. PostgreSQL claims with `FOR UPDATE SKIP LOCKED`; with
/// SQLite one process writes at a time and the queue only records progress.
extension FaceStore {
    /// The database's clock, in seconds since 1970: leases are kept in it so that machines whose clocks differ agree.
    public func serverTime() throws -> Double {
        try read { db in try Self.serverTime(db) }
    }

    static func serverTime(_ db: any SQLSession) throws -> Double {
        guard let now: Double = try db.one("store/server_time") else { throw StoreError.corrupt("the database has no clock") }
        return now
    }

    /// Records an extract process (host name, process id and lease in seconds, for `status`); returns its id for
    /// its claims.
    public func registerWorker(host: String, pid: Int, runID: Int64?, lease: Double) throws -> Int64 {
        try write { db in
            guard let id: Int64 = try db.one("store/worker_insert", [
                "host": .text(host), "pid": .integer(Int64(pid)), "run_id": runID.sqlValue, "now": .real(try Self.serverTime(db)),
                "lease": .real(lease),
            ]) else { throw StoreError.corrupt("a new worker got no id") }
            return id
        }
    }

    /// Queues `files` (in the order given, which claims follow), in transactions of 500 paths.
    /// `walkStarted` (server time, `serverTime()` read before the walk) keeps a path another worker finished during
    /// this walk from being queued again (`sql/store/queue_enqueue.sql`).
    /// `retryGivenUp`: paths given up because they stopped two workers are queued again too (else they stay failed
    /// until the file changes).
    public func queuePhotos(_ files: [QueuedFile], walkStarted: Double, retryGivenUp: Bool = false) throws {
        var position = 0
        for chunk in stride(from: 0, to: files.count, by: 500).map({ files[$0..<min($0 + 500, files.count)] }) {
            try write { db in
                let now = try Self.serverTime(db)
                for file in chunk {
                    try db.execute("store/queue_enqueue", [
                        "path": .text(file.path), "file_size": .integer(Int64(file.fileSize)),
                        "modified_at": .real(file.modifiedAt), "position": .integer(Int64(position)),
                        "now": .real(now), "walk_started": .real(walkStarted),
                        "retry_failed": .integer(retryGivenUp ? 1 : 0),
                    ])
                    position += 1
                }
            }
        }
    }

    /// Claims paths for `worker` for `lease` seconds: first gives up paths whose second claim ran out (they are
    /// recorded as failures), then takes over one path whose lease ran out, alone, or else up to `limit` queued
    /// paths in walk order.
    public func claimPhotos(worker: Int64, limit: Int, lease: Double, runID: Int64?) throws -> ClaimBatch {
        try write { db in
            let now = try Self.serverTime(db)
            var batch = ClaimBatch()
            for row in try db.rows("store/queue_abandon", ["now": .real(now)]) {
                let failure = Failure(path: row["path"], reason: row["reason"])
                try Self.recordFailure(db, path: failure.path, reason: failure.reason, runID: runID)
                batch.abandoned.append(failure)
            }
            let arguments: [String: SQLValue] = ["worker": .integer(worker), "now": .real(now), "lease": .real(lease),
                                                 "limit": .integer(Int64(limit))]
            var rows = try db.rows("store/queue_claim_expired", arguments)
            if rows.isEmpty { rows = try db.rows("store/queue_claim", arguments) }
            batch.claimed = rows.sorted { ($0["position"] as Int64, $0["path"] as String) < ($1["position"], $1["path"]) }
                .map { Self.claim($0, worker: worker) }
            return batch
        }
    }

    /// The paths `worker` holds claimed now, in walk order: what a worker takes up after a claim call whose answer
    /// its connection lost (`StoreError.connectionLost`), since that claim may have been committed.
    public func claimsHeld(worker: Int64) throws -> [PhotoClaim] {
        try read { db in try db.rows("store/queue_held", ["worker": .integer(worker)]).map { Self.claim($0, worker: worker) } }
    }

    /// A claim as the queue's claim queries return it (path, file_size, modified_at, claims).
    private static func claim(_ row: SQLRow, worker: Int64) -> PhotoClaim {
        PhotoClaim(path: row["path"], fileSize: row["file_size"], modifiedAt: row["modified_at"], worker: worker,
                   claims: row["claims"])
    }

    /// The heartbeat: renews every lease `worker` holds for `lease` seconds from now, and records the photos it
    /// finished and the faces it found so far.
    public func renewClaims(worker: Int64, lease: Double, photos: Int, faces: Int) throws {
        try write { db in
            try db.execute("store/queue_renew", ["worker": .integer(worker), "lease": .real(lease),
                                                 "now": .real(try Self.serverTime(db)),
                                                 "photos": .integer(Int64(photos)), "faces": .integer(Int64(faces))])
        }
    }

    /// A worker ending by itself: its unfinished claims go back to the queue, not counted against their photos;
    /// its final totals are recorded.
    public func releaseClaims(worker: Int64, photos: Int, faces: Int) throws {
        try write { db in
            try db.execute("store/queue_release", ["worker": .integer(worker), "now": .real(try Self.serverTime(db)),
                                                   "photos": .integer(Int64(photos)), "faces": .integer(Int64(faces))])
        }
    }

    /// Ends every lease now. Only for the store's one writer (SQLite's run lock), when no other worker can be alive.
    public func expireClaims() throws {
        try write { db in try db.execute("store/queue_expire", ["now": .real(try Self.serverTime(db))]) }
    }

    /// On SQLite every extract holds the store's run lock while it lives: when nobody holds it, a worker that did
    /// not end by itself was killed, whatever its lease says (it runs on for up to a minute). Always false on
    /// PostgreSQL, where workers on other machines hold no lock here: their leases decide.
    var noExtractRuns: Bool { dialect == .sqlite && !Self.isBeingWritten(path: path) }

    /// How many extract workers may still be at work: not ended by themselves and heard from within their lease.
    /// On SQLite the run lock decides: none while this process holds it.
    public func liveWorkers() throws -> Int {
        if dialect == .sqlite, writesAlone { return 0 }
        return try read { db in try db.one("store/workers_live", ["now": .real(try Self.serverTime(db))]) ?? 0 }
    }

    /// What is still queued or claimed.
    public func openQueue() throws -> QueueOpen {
        try read { db in
            let row = try db.rows("store/queue_open").first
            return QueueOpen(queued: row?["queued"] ?? 0, claimed: row?["claimed"] ?? 0,
                             nextLeaseEnd: row?["next_lease_end"])
        }
    }

    /// The state of extraction for `status`: the queue by state, the claims held, workers seen within `window`
    /// seconds (on SQLite, those that did not end by themselves while nobody holds the run lock are marked
    /// `processEnded`) and how many paths they finished in that time.
    public func queueStatus(window: Double = 60) throws -> QueueStatus {
        try read { db in
            let now = try Self.serverTime(db)
            var states: [String: Int] = [:]
            for row in try db.rows("store/queue_states") { states[row["state"]] = row["paths"] }
            let claims = try db.rows("store/queue_claims").map {
                ClaimedPath(path: $0["path"], host: $0["host"], pid: $0["pid"], claimedAt: $0["claimed_at"],
                            leaseUntil: $0["lease_until"], claims: $0["claims"])
            }
            let since: [String: SQLValue] = ["since": .real(now - window)]
            let nobodyWrites = noExtractRuns
            let workers = try db.rows("store/workers_seen", since).map {
                var worker = WorkerRecord(id: $0["id"], host: $0["host"], pid: $0["pid"], startedAt: $0["started_at"],
                                          seenAt: $0["seen_at"], stoppedAt: $0["stopped_at"], photos: $0["photos"],
                                          faces: $0["faces"], lease: $0["lease"])
                worker.processEnded = nobodyWrites && worker.stoppedAt == nil
                return worker
            }
            let finished: Int = try db.one("store/queue_finished_since", since) ?? 0
            return QueueStatus(now: now, states: states, claims: claims, workers: workers, finishedRecently: finished,
                               window: window)
        }
    }

    /// Marks `claim`'s path done inside a storing transaction.
    /// - Throws: `StoreError.claimLost` when another worker took the path over; the transaction is rolled back.
    static func finishClaim(_ db: any SQLSession, _ claim: PhotoClaim?) throws {
        guard let claim else { return }
        let done: String? = try db.one("store/queue_done", [
            "path": .text(claim.path), "worker": .integer(claim.worker), "claims": .integer(Int64(claim.claims)),
        ])
        guard done != nil else { throw StoreError.claimLost(path: claim.path) }
    }
}
