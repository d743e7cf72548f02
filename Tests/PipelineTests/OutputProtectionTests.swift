import Foundation
import Pipeline
import Store
import TestSupport
import XCTest

/// No output option replaces what a user would lose: a photo, the store or its companion files, or the command's
/// own input. Each is refused before any work, by name, with a non-zero exit, and the file is left as it was.
final class OutputProtectionTests: XCTestCase {
    private func assertRefused(_ arguments: [String], _ message: String, keeps file: URL,
                               file testFile: StaticString = #filePath, line: UInt = #line) throws {
        let before = try Data(contentsOf: file)
        let result = try Fixtures.runCLI(arguments)
        XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "), file: testFile, line: line)
        XCTAssertTrue(result.stderr.contains(message), result.stderr, file: testFile, line: line)
        XCTAssertEqual(try Data(contentsOf: file), before, "\(file.path) changed", file: testFile, line: line)
    }

    func testOutputsNeverReplaceAPhotoOrTheStore() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let photo = folder.appendingPathComponent("holiday.jpg")
        try SyntheticImages.quadrants().jpegData().write(to: photo)
        // A photo under a name that does not say so is still a photo: its bytes are looked at, not its name.
        let renamed = folder.appendingPathComponent("notes.txt")
        try SyntheticImages.quadrants().pngData().write(to: renamed)
        let layout = CollectionLayout(photos: folder)
        try FileManager.default.createDirectory(at: layout.store.deletingLastPathComponent(), withIntermediateDirectories: true)
        do { _ = try FaceStore(path: layout.store.path) }
        let lock = URL(fileURLWithPath: layout.store.path + ".lock")
        if !FileManager.default.fileExists(atPath: lock.path) { try Data().write(to: lock) }

        try assertRefused(["report", folder.path, "--output", photo.path], "will not write over \(photo.path): it is a picture (JPEG)",
                          keeps: photo)
        try assertRefused(["export", folder.path, "graphml", "--output", renamed.path], "it is a picture (PNG)", keeps: renamed)
        try assertRefused(["export", folder.path, "edges", "--output", layout.store.path], "it is an SQLite database",
                          keeps: layout.store)
        try assertRefused(["cluster", folder.path, "--dendrogram", lock.path], "--dendrogram \(lock.path) is the store's run lock",
                          keeps: lock)
        // Companion files SQLite has not made yet are refused by name, before any work.
        let journal = layout.store.path + "-journal"
        let early = try Fixtures.runCLI(["report", folder.path, "--output", journal])
        XCTAssertEqual(early.status, 64, early.stderr)
        XCTAssertTrue(early.stderr.contains("--output \(journal) is the store's rollback journal"), early.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))
        // ... also through a symbolic link to the folder and '..' after it, as the kernel resolves them, and as a
        // folder export csv would make.
        let dataLink = folder.appendingPathComponent("data-link").path
        try FileManager.default.createSymbolicLink(atPath: dataLink, withDestinationPath: layout.store.deletingLastPathComponent().path)
        for output in ["\(dataLink)/FaceNetwork.sqlite-journal", "\(dataLink)/../Data/FaceNetwork.sqlite-shm"] {
            let linked = try Fixtures.runCLI(["report", folder.path, "--output", output])
            XCTAssertEqual(linked.status, 64, output)
            XCTAssertTrue(linked.stderr.contains("is the same file as"), linked.stderr)
        }
        let csvFolder = try Fixtures.runCLI(["export", folder.path, "csv", "--output", journal])
        XCTAssertEqual(csvFolder.status, 64, csvFolder.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))
        // run's dendrogram is not one of run's own network files, which would replace it.
        let page = layout.networkPage.path
        let own = try Fixtures.runCLI(["run", folder.path, "--dendrogram", page])
        XCTAssertEqual(own.status, 64, own.stderr)
        XCTAssertTrue(own.stderr.contains("--dendrogram \(page) is one of run's network files (\(layout.networkPage.lastPathComponent))"),
                      own.stderr)
        // A FIFO that nothing reads is an error naming it, not a hang.
        let fifo = folder.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let unread = try Fixtures.runCLI(["export", folder.path, "edges", "--output", fifo])
        XCTAssertEqual(unread.status, 1, unread.stderr)
        XCTAssertTrue(unread.stderr.contains("cannot write \(fifo): it is a FIFO that no process is reading"), unread.stderr)
        let fifoLink = folder.appendingPathComponent("fifo-link").path
        try FileManager.default.createSymbolicLink(atPath: fifoLink, withDestinationPath: fifo)
        let throughLink = try Fixtures.runCLI(["export", folder.path, "edges", "--output", fifoLink])
        XCTAssertEqual(throughLink.status, 1, throughLink.stderr)
        XCTAssertTrue(throughLink.stderr.contains("it is a FIFO that no process is reading"), throughLink.stderr)
        // A symbolic link that leads nowhere is named as such, before any work.
        let dangling = folder.appendingPathComponent("dangling").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "no-such-file.txt")
        let nowhere = try Fixtures.runCLI(["report", folder.path, "--output", dangling])
        XCTAssertEqual(nowhere.status, 64, nowhere.stderr)
        XCTAssertTrue(nowhere.stderr.contains("cannot write \(dangling): it is a symbolic link to no-such-file.txt, which does not exist"),
                      nowhere.stderr)
        // The same file by another name (a symbolic link) is the same file.
        let link = folder.appendingPathComponent("store-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: lock)
        try assertRefused(["run", folder.path, "--dendrogram", link.path], "is the same file as \(lock.path)", keeps: lock)
    }

    /// cluster-descriptors checks --clusters before clustering, never writes over its own inputs, and prints the
    /// clusters for '-'.
    func testClusterDescriptorsOutputs() throws {
        let folder = try Fixtures.temporaryFolder(self)
        // Four faces: rows 0 and 1 one person, rows 2 and 3 another, far apart.
        var values: [Float] = []
        for row in 0..<4 { values += (0..<128).map { Float(row / 2) + ($0 == 0 ? Float(row % 2) * 0.01 : 0) } }
        let binary = folder.appendingPathComponent("descriptors.f32"), table = folder.appendingPathComponent("faces.csv")
        try values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: binary)
        try "row,photo,identity,labelled\n0,a.jpg,Ann,1\n1,b.jpg,Ann,1\n2,c.jpg,Bo,1\n3,d.jpg,Bo,1\n"
            .write(to: table, atomically: true, encoding: .utf8)

        try assertRefused(["cluster-descriptors", folder.path, "--clusters", table.path], "--clusters \(table.path) is an input",
                          keeps: table)
        try assertRefused(["cluster-descriptors", folder.path, "--dendrogram", binary.path], "is an input of this command",
                          keeps: binary)
        let both = try Fixtures.runCLI(["cluster-descriptors", folder.path, "--clusters", "same.out", "--dendrogram", "same.out"])
        XCTAssertEqual(both.status, 64, both.stderr)
        XCTAssertTrue(both.stderr.contains("--dendrogram same.out is also --clusters"), both.stderr)
        let missing = folder.appendingPathComponent("no-such-folder/clusters.txt").path
        let early = try Fixtures.runCLI(["cluster-descriptors", folder.path, "--clusters", missing])
        XCTAssertNotEqual(early.status, 0)
        XCTAssertTrue(early.stderr.contains("the folder \(folder.path)/no-such-folder does not exist"), early.stderr)

        let printed = try Fixtures.runCLI(["cluster-descriptors", folder.path, "--clusters", "-", "--min-cluster-size", "1"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout, "0 1\n2 3\n")

        // A labelled value other than 0 or 1 is an error naming the line.
        try "row,photo,identity,labelled\n0,a.jpg,Ann,1\n1,b.jpg,Ann,maybe\n2,c.jpg,Bo,1\n3,d.jpg,Bo,1\n"
            .write(to: table, atomically: true, encoding: .utf8)
        let bad = try Fixtures.runCLI(["cluster-descriptors", folder.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("faces.csv line 3: labelled is 'maybe'"), bad.stderr)
    }
}
