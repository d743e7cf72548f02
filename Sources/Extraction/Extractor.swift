import Foundation
import Imaging
import Store

/// Settings of one extraction.
public struct ExtractionOptions: Sendable {
    /// How many times the HOG detector upsamples each photo (face_recognition's default is 1).
    public var upsample: Int = 1
    /// Photos with more pixels than this are refused by name before decoding (0: no limit). HOG with one
    /// upsample needs about 12 bytes per pixel, so 100 MP stays near 1.2 GB.
    public var maxPixels: Int = 100_000_000
    /// Write a crop of every face into `<photos>/Face Network/Faces`.
    public var saveCrops: Bool = true
    public init() {}
}

/// What an extraction did, for the summary.
public struct ExtractionReport: Sendable {
    public var filesSeen = 0
    public var extracted = 0           // photos decoded and searched for faces in this run
    public var unchanged = 0           // paths skipped because an earlier run read them
    public var duplicates = 0          // new paths whose bytes were already stored under another path
    public var facesFound = 0          // faces found in this run
    public var removedPaths = 0        // paths gone from the folder since the last run
    public var failures: [Failure] = []
    /// Photos decoded with a warning (for example truncated files), kept with their faces.
    public var warnings: [Failure] = []
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
/// Incremental and resumable: a path whose size and modification time match the store is skipped; the same bytes
/// under a new path are recorded as another path of the stored photo; each photo is stored with its faces in one
/// transaction, so a run killed at any point is finished by the next one. A file that cannot be read or decoded
/// is recorded in `failures` with the reason and the run goes on.
public final class Extractor {
    let root: URL
    let store: FaceStore
    let analyzer: FaceAnalyzer
    let options: ExtractionOptions

    public init(photos root: URL, store: FaceStore, analyzer: FaceAnalyzer, options: ExtractionOptions = .init()) {
        self.root = root.standardizedFileURL
        self.store = store
        self.analyzer = analyzer
        self.options = options
    }

    public func run(runID: Int64?, progress: (ExtractionProgress) -> Void = { _ in }) throws -> ExtractionReport {
        var report = ExtractionReport()
        let walk = PhotoWalker.walk(root)
        for item in walk.unreadable {
            try store.recordFailure(path: item.path, reason: item.reason, runID: runID)
            report.failures.append(Failure(path: item.path, reason: item.reason))
        }
        let known = try store.knownPaths()
        report.filesSeen = walk.files.count
        var faces = 0
        for (index, file) in walk.files.enumerated() {
            if let seen = known[file.relativePath], seen.fileSize == file.size, seen.modifiedAt == file.modifiedAt {
                report.unchanged += 1
            } else {
                do {
                    faces += try process(file, report: &report)
                } catch let failure as FileFailure {
                    try store.recordFailure(path: file.relativePath, reason: failure.reason, runID: runID)
                    report.failures.append(Failure(path: file.relativePath, reason: failure.reason))
                }
            }
            progress(ExtractionProgress(done: index + 1, total: walk.files.count, faces: faces, path: file.relativePath))
        }
        report.facesFound = faces
        var present = Set(walk.files.map(\.relativePath))
        present.formUnion(walk.unreadable.map(\.path))
        report.removedPaths = try store.removePaths(notIn: present)
        return report
    }

    /// A reason a single file was not used; the run goes on.
    struct FileFailure: Error { let reason: String }

    /// Extracts one file; returns the number of faces found. Store errors propagate (they stop the run).
    private func process(_ file: PhotoFile, report: inout ExtractionReport) throws -> Int {
        guard file.format.isDecodable else {
            throw FileFailure(reason: "unsupported image format (\(file.format.rawValue.uppercased())); convert it to JPEG or PNG")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            throw FileFailure(reason: "cannot be read: \(PhotoWalker.reason(error))")
        }
        let hash = ContentHash.sha256(data)
        if let existing = try store.photoID(contentHash: hash) {
            try store.addPath(file.relativePath, toPhoto: existing, fileSize: file.size, modifiedAt: file.modifiedAt)
            report.duplicates += 1
            return 0
        }
        let photo: DecodedPhoto
        do {
            photo = try PhotoDecoder.decode(data, maxPixels: options.maxPixels)
        } catch {
            throw FileFailure(reason: "\(error)")
        }
        let detected: [DetectedFace]
        do {
            detected = try analyzer.faces(in: photo.image, upsample: options.upsample)
        } catch {
            throw FileFailure(reason: "\(error)")
        }
        var faces: [NewFace] = []
        for (i, face) in detected.enumerated() {
            var cropPath: String? = nil
            if options.saveCrops {
                let relative = FaceCrops.relativePath(photoPath: file.relativePath, index: i + 1)
                do {
                    try FaceCrops.write(photo.image, box: face.box, to: root.appendingPathComponent(relative))
                    cropPath = relative
                } catch {
                    report.warnings.append(Failure(path: file.relativePath, reason: "face \(i + 1): crop not saved: \(error)"))
                }
            }
            faces.append(NewFace(box: face.box, score: face.score, landmarks: face.landmarks,
                                 descriptor: face.descriptor, cropPath: cropPath))
        }
        if let warning = photo.warning {
            report.warnings.append(Failure(path: file.relativePath, reason: "decoded with a warning: \(warning)"))
        }
        try store.insertPhoto(NewPhoto(
            path: file.relativePath, contentHash: hash, byteSize: data.count, modifiedAt: file.modifiedAt,
            format: photo.format.rawValue, width: photo.image.width, height: photo.image.height,
            orientation: photo.orientation, takenAt: photo.takenAt, cameraMake: photo.cameraMake,
            cameraModel: photo.cameraModel, cameraSerial: photo.cameraSerial, decodeWarning: photo.warning,
            faces: faces))
        report.extracted += 1
        return faces.count
    }
}
