import Analysis
import XCTest

final class ChineseWhispersTests: XCTestCase {

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

/// Two faces of one photo are never one person (cannot-link), unless allowed.
final class CannotLinkTests: XCTestCase {
    // Rows 0 and 1 are in photo 7 (twins side by side), rows 2 and 3 in photos 8 and 9. All within 0.1.
    private let d = Descriptors([0.0, 0.02, 0.04, 0.06].map { Float($0) }.map { v -> [Float] in
        var row = [Float](repeating: 0, count: 128)
        row[0] = v
        return row
    })
    private let photos: [Int64] = [7, 7, 8, 9]

    func testDBSCANKeepsOneFacePerPhotoInACluster() {
        XCTAssertEqual(IterativeDBSCAN().clusters(d), [[0, 1, 2, 3]])
        // The medoid is row 1 or 2 (equal sums); each photo keeps its face nearest the medoid and the other
        // face of photo 7 goes back to the pool, where it is alone.
        let constrained = IterativeDBSCAN().clusters(d, photos: photos)
        XCTAssertEqual(constrained.count, 1)
        XCTAssertEqual(constrained[0].count, 3)
        XCTAssertTrue(constrained[0].contains(2) && constrained[0].contains(3))
        XCTAssertEqual(constrained[0].filter { photos[$0] == 7 }.count, 1)
    }

    func testChineseWhispersNeverJoinsTwoFacesOfAPhoto() {
        XCTAssertEqual(ChineseWhispers(threshold: 0.1, minClusterSize: 1).clusters(d), [[0, 1, 2, 3]])
        let constrained = ChineseWhispers(threshold: 0.1, minClusterSize: 1).clusters(d, photos: photos)
        for cluster in constrained {
            XCTAssertEqual(Set(cluster.map { photos[$0] }).count, cluster.count, "\(constrained)")
        }
        XCTAssertEqual(constrained.map(\.count).reduce(0, +), 4)
        XCTAssertEqual(constrained.count, 2)
    }
}
