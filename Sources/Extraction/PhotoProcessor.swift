import Foundation
import Imaging
import Store

/// What one worker made of one file, before anything is written to the store.
enum PhotoResult: Sendable {
    /// Decoded and searched for faces. `crops` holds each face's encoded crop (nil when none was made), for the
    /// store's writer to save when it stores the photo: a worker never writes a file, since the writer may find
    /// that the same bytes were stored meanwhile (a copy read by another worker, or earlier by this one).
    case extracted(NewPhoto, crops: [Data?], warnings: [Failure])
    /// Its bytes are already stored under another path.
    case duplicate(contentHash: String)
    /// Could not be used; the reason names what went wrong.
    case failed(reason: String)
}

/// Turns one photo file into faces and descriptors: read → hash → decode → detect → crops. One per worker
/// thread (it owns that worker's dlib models); it never writes to the store, so workers never contend on it.
struct PhotoProcessor {
    let root: URL
    let analyzer: FaceAnalyzer
    let options: ExtractionOptions
    /// Whether bytes with this SHA-256 are already stored (a read; safe from any thread).
    let isStored: (String) -> Bool
    /// Held while a large photo is decoded and searched, so that two workers never hold two of them at once.
    let largePhotoLock: NSLock
    /// Held while the CNN detector runs (about 1 GB each), so that workers take turns with it.
    let cnnLock: NSLock

    /// Files above this size (about 25 megapixels of JPEG) are "large": one at a time, to bound memory.
    static let largePhotoBytes = 8_000_000

    func process(_ file: PhotoFile) -> PhotoResult {
        guard file.format.isDecodable else {
            // Only HEIC and AVIF can be missing: a libheif built without its HEVC or AV1 decoder.
            return .failed(reason: "unsupported image format (\(file.format.rawValue.uppercased())): the libheif here has "
                           + "no decoder for it (Debian's libheif1 has both); or convert it to JPEG")
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            return .failed(reason: "cannot be read: \(fileErrorReason(error))")
        }
        let hash = ContentHash.sha256(data)
        if isStored(hash) { return .duplicate(contentHash: hash) }
        let large = data.count > Self.largePhotoBytes
        if large { largePhotoLock.lock() }
        defer { if large { largePhotoLock.unlock() } }

        let photo: DecodedPhoto
        do {
            photo = try PhotoDecoder.decode(data, maxPixels: options.maxPixels)
        } catch {
            return .failed(reason: "\(error)")
        }
        var image = photo.image
        var turned = 0
        var detected: [DetectedFace]
        do {
            detected = try faces(in: image)
            if detected.isEmpty, options.rotateRetry, photo.orientation == 1 {
                // EXIF orientation 6 turns the image 90° clockwise, 8 counter-clockwise.
                for (orientation, degrees) in [(6, 90), (8, 270)] {
                    let candidate = try image.oriented(orientation)
                    let found = try faces(in: candidate)
                    if !found.isEmpty {
                        (image, detected, turned) = (candidate, found, degrees)
                        break
                    }
                }
            }
        } catch {
            return .failed(reason: "\(error)")
        }
        var warnings: [Failure] = []
        if turned != 0 {
            warnings.append(Failure(path: file.relativePath, reason: "no face upright; \(detected.count) found turned \(turned)° clockwise (--rotate-retry)"))
        }
        if let warning = photo.warning {
            warnings.append(Failure(path: file.relativePath, reason: "decoded with a warning: \(warning)"))
        }
        if photo.pages > 1 {
            let kind = photo.format == .tiff ? "pages" : photo.format == .heic || photo.format == .avif ? "images" : "frames"
            warnings.append(Failure(path: file.relativePath,
                                    reason: "\(photo.pages) \(kind): only the first was read, \(photo.pages - 1) skipped"))
        }
        var faces: [NewFace] = []
        var crops: [Data?] = []
        for (i, face) in detected.enumerated() {
            var cropPath: String? = nil, cropError: String? = nil, crop: Data? = nil
            if options.saveCrops {
                let relative = FaceCrops.relativePath(photoPath: file.relativePath, index: i + 1)
                do {
                    crop = try FaceCrops.encode(image, box: face.box, for: relative)
                    cropPath = relative
                } catch {
                    cropError = "\(error)"
                    warnings.append(Failure(path: file.relativePath, reason: "face \(i + 1): crop not saved: \(error)"))
                }
            }
            faces.append(NewFace(box: face.box, score: face.score, landmarks: face.landmarks,
                                 descriptor: face.descriptor, cropPath: cropPath, cropError: cropError,
                                 age: face.age, gender: face.gender))
            crops.append(crop)
        }
        return .extracted(NewPhoto(
            path: file.relativePath, contentHash: hash, byteSize: data.count, modifiedAt: file.modifiedAt,
            format: photo.format.rawValue, width: image.width, height: image.height,
            orientation: photo.orientation, turnedDegrees: turned, takenAt: photo.takenAt, cameraMake: photo.cameraMake,
            cameraModel: photo.cameraModel, cameraSerial: photo.cameraSerial, decodeWarning: photo.warning,
            faces: faces), crops: crops, warnings: warnings)
    }
}

extension PhotoProcessor {
    /// The longest side detection may see: `maxSide`, and for the memory-hungry CNN also `cnnMaxSide`.
    var detectionSide: Int {
        let limits = [options.maxSide, analyzer.detector == .cnn ? options.cnnMaxSide : 0].filter { $0 > 0 }
        return limits.min() ?? 0
    }

    /// Faces in `image`, detected on a copy scaled to `detectionSide` when the image is larger.
    func faces(in image: RGBImage) throws -> [DetectedFace] {
        if analyzer.detector == .cnn { cnnLock.lock() }
        defer { if analyzer.detector == .cnn { cnnLock.unlock() } }
        let side = detectionSide
        guard side > 0, max(image.width, image.height) > side else {
            return try analyzer.faces(in: image, upsample: options.upsample)
        }
        // Detect on a downscaled working copy; landmarks, descriptors and crops use full resolution.
        let small = try image.fitted(in: side)
        return try analyzer.faces(in: image, detectingOn: small, scale: Double(small.width) / Double(image.width),
                                  upsample: options.upsample)
    }
}
