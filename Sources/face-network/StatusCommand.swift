import ArgumentParser
import Foundation
import People
import Store

/// `face-network status`: how far extraction is, for one process or many (`docs/scale-out.md`).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show how far extraction is: photos queued, claimed (by which host, since when), done and failed; faces; workers; throughput.",
        discussion: "Reads the store only, so it can be run from any machine while extract workers run (SQLite or PostgreSQL).")

    @OptionGroup var folder: FolderOptions

    @Option(parsing: .unconditional, help: "Workers seen within this many seconds count as at work; throughput is measured over them.")
    var window: Double = 60

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard window.isFinite, (1...31_536_000).contains(window) else {
            throw ValidationError("--window must be from 1 second to 31536000 (a year)")
        }
    }

    func run() throws {
        let url = try folder.folder()
        let store = try folder.openStore(url, creating: false)
        let status = try store.queueStatus(window: window)
        let counts = try store.counts()
        if json {
            try answer(try Self.json(status, counts: counts))
            return
        }
        let state = { (name: String) in status.states[name] ?? 0 }
        let total = status.states.values.reduce(0, +)
        try answer("status: \(url.path) (store: \(store.path))")
        try answer("queue: \(counted(total, "photo", "photos")): \(state("queued")) queued, \(state("claimed")) claimed, "
                   + "\(state("done")) done, \(state("failed")) failed"
                   + (state("failed") > 0 ? " (each stopped two workers before it was stored)" : ""))
        let byWorker = Dictionary(grouping: status.claims) { "\($0.host ?? "?") (pid \($0.pid.map(String.init) ?? "?"))" }
        // On SQLite a worker that stopped without ending is known dead whatever its lease says.
        let dead = Set(status.workers.filter(\.processEnded).map { "\($0.host) (pid \($0.pid))" })
        for (worker, claims) in byWorker.sorted(by: { $0.key < $1.key }) {
            let since = claims.map(\.claimedAt).min() ?? status.now
            let lease = claims.map(\.leaseUntil).min() ?? status.now
            try answer("  claimed by \(worker): \(counted(claims.count, "photo", "photos")) since "
                       + "\(Self.clock(since)) UTC (\(Self.seconds(status.now - since)) ago), "
                       + (dead.contains(worker) ? "its worker stopped without ending: the next extract takes them over"
                          : lease >= status.now ? "lease ends in \(Self.seconds(lease - status.now))"
                          : "lease ran out \(Self.seconds(status.now - lease)) ago: the next worker to claim takes them over"))
        }
        let alive = status.workers.filter { !$0.isGone(at: status.now) }
        let ended = status.workers.filter { $0.stoppedAt != nil }.count
        let killed = status.workers.filter(\.processEnded).count
        let silent = status.workers.count - alive.count - ended - killed
        try answer("workers seen in the last \(Self.seconds(window)): \(alive.count) at work"
                   + (ended > 0 ? ", \(ended) ended" : "")
                   + (killed > 0 ? ", \(killed) stopped without ending (killed or crashed: no extract holds the store)" : "")
                   + (silent > 0 ? ", \(silent) not heard from for longer than \(silent == 1 ? "its" : "their") lease "
                      + "(killed, stopped or cut off)" : ""))
        for worker in status.workers {
            try answer("  \(worker.host) (pid \(worker.pid)): \(counted(worker.photos, "photo", "photos")), "
                       + "\(counted(worker.faces, "face", "faces")), started \(Self.clock(worker.startedAt)) UTC, "
                       + (worker.stoppedAt.map { "ended \(Self.seconds(status.now - $0)) ago" }
                          ?? "seen \(Self.seconds(status.now - worker.seenAt)) ago"
                             + (worker.isGone(at: status.now) ? " (gone: its counts are as of then)" : "")))
        }
        let span = Self.throughputSpan(status, window: window)
        let rate = Double(status.finishedRecently) / span.seconds
        try answer("throughput: \(counted(status.finishedRecently, "photo", "photos")) finished in "
                   + (span.endedAgo == nil ? "the last \(Self.seconds(span.seconds))"
                      : "the \(Self.seconds(span.seconds)) the workers ran, until \(Self.seconds(span.endedAgo!)) ago")
                   + " (\(String(format: "%.2f", rate)) photos/s)"
                   + (rate > 0 && !alive.isEmpty && state("queued") + state("claimed") > 0
                      ? "; about \(Self.seconds(Double(state("queued") + state("claimed")) / rate)) to go" : ""))
        try answer("store: \(counted(counts.photos, "photo", "photos")), \(counted(counts.faces, "face", "faces")), "
                   + "\(counted(counts.failures, "failed file", "failed files")), "
                   + "\(counted(counts.people, "person", "people")) (as last clustered)")
    }

    /// The time the window's photos were finished in: from the window's start, or the first of its workers'
    /// start when later, to now while a worker is at work, or else to when the last one ended or was last heard
    /// from (`endedAgo`, seconds before now), so that a finished extraction keeps its rate instead of one that
    /// falls as the clock runs on. At least 1 second.
    static func throughputSpan(_ status: QueueStatus, window: Double) -> (seconds: Double, endedAgo: Double?) {
        let start = max(status.now - window, status.workers.map(\.startedAt).min() ?? status.now - window)
        let atWork = status.workers.contains { !$0.isGone(at: status.now) }
        guard !atWork, let end = status.workers.map({ $0.stoppedAt ?? $0.seenAt }).max() else {
            return (max(1, status.now - start), nil)
        }
        return (max(1, end - start), status.now - end)
    }

    /// "HH:mm:ss" of a time in seconds since 1970, UTC.
    static func clock(_ time: Double) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }

    /// A duration in words: "42 s", "3 min 5 s", "2 h 4 min".
    static func seconds(_ duration: Double) -> String {
        let s = Int(min(max(0, duration), 1e12).rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min" + (s % 60 > 0 ? " \(s % 60) s" : "") }
        return "\(s / 3600) h" + ((s % 3600) / 60 > 0 ? " \((s % 3600) / 60) min" : "")
    }

    static func json(_ status: QueueStatus, counts: StoreCounts) throws -> String {
        struct Claim: Encodable { let path: String; let host: String?; let pid: Int?; let claimed_at: Double
                                  let lease_until: Double; let claims: Int }
        struct Worker: Encodable { let host: String; let pid: Int; let started_at: Double; let seen_at: Double
                                   let stopped_at: Double?; let photos: Int; let faces: Int; let lease: Double
                                   let gone: Bool }
        struct Status: Encodable {
            let now: Double; let queued: Int; let claimed: Int; let done: Int; let failed: Int
            let claims: [Claim]; let workers: [Worker]; let window_seconds: Double; let finished_in_window: Int
            let photos: Int; let faces: Int; let failed_files: Int
        }
        let value = Status(
            now: status.now, queued: status.states["queued"] ?? 0, claimed: status.states["claimed"] ?? 0,
            done: status.states["done"] ?? 0, failed: status.states["failed"] ?? 0,
            claims: status.claims.map { Claim(path: $0.path, host: $0.host, pid: $0.pid, claimed_at: $0.claimedAt,
                                              lease_until: $0.leaseUntil, claims: $0.claims) },
            workers: status.workers.map { Worker(host: $0.host, pid: $0.pid, started_at: $0.startedAt, seen_at: $0.seenAt,
                                                 stopped_at: $0.stoppedAt, photos: $0.photos, faces: $0.faces,
                                                 lease: $0.lease, gone: $0.isGone(at: status.now)) },
            window_seconds: status.window, finished_in_window: status.finishedRecently, photos: counts.photos,
            faces: counts.faces, failed_files: counts.failures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
