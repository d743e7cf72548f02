import Analysis
import XCTest

final class ChineseWhispersTests: XCTestCase {
    private func point(_ axis: Int, _ offset: Float) -> [Float] {
        var v = [Float](repeating: 0, count: 128)
        v[axis] = offset
        return v
    }

    func testGroupsWithinThresholdBecomePeople() {
        let d = Descriptors([
            point(0, 1.0), point(0, 1.2), point(0, 1.4),   // a chain: 0-1, 1-2 within 0.3
            point(1, 5.0), point(1, 5.1),                   // a pair
            point(2, 9.0),                                  // alone
        ])
        XCTAssertEqual(ChineseWhispers(threshold: 0.3).clusters(d), [[0, 1, 2], [3, 4]])
        XCTAssertEqual(ChineseWhispers(threshold: 0.3, minClusterSize: 1).clusters(d), [[0, 1, 2], [3, 4], [5]])
        XCTAssertEqual(ChineseWhispers(threshold: 0.05).clusters(d), [])
    }

    /// Two dense groups joined by one bridge edge stay two groups: each node follows the majority of its
    /// neighbours, which single linkage or DBSCAN at the same threshold would merge.
    func testABridgeDoesNotMergeTwoGroups() {
        var rows: [[Float]] = []
        for i in 0..<5 { rows.append(point(0, Float(i) * 0.01)) }          // group A near 0
        for i in 0..<5 { rows.append(point(0, 0.9 + Float(i) * 0.01)) }    // group B near 0.9
        rows.append(point(0, 0.45))                                          // a face between them
        let d = Descriptors(rows)
        let clusters = ChineseWhispers(threshold: 0.46, minClusterSize: 1).clusters(d)
        XCTAssertEqual(clusters.count, 2)
        XCTAssertTrue(clusters.contains(Array(0..<5)) || clusters.contains([0, 1, 2, 3, 4, 10]))
        XCTAssertTrue(clusters.contains(Array(5..<10)) || clusters.contains([5, 6, 7, 8, 9, 10]))
        XCTAssertEqual(DBSCAN.labels(d, rows: Array(0..<11), eps: 0.46, minSamples: 1).compactMap { $0 }.max(), 0)
    }

    func testSameSeedSameResult() {
        let rows = (0..<60).map { i in point(i % 3, Float(i / 3) * 0.02) }
        let d = Descriptors(rows)
        XCTAssertEqual(ChineseWhispers(threshold: 0.1).clusters(d), ChineseWhispers(threshold: 0.1).clusters(d))
    }
}
