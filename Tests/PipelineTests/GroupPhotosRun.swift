import Analysis
import Extraction
import Foundation
import Pipeline
import Store
import XCTest

/// What `face-network run` does, with its defaults, run in process through the pipeline on a copy of
/// ../shared/data/group-photos, made once per test process and shared by the tests that read its output
/// (extracting its 42 photos takes about half a minute). The copy is removed when the test process ends.
enum GroupPhotosRun {
    /// The copied photo folder (its store and outputs under `Face Network/`) and what `run` printed.
    static func shared() throws -> (folder: URL, result: CLIResult) {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return try cached.get() }
        let made = Result { try make() }
        cached = made
        return try made.get()
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: Result<(folder: URL, result: CLIResult), Error>?
    nonisolated(unsafe) private static var root: URL?

    private static func make() throws -> (folder: URL, result: CLIResult) {
        let shared = try Fixtures.sharedData()
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-group-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        root = parent
        atexit { if let root = GroupPhotosRun.root { try? FileManager.default.removeItem(at: root) } }
        let folder = parent.appendingPathComponent("group-photos")
        try FileManager.default.copyItem(at: shared.appendingPathComponent("group-photos"), to: folder)
        return (folder, run(folder))
    }

    /// Extract, cluster and network with the command line's defaults, and the summary; what the pipeline said
    /// as standard output, its warnings and a failure as standard error.
    private static func run(_ folder: URL) -> CLIResult {
        let said = PipelineOutput()
        do {
            let store = try FaceStore(path: CollectionLayout(photos: folder).store.path, writing: true)
            let pipeline = try Pipeline.opening(photos: folder, store: store, toolVersion: "test",
                                                log: said.log)
            try pipeline.extract(ExtractionOptions(), models: try ModelFiles.locate(explicit: Fixtures.models.path))
            try pipeline.cluster(ClusterSettings(method: .agglomerative(Agglomerative(minClusterSize: 2))))
            try pipeline.network(NetworkSettings())
            try pipeline.summary()
            return CLIResult(status: 0, stdout: said.stdout, stderr: said.stderr)
        } catch {
            said.log.warn("error: \(error)")
            return CLIResult(status: 1, stdout: said.stdout, stderr: said.stderr)
        }
    }
}
