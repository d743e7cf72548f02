import Extraction
import Foundation
@testable import Store
@testable import StorePostgres
import TestSupport
import XCTest

/// Extraction shared by several processes through the store's photo queue (`docs/scale-out.md`).
final class ScaleOutTests: XCTestCase {
    /// The seven JPEG test photos `copies` times over in set0, set1, …, each copy's bytes made distinct (bytes
    /// appended after the JPEG's end, which decoders ignore) so that every one is read and stored; with more than
    /// one copy, also `same/`: byte copies of set0.
    private func photoFolder(copies: Int = 6) throws -> URL {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        let names = try FileManager.default.contentsOfDirectory(atPath: images.path).filter { $0.hasSuffix(".jpg") }.sorted()
        for copy in 0..<copies {
            let sub = folder.appendingPathComponent("set\(copy)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            for name in names {
                var data = try Data(contentsOf: images.appendingPathComponent(name))
                data.append(contentsOf: Array("copy \(copy)".utf8))
                try data.write(to: sub.appendingPathComponent(name))
            }
        }
        if copies > 1 {
            // The same bytes as set0 under other paths: read by two workers at once, they must still be one photo each.
            try FileManager.default.copyItem(at: folder.appendingPathComponent("set0"), to: folder.appendingPathComponent("same"))
        }
        return folder
    }

    /// Each path's faces as (box, descriptor), in face order, and the failures: what two stores of the same photos
    /// must agree on whatever ids they gave.
    private func snapshot(_ store: FaceStore) throws -> [String] {
        let paths = try store.knownPaths()
        var faces: [Int64: [String]] = [:]
        for face in try store.descriptors() { faces[face.photoID, default: []].append("\(face.descriptor)") }
        // Photo, face index and box: not the person (cluster --wait may have run by now), age or gender.
        let table = try store.table(query: "faces_export")
        XCTAssertEqual(table.columns.prefix(6), ["photo", "face", "left", "top", "right", "bottom"])
        let boxes = table.rows.map { "\(Array($0.prefix(6)))" }
        let failures = try store.failures().map { "failed \($0.path): \($0.reason)" }
        return paths.keys.sorted().map { "\($0): \(faces[paths[$0]!.photoID] ?? [])" } + failures + boxes.sorted()
    }

    private func postgresURL() throws -> String {
        guard let url = TestStores.freshPostgresURL() else {
            if TestStores.postgresRequired {
                XCTFail("FACE_NETWORK_TEST_POSTGRES is not set, but this run requires PostgreSQL (scripts/postgres starts one)")
            }
            throw XCTSkip("no PostgreSQL server: set FACE_NETWORK_TEST_POSTGRES=$(scripts/postgres) to run this test")
        }
        return url
    }

    /// Three workers on one PostgreSQL store: one is killed (SIGKILL) and one paused past its lease (SIGSTOP) while
    /// holding photos. Every photo is stored once with no face twice, nothing is left claimed, the paused worker's
    /// late results are refused, `cluster` waits for the workers, and the store equals a one-process SQLite run.
    func testWorkersKilledOrPausedLoseNothingAndStoreEachPhotoOnce() throws {
        let url = try postgresURL()
        let folder = try photoFolder()
        let reference = try photoFolder()
        let single = try Fixtures.runCLI(["extract", reference.path, "--jobs", "1"])
        XCTAssertEqual(single.status, 0, single.stderr)
        let expected = try snapshot(try FaceStore(path: FaceStore.defaultPath(forPhotos: reference).path))
        XCTAssertEqual(expected.filter { $0.hasPrefix("set") || $0.hasPrefix("same/") }.count, 49)

        let environment = ["FACE_NETWORK_DB": url]
        let arguments = ["extract", folder.path, "--jobs", "1", "--lease", "3"]
        let workers = try (0..<3).map { _ in try Fixtures.launchCLI(arguments, environment: environment) }
        let pids = workers.map { $0.0.processIdentifier }
        let store = try FaceStore(backend: try PostgresBackend(place: try PostgresLocation(url: url)))
        // The worker that holds a claim now, among `candidates`.
        func holder(_ candidates: [Int32]) throws -> Int32? {
            try store.queueStatus(window: 60).claims.compactMap { $0.pid.map(Int32.init) }.first { candidates.contains($0) }
        }
        func waitFor(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
            let deadline = Date().addingTimeInterval(seconds)
            while try !condition() {
                guard Date() < deadline else { return XCTFail("timed out waiting for \(what)") }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        // Kill one worker while it holds photos, once a few photos are stored.
        var killed: Int32 = 0, paused: Int32 = 0
        try waitFor(120, "a first photo stored and a worker holding a claim") {
            guard try store.counts().photos >= 3, let pid = try holder(pids) else { return false }
            killed = pid
            return true
        }
        kill(killed, SIGKILL)
        // While they are at work, cluster stops at once and says why.
        let early = try Fixtures.runCLI(["cluster", folder.path], environment: environment)
        XCTAssertNotEqual(early.status, 0)
        XCTAssertTrue(early.stderr.contains("extraction is still running"), early.stderr)
        let (clusterWaiting, clusterOut, clusterErr) = try Fixtures.launchCLI(["cluster", folder.path, "--wait"],
                                                                               environment: environment)
        // Pause another while it holds photos, past its lease (3 s) and the time the others need to take them; but
        // only once the killed worker's photos are taken over and stored. A photo it held and a second worker then
        // stopped holding is failed by design (two stopped workers: it may be what kills them), and a pause
        // cannot be told from a crash; pausing the worker that took the killed one's photos over made this test
        // fail now and then.
        try waitFor(120, "the killed worker's photos stored, and a live worker holding a claim") {
            let claims = try store.queueStatus(window: 60).claims
            guard !claims.contains(where: { $0.pid == Int(killed) || $0.claims > 1 }),
                  let pid = try holder(pids.filter { $0 != killed }) else { return false }
            paused = pid
            return true
        }
        kill(paused, SIGSTOP)
        let pausedClaims = Set(try store.queueStatus(window: 60).claims.filter { $0.pid == Int(paused) }.map(\.path))
        try waitFor(120, "the paused worker's photos taken over") {
            let done = Set(try store.queueStatus(window: 60).claims.map(\.path))
            return try store.openQueue().queued == 0 && pausedClaims.isDisjoint(with: done)
        }
        kill(paused, SIGCONT)
        var outputs: [Int32: (status: Int32, reason: Process.TerminationReason, out: String, err: String)] = [:]
        for (process, out, err) in workers {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            outputs[process.processIdentifier] = (process.terminationStatus, process.terminationReason, stdout, stderr)
        }
        XCTAssertEqual(outputs[killed]?.reason, .uncaughtSignal)
        for pid in pids where pid != killed {
            XCTAssertEqual(outputs[pid]?.status, 0, outputs[pid]?.err ?? "")
        }
        XCTAssertTrue(outputs[paused]?.out.contains("taken over by another worker after this one's lease ran out") ?? false,
                      outputs[paused]?.out ?? "")

        // Every photo once, no face twice, nothing claimed, and the same faces as one process on SQLite.
        let status = try store.queueStatus(window: 600)
        XCTAssertEqual(status.states, ["done": 49])
        XCTAssertTrue(status.claims.isEmpty)
        // The two that lived ended by themselves; all photos were read once (the paused one's late results not
        // counted for it), the killed one's count as of its last heartbeat.
        XCTAssertEqual(status.workers.filter { $0.stoppedAt != nil }.count, 2)
        XCTAssertEqual(try snapshot(store), expected)
        let counts = try store.counts()
        let singleCounts = try FaceStore(path: FaceStore.defaultPath(forPhotos: reference).path).counts()
        XCTAssertEqual([counts.photos, counts.faces, counts.failures],
                       [singleCounts.photos, singleCounts.faces, singleCounts.failures])
        XCTAssertEqual(counts.photos, 42, "byte copies under other paths are one photo")

        // cluster --wait waited for the workers, then clustered every face.
        let clusterStdout = String(decoding: clusterOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        clusterWaiting.waitUntilExit()
        XCTAssertEqual(clusterWaiting.terminationStatus, 0,
                       String(decoding: clusterErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        XCTAssertTrue(clusterStdout.contains("cluster: \(counts.faces) faces"), clusterStdout)

        // status says the same in words.
        let words = try Fixtures.runCLI(["status", folder.path], environment: environment)
        XCTAssertEqual(words.status, 0, words.stderr)
        XCTAssertTrue(words.stdout.contains("queue: 49 photos: 0 queued, 0 claimed, 49 done, 0 failed"), words.stdout)
    }

    /// Workers whose server sessions end under them (a server restart, a network cut, the idle-in-transaction
    /// timeout after a pause) connect again and go on, three times over: each photo is stored once, the store equals
    /// a one-process SQLite run, nothing is left claimed, and both workers end by themselves and say so.
    func testWorkersWhoseSessionsEndConnectAgainAndFinish() throws {
        let url = try postgresURL()
        let folder = try photoFolder(copies: 3)
        let reference = try photoFolder(copies: 3)
        let single = try Fixtures.runCLI(["extract", reference.path, "--jobs", "1"])
        XCTAssertEqual(single.status, 0, single.stderr)
        let expected = try snapshot(try FaceStore(path: FaceStore.defaultPath(forPhotos: reference).path))

        let environment = ["FACE_NETWORK_DB": url]
        let workers = try (0..<2).map { _ in
            try Fixtures.launchCLI(["extract", folder.path, "--jobs", "1", "--lease", "10"], environment: environment)
        }
        // Polled through a store of its own, whose session ends too (a reader connects again as well).
        let store = try FaceStore(backend: try PostgresBackend(place: try PostgresLocation(url: url)))
        // cluster --wait waits through it all: while workers connect again they hold no lock, but their leases run.
        let (clusterWaiting, clusterOut, clusterErr) = try Fixtures.launchCLI(["cluster", folder.path, "--wait"],
                                                                               environment: environment)
        let place = try PostgresLocation(url: url)
        var ended: [Int] = []
        for photos in [3, 9, 15] {
            let deadline = Date().addingTimeInterval(120)
            while try store.counts().photos < photos, workers.contains(where: { $0.0.isRunning }), Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
            // Every client session of this user but the one asking: the workers' and the poller's.
            let other = try PostgresBackend.connect(place)
            let result = try PostgresSession(connection: other).run(PostgresStatement.split("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()
                  AND backend_type = 'client backend'
                """)[0], [:])
            try other.close().wait()
            guard case .integer(let count)? = result.rows.first?.first else { return XCTFail("\(result.rows)") }
            ended.append(Int(count))
        }
        var outputs: [(status: Int32, out: String, err: String)] = []
        for (process, out, err) in workers {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            outputs.append((process.terminationStatus, stdout, stderr))
        }
        for output in outputs { XCTAssertEqual(output.status, 0, output.err) }
        XCTAssertGreaterThanOrEqual(ended.first ?? 0, 3, "two workers and the poller were connected: \(ended)")
        XCTAssertTrue(outputs.contains { $0.out.contains("reconnected to the server") },
                      outputs.map(\.out).joined(separator: "\n"))

        let status = try store.queueStatus(window: 600)
        XCTAssertEqual(status.states, ["done": 28])
        XCTAssertTrue(status.claims.isEmpty)
        XCTAssertEqual(status.workers.filter { $0.stoppedAt != nil }.count, 2)
        XCTAssertEqual(try snapshot(store), expected)
        XCTAssertEqual(try store.counts().photos, 21, "byte copies under other paths are one photo")
        let clusterStdout = String(decoding: clusterOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let clusterStderr = String(decoding: clusterErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        clusterWaiting.waitUntilExit()
        XCTAssertEqual(clusterWaiting.terminationStatus, 0, clusterStderr)
        XCTAssertFalse(clusterStderr.contains("extraction did not finish"), clusterStderr)
        XCTAssertTrue(clusterStdout.contains("cluster: \(try store.counts().faces) faces"), clusterStdout + clusterStderr)
    }

    /// Two workers with --age-gender on a store whose faces have none share the estimating: every face gets the
    /// values one process gives it, and their summaries add up to the faces (none stored twice).
    func testWorkersShareEstimatingAgeAndGender() throws {
        let url = try postgresURL()
        let models = ModelFiles(directory: Fixtures.models)
        try XCTSkipUnless(models.missingAgeGenderFiles.isEmpty, "the age and gender models are missing: run Models/install")
        let folder = try photoFolder(copies: 3)
        let reference = try photoFolder(copies: 3)
        for arguments in [["extract", reference.path], ["extract", reference.path, "--age-gender"]] {
            let result = try Fixtures.runCLI(arguments)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let environment = ["FACE_NETWORK_DB": url]
        let first = try Fixtures.runCLI(["extract", folder.path], environment: environment)
        XCTAssertEqual(first.status, 0, first.stderr)
        let workers = try (0..<2).map { _ in
            try Fixtures.launchCLI(["extract", folder.path, "--age-gender", "--jobs", "1"], environment: environment)
        }
        var estimated = 0
        for (process, out, err) in workers {
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, stderr)
            if let match = stdout.firstMatch(of: #/apparent age and gender estimated for (\d+) faces? stored before/#) {
                estimated += Int(match.1)!
            }
        }
        let store = try FaceStore(backend: try PostgresBackend(place: try PostgresLocation(url: url)))
        XCTAssertEqual(estimated, try store.counts().faces)
        XCTAssertEqual(try store.facesWithoutAgeGender().count, 0)
        func estimates(_ store: FaceStore) throws -> [String: [Double?]] {
            let table = try store.facesTable()
            XCTAssertEqual(Array(table.columns.suffix(2)), ["age", "gender"])
            return Dictionary(uniqueKeysWithValues: table.rows.map { row in
                ("\(row[0].text ?? "?")#\(row[1].integer ?? 0)",
                 row.suffix(2).map { if case .real(let v) = $0 { return v }; return nil })
            })
        }
        XCTAssertEqual(try estimates(store), try estimates(try FaceStore(path: FaceStore.defaultPath(forPhotos: reference).path)))
    }

    /// After the workers end, `status` measures throughput over the time they ran, not over a span that grows
    /// with the clock: two readings seconds apart give the same rate, and say when the work ended.
    func testStatusThroughputIsMeasuredOverTheTimeWorkersRan() throws {
        let folder = try photoFolder(copies: 1)
        let started = Date()
        XCTAssertEqual(try Fixtures.runCLI(["extract", folder.path]).status, 0)
        let wall = Date().timeIntervalSince(started)
        func throughput() throws -> (photos: Int, seconds: Int, ago: Int, rate: String) {
            let result = try Fixtures.runCLI(["status", folder.path, "--window", "600"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let line = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("throughput: ") })
            let pattern = #/throughput: (\d+) photos finished in the (\d+) s the workers ran, until (\d+) s ago \(([0-9.]+) photos/s\)$/#
            let match = try XCTUnwrap(try pattern.wholeMatch(in: line), String(line))
            return (Int(match.1)!, Int(match.2)!, Int(match.3)!, String(match.4))
        }
        let first = try throughput()
        Thread.sleep(forTimeInterval: 3)
        let second = try throughput()
        XCTAssertEqual(first.photos, 7)   // face_recognition's six test photos and t1.jpg
        XCTAssertLessThanOrEqual(Double(first.seconds), wall + 1)
        XCTAssertEqual(first.rate, second.rate)
        XCTAssertEqual(first.seconds, second.seconds)
        XCTAssertGreaterThanOrEqual(second.ago, first.ago + 2)
    }

    /// The wrong folder (another archive, a subfolder, a mount that failed) never empties a store: when most of its
    /// photos are missing, extract stops and changes nothing, unless asked with --remove-missing.
    func testMostPhotosMissingStopsExtractUnlessAsked() throws {
        let folder = try photoFolder(copies: 2)
        XCTAssertEqual(try Fixtures.runCLI(["extract", folder.path]).status, 0)
        let database = FaceStore.defaultPath(forPhotos: folder).path
        XCTAssertEqual(try FaceStore(path: database).counts().photos, 14)
        for gone in ["set1", "same"] { try FileManager.default.removeItem(at: folder.appendingPathComponent(gone)) }
        let refused = try Fixtures.runCLI(["extract", folder.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("14 of the store's 21 photo paths are not under \(folder.path): is this "
                                              + "the folder the store was made from"), refused.stderr)
        XCTAssertEqual(try FaceStore(path: database).counts().photos, 14)
        let asked = try Fixtures.runCLI(["extract", folder.path, "--remove-missing"])
        XCTAssertEqual(asked.status, 0, asked.stderr)
        XCTAssertTrue(asked.stdout.contains("14 gone since the last run"), asked.stdout)
        XCTAssertEqual(try FaceStore(path: database).counts().photos, 7)
    }

    /// One extract on a SQLite store of `folder`, once it holds claims (or has ended); with its standard error.
    private func extractHoldingClaims(_ folder: URL) throws -> (process: Process, errors: Pipe, database: String) {
        let (process, _, errors) = try Fixtures.launchCLI(["extract", folder.path, "--jobs", "1"])
        let database = FaceStore.defaultPath(forPhotos: folder).path
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            if FileManager.default.fileExists(atPath: database),
               let status = try? FaceStore(path: database).queueStatus(window: 600), !status.claims.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return (process, errors, database)
    }

    /// Ctrl-C gives the photos in hand back at once, not counted against them.
    func testAnInterruptedWorkerGivesItsPhotosBack() throws {
        let folder = try photoFolder(copies: 3)
        let (process, errors, database) = try extractHoldingClaims(folder)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        try XCTSkipIf(process.terminationStatus == 0, "the extraction finished before it could be interrupted")
        XCTAssertEqual(process.terminationStatus, 130)
        // It says so, with what it kept.
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertNotNil(said.firstMatch(of: #/extract: stopped by an interrupt \(Ctrl-C\) (before any file was read in this run|after 1 file was read in this run \(its result is kept\)|after \d+ files were read in this run \(their results are kept\)); the next extract goes on with the rest\n/#), said)
        let status = try FaceStore(path: database).queueStatus(window: 600)
        XCTAssertTrue(status.claims.isEmpty, "\(status.claims)")
        XCTAssertNotNil(status.workers.first?.stoppedAt)
    }

    /// On SQLite a killed worker is not counted as at work while its lease runs on: no extract holds the store.
    func testAKilledWorkerIsNotAtWorkOnSQLite() throws {
        let folder = try photoFolder(copies: 3)
        let process = try extractHoldingClaims(folder).process
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try XCTSkipIf(process.terminationReason != .uncaughtSignal, "the extraction finished before it could be killed")
        let status = try Fixtures.runCLI(["status", folder.path])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("workers seen in the last 1 min: 0 at work, 1 stopped without ending "
            + "(killed or crashed: no extract holds the store)\n"), status.stdout)
        XCTAssertTrue(status.stdout.contains("(gone: its counts are as of then)"), status.stdout)
        // Its claims are said to be taken over by the next extract, not to wait for their lease.
        let claimsLine = status.stdout.split(separator: "\n").first {
            $0.hasPrefix("  claimed by ") && $0.contains(" (pid \(process.processIdentifier)): ")
        }
        XCTAssertTrue(claimsLine?.hasSuffix(" ago), its worker stopped without ending: the next extract takes them over")
                      ?? false, status.stdout)
        // check says at once that extraction did not finish, without waiting for the killed worker's lease.
        let check = try Fixtures.runCLI(["check", folder.path])
        XCTAssertEqual(check.status, 1, check.stdout)
        XCTAssertTrue(check.stdout.contains("problem: extraction did not finish: "), check.stdout)
        XCTAssertTrue(check.stdout.contains(" held by workers that stopped (no extract is running on the store)"), check.stdout)
    }

    /// A worker refuses a store whose faces were described with other model files.
    func testAStoreMadeWithOtherModelsIsRefused() throws {
        let folder = try photoFolder(copies: 1)
        XCTAssertEqual(try Fixtures.runCLI(["extract", folder.path]).status, 0)
        let other = try Fixtures.temporaryFolder(self)
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.models.path) where name.hasSuffix(".dat") {
            var data = try Data(contentsOf: Fixtures.models.appendingPathComponent(name))
            if name == "dlib_face_recognition_resnet_model_v1.dat" { data.append(0) }
            try data.write(to: other.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("new"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try Fixtures.testImages().appendingPathComponent("obama.jpg"),
                                         to: folder.appendingPathComponent("new/obama.jpg"))
        let refused = try Fixtures.runCLI(["extract", folder.path, "--models", other.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("were described with other model files "
                                              + "(dlib_face_recognition_resnet_model_v1.dat differ)"), refused.stderr)
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        XCTAssertEqual(try store.counts().photos, 7)
        // The one worker so far ended by itself, with its totals (what status shows).
        let workers = try store.queueStatus(window: 3600).workers
        XCTAssertEqual(workers.map(\.photos), [7])
        XCTAssertEqual(workers.map(\.faces), [try store.counts().faces])
        XCTAssertNotNil(workers.first?.stoppedAt)
    }

    /// check on SQLite: photos queued with no worker registered are a problem only when no extract holds the store
    /// (one that does is still loading its models, and will read them).
    func testQueuedPhotosAreNoProblemWhileAnExtractHoldsTheStore() throws {
        let folder = try photoFolder(copies: 1)
        let path = FaceStore.defaultPath(forPhotos: folder).path
        let store = try FaceStore(path: path)
        try store.queuePhotos([QueuedFile(path: "set0/biden.jpg", fileSize: 1, modifiedAt: 1)], walkStarted: try store.serverTime())
        XCTAssertEqual(try store.invariantProblems(photos: folder).map(\.problem),
                       ["extraction did not finish: 1 photo is queued with no worker running"])
        let extract = try FaceStore(path: path, writing: true)   // holds the run lock, as a starting extract does
        XCTAssertEqual(try store.invariantProblems(photos: folder), [])
        _ = extract
    }

    /// The queue on SQLite: a killed run's claims are taken over by the next run at once (it writes alone), and a
    /// photo whose claim ran out twice is given up as a failure with the reason instead of being read a third time.
    func testClaimsLeftByDeadProcessesAreTakenOverAndGivenUpOnTheSecondTime() throws {
        let folder = try photoFolder(copies: 1)
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path, writing: true)
        let now = try store.serverTime()
        try store.queuePhotos([QueuedFile(path: "set0/biden.jpg", fileSize: 1, modifiedAt: 1),
                               QueuedFile(path: "set0/obama.jpg", fileSize: 1, modifiedAt: 1)], walkStarted: now)
        let dead = try store.registerWorker(host: "gone", pid: 1, runID: nil, lease: 60)
        XCTAssertEqual(try store.claimPhotos(worker: dead, limit: 5, lease: 60, runID: nil).claimed.map(\.path),
                       ["set0/biden.jpg", "set0/obama.jpg"])
        try store.expireClaims()
        // check says so, and what to do (this process writes the store, holding its run lock: the leases decide).
        XCTAssertEqual(try store.invariantProblems(photos: folder).map(\.problem),
                       ["extraction did not finish: 2 photos are held by workers that stopped (their leases ran out)"])
        // Taken over one at a time, the claim counted.
        let second = try store.registerWorker(host: "here", pid: 2, runID: nil, lease: 60)
        let takeover = try store.claimPhotos(worker: second, limit: 5, lease: 60, runID: nil)
        XCTAssertEqual(takeover.claimed, [PhotoClaim(path: "set0/biden.jpg", fileSize: 1, modifiedAt: 1, worker: second, claims: 2)])
        // The first worker's late result is refused, the second's stored.
        XCTAssertThrowsError(try store.recordFailure(path: "set0/biden.jpg", reason: "late", runID: nil,
                                                     claim: PhotoClaim(path: "set0/biden.jpg", fileSize: 1, modifiedAt: 1,
                                                                       worker: dead, claims: 1))) { error in
            guard case StoreError.claimLost("set0/biden.jpg") = error else { return XCTFail("\(error)") }
        }
        XCTAssertTrue(try store.failures().isEmpty)
        // The second worker dies too: the photo is given up with the reason.
        try store.expireClaims()
        let third = try store.registerWorker(host: "here", pid: 3, runID: nil, lease: 60)
        let last = try store.claimPhotos(worker: third, limit: 5, lease: 60, runID: nil)
        XCTAssertEqual(last.abandoned.map(\.path), ["set0/biden.jpg"])
        XCTAssertEqual(last.claimed.map(\.path), ["set0/obama.jpg"])
        XCTAssertEqual(try store.failures().map(\.path), ["set0/biden.jpg"])
        XCTAssertTrue(try store.failures()[0].reason.hasPrefix("the worker reading it stopped twice"))
        // A new walk leaves it failed; --retry-failed queues it again.
        let files = [QueuedFile(path: "set0/biden.jpg", fileSize: 1, modifiedAt: 1)]
        try store.queuePhotos(files, walkStarted: try store.serverTime(), retryGivenUp: false)
        XCTAssertEqual(try store.openQueue().queued, 0)
        try store.queuePhotos(files, walkStarted: try store.serverTime(), retryGivenUp: true)
        XCTAssertEqual(try store.openQueue().queued, 1)
        _ = try store.claimPhotos(worker: third, limit: 5, lease: 60, runID: nil)
        XCTAssertEqual(try store.openQueue(), QueueOpen(queued: 0, claimed: 2, nextLeaseEnd: try store.openQueue().nextLeaseEnd))
        XCTAssertEqual(try store.invariantProblems(photos: folder).map(\.problem), [], "a live claim is no problem")
    }
}
