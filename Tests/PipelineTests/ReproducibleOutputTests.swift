import Foundation
import XCTest

/// README: every output is byte-identical for the same store, so users can diff and version them. One photo
/// folder is run and exported twice from scratch, to the same places (a DOT file names the folder of its faces,
/// and a page outside the photo folder links the photos by their absolute URL), and every file compared.
final class ReproducibleOutputTests: XCTestCase {
    /// Runs the pipeline on `photos` and writes every export and report beside it, in `Exports/`.
    private func produceEverything(from images: URL, under parent: URL) throws -> URL {
        let folder = parent.appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["obama.jpg", "obama2.jpg", "biden.jpg", "t1.jpg"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let run = try Fixtures.runCLI(["run", folder.path, "--min-cluster-size", "1", "--jobs", "2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let exports = parent.appendingPathComponent("Exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        var commands: [[String]] = []
        for kind in ["svg", "dot", "graphml", "gexf", "html"] {
            commands.append(["export", folder.path, kind, "--output", exports.appendingPathComponent("network.\(kind)").path])
        }
        for kind in ["svg", "dot"] {
            commands.append(["export", folder.path, kind, "--faces",
                             "--output", exports.appendingPathComponent("faces.\(kind)").path])
        }
        commands.append(["export", folder.path, "csv", "--output", exports.appendingPathComponent("csv").path])
        for table in ["faces", "people", "edges"] {
            for format in ["csv", "json"] {
                commands.append(["export", folder.path, table, "--format", format,
                                 "--output", exports.appendingPathComponent("\(table).\(format)").path])
            }
        }
        for format in ["md", "html", "csv", "json"] {
            commands.append(["report", folder.path, "--format", format,
                             "--output", exports.appendingPathComponent("report.\(format)").path])
        }
        for command in commands {
            let result = try Fixtures.runCLI(command)
            XCTAssertEqual(result.status, 0, command.joined(separator: " ") + ": " + result.stderr)
        }
        return parent
    }

    /// Every regular file under `root` except the store (which records when it was written), by relative path.
    private func files(under root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if relative.contains("FaceNetwork.sqlite") || relative.hasSuffix(".lock") { continue }
            result[relative] = try Data(contentsOf: url)
        }
        return result
    }

    func testTwoRunsOnTheSamePhotosWriteByteIdenticalOutputs() throws {
        let images = try Fixtures.testImages()
        let parent = try Fixtures.temporaryFolder(self)
        let a = try files(under: try produceEverything(from: images, under: parent))
        try FileManager.default.removeItem(at: parent)
        let b = try files(under: try produceEverything(from: images, under: parent))
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        for name in ["photos/Face Network/Data/Image_Network.html", "photos/Face Network/Data/Image_Network.svg",
                     "photos/Face Network/Data/Edges.csv", "photos/Face Network/Clusters/Person_1.jpg",
                     "Exports/network.gexf", "Exports/report.json", "Exports/faces.svg", "Exports/csv/nodes.csv"] {
            XCTAssertNotNil(a[name], "\(name) was not written")
        }
        // Nothing in a file records when it was written (GEXF's optional lastmodifieddate was the day of export).
        XCTAssertFalse(String(decoding: a["Exports/network.gexf"] ?? Data(), as: UTF8.self).contains("lastmodifieddate"))
        for name in a.keys.sorted() where a[name] != b[name] {
            XCTFail("\(name) differs between two runs on the same photos")
        }
    }
}
