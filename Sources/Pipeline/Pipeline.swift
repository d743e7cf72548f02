import Analysis
import Export
import Extraction
import Foundation
import Imaging
import People
import Reports
import Store

/// What the pipeline tells whoever runs it, line by line: `say` for what it did, `warn` for what did not stop it.
/// The command line prints them; a test or another program may keep them.
public struct PipelineLog: Sendable {
    public var say: @Sendable (String) -> Void
    public var warn: @Sendable (String) -> Void

    public init(say: @escaping @Sendable (String) -> Void, warn: @escaping @Sendable (String) -> Void) {
        self.say = say
        self.warn = warn
    }

    /// Tells nothing.
    public static let silent = PipelineLog(say: { _ in }, warn: { _ in })
}

/// The three steps of the pipeline on one photo folder and its store (extract, cluster, network), each recorded as
/// a run with its parameters, and the rule that follows an edit of the people: redraw what it changed.
public struct Pipeline {
    /// Where the folder's outputs go.
    public let layout: CollectionLayout
    public let store: any FaceStoring
    /// Recorded with every run.
    public let toolVersion: String
    let log: PipelineLog
    /// Opened without the writer lock to wait for it (`waiting`): what `opening` draws is drawn once it is held.
    var drawsUndrawnOnLock = false

    public init(photos: URL, store: any FaceStoring, toolVersion: String, log: PipelineLog = .silent) {
        layout = CollectionLayout(photos: photos)
        self.store = store
        self.toolVersion = toolVersion
        self.log = log
    }

    var folder: URL { layout.photos }
    private func say(_ text: String) { log.say(text) }
    private func warn(_ text: String) { log.warn(text) }

    /// Drawn when the store is opened to write, before the command's work: what an edit committed but never drawn
    /// left behind (a `people` or query edit stopped between its commit and its mosaics). Only stores whose
    /// mosaics are kept (some were drawn) are drawn for.
    public static func opening(photos: URL, store: any FaceStoring, toolVersion: String,
                               log: PipelineLog = .silent) throws -> Pipeline {
        let pipeline = Pipeline(photos: photos, store: store, toolVersion: toolVersion, log: log)
        let written = try pipeline.redrawKeptMosaics()
        if written > 0 { log.say("mosaics: \(written) redrawn after an edit that was not drawn") }
        return pipeline
    }

    /// The pipeline on a store opened without the writer lock, for a step that waits for it (`cluster` and
    /// `network` with `wait`): what `opening` draws is drawn once the step holds the lock.
    public static func waiting(photos: URL, store: any FaceStoring, toolVersion: String,
                               log: PipelineLog = .silent) -> Pipeline {
        var pipeline = Pipeline(photos: photos, store: store, toolVersion: toolVersion, log: log)
        pipeline.drawsUndrawnOnLock = true
        return pipeline
    }

    /// After an edit of the people, redraw: the mosaics of the people whose faces changed (the store's fingerprints
    /// say which), and none of those who are gone. Returns the number drawn.
    @discardableResult
    public func redrawAfterEdit() throws -> Int {
        try Mosaics.write(store: store, photos: folder)
    }

    /// `redrawAfterEdit` when the folder keeps mosaics (some were drawn) and the store can be written; else nothing.
    /// Returns the number drawn.
    func redrawKeptMosaics() throws -> Int {
        guard !store.isReadOnly, try !store.mosaicFingerprints().isEmpty else { return 0 }
        return try redrawAfterEdit()
    }

    /// The run parameters `extract` records for `options`.
    static func parameters(_ options: ExtractionOptions) -> [String: String] {
        [
            "detector": options.detector.rawValue, "upsample": "\(options.upsample)", "max_side": "\(options.maxSide)",
            "cnn_max_side": "\(options.cnnMaxSide)",
            "max_pixels": "\(options.maxPixels)", "jobs": "\(options.jobs)", "follow_symlinks": "\(options.followSymlinks)",
            "rotate_retry": "\(options.rotateRetry)", "landmarks": "5-point", "chip": "150px padding 0.25 jitter 0",
            "lease": "\(options.lease)", "age_gender": "\(options.ageGender)",
        ]
    }

    /// Reads the photos new or changed since the last run into the store, as one `extract` run: faces, their
    /// descriptors and crops; `progress` after each file. `models` are located by the caller, so that missing
    /// models are found before a store is made.
    @discardableResult
    public func extract(_ options: ExtractionOptions, models: ModelFiles,
                        progress: (ExtractionProgress) -> Void = { _ in },
                        ageGenderProgress: (Int, Int) -> Void = { _, _ in }) throws -> ExtractionReport {
        let parameters = Self.parameters(options)
        let reconnectionsBefore = store.reconnections
        // Stored photos are not read again, so settings that change what is found do not apply to them.
        if let last = try store.lastRunParameters(command: "extract"),
           let changed = ["detector", "upsample", "max_side"].first(where: { last[$0] != nil && last[$0] != parameters[$0] }) {
            warn("warning: photos read before with \(changed.replacingOccurrences(of: "_", with: "-")) \(last[changed]!) "
                 + "are not read again with \(parameters[changed]!); use a new --db to re-extract everything")
        }
        // Descriptors of different models cannot be compared: beginRun refuses a store made with other models.
        let checksums = try models.checksums(ageGender: options.ageGender)
        let runID = try store.beginRun(command: "extract", parameters: parameters, modelChecksums: checksums,
                                       toolVersion: toolVersion)
        return try failing(runID) {
            var report = try Extractor(photos: folder, store: store, models: models, options: options)
                .run(runID: runID, progress: progress)
            // Copies of one picture (resized, re-compressed, cropped) count once in every tie: found again whenever
            // the photos changed.
            let copies = report.extracted > 0 || report.removedPaths > 0 ? try CopyDetection.run(store: store)
                : try store.copyCount()
            // Faces stored before without age and gender get them now, without being detected again.
            let estimated = options.ageGender
                ? try AgeGenderBackfill.run(store: store, photos: folder, models: models, options: options, progress: ageGenderProgress)
                : nil
            try againIfConnectionLost { try store.finishRun(runID, status: "finished") }
            report.reconnections = store.reconnections - reconnectionsBefore
            say("extract: \(counted(report.filesSeen, "file", "files")), \(report.extracted) read, "
                + "\(report.unchanged) unchanged, \(counted(report.duplicates, "byte-identical duplicate", "byte-identical duplicates")), "
                + "\(counted(report.facesFound, "new face", "new faces")), \(report.failures.count) failed"
                + (report.warnings.isEmpty ? "" : ", \(report.warnings.count) decoded with a warning (below)")
                + (report.claimsLost > 0 ? ", \(report.claimsLost) taken over by another worker after this one's lease ran out" : "")
                + (report.reconnections > 0 ? ", reconnected to the server "
                   + (report.reconnections == 1 ? "once" : "\(report.reconnections) times") : "")
                + (report.removedPaths > 0 ? ", \(report.removedPaths) gone since the last run" : "")
                + (options.detector == .hog ? " (HOG: \(report.hogBuild) build)" : ""))
            if let estimated, estimated.faces + estimated.failures.count > 0 {
                say("extract: apparent age and gender estimated for \(counted(estimated.faces, "face", "faces")) stored before, "
                    + "in \(counted(estimated.photos, "photo", "photos"))"
                    + (estimated.failures.isEmpty ? "" : "; \(estimated.failures.count) photos could not be read again"))
                for failure in estimated.failures { warn("warning: \(printable(failure.path)): \(failure.reason)") }
            }
            if copies > 0 {
                say("extract: \(counted(copies, "photo is a copy", "photos are copies")) of another picture (resized, "
                    + "re-compressed or cropped): each picture counts once in ties (network --count-copies counts them apart)")
                // Which: the group's first stored photo stands for the picture (not necessarily the largest).
                let examples = try store.copyExamples(limit: 3)
                say("extract: one picture each: " + examples.map { "\(printable($0.copy)) and \(printable($0.original))" }
                    .joined(separator: "; ") + (copies > examples.count ? "; …" : ""))
            }
            for warning in report.warnings { warn("warning: \(printable(warning.path)): \(warning.reason)") }
            // Photos gone, or changed in place, took their faces out of people: their mosaics are redrawn (or removed
            // with the person), as after an edit, when the folder keeps mosaics; the network files are `network`'s
            // to redraw. (New photos' faces belong to no one yet: the fingerprints leave every mosaic as it is.)
            if report.changedPhotos {
                let written = try redrawKeptMosaics()
                if written > 0 {
                    say("mosaics: \(written) redrawn for the people of photos gone or changed since the last run")
                }
            }
            if !report.skippedLinks.isEmpty {
                say("extract: \(report.skippedLinks.count) symbolic links not followed (use --follow-symlinks): "
                    + report.skippedLinks.prefix(5).joined(separator: ", ") + (report.skippedLinks.count > 5 ? ", …" : ""))
            }
            return report
        }
    }

    /// Groups the stored faces into people, as one `cluster` run (edits kept), and draws what `options` asks.
    /// Waits up to `options.wait` seconds for extract workers (other processes on a PostgreSQL store) to finish.
    public func cluster(_ options: ClusterSettings) throws {
        try waitForWriters(options.wait, before: "cluster")
        // No worker writes now: photos still queued or claimed were left by extractions that did not finish.
        let open = try store.openQueue()
        if !open.isEmpty {
            warn("warning: extraction did not finish: \(counted(open.queued + open.claimed, "photo is", "photos are")) "
                 + "still queued or held by workers that stopped; clustering the faces stored so far (run "
                 + "'face-network extract' to read the rest, then cluster again)")
        }
        // Read before this run records its own: a smaller person size kept before is why people may vanish now.
        let lastSize = try store.lastRunParameters(command: "cluster")?["min_cluster_size"].flatMap { Int($0) }
        let runID = try store.beginRun(command: "cluster", parameters: options.parameters, modelChecksums: [:],
                                       toolVersion: toolVersion)
        try failing(runID) { try cluster(options, runID: runID, lastMinClusterSize: lastSize) }
    }

    /// Takes the writer lock alone before `step`, waiting up to `patience` seconds for extract workers on other
    /// processes (PostgreSQL): the people and ties are made from every photo, not from what the workers stored so far.
    /// The lock alone is not enough: a worker whose connection dropped holds no lock while it connects again, so
    /// while any worker is still within its lease (`FaceStoring.liveWorkers`) the lock is let go and waited for
    /// again. A connection this process loses while it waits is made again.
    /// - Throws: `UserError` (`stillWritten`), saying how far the extraction is, when workers are still at work after
    ///   `patience`.
    private func waitForWriters(_ patience: TimeInterval, before step: String) throws {
        let deadline = Date().addingTimeInterval(patience)
        var said = false
        while true {
            do {
                if !store.writesAlone { try store.acquireWriterLock(shared: false, patience: 0) }
                if try store.liveWorkers() == 0 {
                    if drawsUndrawnOnLock {
                        let written = try redrawKeptMosaics()
                        if written > 0 { say("mosaics: \(written) redrawn after an edit that was not drawn") }
                    }
                    return
                }
                store.releaseWriterLock()
            } catch StoreError.busy {
            } catch StoreError.connectionLost {
                store.releaseWriterLock()   // gone with the connection: looked for afresh on a new one
            }
            let open = try againIfConnectionLost { try store.openQueue() }
            guard patience > 0, Date() < deadline else { throw Self.stillWritten(storeLocation, open: open, by: step) }
            if !said {
                say("\(step): waiting for " + (open.isEmpty ? "the command writing \(storeLocation) to finish"
                    : "the extraction to finish (\(open.queued) photos queued, \(open.claimed) claimed; face-network "
                      + "status shows the workers)"))
                said = true
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// The error of a writer that found the store held by another command: `open` says whether extraction runs.
    public static func stillWritten(_ location: String, open: QueueOpen, by step: String? = nil) -> UserError {
        UserError((step.map { "\($0): " } ?? "") + "another face-network command writes \(location)"
                  + (open.isEmpty ? "" : ": extraction is still running (\(open.queued) photos queued, "
                     + "\(open.claimed) claimed; see face-network status)")
                  + "; wait for it to finish, or use --wait")
    }

    /// Where the store is, for messages.
    var storeLocation: String { (store as? FaceStore)?.path ?? "the store" }

    /// Runs `step`; when it throws, the run is recorded as failed (not left `running`) and the error goes on.
    private func failing<T>(_ runID: Int64, _ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch {
            try? store.finishRun(runID, status: "failed")
            throw error
        }
    }

    private func cluster(_ options: ClusterSettings, runID: Int64, lastMinClusterSize: Int?) throws {
        let outcome = try Reclustering.run(store: store, method: options.method, allowSamePhoto: options.allowSamePhoto,
                                           minClusterSize: options.minClusterSize, runID: runID)
        say("cluster: \(counted(outcome.faces, "face", "faces")), \(counted(outcome.people, "person", "people")), "
            + "\(counted(outcome.unassigned, "face", "faces")) unassigned"
            + (outcome.pinnedFaces + outcome.rejectedFaces == 0 ? ""
               : " (\(counted(outcome.pinnedFaces, "face", "faces")) pinned and \(outcome.rejectedFaces) rejected by edits)"))
        // Why faces are unassigned, when it is not only the edits: the person size (and a density method's noise).
        if outcome.unassigned > outcome.rejectedFaces {
            let noise: Bool
            switch options.method {
            case .dbscan, .optics: noise = true
            case .agglomerative, .chineseWhispers: noise = false
            }
            var reasons: [String] = []
            if noise { reasons.append("noise to \(options.algorithm)") }
            if options.minClusterSize > 1 {
                reasons.append("in groups of fewer than --min-cluster-size \(options.minClusterSize) faces "
                               + "(--min-cluster-size 1 keeps \(noise ? "the groups" : "every face"))")
            }
            if !reasons.isEmpty { say("cluster: the unassigned faces are " + reasons.joined(separator: " or ")) }
        }
        if let last = lastMinClusterSize, last != options.minClusterSize {
            say("cluster: --min-cluster-size \(options.minClusterSize), where the clustering before used \(last)")
        }
        if case .agglomerative(let ahc) = options.method {
            let items = Agglomerative.items(faces: outcome.faces, merges: outcome.merges ?? [])
            let limits = ahc.limits(forFaces: items)
            // Three decimals, or enough digits to tell a tiny threshold from 0.
            func shown(_ v: Float) -> String { String(format: v >= 0.001 ? "%.3f" : "%.3g", v) }
            say("cluster: \(ahc.linkage.rawValue) linkage, merging below \(shown(limits.faceThreshold)) "
                + "(two single faces) to \(shown(limits.threshold)) (large clusters)"
                + (ahc.scale == nil ? "" : " for \(counted(items, "face", "faces"))")
                + (items < outcome.faces ? " (\(counted(outcome.faces - items, "face", "faces")) joined to a copy of the same picture)" : "")
                + ((options.faceThreshold ?? 0) > limits.faceThreshold
                   ? " (--face-threshold \(options.faceThreshold!) is above the large-cluster limit, so lowered to it)" : ""))
            if let search = outcome.search { say("cluster: " + search.summary) }
        }
        if let path = options.dendrogram, let merges = outcome.merges, case .agglomerative(let ahc) = options.method {
            try writeFile(DendrogramSVG.render(merges: merges, count: outcome.faces,
                                               labels: outcome.faceIDs.map { "face \($0)" },
                                               threshold: ahc.limits(forFaces: Agglomerative.items(faces: outcome.faces, merges: merges)).threshold),
                          to: path)
            say("cluster: dendrogram of \(merges.count) merges in \(path)")
        }
        // Read once for cohesion and the doubts.
        let assigned = try AssignedFaces.load(from: store)
        let cohesion = PeopleCohesion.measure(assigned)
        let low = cohesion.filter { $0.value.isLow }.keys.sorted()
        if !low.isEmpty {
            say("cluster: \(counted(low.count, "person", "people")) of low cohesion (a face farther than \(PeopleCohesion.lowCohesionDistance) from "
                + "their medoid; see 'people list'): " + low.prefix(10).map(String.init).joined(separator: ", ")
                + (low.count > 10 ? ", …" : ""))
        }
        // Where the people are doubtful without labels: what a user can check with `people split` and `merge`.
        let doubts = PeopleDoubts().measure(assigned)
        if !doubts.splits.isEmpty || !doubts.merges.isEmpty {
            say("cluster: \(counted(doubts.splits.count, "person looks", "people look")) like two and "
                + "\(counted(doubts.merges.count, "pair looks", "pairs look")) like one person (see 'people list')")
        }
        if options.mosaic {
            let written = try redrawAfterEdit()
            say("cluster: \(counted(written, "mosaic", "mosaics")) in \(layout.clusters.path)"
                + " (drawn only for people whose faces changed)")
        }
        try store.finishRun(runID, status: "finished")
    }

    /// Links the people who appear together and writes the network files (`CollectionLayout`), as one `network`
    /// run.
    public func network(_ options: NetworkSettings) throws {
        try waitForWriters(options.wait, before: "network")
        let runID = try store.beginRun(
            command: "network",
            parameters: ["min_photos": "\(options.minPhotos)", "scale": "\(options.scale)",
                         "layout": options.layout.rawValue, "count_copies": "\(options.countCopies)",
                         Self.peopleFingerprintKey: try peopleFingerprint()],
            modelChecksums: [:], toolVersion: toolVersion)
        try failing(runID) { try network(options, runID: runID) }
    }

    private func network(_ options: NetworkSettings, runID: Int64) throws {
        try store.setCountsCopiesApart(options.countCopies)
        try store.rebuildEdges()
        let data = try NetworkData.load(from: store, photos: folder, minPhotos: options.minPhotos)
        let output = layout.data
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw UserError("cannot create \(output.path): \(fileErrorReason(error))")
        }

        let html = layout.networkPage
        try writeFile(try NetworkHTML.page(data, title: "Face network of \(folder.lastPathComponent)", scale: options.scale,
                                           photoBase: NetworkHTML.photoBase(page: output, photos: folder),
                                           layout: options.layout),
                      to: html.path)
        let svg = layout.networkSVG
        try writeFile(try NetworkSVG.svg(data, layout: options.layout, scale: options.scale), to: svg.path)
        let csv = layout.edgesCSV
        try writeFile(TableFormat.csv.render(try Report.edges.table(from: store, minPhotos: options.minPhotos)),
                      to: csv.path)
        // Counted as the report and the query shell count them: people without ties are no community.
        let (groups, loners) = Communities.groupsWithTies(data.graph, partition: data.measures.community)
        let communities = groups.count
        say("network: \(counted(data.nodes.count, "person", "people")), \(counted(data.links.count, "edge", "edges")), \(counted(communities, "community", "communities"))"
            + (loners > 0 ? " (\(loners) \(loners == 1 ? "person" : "people") without ties)" : ""))
        for problem in data.measures.problems { warn("warning: \(problem)") }
        if let note = data.measures.samplingNote { say("note: \(note)") }
        for url in [html, svg, csv] { say("  \(url.path)") }
        try store.finishRun(runID, status: "finished")
    }

    /// The closing summary: totals and every failed file with its reason.
    public func summary() throws {
        let counts = try store.counts()
        say("summary: " + [counted(counts.photos, "photo", "photos"), counted(counts.faces, "face", "faces"),
                           counted(counts.people, "person", "people"), counted(counts.edges, "edge", "edges"),
                           counted(counts.failures, "failed file", "failed files")].joined(separator: ", ")
            + (counts.cropsNotSaved > 0
               ? ", \(counted(counts.cropsNotSaved, "crop", "crops")) not saved (see 'face-network check')" : ""))
        for failure in try store.failures() {
            say("  failed: \(printable(failure.path)): \(failure.reason)")
        }
    }
}
