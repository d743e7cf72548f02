import Foundation
import Imaging
import Store

/// Apparent age and gender for faces stored before `extract --age-gender`, without detecting them again: each photo
/// is decoded as extraction decoded it (EXIF orientation, then the turn `--rotate-retry` recorded) and each face's
/// stored box and 5 landmarks give the networks' chips, so the estimates equal those a fresh extraction with the
/// flag makes (the landmarks are stored as float32: chips may differ by a fraction of a pixel's rounding).
public enum AgeGenderBackfill {
    public struct Report: Sendable {
        public var photos = 0
        public var faces = 0
        /// Photos whose faces could not be estimated, with the reason (the file is gone or changed since it was
        /// read); their faces stay without age and gender until a later run.
        public var failures: [Failure] = []
    }

    /// Estimates every face of `store` that has no age yet, `options.jobs` photos at a time, storing them photo by
    /// photo (an interrupted run keeps what it did). `progress` gets (photos done, photos to do).
    ///
    /// Shared by extract workers on one PostgreSQL store: each starts at its own place in the list (by host and
    /// process id), skips a photo whose faces were estimated since it listed them, and stores only estimates no
    /// other worker stored first, so the workers' counts add up to the faces estimated.
    /// - Throws: `FaceAnalyzerError` when the models cannot be loaded; store errors.
    public static func run(store: any FaceStoring, photos root: URL, models: ModelFiles, options: ExtractionOptions,
                           progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        let faces = try store.facesWithoutAgeGender()
        var report = Report()
        guard !faces.isEmpty else { return report }
        var byPhoto: [[FaceWithoutAgeGender]] = []
        for face in faces {
            if byPhoto.last?.first?.photoID == face.photoID { byPhoto[byPhoto.count - 1].append(face) } else { byPhoto.append([face]) }
        }
        // Other workers may be at it too (PostgreSQL): start where they are unlikely to be, and skip what they did.
        let shared = !store.writesAlone
        if shared {
            let start = Int(Self.placeKey() % UInt64(byPhoto.count))
            byPhoto = Array(byPhoto[start...] + byPhoto[..<start])
        }
        // One analyzer up front: a missing model is one clear error.
        let first = try FaceAnalyzer(models: models, detector: options.detector, ageGender: true)
        let spare = AnalyzerHandOff(first)
        let queue = OrderedWorkQueue<[FaceWithoutAgeGender], Result<[(face: Int64, age: Float, gender: Float)], Failure>>(byPhoto)
        let maxPixels = options.maxPixels
        queue.start(workers: max(1, min(options.jobs, byPhoto.count))) {
            let analyzer = spare.take() ?? (try? FaceAnalyzer(models: models, detector: options.detector, ageGender: true))
            return { faces in
                guard let analyzer else { return .failure(Failure(path: faces[0].path, reason: "the age and gender models could not be loaded")) }
                if shared, (try? store.facesWithoutAgeGender(inPhoto: faces[0].photoID)) == 0 { return .success([]) }
                return estimate(faces, root: root, analyzer: analyzer, maxPixels: maxPixels)
            }
        }
        defer { queue.cancel() }
        for index in byPhoto.indices {
            switch queue.result(index) {
            case .success(let estimates):
                let stored = try againIfConnectionLost { try store.setAgeGender(estimates) }
                if stored > 0 { report.photos += 1 }
                report.faces += stored
            case .failure(let failure):
                report.failures.append(failure)
            }
            progress(index + 1, byPhoto.count)
        }
        return report
    }

    /// A number that differs between processes (and machines): FNV-1a of the host name and process id.
    static func placeKey() -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "\(ProcessInfo.processInfo.hostName) \(ProcessInfo.processInfo.processIdentifier)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100000001b3
        }
        return hash
    }

    /// The estimates for the faces of one photo (all of `faces` share it).
    static func estimate(_ faces: [FaceWithoutAgeGender], root: URL, analyzer: FaceAnalyzer,
                         maxPixels: Int) -> Result<[(face: Int64, age: Float, gender: Float)], Failure> {
        let path = faces[0].path
        do {
            let data = try Data(contentsOf: root.appendingPathComponent(path))
            guard ContentHash.sha256(data) == faces[0].contentHash else {
                return .failure(Failure(path: path, reason: "changed since its faces were read: no age and gender estimated "
                                        + "(extract reads it again)"))
            }
            var image = try PhotoDecoder.decode(data, maxPixels: maxPixels).image
            // The turn --rotate-retry kept: EXIF orientation 6 turns 90° clockwise, 8 counter-clockwise.
            switch faces[0].turnedDegrees {
            case 90: image = try image.oriented(6)
            case 270: image = try image.oriented(8)
            default: break
            }
            let estimates = try analyzer.ageAndGender(of: faces.map { ($0.box, $0.landmarks) }, in: image)
            return .success(zip(faces, estimates).map { ($0.faceID, $1.age, $1.gender) })
        } catch {
            return .failure(Failure(path: path, reason: "no age and gender estimated: \(error)"))
        }
    }
}
