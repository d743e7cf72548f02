import Foundation
import Imaging
import Store

/// The faces of single image files from outside a collection (the photo `find` is given, the reference photos of
/// `people name-from`), found and described exactly as `extract` finds them in the collection: decoded upright
/// (EXIF orientation applied), detected with the collection's detector, upsampling and detection size, one 128-d
/// descriptor per face. Nothing is written anywhere. Not thread-safe (one dlib context).
public struct ImageFaceReader {
    private let processor: PhotoProcessor

    /// Loads the models (about 0.4 s). `options` should be those the collection was extracted with
    /// (`ExtractionOptions(recorded:)`), so that the descriptors are comparable.
    /// - Throws: `FaceAnalyzerError` when a model cannot be loaded.
    public init(models: ModelFiles, options: ExtractionOptions) throws {
        processor = PhotoProcessor(root: URL(fileURLWithPath: "/"), analyzer: try FaceAnalyzer(models: models, detector: options.detector, ageGender: options.ageGender),
                                   options: options, isStored: { _ in false }, largePhotoLock: NSLock(), cnnLock: NSLock())
    }

    /// The faces of the image at `url`, in the detector's order.
    /// - Throws: `ImageFaceError` naming the file: unreadable, not an image format this tool reads, undecodable, or a
    ///   detection error.
    public func faces(inFile url: URL) throws -> [DetectedFace] {
        if let reason = Self.notAPhotoFile(url) { throw ImageFaceError(path: url.path, reason: reason) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImageFaceError(path: url.path, reason: "cannot be read: \(fileErrorReason(error))")
        }
        guard let format = ImageFormat.sniff(data.prefix(ImageFormat.headerLength)) else {
            throw ImageFaceError(path: url.path, reason: data.isEmpty ? "empty file (0 bytes)"
                          : "not an image format this tool reads (JPEG, PNG, HEIC, AVIF, WebP, TIFF, GIF, BMP)")
        }
        guard format.isDecodable else {
            throw ImageFaceError(path: url.path, reason: "unsupported image format (\(format.rawValue.uppercased())): the libheif here has no decoder for it")
        }
        do {
            let photo = try PhotoDecoder.decode(data, maxPixels: processor.options.maxPixels)
            return try processor.faces(in: photo.image)
        } catch {
            throw ImageFaceError(path: url.path, reason: "\(error)")
        }
    }
}

extension ImageFaceReader {
    /// Why a file whose name is in an older encoding cannot be read by the name it was given or listed under (its
    /// undecodable bytes were replaced on the way): find, the query shell and name-from say it alike.
    public static let notUTF8 = "its name is not UTF-8 (an older encoding, such as Latin-1), so it cannot be opened "
        + "by it; rename it to UTF-8 (for example with convmv -f latin1 -t utf-8 -r --notest)"

    /// Why `url` is no photo file to read, or nil when it names a regular file (through symbolic links). Said
    /// before reading, because reading says it badly: a FIFO waits for a writer, /dev/null reads as "Permission
    /// denied" or as empty, and a symbolic link to nothing reads as a file that is not there.
    public static func notAPhotoFile(_ url: URL) -> String? {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            let error = errno
            var link = stat()
            if error == ENOENT, lstat(url.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "a path"
                return "a symbolic link to \(target), which does not exist"
            }
            if error == ENOENT, url.path.unicodeScalars.contains("\u{FFFD}") {
                // A name in an older encoding reaches here with its undecodable bytes replaced: the file may well
                // be there under its real name.
                return notUTF8
            }
            return error == ENOENT ? "no such file" : "cannot be read: \(String(cString: strerror(error)))"
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder, not a photo"
        default: return "not a regular file (a device, pipe or socket), not a photo"
        }
    }
}

extension ExtractionOptions {
    /// The options a collection was extracted with, from the parameters its latest `extract` run recorded
    /// (`Pipeline.parameters`): detector, upsampling, detection size and pixel limit; defaults for what is missing.
    public init(recorded parameters: [String: String]?) {
        self.init()
        guard let parameters else { return }
        if let value = parameters["detector"].flatMap(FaceDetector.init(rawValue:)) { detector = value }
        if let value = parameters["upsample"].flatMap(Int.init) { upsample = value }
        if let value = parameters["max_side"].flatMap(Int.init) { maxSide = value }
        if let value = parameters["cnn_max_side"].flatMap(Int.init) { cnnMaxSide = value }
        if let value = parameters["max_pixels"].flatMap(Int.init) { maxPixels = value }
    }
}

/// An image file whose faces could not be read, and why.
public struct ImageFaceError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}
