import ArgumentParser
import Extraction
import Foundation
import People
import Pipeline
import Reports
import Store

/// `face-network find <photos> <image>`: who each face of a photo is in the collection, as the original tool's
/// `find` did ("where else is this person?").
struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find the people of a photo in the collection: who each face is and how many photos show them.",
        discussion: """
        The photo need not be in the collection. Its faces are found as extract finds them (the collection's detector, \
        EXIF orientation applied) and each is matched to the person whose faces are nearest on average (average \
        linkage), when that mean is below the limit the clustering merges a face into a person of that size by \
        (docs/clustering.md); else to no one, and then the unassigned faces like it are listed under 'also'. One row \
        per face, numbered left to right.
        """)

    @OptionGroup var folder: FolderOptions

    @Argument(help: "The photo to look for (any format extract reads).")
    var image: String

    @Option(help: "table, csv or json.")
    var format: TableFormat = .table

    @Option(parsing: .unconditional, help: "One average-linkage limit (descriptor distance) instead of the clustering's, e.g. 0.5.")
    var threshold: Float?

    @Flag(help: "One row per photo of each person found, with its path.")
    var photos = false

    @Option(help: "Folder holding the dlib model files (default: $FACE_NETWORK_MODELS, else Models/).")
    var models: String?

    func validate() throws {
        if let threshold, !(threshold > 0 && threshold < 2) {
            throw ValidationError("--threshold must be above 0 and below 2")
        }
        // An empty path would name the current folder ("a folder, not a photo"), which is not what was mistyped.
        if image.isEmpty { throw ValidationError("the photo to look for is an empty path") }
    }

    func run() throws {
        let url = try folder.folder()
        let imageURL = URL(fileURLWithPath: image).standardizedFileURL
        // What the path names, through symbolic links, before the models load: a device, pipe or socket is no photo
        // file either (reading /dev/null or a FIFO would fail with a misleading reason).
        if let reason = ImageFaceReader.notAPhotoFile(imageURL) {
            throw UserError("\(imageURL.path): \(reason); find takes one photo file")
        }
        let models = try ModelFiles.locate(explicit: self.models)
        let store = try folder.openStore(url, creating: false)
        let pipeline = Pipeline(photos: url, store: store, toolVersion: FaceNetwork.version, log: .commandLine)
        let found: [FoundFace]
        do {
            found = try pipeline.find(imageURL, reader: try pipeline.imageReader(models: models), threshold: threshold)
        } catch let error as ImageFaceError {
            throw UserError(error.description)
        } catch let error as FaceAnalyzerError {
            throw UserError(error.description)
        }
        let table = try FaceFinder.table(found, photosOf: photos ? photosOf(found, store) : nil,
                                         pathOfFace: FaceFinder.pathsOfUnassignedLike(found, in: store))
        try writeStandardOutput(format.render(table))
        if format == .table {
            let matched = found.filter { $0.match != nil }.count
            say("find: \(counted(found.count, "face", "faces")) in \(printable(imageURL.path))"
                + (found.isEmpty ? "" : ": \(matched) matched, \(found.count - matched) no one in the collection"))
        }
    }

    private func photosOf(_ found: [FoundFace], _ store: FaceStore) throws -> [Int64: [String]] {
        var result: [Int64: [String]] = [:]
        for person in Set(found.compactMap { $0.match?.person }) {
            let table = try store.photos(showing: [person], during: nil)
            let column = table.columns.firstIndex(of: "path") ?? 1
            result[person] = table.rows.compactMap { $0[column].text }
        }
        return result
    }
}
