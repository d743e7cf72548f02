import Foundation

/// Everything face-network keeps about a photo collection, as the other targets use it: photos and faces
/// (Extraction), people and their edits (People), the co-appearance graph (Query, Reports, Export) and the runs.
/// `FaceStore` (SQLite, the SQL in `sql/`) is the first implementation; a second backend implements the same calls
/// with the same meaning, each documented on `FaceStore`'s method of the same name.
///
/// Calls that take a date range count only the photos taken in it (both ends inclusive), undated photos never;
/// `nil` counts every photo.
public protocol FaceStoring: AnyObject, Sendable {
    /// True when the store can only be read: every call that would change it throws `StoreError.readOnly`.
    var isReadOnly: Bool { get }

    // MARK: Runs and totals

    func beginRun(command: String, parameters: [String: String], modelChecksums: [String: String],
                  toolVersion: String) throws -> Int64
    func finishRun(_ id: Int64, status: String) throws
    func acquireWriterLock(shared: Bool, patience: TimeInterval) throws
    func releaseWriterLock()
    func lastRunParameters(command: String) throws -> [String: String]?
    func lastExtractModelChecksums() throws -> [String: String]?
    func counts() throws -> StoreCounts
    func failures() throws -> [Failure]

    // MARK: Photos and faces (extraction)

    func knownPaths() throws -> [String: KnownPath]
    func photoID(contentHash: String) throws -> Int64?
    func addPath(_ path: String, toPhoto photoID: Int64, fileSize: Int, modifiedAt: Double) throws
    func addPath(_ path: String, toPhoto photoID: Int64, fileSize: Int, modifiedAt: Double, claim: PhotoClaim?) throws
    @discardableResult
    func insertPhoto(_ photo: NewPhoto) throws -> Int64
    func storePhoto(_ photo: NewPhoto, claim: PhotoClaim?) throws -> StoredPhoto
    func recordFailure(path: String, reason: String, runID: Int64?) throws
    func recordFailure(path: String, reason: String, runID: Int64?, claim: PhotoClaim?) throws
    @discardableResult
    func removePaths(notIn present: Set<String>) throws -> (paths: Int, crops: [String])
    @discardableResult
    func removePaths(_ gone: Set<String>) throws -> (paths: Int, crops: [String])

    // MARK: The photo queue (extraction shared by many processes)

    func serverTime() throws -> Double
    func registerWorker(host: String, pid: Int, runID: Int64?, lease: Double) throws -> Int64
    func queuePhotos(_ files: [QueuedFile], walkStarted: Double, retryGivenUp: Bool) throws
    func claimPhotos(worker: Int64, limit: Int, lease: Double, runID: Int64?) throws -> ClaimBatch
    func claimsHeld(worker: Int64) throws -> [PhotoClaim]
    func renewClaims(worker: Int64, lease: Double, photos: Int, faces: Int) throws
    func releaseClaims(worker: Int64, photos: Int, faces: Int) throws
    func expireClaims() throws
    func openQueue() throws -> QueueOpen
    func liveWorkers() throws -> Int
    func queueStatus(window: Double) throws -> QueueStatus
    /// True when this process is the store's only writer (it holds the exclusive writer lock), so that no other
    /// extract can be alive: SQLite always; PostgreSQL when the command took the lock alone.
    var writesAlone: Bool { get }
    var reconnections: Int { get }
    func descriptors() throws -> [StoredDescriptor]
    func face(id: Int64) throws -> FaceCropInfo?
    func faces(ids: [Int64]) throws -> [Int64: FaceCropInfo]
    func faces(ofPerson person: Int64) throws -> [FaceCropInfo]
    func cropPaths(ofPhoto id: Int64) throws -> [String]
    func unnamedCrops(_ paths: [String]) throws -> [String]

    // MARK: Apparent age and gender

    func facesWithoutAgeGender() throws -> [FaceWithoutAgeGender]
    @discardableResult
    func setAgeGender(_ estimates: [(face: Int64, age: Float, gender: Float)]) throws -> Int
    func facesWithoutAgeGender(inPhoto photoID: Int64) throws -> Int
    func peopleAgeGender(of person: Int64?) throws -> [Int64: PersonAgeGender]

    // MARK: Copies of one picture (near-duplicate photos)

    func copyCandidateFaces() throws -> [CopyCandidateFace]
    func setCopies(_ originals: [Int64: Int64]) throws
    func copyCount() throws -> Int
    func copyExamples(limit: Int) throws -> [(copy: String, original: String)]
    func countsCopiesApart() throws -> Bool
    func setCountsCopiesApart(_ apart: Bool) throws

    // MARK: Checks

    func integrityProblems() -> [StoreProblem]
    func invariantProblems(photos: URL) throws -> [StoreProblem]

    // MARK: People (clustering and edits)

    @discardableResult
    func replaceClustering(_ clusters: [[Int64]], runID: Int64?, fixedIDs: [Int64?]?, minClusterSize: Int) throws
        -> [Int64]
    func rebuildEdges() throws
    func assignments() throws -> [Int64: Int64]
    func faceIDs(ofPerson person: Int64) throws -> [Int64]
    func person(ofFace face: Int64) throws -> Int64??
    func personName(_ person: Int64) throws -> (exists: Bool, name: String?)
    func nextPersonID() throws -> Int64
    func editing<T>(_ edit: () throws -> T) throws -> T
    @discardableResult
    func recordEdit(kind: String, arguments: [String: String], change: PeopleChange) throws -> Int64
    func undoLastEdit() throws -> PeopleEdit?
    func edits() throws -> [PeopleEdit]
    func pins() throws -> (pinned: [Int64: Int64], rejected: Set<Int64>)
    func mosaicFingerprints() throws -> [Int64: String]
    func setMosaicFingerprints(_ fingerprints: [Int64: String]) throws

    // MARK: The network

    func people(minPhotos: Int, during dates: DateWindow?) throws -> [PersonSummary]
    func coAppearances(minPhotos: Int, during dates: DateWindow?) throws -> [CoAppearance]
    func network(minPhotos: Int, during dates: DateWindow?) throws -> StoredNetwork
    func edgePhotos(_ a: Int64, _ b: Int64) throws -> [EdgePhoto]
    func personPhotos(minPhotos: Int) throws -> [Int64: [EdgePhoto]]
    func networkEdgePhotos(minPhotos: Int) throws -> [PersonPair: [Int64]]

    // MARK: The query language's graph queries

    func neighbours(of person: Int64, minPhotos: Int, during dates: DateWindow?) throws -> ResultTable
    func ties(of person: Int64, during dates: DateWindow?) throws -> [Tie]
    func photos(showing people: [Int64], during dates: DateWindow?) throws -> ResultTable
    func within(_ depth: Int, of person: Int64, during dates: DateWindow?) throws -> ResultTable
    func suggestions(for person: Int64, limit: Int, during dates: DateWindow?) throws -> ResultTable
    func topDegree(weighted: Bool, limit: Int, during dates: DateWindow?) throws -> ResultTable
    func pairTies(_ first: Int64, _ second: Int64, during dates: DateWindow?) throws -> [PairTie]
    func pathRound(from source: Int64, to target: Int64, forward: Int, backward: Int,
                   during dates: DateWindow?) throws -> PathRound
    func profile(of person: Int64, during dates: DateWindow?) throws -> ResultTable
    func person(id: Int64) throws -> NamedPerson?
    func people(named name: String) throws -> [NamedPerson]
    func peopleNames() throws -> [NamedPerson]
    /// Stops the queries running now, from any thread; they throw `QueryInterrupted`.
    func interrupt()
    /// The schema as the store's own statements, for the query shell's `.schema`.
    func schema() throws -> [String]

    // MARK: Report tables

    func facesTable() throws -> ResultTable
    func peopleTable(minPhotos: Int) throws -> ResultTable
    func edgesTable(minPhotos: Int) throws -> ResultTable
    func evaluationFaces() throws -> ResultTable
}

extension FaceStore: FaceStoring {}

extension FaceStoring {
    /// Everyone's median age and mean gender (`peopleAgeGender(of: nil)`).
    public func peopleAgeGender() throws -> [Int64: PersonAgeGender] { try peopleAgeGender(of: nil) }
}
