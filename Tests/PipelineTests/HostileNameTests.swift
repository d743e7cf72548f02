import Export
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Photo and folder names chosen to break markup (a quote that ends an attribute, tags, entities) reach no
/// drawing as markup: Graphviz is given only names the tool makes.
final class HostileNameTests: XCTestCase {
    static let hostile = [
        "q\" onerror=\"document.documentElement.setAttribute('data-pwned','yes').jpg",
        "sub <b>dir</b>/x.jpg",
        "a&amp;b.jpg",
    ]

    private func hostileNetwork() throws -> URL {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self).appendingPathComponent("photos \"<i>&amp;")
        for (name, source) in zip(Self.hostile, ["obama.jpg", "biden.jpg", "t1.jpg"]) {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: images.appendingPathComponent(source), to: url)
        }
        let run = try Fixtures.runCLI(["run", folder.path, "--min-cluster-size", "1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return folder
    }

    /// Every `xlink:href` of a well-formed SVG document.
    private func imageReferences(_ svg: String) throws -> [String] {
        let document = try XMLDocument(xmlString: svg)
        return try document.nodes(forXPath: "//*[local-name()='image']").compactMap { node in
            (node as? XMLElement)?.attributes?.first { $0.name == "xlink:href" }?.stringValue
        }
    }

    func testDotFacesNameCropsByIdAndTheirSVGHoldsNoUserText() throws {
        let folder = try hostileNetwork()
        let out = try Fixtures.temporaryFolder(self).appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let dotFile = out.appendingPathComponent("net.dot")
        let export = try Fixtures.runCLI(["export", folder.path, "dot", "--faces", "--output", dotFile.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        let dot = try String(contentsOf: dotFile, encoding: .utf8)
        XCTAssertFalse(dot.contains("onerror"), dot)
        XCTAssertFalse(dot.contains("<b>"), dot)
        XCTAssertFalse(dot.contains("&amp;b"), dot)
        // Laid out as `dot -Tsvg net.dot` would from anywhere: the faces are found, the document is well-formed
        // and every image is one the tool named, beside the DOT file, holding a face crop.
        let svg = try NetworkSVG.render(dot: dot, layout: "sfdp")
        let references = try imageReferences(svg)
        XCTAssertEqual(references.count, 8, svg)   // obama, biden and t1's six, each their own person
        for reference in references {
            XCTAssertNotNil(reference.range(of: "^[A-Za-z0-9._/-]+$", options: .regularExpression), reference)
            let file = out.appendingPathComponent(reference)
            XCTAssertTrue(FileManager.default.fileExists(atPath: file.path), reference)
            XCTAssertEqual(try Data(contentsOf: file).prefix(2), Data([0xFF, 0xD8]), reference)
        }
        XCTAssertFalse(svg.contains("onerror"))
        XCTAssertFalse(svg.contains("data-pwned"))
    }

    func testSVGFacesEmbedsEveryFaceWhateverThePhotosAreCalled() throws {
        let folder = try hostileNetwork()
        let export = try Fixtures.runCLI(["export", folder.path, "svg", "--faces"])
        XCTAssertEqual(export.status, 0, export.stderr)
        let references = try imageReferences(export.stdout)
        XCTAssertEqual(references.count, 8)
        XCTAssertTrue(references.allSatisfy { $0.hasPrefix("data:image/jpeg;base64,") })
        XCTAssertFalse(export.stdout.contains("onerror"))
    }

    /// The Markdown report links crops by percent-encoded relative URLs: no entity, tag or quote of a file name
    /// is read as such by a Markdown reader.
    func testMarkdownReportLinksCropsWithoutUserMarkup() throws {
        let folder = try hostileNetwork()
        let output = folder.appendingPathComponent("report.md")
        let report = try Fixtures.runCLI(["report", folder.path, "--format", "md", "--output", output.path])
        XCTAssertEqual(report.status, 0, report.stderr)
        let text = try String(contentsOf: output, encoding: .utf8)
        let links = text.components(separatedBy: "![face](<").dropFirst().map { String($0.prefix { $0 != ">" }) }
        XCTAssertGreaterThanOrEqual(links.count, 8, text)
        for link in links {
            XCTAssertNil(link.rangeOfCharacter(from: CharacterSet(charactersIn: "&<>\"\\ ")), link)
            let target = folder.appendingPathComponent(link.removingPercentEncoding!)
            XCTAssertTrue(FileManager.default.fileExists(atPath: target.path), link)
        }
    }

    /// A command a message suggests names the folder as one shell word: pasted into a shell, it is the path and
    /// runs nothing of the name.
    func testSuggestedCommandsQuoteThePathForTheShell() throws {
        let folder = try Fixtures.temporaryFolder(self).appendingPathComponent("it's $(touch pwned); x")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Two people seen once: kept by `run --min-cluster-size 1`, unassigned by the default `cluster`, so the
        // network files are outdated and `cluster` suggests the command that redraws them.
        let images = try Fixtures.testImages()
        for name in ["obama.jpg", "biden.jpg"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        XCTAssertEqual(try Fixtures.runCLI(["run", folder.path, "--min-cluster-size", "1", "--no-mosaic"]).status, 0)
        let cluster = try Fixtures.runCLI(["cluster", folder.path, "--no-mosaic"])
        XCTAssertEqual(cluster.status, 0, cluster.stderr)
        let prefix = "face-network network ", suffix = " redraws them"
        let line = try XCTUnwrap(cluster.stdout.split(separator: "\n").first { $0.contains(prefix) }, cluster.stdout)
        let start = try XCTUnwrap(line.range(of: prefix)), end = try XCTUnwrap(line.range(of: suffix, options: .backwards))
        let word = String(line[start.upperBound..<end.lowerBound])
        XCTAssertEqual(word, "'" + folder.path.replacingOccurrences(of: "'", with: "'\\''") + "'")
        let shell = try Fixtures.run(URL(fileURLWithPath: "/bin/sh"), ["-c", "printf %s " + word])
        XCTAssertEqual(shell.stdout, folder.path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "pwned"))
    }
}
