import Analysis
import Export
import XCTest

final class DendrogramTests: XCTestCase {
    /// Three faces on a line (0, 0.3 | 0.75) and a lone one at 5: two merges drawn, the lone face left out,
    /// heights proportional to the linkage distance (top = threshold 0.61, plot 400 px from y = 40).
    func testMergesAreDrawnAtTheirDistance() {
        let d = Descriptors([[0], [0.3], [0.75], [5]], dimension: 1)
        let merges = Agglomerative.textbook(linkage: .average, threshold: 0.61).run(d).merges
        let svg = DendrogramSVG.render(merges: merges, count: 4, labels: ["a", "b", "c", "d"], threshold: 0.61)
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 2)
        XCTAssertTrue(svg.contains(">a</text>") && svg.contains(">c</text>"))
        XCTAssertFalse(svg.contains(">d</text>"))
        // The first merge (0.3) at y = 40 + 400 × (1 − 0.3/0.61) = 243.3.
        XCTAssertTrue(svg.contains("V243.3H"), svg)
    }
}
