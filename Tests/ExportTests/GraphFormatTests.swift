@testable import Export
import Foundation
import Reports
import TestSupport
import XCTest

/// Every data format of the network, checked by the tools users open it with: well-formed XML (xmllint), the same
/// nodes, edges, weights and attributes in networkx and Python's csv module, DOT that Graphviz renders, and labels
/// that survive as plain text with nothing that could run.
final class GraphFormatTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `text` into the test folder and returns its URL.
    private func write(_ text: String, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Runs a check, turning an absent tool into a skip with its reason.
    private func check(_ body: () throws -> Void) throws {
        do { try body() } catch let missing as ExportCheckers.Unavailable { throw XCTSkip(missing.description) }
    }

    func testHostileNamesAndPathsSurviveEveryDataFormat() throws {
        let network = try SyntheticNetworks.hostile()
        let expected = ExportCheckers.expectation(network)
        XCTAssertEqual(expected["dynamic"] as? Bool, true)
        let graphml = try write(GraphMLWriter.document(network), "network.graphml")
        let gexf = try write(GEXFWriter.document(network), "network.gexf")
        let csv = folder.appendingPathComponent("csv")
        try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: true)
        try TableFormat.csv.render(NetworkTables.nodes(network)).write(to: csv.appendingPathComponent("nodes.csv"), atomically: true, encoding: .utf8)
        try TableFormat.csv.render(NetworkTables.edges(network)).write(to: csv.appendingPathComponent("edges.csv"), atomically: true, encoding: .utf8)
        try check {
            try ExportCheckers.xmllint(graphml)
            try ExportCheckers.xmllint(gexf)
            try ExportCheckers.checkGraph(format: "csv", expected: expected, target: csv)
            try ExportCheckers.checkGraph(format: "graphml", expected: expected, target: graphml)
            try ExportCheckers.checkGraph(format: "gexf", expected: expected, target: gexf)
        }
    }

    /// DOT parses and renders in Graphviz with every layout; the SVG (with and without faces) is well-formed, shows
    /// each name as text, and holds no script, event attribute or javascript: link.
    func testDOTRendersAndSVGShowsNamesAsTextOnly() throws {
        let network = try SyntheticNetworks.hostile()
        let expected = ExportCheckers.expectation(network)
        let dot = NetworkSVG.dot(network)
        XCTAssertFalse(dot.contains("\u{1}"), "control characters are dropped from DOT labels")
        for engine in NetworkLayout.Engine.allCases {
            XCTAssertTrue(try NetworkSVG.render(dot: dot, layout: engine.rawValue).contains("</svg>"), engine.rawValue)
        }
        let plain = try write(NetworkSVG.svg(network), "plain.svg")
        let faces = try write(NetworkSVG.svg(network, layout: .neato, faces: true), "faces.svg")
        let facesText = try String(contentsOf: faces, encoding: .utf8)
        XCTAssertEqual(facesText.components(separatedBy: "xlink:href=\"data:image/jpeg;base64,").count - 1, network.nodes.count,
                       "every face embedded")
        XCTAssertFalse(facesText.contains("face-network-svg-"), "no reference to the temporary thumbnails is left")
        try check {
            for svg in [plain, faces] {
                try ExportCheckers.xmllint(svg)
                try ExportCheckers.checkGraph(format: "svg", expected: expected, target: svg)
            }
        }
    }

    /// Without any dated photo the GEXF is static (no timeline), and it still loads.
    func testUndatedNetworkGivesStaticGEXF() throws {
        var network = try SyntheticNetworks.hostile()
        for i in network.photos.indices { network.photos[i].takenAt = nil }
        for i in network.links.indices { network.links[i].firstTakenAt = nil; network.links[i].lastTakenAt = nil }
        let gexf = GEXFWriter.document(network)
        XCTAssertTrue(gexf.contains("mode=\"static\""))
        XCTAssertFalse(gexf.contains("start="))
        let expected = ExportCheckers.expectation(network)
        XCTAssertEqual(expected["dynamic"] as? Bool, false)
        let file = try write(gexf, "undated.gexf")
        try check { try ExportCheckers.checkGraph(format: "gexf", expected: expected, target: file) }
    }

    func testEscapingHelpers() {
        XCTAssertEqual(NetworkHTML.jsonInScript("[\"</script><!--\u{2028}—\u{2029}\u{E2}\"]"),
                       "[\"\\u003c/script>\\u003c!--\\u2028—\\u2029\u{E2}\"]")
        XCTAssertEqual(NetworkHTML.jsonInScript(""), "")
        XCTAssertEqual(XMLText.clean("a\u{1}b\u{FFFE}\tc\n"), "a\u{FFFD}b\u{FFFD}\tc\n")
        XCTAssertEqual(GEXFWriter.day("2019-03-04 10:11:12"), "2019-03-04")
        XCTAssertNil(GEXFWriter.day("0000:00:00 00:00:00"))
        XCTAssertNil(GEXFWriter.day("2019-13-01 00:00:00"))
        XCTAssertNil(GEXFWriter.day("٢٠١٩-03-04"), "digits of other scripts are not a date")
        let page = NetworkHTML.fill("a{{X}}b{{Y}}c{{", ["X": "{{Y}}", "Y": "2"])
        XCTAssertEqual(page, "a{{Y}}b2c{{", "a value is never expanded again")
        let photos = URL(fileURLWithPath: "/data/My Photos")
        XCTAssertEqual(NetworkHTML.photoBase(page: photos.appendingPathComponent("Face Network/Data"), photos: photos), "../../")
        XCTAssertEqual(NetworkHTML.photoBase(page: photos, photos: photos), "")
        XCTAssertEqual(NetworkHTML.photoBase(page: URL(fileURLWithPath: "/tmp"), photos: photos), "file:///data/My%20Photos/")
        XCTAssertEqual(NetworkHTML.photoBase(page: nil, photos: photos), "file:///data/My%20Photos/")
    }
}
