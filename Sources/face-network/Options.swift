import Analysis
import ArgumentParser
import Export
import Foundation
import Extraction
import Imaging
import People
import Pipeline
import Query
import Reports
import Store
import StorePostgres


/// The photo folder and the database every command works on.
struct FolderOptions: ParsableArguments {
    @Argument(help: "The photo folder (searched recursively).")
    var photos: String

    @Option(help: ArgumentHelp(
        "The store: a SQLite file (default: <photos>/Face Network/Data/FaceNetwork.sqlite; also $FACE_NETWORK_DB), or "
            + "a PostgreSQL database, postgresql://USER@HOST:PORT/DATABASE[?schema=NAME] (password from PGPASSWORD or "
            + "~/.pgpass; see docs/scale-out.md).",
        valueName: "file-or-url"))
    var db: String?

    /// `--db`, else `$FACE_NETWORK_DB` when it is set and not blank.
    var database: String? {
        db ?? ProcessInfo.processInfo.environment["FACE_NETWORK_DB"].flatMap {
            $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0
        }
    }

    /// The PostgreSQL store named by `database`, if it names one.
    /// - Throws: `UserError` when the URL cannot be read (the message never shows the URL, which may hold a password).
    func postgresLocation() throws -> PostgresLocation? {
        // A mistyped URL (one slash, none) must not become a SQLite file named with its password, nor be printed.
        if let database, database.lowercased().hasPrefix("postgres"), database.contains(":"),
           !PostgresLocation.isURL(database) {
            throw UserError("--db: a PostgreSQL URL starts with postgresql:// or postgres:// (two slashes), "
                            + "then USER@HOST:PORT/DATABASE")
        }
        if let database, database.contains("://"), !PostgresLocation.isURL(database) {
            throw UserError("--db: only PostgreSQL URLs (postgresql://USER@HOST:PORT/DATABASE) or SQLite file paths are "
                            + "stores; \(database.prefix(while: { $0 != ":" }))://… is neither")
        }
        guard let database, PostgresLocation.isURL(database) else { return nil }
        do { return try PostgresLocation(url: database) } catch {
            throw UserError("--db: the PostgreSQL URL cannot be read: \(error)")
        }
    }

    /// The SQLite file the commands use (when the store is not in PostgreSQL).
    func sqlitePath(_ folder: URL) -> String {
        database.flatMap { PostgresLocation.isURL($0) ? nil : $0 } ?? CollectionLayout(photos: folder).store.path
    }

    /// Where the store is, for messages: the SQLite path or the PostgreSQL URL without its password.
    func storeLocation(_ folder: URL) -> String {
        (try? postgresLocation())??.description ?? sqlitePath(folder)
    }

    /// Why `path` cannot be this command's output file (`writeProblem`), the store's files (SQLite) among what it
    /// must not replace; nil when it can. "-" (standard output) is always fine.
    func outputProblem(_ path: String, option: String, alsoProtecting others: [ProtectedFile] = []) -> String? {
        guard path != "-" else { return nil }
        let folder = photoFolderURL
        let store = (try? postgresLocation()) == nil ? storeFiles(sqlitePath(folder)) : []
        return writeProblem(path, option: option, protecting: store + others)
    }

    /// The photo folder's absolute path as given, with `.` and `..` taken out: by the kernel (`resolved`) when there
    /// is a `..`, since after a symbolic link it leads out of the link's target, not back to where the link is.
    var photoFolderURL: URL {
        let url = URL(fileURLWithPath: photos)
        guard url.pathComponents.contains("..") else { return url.standardizedFileURL }
        return URL(fileURLWithPath: resolved(url.path), isDirectory: true)
    }

    /// The photo folder as an absolute URL. Throws a clear error when it is missing or not a readable folder.
    func folder() throws -> URL {
        guard !photos.isEmpty else { throw UserError("the photo folder is an empty path") }
        let url = photoFolderURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw UserError("the photo folder \(url.path) does not exist")
        }
        guard isDirectory.boolValue else { throw UserError("\(url.path) is a file, not a folder of photos") }
        guard url.lastPathComponent != CollectionLayout.folderName else {
            throw UserError("\(url.path) is face-network's output folder; give the photo folder that holds it")
        }
        guard FileManager.default.isReadableFile(atPath: url.path),
              (try? FileManager.default.contentsOfDirectory(atPath: url.path)) != nil else {
            throw UserError("the photo folder \(url.path) cannot be read (permission denied)")
        }
        return url
    }

    /// Opens the store; `creating: false` (the commands that read what extract wrote) refuses to make a new one, or
    /// to take an empty file for one; `writing` (extract, cluster, network, run) takes the run lock at once, waiting
    /// up to `patience` seconds for another writer, `shared` with other extract workers on PostgreSQL.
    func openStore(_ folder: URL, creating: Bool = true, writing: Bool = false, shared: Bool = false,
                   patience: TimeInterval = 1) throws -> FaceStore {
        if let place = try postgresLocation() {
            return try FaceStore(backend: try PostgresBackend(place: place, writing: writing, shared: shared,
                                                              patience: patience, creating: creating))
        }
        if let db = database {
            guard !db.trimmingCharacters(in: .whitespaces).isEmpty else { throw UserError("--db needs a file path") }
            let parent = URL(fileURLWithPath: db).deletingLastPathComponent().path
            var parentIsFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &parentIsFolder), parentIsFolder.boolValue else {
                throw UserError("--db \(db): the folder \(parent) does not exist")
            }
        }
        let path = sqlitePath(folder)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UserError("--db \(path) is a folder; give the path of a database file")
        }
        if !creating {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size, size > 0 else {
                // A store being created is missing or empty for a moment: the extraction making it holds the lock.
                if FaceStore.isBeingWritten(path: path) { throw StoreError.busy(path: path) }
                throw UserError("no face-network database at \(path)\(size == 0 ? " (the file is empty)" : ""): "
                                + "run face-network extract \(shellWord(folder.path)) (or run) first")
            }
        }
        return try FaceStore(path: path, writing: writing, patience: patience)
    }
}

struct ExtractOptions: ParsableArguments {
    @Option(help: "Face detector: hog (fast, frontal faces) or cnn (dlib's MMOD CNN: more faces, 20-50x slower on a CPU).")
    var detector: FaceDetector = .hog

    // Numeric options take the next word unconditionally: otherwise ArgumentParser reads "-1" as a short flag and
    // says the value is missing, where the range check names what is allowed.
    @Option(parsing: .unconditional, help: "How many times the detector upsamples each photo; 1 finds faces down to about 40 px with HOG.")
    var upsample: Int = 1

    @Flag(help: "When a photo without an EXIF orientation has no face, look again turned 90° each way.")
    var rotateRetry = false

    @Option(parsing: .unconditional, help: "With --detector cnn, detect on a copy at most this long (0: only --max-side applies); dlib's CNN needs about 1 GB per megapixel.")
    var cnnMaxSide: Int = 600

    @Option(parsing: .unconditional, help: "Refuse photos with more pixels than this (0: no limit).")
    var maxPixels: Int = 100_000_000

    @Option(parsing: .unconditional, help: "Detect faces on a copy scaled to this long side in pixels (0: full size, unbounded memory); descriptors and crops stay full size.")
    var maxSide: Int = 4000

    @Option(help: "Folder holding the dlib model files (default: $FACE_NETWORK_MODELS, else Models/).")
    var models: String?

    @Flag(help: "Estimate each face's apparent age (years) and gender (p(female), 0 = male … 1 = female); faces stored before get them without being detected again.")
    var ageGender = false

    @Option(parsing: .unconditional, help: "Worker threads, each with its own models (about 60 MB each). Default: one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Follow symbolic links to folders and photos (loops are detected).")
    var followSymlinks = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Seconds a claimed photo stays this process's without a heartbeat: a worker killed or cut off loses its photos "
            + "to the others after this long (see docs/scale-out.md).", valueName: "seconds"))
    var lease: Double = 60

    @Flag(help: "Forget the stored photos no longer under the folder even when they are most of them (otherwise extract stops: the wrong folder, a subfolder or a missing mount would empty a shared store).")
    var removeMissing = false

    @Flag(help: "Read again the photos given up because they stopped two workers (killed, out of memory, crashed).")
    var retryFailed = false

    func validate() throws {
        guard (0...4).contains(upsample) else { throw ValidationError("--upsample must be from 0 to 4") }
        guard cnnMaxSide == 0 || cnnMaxSide >= 64 else { throw ValidationError("--cnn-max-side must be 0 (off) or at least 64") }
        guard maxSide == 0 || maxSide >= 64 else { throw ValidationError("--max-side must be 0 (off) or at least 64") }
        guard maxPixels >= 0 else { throw ValidationError("--max-pixels must be 0 or more") }
        guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be from 1 to 256") }
        guard lease.isFinite, (2...86_400).contains(lease) else {
            throw ValidationError("--lease must be from 2 to 86400 seconds")
        }
    }
}

extension ExtractOptions {
    /// FACE_NETWORK_HOG, read by CDlib when the first detector loads, checked first so that a typo is not silently
    /// the default. An environment variable, not an option: an error without the usage text.
    static func checkHOGBuildChoice() throws {
        if let build = ProcessInfo.processInfo.environment["FACE_NETWORK_HOG"], !["", "auto", "baseline"].contains(build) {
            throw UserError("FACE_NETWORK_HOG=\(build) names no HOG build: use auto (the AVX2 build on CPUs with AVX2 "
                            + "and FMA, the default) or baseline (lower case)")
        }
    }
}

/// `--wait`, of cluster and network (run always waits for the other extract workers once its own work is done).
struct WaitOption: ParsableArguments {
    @Flag(help: "When extract workers (other processes on a PostgreSQL store) or another command still write the store, wait for them instead of stopping.")
    var wait = false

    var seconds: TimeInterval { wait ? .infinity : 0 }
}

/// Whether cluster and run draw the people's mosaics (cluster-descriptors has no faces to draw).
struct MosaicOption: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Write one mosaic of face tiles per person into Face Network/Clusters.")
    var mosaic: Bool = true
}

struct ClusterOptions: ParsableArguments {
    @Option(help: "Clustering algorithm: ahc (agglomerative, the default), chinese-whispers, dbscan or optics.")
    var algorithm: ClusterAlgorithm = .ahc

    @Option(parsing: .unconditional, help: "chinese-whispers: edge threshold (default 0.5); ahc: merge while the linkage distance is below this, in descriptor distance (default: 0.59 at 8,000 faces, counting copies of one picture once, 0.015 more per tenfold fewer faces down to 500, less for more; given, it is used as is).")
    var threshold: Float?

    // Options of one algorithm are optional so that giving one to another algorithm is an error, not ignored;
    // a value not given is the algorithm type's own default (`method`).
    @Option(help: "ahc: single, complete or average linkage. (default: average)")
    var linkage: Agglomerative.Linkage?

    @Option(parsing: .unconditional, help: "ahc: the threshold for two single faces, rising to --threshold for larger clusters (default: 0.505 at 8,000 faces, following the number of faces as --threshold does; never above --threshold); set it to --threshold (with --separation 0 --copy-radius 0 --density-neighbours 0) for textbook AHC.")
    var faceThreshold: Float?

    @Option(parsing: .unconditional, help: "ahc: clusters of 2+ faces merge only within this many times their mean internal spread (0: off). (default: 1.3)")
    var separation: Float?

    @Option(parsing: .unconditional, help: "ahc: spreads below this count as this in the --separation rule. (default: 0.35)")
    var spreadFloor: Float?

    @Option(parsing: .unconditional, help: "ahc: faces of different photos closer than this are copies of one picture, clustered as one (0: off). (default: 0.15)")
    var copyRadius: Float?

    @Option(parsing: .unconditional, help: "ahc: limits tighten around a face when this many other people (a preliminary clustering's groups) lie within --density-reference (0: off). (default: 5)")
    var densityNeighbours: Int?

    @Option(parsing: .unconditional, help: "ahc: the distance within which --density-neighbours are counted; distances scale by sqrt(this / the distance to the last of them). (default: 0.58)")
    var densityReference: Float?

    @Option(help: "ahc: write the dendrogram of the merges as SVG to this file.")
    var dendrogram: String?

    @Flag(help: "ahc: compare every pair of faces, at any size. By default from 200,000 faces the pairs within the limits are found through an inverted-file index (k-means groups, probes measured to find 99.9 % of a sample's pairs).")
    var exact = false

    @Flag(help: "ahc: find the pairs through the inverted-file index at any size (by default only from 200,000 faces).")
    var approximate = false

    @Option(parsing: .unconditional, help: "dbscan: passes; each lowers eps by 0.01 (the original tool's schedule). (default: 1)")
    var iterations: Int?

    @Option(parsing: .unconditional, help: "dbscan: eps of the first pass, in descriptor distance (dlib: same person below 0.6). (default: 0.45)")
    var initialEps: Float?

    @Option(parsing: .unconditional, help: "optics: largest neighbourhood radius (scikit-learn's max_eps). (default: 0.5)")
    var maxEps: Float?

    @Option(parsing: .unconditional, help: "optics: radius of the DBSCAN-style extraction, at most --max-eps. (default: 0.45)")
    var eps: Float?

    @Option(parsing: .unconditional, help: "dbscan: faces farther than this from their cluster's medoid face, in hundredths of descriptor distance, go back to the pool. (default: 50)")
    var maxDistance: Float?

    @Option(parsing: .unconditional, help: "dbscan and optics: min_samples, faces (itself included) within eps for a core face. The original tool used 3. (default: 2)")
    var minSamples: Int?

    @Option(parsing: .unconditional, help: "Smallest number of faces that makes a person. The original tool used 5.")
    var minClusterSize: Int = 2

    @Flag(help: "Let two faces of one photo be the same person (by default they never are: cannot-link).")
    var allowSamePhoto = false


    /// The options given that `algorithm` does not read, by name.
    private var misplaced: [String] {
        var given: [(String, [ClusterAlgorithm])] = []
        if threshold != nil { given.append(("--threshold", [.ahc, .chineseWhispers])) }
        if linkage != nil { given.append(("--linkage", [.ahc])) }
        if faceThreshold != nil { given.append(("--face-threshold", [.ahc])) }
        if separation != nil { given.append(("--separation", [.ahc])) }
        if spreadFloor != nil { given.append(("--spread-floor", [.ahc])) }
        if copyRadius != nil { given.append(("--copy-radius", [.ahc])) }
        if densityNeighbours != nil { given.append(("--density-neighbours", [.ahc])) }
        if densityReference != nil { given.append(("--density-reference", [.ahc])) }
        if dendrogram != nil { given.append(("--dendrogram", [.ahc])) }
        if exact { given.append(("--exact", [.ahc])) }
        if approximate { given.append(("--approximate", [.ahc])) }
        if iterations != nil { given.append(("--iterations", [.dbscan])) }
        if initialEps != nil { given.append(("--initial-eps", [.dbscan])) }
        if maxDistance != nil { given.append(("--max-distance", [.dbscan])) }
        if maxEps != nil { given.append(("--max-eps", [.optics])) }
        if eps != nil { given.append(("--eps", [.optics])) }
        if minSamples != nil { given.append(("--min-samples", [.dbscan, .optics])) }
        return given.filter { !$0.1.contains(algorithm) }.map(\.0)
    }

    func validate() throws {
        let misplaced = misplaced
        if !misplaced.isEmpty {
            throw ValidationError(listed(misplaced)
                                  + " \(misplaced.count == 1 ? "does" : "do") not apply to --algorithm \(algorithm.rawValue)")
        }
        if let threshold, !(threshold > 0 && threshold < 2) { throw ValidationError("--threshold must be above 0 and below 2") }
        if let faceThreshold, !(faceThreshold > 0 && faceThreshold < 2) {
            throw ValidationError("--face-threshold must be above 0 and below 2")
        }
        if let faceThreshold, let threshold, faceThreshold > threshold {
            throw ValidationError("--face-threshold (\(faceThreshold)) must be at most --threshold (\(threshold))")
        }
        if let separation, !(separation >= 0 && separation < 10) {
            throw ValidationError("--separation must be 0 (off) or more, and below 10")
        }
        if let spreadFloor, !(spreadFloor >= 0 && spreadFloor < 2) {
            throw ValidationError("--spread-floor must be 0 or more, and below 2")
        }
        if let copyRadius, !(copyRadius >= 0 && copyRadius < 0.6) {
            throw ValidationError("--copy-radius must be 0 (off) or more, and below 0.6 (dlib's same-person threshold)")
        }
        if let densityNeighbours, !(0...1000).contains(densityNeighbours) {
            throw ValidationError("--density-neighbours must be from 0 (off) to 1000")
        }
        if let densityReference, !(densityReference > 0 && densityReference < 2) {
            throw ValidationError("--density-reference must be above 0 and below 2")
        }
        if densityReference != nil, densityNeighbours == 0 {
            throw ValidationError("--density-reference does not apply with --density-neighbours 0 (off)")
        }
        if exact && approximate { throw ValidationError("--exact and --approximate cannot both be given") }
        if let iterations, !(1...100).contains(iterations) { throw ValidationError("--iterations must be from 1 to 100") }
        if let initialEps, !(initialEps > 0 && initialEps < 2) { throw ValidationError("--initial-eps must be above 0 and below 2") }
        if let maxEps, !(maxEps > 0 && maxEps < 2) { throw ValidationError("--max-eps must be above 0 and below 2") }
        if let maxDistance, !(maxDistance > 0 && maxDistance <= 200) {
            throw ValidationError("--max-distance must be above 0 and at most 200")
        }
        if let minSamples, minSamples < 1 { throw ValidationError("--min-samples must be at least 1") }
        guard minClusterSize >= 1 else { throw ValidationError("--min-cluster-size must be at least 1") }
        switch method {
        case .optics(let optics) where !(optics.eps > 0 && optics.eps <= optics.maxEps):
            throw ValidationError("--eps (\(eps == nil ? "default " : "")\(optics.eps)) must be above 0 and at most "
                                  + "--max-eps (\(optics.maxEps))")
        case .dbscan(let dbscan) where dbscan.initialEps - 0.01 * Float(dbscan.iterations - 1) <= 0:
            throw ValidationError("--iterations \(dbscan.iterations) from --initial-eps \(dbscan.initialEps) would lower eps "
                                  + "to 0 or below (0.01 a pass)")
        default: break
        }
        // The dendrogram is written after the work: each command (cluster, run, cluster-descriptors) checks it in
        // its own validate(), with the files that command must not replace.
    }

    /// The algorithm and parameters chosen on the command line; what is not given is the algorithm's default.
    var method: ClusteringMethod {
        switch algorithm {
        case .dbscan:
            var dbscan = IterativeDBSCAN(minClusterSize: minClusterSize)
            if let iterations { dbscan.iterations = iterations }
            if let initialEps { dbscan.initialEps = initialEps }
            if let minSamples { dbscan.minSamples = minSamples }
            if let maxDistance { dbscan.maxDistance = maxDistance }
            return .dbscan(dbscan)
        case .chineseWhispers:
            var whispers = ChineseWhispers(minClusterSize: minClusterSize)
            if let threshold { whispers.threshold = threshold }
            return .chineseWhispers(whispers)
        case .ahc:
            // A limit given on the command line is used as given; a limit not given follows the number of faces
            // (the single-face limit is then kept at or below the large-cluster one).
            var ahc = Agglomerative(minClusterSize: minClusterSize)
            if let linkage { ahc.linkage = linkage }
            if let threshold { ahc.threshold = threshold }
            if let faceThreshold { ahc.faceThreshold = faceThreshold }
            if let separation { ahc.separation = separation }
            if let spreadFloor { ahc.spreadFloor = spreadFloor }
            if let copyRadius { ahc.copyRadius = copyRadius }
            if densityNeighbours == 0 { ahc.density = nil }
            if let densityNeighbours, densityNeighbours > 0 { ahc.density?.neighbours = densityNeighbours }
            if let densityReference { ahc.density?.reference = densityReference }
            ahc.scale = ahc.scale?.keeping(faceThreshold: faceThreshold != nil, threshold: threshold != nil)
            if exact { ahc.neighbourSearch = .exact }
            if approximate { ahc.neighbourSearch = .approximate }
            return .agglomerative(ahc)
        case .optics:
            var optics = OPTICS(minClusterSize: minClusterSize)
            if let minSamples { optics.minSamples = minSamples }
            if let maxEps { optics.maxEps = maxEps }
            if let eps { optics.eps = eps }
            return .optics(optics)
        }
    }
}

extension FaceDetector: ExpressibleByArgument {}
extension Agglomerative.Linkage: ExpressibleByArgument {}

enum ClusterAlgorithm: String, ExpressibleByArgument, CaseIterable {
    case dbscan
    case chineseWhispers = "chinese-whispers"
    case ahc
    case optics
}

struct NetworkOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Leave out people seen in fewer photos than this.")
    var minPhotos: Int = 1

    @Option(parsing: .unconditional, help: "Node size factor in the HTML page (log10 of photos × scale, as in the original tool).")
    var scale: Double = 10

    @Option(help: "Graphviz layout of the SVG and the HTML page: sfdp, neato, fdp, dot or circo.")
    var layout: NetworkLayout.Engine = .sfdp

    @Flag(help: "Count copies of one picture (resized, re-compressed, cropped; found by extract) apart in the ties: each photo one tie. By default a picture counts once, and the edge lists every copy's path. Kept until a network run without it.")
    var countCopies = false

    func validate() throws {
        guard minPhotos >= 1 else { throw ValidationError("--min-photos must be at least 1") }
        guard scale.isFinite, scale > 0, scale <= 1000 else { throw ValidationError("--scale must be a number above 0 and at most 1000") }
    }
}

/// `path` as one word of a POSIX shell command a message suggests: as it is when it holds only characters no
/// shell reads specially, else in single quotes (a quote inside as `'\''`), so that a folder named, say,
/// `x; rm -rf ~` or `$(…)` pastes as a path and runs nothing. Control characters are then escaped as `printable`
/// does (the line stays one line, and such a path must be typed anyway).
func shellWord(_ path: String) -> String {
    let plain = !path.isEmpty && path.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_@%+=:,./-".unicodeScalars.contains($0)
    }
    return printable(plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'")
}

