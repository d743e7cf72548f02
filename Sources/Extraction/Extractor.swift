import Foundation
import Imaging
import Store

/// Settings of one extraction.
public struct ExtractionOptions: Sendable {
    /// How many times the HOG detector upsamples each photo (face_recognition's default is 1).
    public var upsample: Int = 1
    /// Photos with more pixels than this are refused by name before decoding (0: no limit). With the default
    /// `maxSide` a 100 MP photo peaks at about 1.15 GB (BENCHMARKS.md).
    public var maxPixels: Int = 100_000_000
    /// The face detector (HOG by default, as face_recognition).
    public var detector: FaceDetector = .hog
    /// When a photo without an EXIF orientation yields no face, look again with it turned 90° clockwise and
    /// counter-clockwise (scans and phones that lost their tag); a turn that finds faces is kept.
    public var rotateRetry: Bool = false
    /// Detect faces on a copy scaled down to this many pixels on the long side (0: on the full photo).
    /// Boxes are mapped back; landmarks, descriptors and crops always use the full-resolution photo. The default
    /// leaves photos up to 16 MP (4000 px) untouched and bounds memory above that (BENCHMARKS.md).
    public var maxSide: Int = 4000
    /// With the CNN detector, detect on a copy at most this long (0: no cap beyond `maxSide`). dlib's CNN needs
    /// about 1 GB per megapixel it sees (after upsampling), so 600 px with one upsample stays near 1.2 GB.
    public var cnnMaxSide: Int = 600
    /// Write a crop of every face into `<photos>/Face Network/Faces`.
    public var saveCrops: Bool = true
    /// Worker threads, each with its own dlib models (about 60 MB each).
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Follow symbolic links to folders and files (loops are detected and reported).
    public var followSymlinks: Bool = false
    /// Seconds a claimed photo stays this process's without a heartbeat (renewed every third of it): a process
    /// killed, stopped or cut off loses its photos to the other workers after this long (`docs/scale-out.md`).
    public var lease: Double = 60
    /// Forget the photos the store holds that are no longer under the folder even when they are most of them
    /// (otherwise the extraction stops: `ExtractionError.mostPhotosMissing`).
    public var removeMissing: Bool = false
    /// Queue again the photos given up because they stopped two workers (`FaceStoring.claimPhotos`).
    public var retryFailed: Bool = false
    /// Estimate each face's apparent age and gender (`FaceAnalyzer`'s age and gender networks); faces stored
    /// before without them get them too, without being detected again (`AgeGenderBackfill`).
    public var ageGender: Bool = false
    public init() {}
}

/// What an extraction did, for the summary.
public struct ExtractionReport: Sendable {
    /// Files (and folders that could not be listed) this run looked at: every one is read, unchanged, a duplicate
    /// copy or failed.
    public var filesSeen = 0
    public var extracted = 0           // photos decoded and searched for faces in this run
    public var unchanged = 0           // paths skipped because an earlier run read them
    public var duplicates = 0          // new paths whose bytes were already stored under another path
    public var facesFound = 0          // faces found in this run
    public var removedPaths = 0        // paths gone from the folder since the last run
    public var claimsLost = 0          // photos another worker took over after this one stalled past its lease
    /// Times the connection to the store's server was lost and made again while this run went on (PostgreSQL; set by
    /// the pipeline, whose steps after the extraction count too).
    public var reconnections = 0
    public var skippedLinks: [String] = [] // symbolic links not followed
    public var hogBuild = ""                // which build of the HOG detector ran ("avx2" or "baseline")
    public var failures: [Failure] = []
    /// Photos decoded with a warning (for example truncated files), kept with their faces.
    public var warnings: [Failure] = []

    /// Whether the run read, removed or found under a new path any photo: the only runs after which people can have
    /// lost faces (a photo gone or changed in place), so the only ones after which mosaics or network files need
    /// looking at.
    public var changedPhotos: Bool { removedPaths + extracted + duplicates > 0 }
}

/// Progress of an extraction, reported after each file.
public struct ExtractionProgress: Sendable {
    public var done: Int
    public var total: Int
    public var faces: Int
    public var path: String
}

/// Walks a photo folder and stores every photo's faces and descriptors: images → decoding → dlib → store.
///
/// Shared through the store's photo queue (`FaceStoring.queuePhotos`, migration 008): the walk queues what is new
/// or changed, then this process claims queued paths a few at a time, for a lease its heartbeat renews, and stores
/// each photo with its faces and its path marked done in one transaction. Several processes on one PostgreSQL
/// store, on one machine or many, so share the work; a process killed at any moment loses nothing (its claims run
/// out and are taken over); a stalled one that comes back cannot store a photo another finished. With SQLite one
/// process writes at a time, and claims left by one that died are taken over at once.
///
/// Parallel: `jobs` worker threads, each with its own dlib models, read, decode and search photos; this thread
/// writes their results to the store in claim order (the walk's), so a one-process store is the same for any
/// number of workers. Incremental and resumable: a path whose size and modification time match the store is
/// skipped; the same bytes under a new path are recorded as another path of the stored photo. A file that cannot
/// be read or decoded is recorded in `failures` with the reason and the run goes on.
public final class Extractor {
    let root: URL
    let store: any FaceStoring
    let models: ModelFiles
    let options: ExtractionOptions

    public init(photos root: URL, store: any FaceStoring, models: ModelFiles, options: ExtractionOptions = .init()) {
        self.root = root.standardizedFileURL
        self.store = store
        self.models = models
        self.options = options
    }

    public func run(runID: Int64?, progress: (ExtractionProgress) -> Void = { _ in }) throws -> ExtractionReport {
        var report = ExtractionReport()
        // Registered before the walk, its heartbeat running: from now on `cluster --wait` sees this worker at work
        // (its lease runs), even while it walks, queues, or connects again after its connection dropped.
        let worker = try store.registerWorker(host: ProcessInfo.processInfo.hostName,
                                              pid: Int(ProcessInfo.processInfo.processIdentifier), runID: runID,
                                              lease: options.lease)
        let totals = WorkerTotals()
        let heartbeat = Heartbeat(store: store, worker: worker, lease: options.lease, totals: totals)
        // Whatever ends this worker: the photos in hand go back to the queue, not counted against them.
        let release: @Sendable () -> Void = { [store = self.store] in
            heartbeat.stop()
            let (photos, faces) = totals.read()
            try? store.releaseClaims(worker: worker, photos: photos, faces: faces)
        }
        // Ctrl-C or a polite kill (SIGTERM) releases at once, instead of waiting for the lease and counting as a
        // worker the photo stopped.
        let stopping = SignalWatcher(signals: [SIGINT, SIGTERM]) { signal in
            release()
            // Every file read has its result stored: its faces, or why it could not be read.
            let read = totals.read().photos
            let cause = signal == SIGINT ? "an interrupt (Ctrl-C)" : "SIGTERM"
            let kept = read == 0 ? "before any file was read in this run"
                : "after \(read) file\(read == 1 ? " was" : "s were") read in this run (\(read == 1 ? "its result is" : "their results are") kept)"
            FileHandle.standardError.write(Data(("\nextract: stopped by \(cause) \(kept); the next extract goes on with "
                + "the rest\n").utf8))
            _exit(128 + signal)   // at once: the claims are back, and other threads may be inside dlib
        }
        defer {
            stopping.cancel()
            release()
        }
        // What was recorded before the walk: only those paths can be gone (another worker may store a path this
        // walk did not see, found by its own later walk).
        let walkStarted = try store.serverTime()
        let known = try store.knownPaths()
        let failedBefore = Set(try store.failures().map(\.path))
        let walk = PhotoWalker.walk(root, followSymlinks: options.followSymlinks)
        // Most of the store's photos missing from the folder is more likely the wrong folder (another archive, a
        // subfolder, a mount that failed: with FACE_NETWORK_DB set, any folder reaches the shared store) than
        // photos deleted: nothing is queued or removed unless asked.
        var present = Set(walk.files.map(\.relativePath))
        present.formUnion(walk.unreadable.map(\.path))
        let missing = Set(known.keys).subtracting(present).count
        if !options.removeMissing, missing > 10, missing * 2 > known.count {
            throw ExtractionError.mostPhotosMissing(missing: missing, stored: known.count, folder: root.path)
        }
        for item in walk.unreadable {
            try againIfConnectionLost { try self.store.recordFailure(path: item.path, reason: item.reason, runID: runID) }
            report.failures.append(Failure(path: item.path, reason: item.reason))
        }
        report.filesSeen = walk.files.count + walk.unreadable.count
        report.skippedLinks = walk.skippedLinks
        let pending = walk.files.filter { file in
            guard let seen = known[file.relativePath] else { return true }
            return seen.fileSize != file.size || seen.modifiedAt != file.modifiedAt
        }
        report.unchanged = walk.files.count - pending.count
        // Alone on the store (SQLite), claims still held belong to a process that died: taken over now.
        if store.writesAlone { try store.expireClaims() }
        // Queued again after a lost connection: a path queued, claimed or done since is left as it is.
        let queued = pending.map { QueuedFile(path: $0.relativePath, fileSize: $0.size, modifiedAt: $0.modifiedAt) }
        try againIfConnectionLost {
            try self.store.queuePhotos(queued, walkStarted: walkStarted, retryGivenUp: self.options.retryFailed)
        }

        // Load the models once up front so that a missing or damaged model is one clear error, not one per photo.
        let first = try FaceAnalyzer(models: models, detector: options.detector, ageGender: options.ageGender)
        report.hogBuild = first.hogBuild
        // No more threads (each loads its own models) than there are photos to read.
        let open = try store.openQueue()
        let jobs = max(1, min(options.jobs, open.queued + open.claimed))
        let queue = OrderedWorkQueue<PhotoFile, PhotoResult>()
        let spare = AnalyzerHandOff(first)
        let largePhotoLock = NSLock(), cnnLock = NSLock()
        let (root, options, store, models) = (self.root, self.options, self.store, self.models)
        queue.start(workers: jobs) {
            let analyzer = spare.take() ?? (try? FaceAnalyzer(models: models, detector: options.detector, ageGender: options.ageGender))
            guard let analyzer else { return { _ in .failed(reason: "the dlib models could not be loaded") } }
            let processor = PhotoProcessor(root: root, analyzer: analyzer, options: options,
                                           isStored: { (try? store.photoID(contentHash: $0)) != nil },
                                           largePhotoLock: largePhotoLock, cnnLock: cnnLock)
            return processor.process
        }
        defer { queue.cancel() }

        let walked = Dictionary(walk.files.map { ($0.relativePath, $0) }, uniquingKeysWith: { a, _ in a })
        // The photos in hand by queue index (claimed, not yet stored), and how many were claimed in all: only those
        // in hand are kept, so a worker's memory does not grow with the archive.
        var inHand: [Int: (claim: PhotoClaim, file: PhotoFile)] = [:]
        var claimed = 0
        var faces = 0
        var done = 0
        var remaining = open.queued   // paths queued for any worker, as of the last look
        var lastPath = ""
        var lastTotal = 0
        // Two to four photos per thread in hand: one being read, the others waiting, so no thread idles on a claim's
        // round trip, and claims come a few at a time (each is a transaction).
        while true {
            if inHand.count <= 2 * jobs {
                var batch: ClaimBatch
                do {
                    batch = try store.claimPhotos(worker: worker, limit: 4 * jobs - inHand.count,
                                                  lease: options.lease, runID: runID)
                } catch StoreError.connectionLost {
                    // The claim may have been committed: take up whatever this worker holds and does not know of
                    // (its heartbeat would keep those for ever), and claim again next time round.
                    let known = Set(inHand.values.map(\.claim.path))
                    batch = ClaimBatch(claimed: try store.claimsHeld(worker: worker).filter { !known.contains($0.path) })
                }
                report.failures += batch.abandoned
                // Claimed photos leave the queue: counted once, as claimed, not also as still queued.
                remaining = batch.claimed.isEmpty ? 0 : max(0, remaining - batch.claimed.count)
                for claim in batch.claimed {
                    switch walked[claim.path].map({ Result<PhotoFile, Failure>.success($0) })
                        ?? PhotoWalker.file(root, relative: claim.path) {
                    case let .success(file):
                        inHand[queue.append([file])] = (claim, file)
                        claimed += 1
                    case let .failure(failure):
                        try? store.recordFailure(path: failure.path, reason: failure.reason, runID: runID, claim: claim)
                        report.failures.append(failure)
                    }
                }
            }
            guard let (claim, file) = inHand.removeValue(forKey: done) else {
                // Nothing in hand: finished when nothing is queued or claimed; else other workers hold the rest, to
                // be taken over if their leases run out (looked at five times a second: one indexed count).
                let open = try store.openQueue()
                remaining = open.queued
                if open.isEmpty { break }
                if open.queued == 0 { Thread.sleep(forTimeInterval: 0.2) }
                continue
            }
            let result = queue.result(done)
            done += 1
            let lostBefore = report.claimsLost
            // Storing again after a lost connection is safe: a store that was committed the first time is refused
            // the second as a claim no longer held, and only the worker's own count misses its faces.
            let found = try againIfConnectionLost {
                try keep(result, claim: claim, file: file, known: known, runID: runID, report: &report)
            }
            faces += found
            if report.claimsLost == lostBefore { totals.add(faces: found) }   // a result refused is not this worker's
            // Of the whole queue, this process reads what it claims: its total is what it read, holds and could
            // still claim (the queued count as of its last look).
            lastTotal = max(claimed + remaining, done)
            progress(ExtractionProgress(done: done, total: lastTotal, faces: faces, path: claim.path))
            lastPath = claim.path
        }
        // The last line says done of done, once: the total may have counted photos other workers took.
        if done > 0, lastTotal != done { progress(ExtractionProgress(done: done, total: done, faces: faces, path: lastPath)) }
        report.facesFound = faces
        let removed = try againIfConnectionLost {
            try store.removePaths(Set(known.keys).union(failedBefore).subtracting(present))
        }
        report.removedPaths = removed.paths
        for crop in removed.crops { try? FileManager.default.removeItem(at: root.appendingPathComponent(crop)) }
        return report
    }

    /// Stores one photo's result with its claim; returns the number of new faces stored.
    private func keep(_ result: PhotoResult, claim: PhotoClaim, file: PhotoFile, known: [String: KnownPath],
                       runID: Int64?, report: inout ExtractionReport) throws -> Int {
        // A path read again held a photo: when its new bytes (or failure) remove that photo, its crops go too.
        let previousCrops = try known[claim.path].map { try store.cropPaths(ofPhoto: $0.photoID) } ?? []
        defer { removeCrops(ifUnnamed: previousCrops) }
        var savedCrops: [String] = []
        do {
            switch result {
            case let .extracted(photo, crops, warnings):
                var photo = photo
                let cropWarnings = saveCrops(crops, of: &photo)
                savedCrops = photo.faces.compactMap(\.cropPath)
                switch try store.storePhoto(photo, claim: claim) {
                case .inserted:
                    report.warnings += warnings + cropWarnings
                    report.extracted += 1
                    return photo.faces.count
                case .existing:
                    // The same bytes were stored since this worker looked (a copy under another path, read a moment
                    // before by this process or another): the path is added to that photo, and these crops go.
                    removeCrops(ifUnnamed: savedCrops)
                    report.duplicates += 1
                    return 0
                }
            case let .duplicate(hash):
                guard let existing = try store.photoID(contentHash: hash) else {
                    throw StoreError.corrupt("photo \(hash) vanished while \(file.relativePath) was read")
                }
                try store.addPath(file.relativePath, toPhoto: existing, fileSize: file.size,
                                  modifiedAt: file.modifiedAt, claim: claim)
                if known[file.relativePath]?.photoID == existing {
                    report.unchanged += 1     // touched, same bytes
                } else {
                    report.duplicates += 1
                }
                return 0
            case let .failed(reason):
                try store.recordFailure(path: file.relativePath, reason: reason, runID: runID, claim: claim)
                report.failures.append(Failure(path: file.relativePath, reason: reason))
                return 0
            }
        } catch StoreError.claimLost {
            // This process stalled past its lease and another worker read the photo: its result stands, not ours.
            removeCrops(ifUnnamed: savedCrops)
            report.claimsLost += 1
            return 0
        }
    }
}

extension Extractor {
    /// Deletes those of `crops` that no stored face names any more.
    func removeCrops(ifUnnamed crops: [String]) {
        guard !crops.isEmpty, let unnamed = try? store.unnamedCrops(crops) else { return }
        for crop in unnamed { try? FileManager.default.removeItem(at: root.appendingPathComponent(crop)) }
    }

    /// Saves each face's encoded crop where `photo` says, just before the photo is stored. A crop that cannot be
    /// written loses its path and keeps the reason (`NewFace.cropError`, in the store for `check` and the summary).
    /// Returns a warning per crop not saved.
    func saveCrops(_ crops: [Data?], of photo: inout NewPhoto) -> [Failure] {
        var warnings: [Failure] = []
        for (i, crop) in crops.enumerated() {
            guard let crop, let path = photo.faces[i].cropPath else { continue }
            do {
                try FaceCrops.save(crop, to: root.appendingPathComponent(path))
            } catch {
                photo.faces[i].cropPath = nil
                photo.faces[i].cropError = fileErrorReason(error)
                warnings.append(Failure(path: photo.path, reason: "face \(i + 1): crop not saved: \(fileErrorReason(error))"))
            }
        }
        return warnings
    }
}

/// Gives the analyzer loaded up front to the first worker that asks, so its 0.4 s load is not wasted.
final class AnalyzerHandOff: @unchecked Sendable {
    private var analyzer: FaceAnalyzer?
    private let lock = NSLock()
    init(_ analyzer: FaceAnalyzer) { self.analyzer = analyzer }
    func take() -> FaceAnalyzer? {
        lock.lock()
        defer { lock.unlock() }
        defer { analyzer = nil }
        return analyzer
    }
}

/// Why an extraction did not start.
public enum ExtractionError: Error, CustomStringConvertible {
    /// Most of the store's photos are not under the folder given (`ExtractionOptions.removeMissing` goes on).
    case mostPhotosMissing(missing: Int, stored: Int, folder: String)

    public var description: String {
        switch self {
        case let .mostPhotosMissing(missing, stored, folder):
            return "\(missing) of the store's \(stored) photo paths are not under \(folder): is this the folder the "
                + "store was made from (not another folder, a subfolder, or a mount that is missing)? Nothing was "
                + "changed. If those photos were deleted, run extract with --remove-missing to forget them"
        }
    }
}

/// Photos finished and faces found by this process, for its `workers` row (written with the heartbeat, not with
/// every photo: one statement less per photo).
private final class WorkerTotals: @unchecked Sendable {
    private let lock = NSLock()
    private var photos = 0, faces = 0
    func add(faces found: Int) { lock.withLock { photos += 1; faces += found } }
    func read() -> (photos: Int, faces: Int) { lock.withLock { (photos, faces) } }
}

/// Renews this worker's leases every third of the lease, on its own thread, so that photos being read (however long
/// one takes) stay this worker's while it lives; a process that is killed or stopped stops renewing.
private final class Heartbeat: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    init(store: any FaceStoring, worker: Int64, lease: Double, totals: WorkerTotals) {
        let thread = Thread { [self] in
            condition.lock()
            while !stopped {
                _ = condition.wait(until: Date().addingTimeInterval(lease / 3))
                guard !stopped else { break }
                condition.unlock()
                let (photos, faces) = totals.read()
                try? store.renewClaims(worker: worker, lease: lease, photos: photos, faces: faces)
                condition.lock()
            }
            condition.unlock()
        }
        thread.start()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }
}
