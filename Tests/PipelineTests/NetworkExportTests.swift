import Export
import Foundation
import Store
import TestSupport
import XCTest

/// `face-network export` in every network format, and the network page in a browser, for the network of
/// ../shared/data/group-photos (the store of `GroupPhotosRun`, shared with CommandLineTests).
final class NetworkExportTests: XCTestCase {
    /// Runs a check, turning an absent tool into a skip with its reason.
    private func check(_ body: () throws -> Void) throws {
        do { try body() } catch let missing as ExportCheckers.Unavailable { throw XCTSkip(missing.description) }
    }

    private func export(_ photos: URL, _ arguments: [String]) throws {
        let result = try Fixtures.runCLI(["export", photos.path] + arguments)
        XCTAssertEqual(result.status, 0, "export \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    func testEveryFormatCarriesTheGroupPhotosNetwork() throws {
        let (photos, run) = try GroupPhotosRun.shared()
        XCTAssertEqual(run.status, 0, run.stderr)
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: photos).path)
        let network = try NetworkData.load(from: store, photos: photos, minPhotos: 1, thumbnailSide: nil)
        XCTAssertGreaterThanOrEqual(network.nodes.count, 10)
        XCTAssertGreaterThanOrEqual(network.links.count, 10)
        XCTAssertEqual(network.links.map(\.weight), network.links.map(\.photoIndices.count), "each edge lists its photos")
        let expected = ExportCheckers.expectation(network)

        let out = try Fixtures.temporaryFolder(self)
        for kind in ["graphml", "gexf", "dot", "svg"] {
            try export(photos, [kind, "--output", out.appendingPathComponent("network.\(kind)").path])
        }
        try export(photos, ["svg", "--faces", "--layout", "neato", "--output", out.appendingPathComponent("faces.svg").path])
        try export(photos, ["dot", "--faces", "--layout", "circo", "--output", out.appendingPathComponent("faces.dot").path])
        try export(photos, ["csv", "--output", out.appendingPathComponent("csv").path])

        // DOT: Graphviz renders it; with --faces it names face files beside it, made by person id.
        let dot = try String(contentsOf: out.appendingPathComponent("network.dot"), encoding: .utf8)
        XCTAssertTrue(try NetworkSVG.render(dot: dot).contains("</svg>"))
        let faces = try String(contentsOf: out.appendingPathComponent("faces.dot"), encoding: .utf8)
        // The layout asked for is named in the file for Graphviz's tools (`dot -Tsvg faces.dot` lays it out so).
        XCTAssertTrue(dot.contains("layout=sfdp]") && faces.contains("layout=circo, imagepath="), String(faces.prefix(300)))
        let images = faces.components(separatedBy: "image=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(images.count, network.nodes.count)
        for image in images {
            XCTAssertTrue(image.hasPrefix("person-faces/p"), image)
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(image).path), image)
        }
        XCTAssertTrue(try NetworkSVG.render(dot: faces).contains("<image"))
        try check {
            for name in ["network.graphml", "network.gexf", "network.svg", "faces.svg"] {
                try ExportCheckers.xmllint(out.appendingPathComponent(name))
            }
            try ExportCheckers.checkGraph(format: "graphml", expected: expected, target: out.appendingPathComponent("network.graphml"))
            try ExportCheckers.checkGraph(format: "gexf", expected: expected, target: out.appendingPathComponent("network.gexf"))
            try ExportCheckers.checkGraph(format: "csv", expected: expected, target: out.appendingPathComponent("csv"))
            try ExportCheckers.checkGraph(format: "svg", expected: expected, target: out.appendingPathComponent("faces.svg"))
        }
    }

    func testExportOptionsThatDoNotApplyAreRefused() throws {
        let folder = try Fixtures.temporaryFolder(self)
        for (arguments, message) in [(["graphml", "--faces"], "--faces applies to svg and dot only"),
                                     (["gexf", "--format", "json"], "--format json applies to faces, people and edges only; gexf is a format of its own"),
                                     (["svg", "--format", "csv"], "--format csv applies to faces, people and edges only; svg is a format of its own"),
                                     (["svg", "--layout", "spring"], "--layout"),
                                     (["csv", "--min-photos", "0"], "--min-photos must be at least 1"),
                                     (["graphml", "--layout", "neato"], "--layout applies to svg, dot and html only, not to graphml"),
                                     (["edges", "--scale", "3"], "--scale applies to svg, dot, gexf and html only, not to edges"),
                                     (["faces", "--min-photos", "2"], "--min-photos applies to people, edges and the network"),
                                     (["graphml", "--sources", "0"], "--sources must be at least 1"),
                                     (["people", "--sources", "10"], "--sources applies to the network formats only, not to people")] {
            let result = try Fixtures.runCLI(["export", folder.path] + arguments)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
    }

    /// The page `network` writes (README: Data/Image_Network.html) draws every person without errors, shows faces,
    /// and lists a person's photos as links that lead to the photo files.
    func testNetworkPageShowsEveryoneAndLinksTheirPhotos() throws {
        let (photos, run) = try GroupPhotosRun.shared()
        XCTAssertEqual(run.status, 0, run.stderr)
        let data = photos.appendingPathComponent("Face Network/Data")
        for name in ["Image_Network.html", "Image_Network.svg", "Edges.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: data.appendingPathComponent(name).path), name)
        }
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: photos).path)
        let network = try NetworkData.load(from: store, photos: photos, minPhotos: 1, thumbnailSide: nil)
        let first = try XCTUnwrap(network.nodes.first)
        let report: ExportCheckers.PageReport
        do {
            report = try ExportCheckers.openInBrowser(data.appendingPathComponent("Image_Network.html"), expressions: [
                "nodes": "Number(document.getElementById('graph').dataset.drawnNodes)",
                "links": "Number(document.getElementById('graph').dataset.drawnLinks)",
                "photoLinks": """
                    (() => { const s = document.getElementById('search'); s.value = '\(first.id)';
                             s.dispatchEvent(new Event('input')); document.querySelector('#matches li').click();
                             return Array.from(document.querySelectorAll('#details a')).map((a) => a.href); })()
                    """,
            ])
        } catch let missing as ExportCheckers.Unavailable {
            throw XCTSkip(missing.description)
        }
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values["nodes"] as? Double, Double(network.nodes.count))
        XCTAssertEqual(report.values["links"] as? Double, Double(network.links.count))
        let (ink, colours) = ExportCheckers.inkAndColours(report.screenshot)
        XCTAssertGreaterThan(ink, 0.02, "the screenshot is mostly blank")
        XCTAssertGreaterThan(colours, 50, "faces give many colours")
        let links = try XCTUnwrap(report.values["photoLinks"] as? [String])
        XCTAssertEqual(links.count, first.photoIndices.count)
        for link in links {
            let url = try XCTUnwrap(URL(string: link))
            XCTAssertTrue(url.isFileURL && FileManager.default.fileExists(atPath: url.path), link)
        }
    }
}
