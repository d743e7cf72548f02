@testable import Export
import Foundation
import TestSupport
import XCTest

/// The interactive page in a real browser (headless Chromium): it draws without errors, shows everyone, is not
/// blank, opens 5,000 people in under 2 s, and runs nothing that a user typed as a name.
final class BrowserTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func open(_ page: String, expressions: [String: String] = [:], settleMs: Int = 1500) throws -> ExportCheckers.PageReport {
        let url = folder.appendingPathComponent("network.html")
        try page.write(to: url, atomically: true, encoding: .utf8)
        do {
            return try ExportCheckers.openInBrowser(url, expressions: expressions, settleMs: settleMs)
        } catch let missing as ExportCheckers.Unavailable {
            throw XCTSkip(missing.description)
        }
    }

    static let drawn = [
        "nodes": "Number(document.getElementById('graph').dataset.drawnNodes)",
        "links": "Number(document.getElementById('graph').dataset.drawnLinks)",
    ]

    /// A 5,000-person network (about 13,000 links, 13 MB with faces) opens, settled and drawn, every person and
    /// link on the first frame. Its speed target (first frame in under 2 s, measured by the browser from navigation
    /// start) is measured on a quiet machine in BENCHMARKS.md ("Network page: 5,000 people"), not here: under other
    /// jobs a test would fail on load, not on the page. The bound here only catches a page that hangs.
    func testFiveThousandPeopleOpenAndDrawEveryone() throws {
        let network = try SyntheticNetworks.photoCollection(people: 5_000)
        let started = Date()
        let page = try NetworkHTML.page(network, title: "5,000 people")
        let saving = Date().timeIntervalSince(started)
        let report = try open(page, expressions: Self.drawn)
        print("5,000 people, \(network.links.count) links: page \(page.utf8.count / 1_000_000) MB written in "
              + String(format: "%.1f s", saving) + " (layout included); first frame after \(Int(report.firstRenderMs)) ms "
              + "(seen after \(Int(report.wallMs)) ms)")
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values["nodes"] as? Double, 5_000)
        XCTAssertEqual(report.values["links"] as? Double, Double(network.links.count))
        XCTAssertLessThan(report.firstRenderMs, 15_000, "first render")
        let (ink, colours) = ExportCheckers.inkAndColours(report.screenshot)
        XCTAssertGreaterThan(ink, 0.05, "the screenshot is mostly blank")
        XCTAssertGreaterThan(colours, 20, "the screenshot has almost no colours")
    }

    /// Names built to break out of the JSON, the script element or the markup stay text: nothing runs, the title
    /// and the names read back unchanged, and searching finds a name as typed.
    func testNamesNeverRunAsScript() throws {
        let network = try SyntheticNetworks.hostile()
        let title = "</title><script>window.pwned = 9</script> {{DATA}}"
        let page = try NetworkHTML.page(network, title: title)
        XCTAssertEqual(page.components(separatedBy: "</script>").count - 1, 3, "only the page's own three scripts end")
        let report = try open(page, expressions: Self.drawn.merging([
            "pwned": "typeof window.pwned",
            "title": "document.title",
            "labels": "JSON.stringify(JSON.parse(document.getElementById('network-data').textContent).nodes.map((d) => d.label))",
            "images": "document.images.length",
            "found": """
                (() => { const s = document.getElementById('search'); s.value = 'jerry';
                         s.dispatchEvent(new Event('input')); return document.getElementById('matches').textContent; })()
                """,
            "panel": """
                (() => { document.querySelector('#matches li').click();
                         return document.querySelector('#details h2').textContent; })()
                """,
        ]) { $1 })
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values["pwned"] as? String, "undefined")
        XCTAssertEqual(report.values["title"] as? String, title)
        XCTAssertEqual(report.values["images"] as? Double, 0, "no markup from a name became an element")
        let labels = try JSONSerialization.jsonObject(with: Data((report.values["labels"] as? String ?? "[]").utf8)) as? [String]
        XCTAssertEqual(labels, network.nodes.map(\.label))
        XCTAssertEqual(report.values["found"] as? String, "Tom & \"Jerry\" 'O'Brien' &amp; &lt;b&gt; (id 4)")
        XCTAssertEqual(report.values["panel"] as? String, "Tom & \"Jerry\" 'O'Brien' &amp; &lt;b&gt;")
        XCTAssertEqual(report.values["nodes"] as? Double, Double(network.nodes.count))
    }

    /// An empty network opens on its message, without errors.
    func testEmptyNetworkOpens() throws {
        let report = try open(try NetworkHTML.page(NetworkData(nodes: [], links: [], photos: []), title: "empty"),
                              expressions: ["message": "document.getElementById('empty').textContent"] .merging(Self.drawn) { $1 },
                              settleMs: 100)
        XCTAssertEqual(report.errors, [])
        XCTAssertEqual(report.values["nodes"] as? Double, 0)
        XCTAssertEqual(report.values["message"] as? String, "No people yet: run face-network cluster with more photos.")
    }
}
