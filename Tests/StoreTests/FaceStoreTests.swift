import Foundation
import GRDB
import People
import Reports
@testable import Store
import TestSupport
import XCTest

final class FaceStoreTests: XCTestCase {
    private var directory: URL!
    private var store: FaceStore!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("face-store-\(UUID().uuidString)")
        // The SQLite file tests below write beside the store, which on PostgreSQL makes no folder.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try TestStores.open(directory.appendingPathComponent("Data/FaceNetwork.sqlite").path)
    }

    override func tearDownWithError() throws {
        store = nil
        try? FileManager.default.removeItem(at: directory)
    }

    private func face(_ seed: Float, left: Int = 10) -> NewFace {
        NewFace(box: FaceBox(left: left, top: 20, right: left + 50, bottom: 70), score: 1.5,
                landmarks: (0..<10).map { Float($0) }, descriptor: (0..<128).map { Float($0) * seed },
                cropPath: "Face Network/Faces/face1_x.jpg")
    }

    private func photo(_ path: String, hash: String, faces: [NewFace],
                       takenAt: String? = "2020-01-02 03:04:05") -> NewPhoto {
        NewPhoto(path: path, contentHash: hash, byteSize: 1000, modifiedAt: 1_700_000_000.5, format: "jpeg",
                 width: 640, height: 480, orientation: 1, takenAt: takenAt, cameraMake: "Make",
                 cameraModel: "Model", cameraSerial: nil, decodeWarning: nil, faces: faces)
    }

    func testDescriptorsRoundTripAsLittleEndianFloat32() throws {
        let id = try store.insertPhoto(photo("a/IMG_1.jpg", hash: "h1", faces: [face(0.5), face(-0.25, left: 100)]))
        let stored = try store.descriptors()
        XCTAssertEqual(stored.count, 2)
        XCTAssertEqual(stored[0].photoID, id)
        XCTAssertEqual(stored[0].descriptor, (0..<128).map { Float($0) * 0.5 })
        XCTAssertEqual(stored[1].descriptor[127], -31.75)
        XCTAssertEqual(FloatBlob.encode([1.0]), Data([0x00, 0x00, 0x80, 0x3F]))
        XCTAssertThrowsError(try FloatBlob.decode(Data([1, 2, 3])))
    }

    func testSameBytesUnderTwoPathsAreOnePhoto() throws {
        let id = try store.insertPhoto(photo("a/IMG_1.jpg", hash: "same", faces: [face(1)]))
        XCTAssertEqual(try store.photoID(contentHash: "same"), id)
        try store.addPath("b/IMG_1.jpg", toPhoto: id, fileSize: 1000, modifiedAt: 1)
        XCTAssertEqual(try store.counts().photos, 1)
        XCTAssertEqual(Set(try store.knownPaths().keys), ["a/IMG_1.jpg", "b/IMG_1.jpg"])
        // Removing one path keeps the photo; removing both removes it with its faces.
        XCTAssertEqual(try store.removePaths(notIn: ["b/IMG_1.jpg"]).paths, 1)
        XCTAssertEqual(try store.counts().faces, 1)
        XCTAssertEqual(try store.removePaths(notIn: []).paths, 1)
        XCTAssertEqual(try store.counts(), StoreCounts(photos: 0, faces: 0, people: 0, assignedFaces: 0, edges: 0, failures: 0))
    }

    func testFailuresKeepTheLatestReasonAndClearOnSuccess() throws {
        try store.recordFailure(path: "bad.jpg", reason: "first", runID: nil)
        try store.recordFailure(path: "bad.jpg", reason: "JPEG decoding failed: x", runID: nil)
        XCTAssertEqual(try store.failures(), [Failure(path: "bad.jpg", reason: "JPEG decoding failed: x")])
        try store.insertPhoto(photo("bad.jpg", hash: "fixed", faces: []))
        XCTAssertEqual(try store.failures(), [])
    }

    /// Photo 1: A, B, and A again (two faces of one person); photo 2: A, B; photo 3: B, C; photo 4: C alone.
    private func buildNetwork() throws -> (faces: [Int64], clusters: [[Int64]]) {
        try store.insertPhoto(photo("p1.jpg", hash: "1", faces: [face(1), face(2), face(3)]))
        try store.insertPhoto(photo("p2.jpg", hash: "2", faces: [face(1), face(2)]))
        try store.insertPhoto(photo("p3.jpg", hash: "3", faces: [face(2), face(3)]))
        try store.insertPhoto(photo("p4.jpg", hash: "4", faces: [face(3)]))
        let ids = try store.descriptors().map(\.faceID)   // 1…8 in insertion order
        let a = [ids[0], ids[2], ids[3]], b = [ids[1], ids[4], ids[5]], c = [ids[6], ids[7]]
        return (ids, [a, b, c])
    }

    func testEdgeWeightsCountDistinctPhotosWithoutSelfLoops() throws {
        let (_, clusters) = try buildNetwork()
        let people = try store.replaceClustering(clusters, runID: nil)
        XCTAssertEqual(people, [1, 2, 3])
        XCTAssertEqual(try store.coAppearances(), [
            // photos 1 and 2; A's two faces in photo 1 count once
            CoAppearance(source: 1, target: 2, weight: 2, firstTakenAt: "2020-01-02 03:04:05",
                         lastTakenAt: "2020-01-02 03:04:05"),
            CoAppearance(source: 2, target: 3, weight: 1, firstTakenAt: "2020-01-02 03:04:05",
                         lastTakenAt: "2020-01-02 03:04:05"),
        ])
        XCTAssertEqual(try store.people().map(\.photos), [2, 3, 2])
        XCTAssertEqual(try store.people().map(\.faces), [3, 3, 2])
        // --min-photos 3 keeps only B, so no edge survives.
        XCTAssertEqual(try store.people(minPhotos: 3).map(\.id), [2])
        XCTAssertEqual(try store.coAppearances(minPhotos: 3), [])
    }

    func testAnotherProgramsDatabaseIsRefusedAndLeftAlone() throws {
        let path = directory.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE people (id INTEGER PRIMARY KEY)") }
        XCTAssertThrowsError(try FaceStore(path: path)) { error in
            XCTAssertEqual("\(error)", "cannot open the database \(path): it is a SQLite database of another program, "
                           + "not a face-network store")
        }
        let tables = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        XCTAssertEqual(tables, ["people"])
        // Left as it was: still in its own journal mode, no WAL files beside it.
        XCTAssertEqual(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "delete")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A command that writes holds the run lock from the moment it opens the store, even a new one; readers are
    /// not held back.
    func testAWriterHoldsTheStoreFromTheMomentItOpensIt() throws {
        let path = directory.appendingPathComponent("new/FaceNetwork.sqlite").path
        let writer = try TestStores.open(path, writing: true)
        XCTAssertThrowsError(try TestStores.open(path, writing: true)) { error in
            XCTAssertEqual("\(error)", "another face-network command is writing \(writer.path); wait for it to finish, or use another --db")
        }
        XCTAssertEqual(try TestStores.open(path).counts().photos, 0)
        _ = try writer.beginRun(command: "extract", parameters: [:], modelChecksums: [:], toolVersion: "t")
    }

    /// One SQLite store has one run lock whatever name it is opened by: through a symbolic link to the file, or a
    /// path with `..` after a link to its folder, the lock is found beside the real file.
    func testTheRunLockIsTheRealFilesWhateverTheName() throws {
        let real = directory.appendingPathComponent("real/FaceNetwork.sqlite").path
        let writer = try FaceStore(path: real, writing: true)
        let link = directory.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let folderLink = directory.appendingPathComponent("deep/folder-link").path
        try FileManager.default.createDirectory(atPath: directory.appendingPathComponent("deep").path, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folderLink, withDestinationPath: directory.appendingPathComponent("real").path)
        let dotted = directory.appendingPathComponent("real").path + "/../real/FaceNetwork.sqlite"
        for name in [link, folderLink + "/FaceNetwork.sqlite", dotted] {
            XCTAssertThrowsError(try FaceStore(path: name, writing: true), name) { error in
                XCTAssertEqual("\(error)", "another face-network command is writing \(name); wait for it to finish, or use another --db")
            }
            XCTAssertTrue(FaceStore.isBeingWritten(path: name), name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: link + ".lock"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: real + ".lock"))
        _ = try writer.counts()
    }

    func testEdgesKnowTheirPhotosAndDates() throws {
        // Photo 1: A, B (2019); photo 2: A, B (2021); photo 3: A, B (no date); photo 4: B, C (no date).
        try store.insertPhoto(photo("x/p1.jpg", hash: "1", faces: [face(1), face(2)], takenAt: "2019-05-01 10:00:00"))
        try store.insertPhoto(photo("x/p2.jpg", hash: "2", faces: [face(1), face(2)], takenAt: "2021-07-09 08:30:00"))
        try store.insertPhoto(photo("a/p3.jpg", hash: "3", faces: [face(1), face(2)], takenAt: nil))
        try store.insertPhoto(photo("b/p4.jpg", hash: "4", faces: [face(2), face(3)], takenAt: nil))
        try store.addPath("c/copy-of-p3.jpg", toPhoto: 3, fileSize: 1000, modifiedAt: 0)
        let ids = try store.descriptors().map(\.faceID)
        try store.replaceClustering([[ids[0], ids[2], ids[4]], [ids[1], ids[3], ids[5], ids[6]], [ids[7]]], runID: nil)
        XCTAssertEqual(try store.coAppearances(), [
            CoAppearance(source: 1, target: 2, weight: 3, firstTakenAt: "2019-05-01 10:00:00",
                         lastTakenAt: "2021-07-09 08:30:00"),
            CoAppearance(source: 2, target: 3, weight: 1, firstTakenAt: nil, lastTakenAt: nil),
        ])
        XCTAssertEqual(try store.edgePhotos(2, 1), [
            EdgePhoto(photoID: 1, path: "x/p1.jpg", takenAt: "2019-05-01 10:00:00"),
            EdgePhoto(photoID: 2, path: "x/p2.jpg", takenAt: "2021-07-09 08:30:00"),
            EdgePhoto(photoID: 3, path: "a/p3.jpg", takenAt: nil),
        ])
        XCTAssertEqual(try store.edgePhotos(1, 3), [])
        // Re-clustering replaces the provenance with the new edges'.
        try store.replaceClustering([[ids[0], ids[2], ids[4], ids[7]], [ids[1], ids[3], ids[5], ids[6]]], runID: nil)
        XCTAssertEqual(try store.edgePhotos(1, 2).map(\.photoID), [1, 2, 3, 4])
    }

    /// The network exports read people's photos, every edge's photos and many faces in one query each.
    func testNetworkBulkReadsMatchThePerItemReads() throws {
        // Photo 1: A, B (2019); photo 2: A, B (no date); photo 3: B, C, and B again; photo 4: C alone.
        try store.insertPhoto(photo("x/p1.jpg", hash: "1", faces: [face(1), face(2)], takenAt: "2019-05-01 10:00:00"))
        try store.insertPhoto(photo("x/p2.jpg", hash: "2", faces: [face(1), face(2)], takenAt: nil))
        try store.insertPhoto(photo("b/p3.jpg", hash: "3", faces: [face(2), face(3), face(2, left: 200)], takenAt: nil))
        try store.insertPhoto(photo("c/p4.jpg", hash: "4", faces: [face(3)], takenAt: "2018-01-01 00:00:00"))
        let ids = try store.descriptors().map(\.faceID)
        try store.replaceClustering([[ids[0], ids[2]], [ids[1], ids[3], ids[4], ids[6]], [ids[5], ids[7]]], runID: nil)
        let photos = try store.personPhotos()
        XCTAssertEqual(photos[1]?.map(\.path), ["x/p1.jpg", "x/p2.jpg"])
        XCTAssertEqual(photos[2]?.map(\.path), ["x/p1.jpg", "b/p3.jpg", "x/p2.jpg"], "dated first, a photo once")
        XCTAssertEqual(photos[3]?.map(\.photoID), [4, 3])
        XCTAssertEqual(try store.personPhotos(minPhotos: 3).keys.sorted(), [2])
        let edges = try store.networkEdgePhotos()
        XCTAssertEqual(edges, [PersonPair(1, 2): [1, 2], PersonPair(3, 2): [3]])
        for (pair, photoIDs) in edges {
            XCTAssertEqual(try store.edgePhotos(pair.a, pair.b).map(\.photoID).sorted(), photoIDs)
        }
        XCTAssertEqual(try store.networkEdgePhotos(minPhotos: 3), [:])
        // More ids than one query binds, unknown ones among them.
        let faces = try store.faces(ids: ids + (1000...2200).map(Int64.init))
        XCTAssertEqual(faces.keys.sorted(), ids.sorted())
        XCTAssertEqual(faces[ids[5]]?.box, try store.face(id: ids[5])?.box)
    }

    func testEdgesClusteredBeforeProvenanceExistedGetItOnOpen() throws {
        try XCTSkipIf(TestStores.onPostgres, "SQLite stores made before migration 004 only (PostgreSQL stores start at 7)")
        let (_, clusters) = try buildNetwork()
        try store.replaceClustering(clusters, runID: nil)
        // A store from before migration 004: edges without the photos behind them.
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM edge_photos; UPDATE edges SET first_taken_at = NULL, last_taken_at = NULL")
        }
        let path = store.path
        store = nil
        store = try FaceStore(path: path)
        XCTAssertEqual(try store.edgePhotos(1, 2).map(\.path), ["p1.jpg", "p2.jpg"])
        XCTAssertEqual(try store.coAppearances().first?.lastTakenAt, "2020-01-02 03:04:05")
    }

    func testPersonIdsStayPutWhenReclustering() throws {
        let (faces, clusters) = try buildNetwork()
        try store.replaceClustering(clusters, runID: nil)
        // Same clusters in another order: same ids.
        XCTAssertEqual(try store.replaceClustering([clusters[2], clusters[0], clusters[1]], runID: nil), [3, 1, 2])
        // A loses one face to a new singleton; B and C merge: B's id survives on the merged (larger) cluster.
        let changed = [[faces[0], faces[2]], [faces[3]], clusters[1] + clusters[2]]
        XCTAssertEqual(try store.replaceClustering(changed, runID: nil), [1, 4, 2])
        XCTAssertEqual(try store.counts().people, 3)
    }

    func testExportTablesHaveTheDocumentedColumns() throws {
        let (_, clusters) = try buildNetwork()
        try store.replaceClustering([clusters[0], clusters[1]], runID: nil)   // C's faces unassigned
        let faces = try Report.faces.table(from: store)
        XCTAssertEqual(faces.columns, ["photo", "face", "left", "top", "right", "bottom", "person", "age", "gender"])
        XCTAssertEqual(faces.rows.count, 8)
        // No age or gender: the faces were stored without --age-gender.
        XCTAssertEqual(faces.rows[0], [.text("p1.jpg"), .integer(1), .integer(10), .integer(20), .integer(60),
                                       .integer(70), .integer(1), .null, .null])
        XCTAssertEqual(faces.rows.last!, [.text("p4.jpg"), .integer(1), .integer(10), .integer(20), .integer(60),
                                          .integer(70), .null, .null, .null])
        let csv = TableFormat.csv.render(try Report.people.table(from: store))
        // A's faces: seeds 1, 3, 1 (medoid seed 1; the seed-3 face lies 2·‖(0…127)‖ = 1662.38 away: low cohesion);
        // B's three faces are identical.
        XCTAssertEqual(csv, "person,name,photos,faces,mean_to_medoid,max_to_medoid,low_cohesion,median_age,mean_gender\n"
                       + "1,,2,3,554.1279,1662.3838,1,,\n2,,3,3,0.0,0.0,0,,\n")
        XCTAssertEqual(TableFormat.csv.render(try Report.edges.table(from: store)),
                       "source,target,weight,first_taken_at,last_taken_at\n1,2,2,2020-01-02 03:04:05,2020-01-02 03:04:05\n")
        let json = TableFormat.json.render(try Report.edges.table(from: store))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! NSArray
        XCTAssertEqual(parsed, [["source": 1, "target": 2, "weight": 2, "first_taken_at": "2020-01-02 03:04:05",
                                 "last_taken_at": "2020-01-02 03:04:05"]])
    }

    func testCSVQuotesFieldsThatNeedIt() {
        let table = ResultTable(columns: ["name"], rows: [[.text("a,b")], [.text("say \"hi\"")], [.text("x\ny")]])
        XCTAssertEqual(TableFormat.csv.render(table), "name\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"x\ny\"\n")
    }

    /// Aligned tables count terminal columns: a CJK character takes two, an accent none.
    func testAlignedTablesCountTerminalColumns() {
        let table = ResultTable(columns: ["name", "n"], rows: [[.text("王小明"), .integer(1)], [.text("Zoe\u{301}"), .integer(22)],
                                                                [.null, .integer(3)]])
        XCTAssertEqual(TableFormat.table.render(table), """
            name     n
            ------  --
            王小明   1
            Zoé     22
                     3

            """)
    }

    /// A file the tool refuses as a store (a photo, a text file, another program's SQLite) gets nothing written
    /// beside it, not even the run lock, by a command that reads or writes.
    func testNothingIsWrittenBesideARefusedFile() throws {
        let folder = directory.appendingPathComponent("refused")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46]).write(to: folder.appendingPathComponent("photo.jpg"))
        try Data("notes, not a store\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let other = folder.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE people (id INTEGER PRIMARY KEY)") }
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for name in before {
            for writing in [false, true] {
                XCTAssertThrowsError(try FaceStore(path: folder.appendingPathComponent(name).path, writing: writing), name)
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), before)
    }

    func testAStoreThatIsNotADatabaseIsAClearError() throws {
        let bogus = directory.appendingPathComponent("bogus.sqlite")
        try Data("this is not sqlite".utf8).write(to: bogus)
        XCTAssertThrowsError(try FaceStore(path: bogus.path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot open the database \(bogus.path)"), "\(error)")
        }
    }

    /// Commands opening a new store at the same moment (an extraction starting while the query shell or a script
    /// polls the file) all open it: the second waits for the first one's tables instead of creating them again.
    func testStoresOpenedAtTheSameMomentAllOpen() throws {
        for round in 0..<12 {
            let path = directory.appendingPathComponent("race-\(round)/FaceNetwork.sqlite").path
            let errors = ErrorList()
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do { _ = try FaceStore(path: path).counts() } catch { errors.append("\(error)") }
            }
            XCTAssertEqual(errors.all, [], "round \(round)")
            let applied = try DatabaseQueue(path: path).read {
                try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
            }
            XCTAssertEqual(applied, SQLText.migrations.map(\.name))
        }
    }

    /// A store on read-only media (or another user's) opens to read; changing it is refused by name.
    func testAStoreThatCannotBeWrittenOpensToRead() throws {
        let source = directory.appendingPathComponent("archive café #1/Data")
        var written: FaceStore? = try FaceStore(path: source.appendingPathComponent("FaceNetwork.sqlite").path)
        _ = try written?.insertPhoto(photo("a/IMG_1.jpg", hash: "h1", faces: [face(0.5), face(-0.25, left: 100)]))
        let expected = try written?.descriptors() ?? []
        let folder = try readOnlyView(of: source, as: "read-only view")
        let path = folder.appendingPathComponent("FaceNetwork.sqlite").path
        // While the writer has it open, its changes are still in the -wal file, read through the writer's -shm.
        XCTAssertEqual(try FaceStore(path: path).descriptors().map(\.descriptor), expected.map(\.descriptor))
        // A copy of the store and its -wal file without the -shm: read as immutable, it would lack those changes.
        let copy = directory.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["FaceNetwork.sqlite", "FaceNetwork.sqlite-wal"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let copyPath = try readOnlyView(of: copy, as: "copy view").appendingPathComponent("FaceNetwork.sqlite").path
        XCTAssertThrowsError(try FaceStore(path: copyPath)) { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot open the database \(copyPath): its folder is read-only and it "
                                               + "holds changes not yet merged into it (FaceNetwork.sqlite-wal, "), "\(error)")
        }
        written = nil   // the last connection merges the -wal file and removes it: read as immutable from here
        let store = try FaceStore(path: path)
        XCTAssertTrue(store.isReadOnly)
        XCTAssertEqual(try store.counts().faces, 2)
        XCTAssertEqual(try store.descriptors().map(\.descriptor), expected.map(\.descriptor))
        XCTAssertThrowsError(try store.insertPhoto(photo("b.jpg", hash: "h2", faces: []))) { error in
            XCTAssertEqual("\(error)", "the database \(path) is read-only here (its file or folder cannot be written): "
                           + "it can be read (query, report, export, evaluate, people list); to change it, work on a "
                           + "copy of the photo folder somewhere writable")
        }
        XCTAssertThrowsError(try store.beginRun(command: "cluster", parameters: [:], modelChecksums: [:], toolVersion: "t"))
    }

    /// `folder` as a folder this process cannot write: permissions for a user, a read-only bind mount for root
    /// (whom permissions do not stop), undone when the test ends.
    private func readOnlyView(of folder: URL, as name: String) throws -> URL {
        if getuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
            addTeardownBlock { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
            return folder
        }
        let view = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: view, withIntermediateDirectories: true)
        func mount(_ arguments: [String]) throws -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/mount")
            process.arguments = arguments
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        guard try mount(["--bind", folder.path, view.path]) else {
            throw XCTSkip("running as root without mount(8) permission: no read-only folder to test with")
        }
        addTeardownBlock {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [view.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        guard try mount(["-o", "remount,ro,bind", view.path]) else {
            throw XCTSkip("running as root without mount(8) permission: no read-only folder to test with")
        }
        return view
    }

    func testAStoreOfANewerVersionIsRefusedByName() throws {
        let path = directory.appendingPathComponent("newer.sqlite").path
        _ = try FaceStore(path: path)
        try DatabaseQueue(path: path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('999_from_the_future.sql')")
        }
        XCTAssertThrowsError(try FaceStore(path: path)) { error in
            XCTAssertEqual("\(error)", "cannot open the database \(path): a newer face-network made it "
                           + "(it has migration 999_from_the_future.sql); use that version or a newer one")
        }
    }

    /// The settings of the stored faces are those of the latest extract whose workers read a photo, even one that
    /// was interrupted; a later run that read nothing does not count.
    func testTheLastReadingExtractGivesTheSettings() throws {
        for (upsample, photos, status) in [("1", 1, "finished"), ("2", 2, "interrupted"), ("3", 0, "finished")] {
            let run = try store.beginRun(command: "extract", parameters: ["upsample": upsample], modelChecksums: [:],
                                         toolVersion: "t")
            let worker = try store.registerWorker(host: "h", pid: 1, runID: run, lease: 60)
            try store.releaseClaims(worker: worker, photos: photos, faces: photos)
            try store.finishRun(run, status: status)
        }
        XCTAssertEqual(try store.lastRunParameters(command: "extract")?["upsample"], "2")
    }
}

/// Error messages gathered from several threads.
private final class ErrorList: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func append(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
}
