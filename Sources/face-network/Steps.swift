import Analysis
import Export
import Extraction
import Foundation
import Imaging
import People
import Query
import Reports
import Store

/// The three steps of the pipeline, shared by their own commands and by `run`.
enum Steps {
    /// The start of `extract` and `run`: what can be checked without the store is checked first (the HOG build
    /// asked for, the models), so that a missing model leaves no new store; then the store is opened to write and
    /// the photos extracted. Returns the photo folder and the store.
    static func extract(folder options: FolderOptions, options extractOptions: ExtractOptions) throws -> (URL, FaceStore) {
        try ExtractOptions.checkHOGBuildChoice()
        let url = try options.folder()
        let models = try ModelFiles.locate(explicit: extractOptions.models)
        let store = try options.openStore(url, writing: true)
        _ = try extract(folder: url, store: store, options: extractOptions, models: models)
        return (url, store)
    }

    private static func extract(folder: URL, store: FaceStore, options: ExtractOptions, models: ModelFiles) throws -> ExtractionReport {
        let parameters = [
            "detector": options.detector.rawValue, "upsample": "\(options.upsample)", "max_side": "\(options.maxSide)",
            "cnn_max_side": "\(options.cnnMaxSide)",
            "max_pixels": "\(options.maxPixels)", "jobs": "\(options.jobs)", "follow_symlinks": "\(options.followSymlinks)",
            "rotate_retry": "\(options.rotateRetry)", "landmarks": "5-point", "chip": "150px padding 0.25 jitter 0",
        ]
        // Stored photos are not read again, so settings that change what is found do not apply to them.
        if let last = try store.lastRunParameters(command: "extract"),
           let changed = ["detector", "upsample", "max_side"].first(where: { last[$0] != nil && last[$0] != parameters[$0] }) {
            warn("warning: photos read before with \(changed.replacingOccurrences(of: "_", with: "-")) \(last[changed]!) "
                 + "are not read again with \(parameters[changed]!); use a new --db to re-extract everything")
        }
        let runID = try store.beginRun(
            command: "extract", parameters: parameters,
            modelChecksums: try models.checksums(), toolVersion: FaceNetwork.version)
        var extraction = ExtractionOptions()
        extraction.upsample = options.upsample
        extraction.maxPixels = options.maxPixels
        extraction.maxSide = options.maxSide
        extraction.jobs = options.jobs
        extraction.followSymlinks = options.followSymlinks
        extraction.detector = options.detector
        extraction.rotateRetry = options.rotateRetry
        extraction.cnnMaxSide = options.cnnMaxSide
        let progress = ProgressReporter(stage: "extract")
        return try failing(runID, of: store) {
            let report = try Extractor(photos: folder, store: store, models: models, options: extraction)
                .run(runID: runID) { progress.update(done: $0.done, total: $0.total, faces: $0.faces) }
            try store.finishRun(runID, status: "finished")
            say("extract: \(counted(report.filesSeen, "file", "files")), \(report.extracted) read, "
                + "\(report.unchanged) unchanged, \(counted(report.duplicates, "duplicate copy", "duplicate copies")), "
                + "\(counted(report.facesFound, "new face", "new faces")), \(report.failures.count) failed"
                + (report.removedPaths > 0 ? ", \(report.removedPaths) gone since the last run" : "")
                + (options.detector == .hog ? " (HOG: \(report.hogBuild) build)" : ""))
            for warning in report.warnings { warn("warning: \(printable(warning.path)): \(warning.reason)") }
            if !report.skippedLinks.isEmpty {
                say("extract: \(report.skippedLinks.count) symbolic links not followed (use --follow-symlinks): "
                    + report.skippedLinks.prefix(5).joined(separator: ", ") + (report.skippedLinks.count > 5 ? ", …" : ""))
            }
            return report
        }
    }

    static func cluster(folder: URL, store: FaceStore, options: ClusterOptions) throws {
        let runID = try store.beginRun(command: "cluster", parameters: options.parameters, modelChecksums: [:],
                                       toolVersion: FaceNetwork.version)
        try failing(runID, of: store) { try cluster(folder: folder, store: store, options: options, runID: runID) }
    }

    /// Runs `step`; when it throws, the run is recorded as failed (not left `running`) and the error goes on.
    private static func failing<T>(_ runID: Int64, of store: FaceStore, _ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch {
            try? store.finishRun(runID, status: "failed")
            throw error
        }
    }

    private static func cluster(folder: URL, store: FaceStore, options: ClusterOptions, runID: Int64) throws {
        let outcome = try Reclustering.run(store: store, method: options.method, allowSamePhoto: options.allowSamePhoto,
                                           minClusterSize: options.minClusterSize, runID: runID)
        say("cluster: \(counted(outcome.faces, "face", "faces")), \(counted(outcome.people, "person", "people")), "
            + "\(counted(outcome.unassigned, "face", "faces")) unassigned"
            + (outcome.pinnedFaces + outcome.rejectedFaces == 0 ? ""
               : " (\(counted(outcome.pinnedFaces, "face", "faces")) pinned and \(outcome.rejectedFaces) rejected by edits)"))
        if case .agglomerative(let ahc) = options.method {
            let limits = ahc.limits(forFaces: outcome.faces)
            // Three decimals, or enough digits to tell a tiny threshold from 0.
            func shown(_ v: Float) -> String { String(format: v >= 0.001 ? "%.3f" : "%.3g", v) }
            say("cluster: \(ahc.linkage.rawValue) linkage, merging below \(shown(limits.faceThreshold)) "
                + "(two single faces) to \(shown(limits.threshold)) (large clusters)"
                + (ahc.scale == nil ? "" : " for \(counted(outcome.faces, "face", "faces"))")
                + ((options.faceThreshold ?? 0) > limits.faceThreshold
                   ? " (--face-threshold \(options.faceThreshold!) is above the large-cluster limit, so lowered to it)" : ""))
        }
        if let path = options.dendrogram, let merges = outcome.merges, case .agglomerative(let ahc) = options.method {
            try writeFile(DendrogramSVG.render(merges: merges, count: outcome.faces,
                                               labels: outcome.faceIDs.map { "face \($0)" },
                                               threshold: ahc.limits(forFaces: outcome.faces).threshold),
                          to: path)
            say("cluster: dendrogram of \(merges.count) merges in \(path)")
        }
        let cohesion = try PeopleCohesion.measure(store: store)
        let low = cohesion.filter { $0.value.isLow }.keys.sorted()
        if !low.isEmpty {
            say("cluster: \(counted(low.count, "person", "people")) of low cohesion (a face farther than \(PeopleCohesion.lowCohesionDistance) from "
                + "their medoid; see 'people list'): " + low.prefix(10).map(String.init).joined(separator: ", ")
                + (low.count > 10 ? ", …" : ""))
        }
        if options.mosaic {
            let written = try Mosaics.write(store: store, photos: folder)
            say("cluster: \(counted(written, "mosaic", "mosaics")) in \(folder.appendingPathComponent("Face Network/Clusters").path)"
                + " (drawn only for people whose faces changed)")
        }
        try store.finishRun(runID, status: "finished")
    }

    static func network(folder: URL, store: FaceStore, options: NetworkOptions) throws {
        let runID = try store.beginRun(
            command: "network",
            parameters: ["min_photos": "\(options.minPhotos)", "scale": "\(options.scale)",
                         "layout": options.layout.rawValue],
            modelChecksums: [:], toolVersion: FaceNetwork.version)
        try failing(runID, of: store) { try network(folder: folder, store: store, options: options, runID: runID) }
    }

    private static func network(folder: URL, store: FaceStore, options: NetworkOptions, runID: Int64) throws {
        try store.rebuildEdges()
        let data = try NetworkData.load(from: store, photos: folder, minPhotos: options.minPhotos)
        let output = folder.appendingPathComponent("Face Network/Data")
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        } catch {
            throw UserError("cannot create \(output.path): \(fileErrorReason(error))")
        }

        let html = output.appendingPathComponent("Image_Network.html")
        try writeFile(try NetworkHTML.page(data, title: "Face network of \(folder.lastPathComponent)", scale: options.scale,
                                           photoBase: NetworkHTML.photoBase(page: output, photos: folder),
                                           layout: options.layout),
                      to: html.path)
        let svg = output.appendingPathComponent("Image_Network.svg")
        try writeFile(try NetworkSVG.svg(data, layout: options.layout, scale: options.scale), to: svg.path)
        let csv = output.appendingPathComponent("Edges.csv")
        try writeFile(TableFormat.csv.render(try Report.edges.table(from: store, minPhotos: options.minPhotos)),
                      to: csv.path)
        // Counted as the report and the query shell count them: people without ties are no community.
        let linked = data.nodes.indices.filter { data.nodes[$0].connections > 0 }
        let communities = Set(linked.map { data.measures.community[$0] }).count
        let loners = data.nodes.count - linked.count
        say("network: \(counted(data.nodes.count, "person", "people")), \(counted(data.links.count, "edge", "edges")), \(counted(communities, "community", "communities"))"
            + (loners > 0 ? " (\(loners) \(loners == 1 ? "person" : "people") without ties)" : ""))
        for problem in data.measures.problems { warn("warning: \(problem)") }
        for url in [html, svg, csv] { say("  \(url.path)") }
        try store.finishRun(runID, status: "finished")
    }

    /// The closing summary: totals and every failed file with its reason.
    static func summary(store: FaceStore) throws {
        let counts = try store.counts()
        say("summary: " + [counted(counts.photos, "photo", "photos"), counted(counts.faces, "face", "faces"),
                           counted(counts.people, "person", "people"), counted(counts.edges, "edge", "edges"),
                           counted(counts.failures, "failed file", "failed files")].joined(separator: ", "))
        for failure in try store.failures() {
            say("  failed: \(printable(failure.path)): \(failure.reason)")
        }
    }
}
