import Analysis
import Foundation
import XCTest

final class AgglomerativeTests: XCTestCase {
    /// Single, complete and average linkage at two thresholds on three point sets equal scikit-learn's
    /// AgglomerativeClustering(distance_threshold=…) partitions (Tests/Reference/clustering_algorithms_reference.py).
    func testTextbookLinkagesMatchScikitLearn() throws {
        for reference in try AlgorithmReference.load() {
            let d = reference.descriptors
            for expected in reference.ahc {
                let linkage = try XCTUnwrap(Agglomerative.Linkage(rawValue: expected.linkage))
                let clusters = Agglomerative.textbook(linkage: linkage, threshold: expected.threshold, minClusterSize: 1)
                    .clusters(d)
                XCTAssertEqual(partition(clusters: clusters, count: d.count), partition(labels: expected.labels),
                               "\(reference.name) \(expected.linkage) \(expected.threshold)")
            }
        }
    }

    /// Average linkage between clusters whose faces are partly beyond the threshold: the exact mean decides.
    /// Points on a line: 0, 0.3 | 0.75; mean distances from {0, 0.3} to 0.75 = (0.75 + 0.45) / 2 = 0.6.
    func testAverageLinkageUsesTheExactMeanAcrossTheThreshold() {
        let d = Descriptors([[0], [0.3], [0.75]], dimension: 1)
        // Below 0.6 the pair {0, 0.3} stays apart from 0.75, though 0.3–0.75 (0.45) is within the threshold.
        XCTAssertEqual(Agglomerative.textbook(linkage: .average, threshold: 0.59, minClusterSize: 1).clusters(d), [[0, 1], [2]])
        XCTAssertEqual(Agglomerative.textbook(linkage: .average, threshold: 0.61, minClusterSize: 1).clusters(d), [[0, 1, 2]])
        // Complete linkage needs the 0.75 pair within the threshold; single linkage only the 0.45 one.
        XCTAssertEqual(Agglomerative.textbook(linkage: .complete, threshold: 0.7, minClusterSize: 1).clusters(d), [[0, 1], [2]])
        XCTAssertEqual(Agglomerative.textbook(linkage: .single, threshold: 0.46, minClusterSize: 1).clusters(d), [[0, 1, 2]])
        // The merges are recorded with scipy's ids: {0,1} becomes cluster 3 at 0.3, then {3, 2} at 0.6.
        let merges = Agglomerative.textbook(linkage: .average, threshold: 0.61).run(d).merges
        XCTAssertEqual(merges.map { [$0.a, $0.b, $0.size] }, [[0, 1, 2], [2, 3, 3]])
        XCTAssertEqual(merges[1].distance, 0.6, accuracy: 1e-6)
    }

    /// Two faces of one photo never end in one cluster, even through a chain of merges.
    func testCannotLinkKeepsTwoFacesOfOnePhotoApart() {
        let d = Descriptors([[0], [0.1], [0.2], [5]], dimension: 1)
        let photos: [Int64] = [7, 8, 7, 9]   // rows 0 and 2 share photo 7
        let ahc = Agglomerative.textbook(linkage: .single, threshold: 0.5, minClusterSize: 1)
        XCTAssertEqual(ahc.clusters(d), [[0, 1, 2], [3]])
        // 0–1 merge at 0.1 first (tie with 1–2 broken by the lower rows), then {0,1} and 2 may not merge.
        XCTAssertEqual(ahc.clusters(d, photos: photos), [[0, 1], [2], [3]])
    }

    /// The default's two rules: two single faces need faceThreshold; tight groups stay apart (separation).
    func testSizeDependentLimitAndSeparation() {
        // Two faces 0.5 apart: textbook AHC at 0.56 pairs them, the default (0.475 for two faces) does not.
        let pair = Descriptors([[0], [0.5]], dimension: 1)
        XCTAssertEqual(Agglomerative.textbook(linkage: .average, threshold: 0.56).clusters(pair), [[0, 1]])
        XCTAssertEqual(Agglomerative().clusters(pair), [])
        // Two tight pairs (spread 0.02) 0.45 apart: below every threshold, but 0.45 > 1.3 × max(0.02, 0.3) = 0.39.
        let groups = Descriptors([[0], [0.02], [0.45], [0.47]], dimension: 1)
        XCTAssertEqual(Agglomerative().clusters(groups), [[0, 1], [2, 3]])
        XCTAssertEqual(Agglomerative(separation: 0).clusters(groups), [[0, 1, 2, 3]])
    }

    /// The default limits follow the number of faces: 0.475 → 0.56 at 8,000 faces, 0.015 looser per tenfold fewer
    /// (fixed below 500), 0.015 tighter per tenfold more; limits given explicitly (textbook) never move.
    func testLimitsFollowTheNumberOfFaces() {
        let ahc = Agglomerative()
        func check(_ faces: Int, _ single: Float, _ large: Float, line: UInt = #line) {
            let limits = ahc.limits(forFaces: faces)
            XCTAssertEqual(limits.faceThreshold, single, accuracy: 1e-5, line: line)
            XCTAssertEqual(limits.threshold, large, accuracy: 1e-5, line: line)
        }
        check(8_000, 0.475, 0.56)
        check(800, 0.49, 0.575)
        check(80_000, 0.46, 0.545)
        let small = 0.015 * Float(log10(16.0))   // 500 faces: 8,000 / 500 = 16
        check(500, 0.475 + small, 0.56 + small)
        check(2, 0.475 + small, 0.56 + small)
        let textbook = Agglomerative.textbook(linkage: .average, threshold: 0.5)
        XCTAssertEqual(textbook.limits(forFaces: 10).threshold, 0.5)
        XCTAssertEqual(textbook.limits(forFaces: 10).faceThreshold, 0.5)
        // A limit given stays as given; the other still follows the number of faces, the single-face one never
        // above the large-cluster one.
        let threshold = Agglomerative(threshold: 0.6, scale: Agglomerative.Scale.measured.keeping(faceThreshold: false, threshold: true))
        XCTAssertEqual(threshold.limits(forFaces: 800).threshold, 0.6, accuracy: 1e-6)
        XCTAssertEqual(threshold.limits(forFaces: 800).faceThreshold, 0.49, accuracy: 1e-5)
        let single = Agglomerative(faceThreshold: 0.59, scale: Agglomerative.Scale.measured.keeping(faceThreshold: true, threshold: false))
        XCTAssertEqual(single.limits(forFaces: 800).threshold, 0.575, accuracy: 1e-5)
        XCTAssertEqual(single.limits(forFaces: 800).faceThreshold, 0.575, accuracy: 1e-5)
        XCTAssertNil(Agglomerative.Scale.measured.keeping(faceThreshold: true, threshold: true))
        // Two faces 0.49 apart: a pair at the 500-face limit (0.493), not at the 8,000-face one.
        let pair = Descriptors([[0], [0.49]], dimension: 1)
        XCTAssertEqual(ahc.clusters(pair), [[0, 1]])
        XCTAssertEqual(ahc.fixed(forFaces: 8_000).clusters(pair), [])
    }
}
