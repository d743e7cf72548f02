import Foundation
@testable import Store
import XCTest

/// Extraction killed at any moment (SIGKILL) and run again leaves exactly the store an uninterrupted run leaves.
final class ResumeTests: XCTestCase {
    private func photoFolder() throws -> URL {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        for name in try FileManager.default.contentsOfDirectory(atPath: images.path).sorted() {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Faces by id with photo path, index, box and descriptor: what must not differ.
    private func snapshot(_ folder: URL) throws -> [String] {
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        let faces = try store.table(query: "faces_export").rows.map { "\($0)" }
        let descriptors = try store.descriptors().map { "\($0.faceID) \($0.photoID) \($0.descriptor)" }
        let counts = try store.counts()
        return faces + descriptors + ["\(counts.photos) photos \(counts.faces) faces \(counts.failures) failures"]
    }

    /// The store is the same for any `--jobs` whichever OpenBLAS kernels the CPU gets. OpenBLAS picks its kernels
    /// by CPU; `OPENBLAS_CORETYPE` makes it run those of another CPU kind, so the AVX2-only kinds are tested on any
    /// machine that can run them. Assumes: the AVX2 and FMA instructions (checked; skipped without them), which
    /// the Haswell and Zen kernels need. Before descriptors were computed on one BLAS thread, `--jobs 1` (one worker,
    /// OpenBLAS threaded) differed from `--jobs 2` here by up to 2.8e-7 with both kernels.
    func testTheSameStoreForAnyJobsWithTheKernelsOfAVX2OnlyCPUs() throws {
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? []
        try XCTSkipUnless(flags.contains("avx2") && flags.contains("fma"),
                          "this CPU has no AVX2 and FMA, so it cannot run OpenBLAS's Haswell and Zen kernels")
        for kernel in ["Haswell", "Zen"] {
            let environment = ["OPENBLAS_CORETYPE": kernel]
            let one = try photoFolder(), two = try photoFolder()
            let first = try Fixtures.runCLI(["extract", one.path, "--jobs", "1"], environment: environment)
            XCTAssertEqual(first.status, 0, first.stderr)
            let second = try Fixtures.runCLI(["extract", two.path, "--jobs", "2"], environment: environment)
            XCTAssertEqual(second.status, 0, second.stderr)
            let expected = try snapshot(one)
            XCTAssertTrue(expected.last!.hasPrefix("8 photos 13 faces 0 failures"), expected.last!)
            let parallel = try snapshot(two)
            // The first difference, not two stores' worth of floats.
            if let line = parallel.indices.first(where: { $0 < expected.count && parallel[$0] != expected[$0] }) {
                XCTFail("--jobs 2 differs from --jobs 1 with OpenBLAS's \(kernel) kernels: \(parallel[line]) against \(expected[line])")
            }
            XCTAssertEqual(parallel.count, expected.count)
        }
    }

    func testKilledExtractionsResumeToTheSameStore() throws {
        // One worker and two give the same store, face ids included.
        let reference = try photoFolder()
        let full = try Fixtures.runCLI(["extract", reference.path, "--jobs", "1"])
        XCTAssertEqual(full.status, 0, full.stderr)
        let expected = try snapshot(reference)
        XCTAssertTrue(expected.last!.hasPrefix("8 photos 13 faces 0 failures"), expected.last!)
        let parallel = try photoFolder()
        XCTAssertEqual(try Fixtures.runCLI(["extract", parallel.path, "--jobs", "2"]).status, 0)
        XCTAssertEqual(try snapshot(parallel), expected, "--jobs 2 differs from --jobs 1")

        // Kill before anything is stored, then as soon as 1, 2 and 4 of the 8 photos are stored (polling the
        // store, so the kill lands mid-run however fast the machine is).
        var partialKills = 0
        for storedPhotos in [0, 1, 2, 4] {
            let folder = try photoFolder()
            let (process, _, errors) = try Fixtures.launchCLI(["extract", folder.path, "--jobs", "2"])
            let database = FaceStore.defaultPath(forPhotos: folder).path
            let deadline = Date().addingTimeInterval(120)
            while storedPhotos > 0, process.isRunning, Date() < deadline {
                if FileManager.default.fileExists(atPath: database),
                   let count = try? FaceStore(path: database).counts().photos, count >= storedPhotos { break }
                Thread.sleep(forTimeInterval: 0.02)
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // The extraction ends by itself only by finishing: it must not have failed on the store this test reads.
            if process.terminationReason == .exit {
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                XCTAssertEqual(process.terminationStatus, 0, "killed after \(storedPhotos) photos: \(message)")
            }
            var partialKillLanded = false
            if storedPhotos > 0 {
                let partial = try FaceStore(path: database).counts().photos
                XCTAssertGreaterThanOrEqual(partial, storedPhotos)
                partialKillLanded = partial < 8
                if partialKillLanded { partialKills += 1 }
            }
            let resumed = try Fixtures.runCLI(["extract", folder.path, "--jobs", "2"])
            XCTAssertEqual(resumed.status, 0, resumed.stderr)
            XCTAssertEqual(try snapshot(folder), expected, "killed after \(storedPhotos) photos")
            // The store's invariants hold (what `face-network check` verifies beyond SQLite's own checks).
            let resumedStore = try FaceStore(path: database)
            XCTAssertEqual(resumedStore.integrityProblems(), [], "killed after \(storedPhotos) photos")
            XCTAssertEqual(try resumedStore.invariantProblems(photos: folder), [], "killed after \(storedPhotos) photos")
            // No run is left marked running: the killed one, when it had recorded itself and not yet finished, is
            // marked interrupted by the next.
            let statuses = try FaceStore(path: database).pool.read { db in
                try String.fetchAll(db, sql: "SELECT status FROM runs ORDER BY id")
            }
            XCTAssertEqual(statuses.last, "finished")
            XCTAssertFalse(statuses.contains("running"), "\(statuses)")
            if storedPhotos > 0, partialKillLanded {
                XCTAssertEqual(statuses.dropLast(), ["interrupted"], "killed after \(storedPhotos) photos")
            }
        }
        // Timing decides how many kills land mid-run on a loaded machine; at least one must.
        XCTAssertGreaterThanOrEqual(partialKills, 1, "no kill landed mid-run")
    }

    /// A second command on a store that another is writing stops at once and says why, writing nothing.
    func testASecondWriterIsRefusedWithAClearMessage() throws {
        let folder = try photoFolder()
        let database = FaceStore.defaultPath(forPhotos: folder).path
        try FileManager.default.createDirectory(atPath: (database as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let fd = open(database + ".lock", O_RDWR | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)   // stands for a running extraction
        let second = try Fixtures.runCLI(["extract", folder.path])
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.stderr.contains("another face-network command is writing \(database)"), second.stderr)
        XCTAssertEqual(try FaceStore(path: database).counts().photos, 0)
        flock(fd, LOCK_UN)
        XCTAssertEqual(try Fixtures.runCLI(["extract", folder.path]).status, 0)
    }
}
