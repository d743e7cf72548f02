import Analysis
import XCTest

final class DBSCANTests: XCTestCase {
    /// Points on a line (1-d descriptors), hand-checked against DBSCAN's definition (and scikit-learn's
    /// conventions: min_samples counts the point itself, neighbours at distance ≤ eps).
    func testCoreBorderAndNoiseOnALine() {
        // 0.0 0.1 0.2 | 1.0 1.1 | 3.0 | 5.0 5.3
        let points: [Float] = [0.0, 0.1, 0.2, 1.0, 1.1, 3.0, 5.0, 5.3]
        let d = Descriptors(points.map { [$0] }, dimension: 1)
        let rows = Array(0..<points.count)
        // eps 0.15, min 3: only 0.1 is core (0.0, 0.1, 0.2 within 0.15); 0.0 and 0.2 are its border points.
        XCTAssertEqual(DBSCAN.labels(d, rows: rows, eps: 0.15, minSamples: 3), [0, 0, 0, nil, nil, nil, nil, nil])
        // eps 0.15, min 2: {1.0, 1.1} becomes a second cluster; 5.0 and 5.3 are 0.3 apart: noise.
        XCTAssertEqual(DBSCAN.labels(d, rows: rows, eps: 0.15, minSamples: 2), [0, 0, 0, 1, 1, nil, nil, nil])
        // eps 0.31, min 2: 5.0–5.3 (0.3) are now neighbours; 3.0 stays noise.
        XCTAssertEqual(DBSCAN.labels(d, rows: rows, eps: 0.31, minSamples: 2), [0, 0, 0, 1, 1, nil, 2, 2])
        // Distance exactly eps counts as a neighbour (≤ eps): 0.0 and 1.0 on their own at eps 1.
        let pair = Descriptors([[0], [1]], dimension: 1)
        XCTAssertEqual(DBSCAN.labels(pair, rows: [0, 1], eps: 1, minSamples: 2), [0, 0])
        // min 1: every point is core; clusters are the connected components at eps.
        XCTAssertEqual(DBSCAN.labels(d, rows: rows, eps: 0.15, minSamples: 1), [0, 0, 0, 1, 1, 2, 3, 4])
    }

    func testSubsetRowsAreLabelledByPosition() {
        let d = Descriptors([[0], [10], [0.05], [10.05]], dimension: 1)
        XCTAssertEqual(DBSCAN.labels(d, rows: [1, 3], eps: 0.1, minSamples: 2), [0, 0])
        XCTAssertEqual(DBSCAN.labels(d, rows: [0, 1], eps: 0.1, minSamples: 2), [nil, nil])
    }

    func testDistanceIsEuclidean() {
        XCTAssertEqual(descriptorDistance([0, 3], [4, 0]), 5, accuracy: 1e-6)
        let d = Descriptors([[1, 1], [4, 5]], dimension: 2)
        XCTAssertEqual(d.distance(0, 1), 5, accuracy: 1e-6)
        XCTAssertEqual(d.medoid(of: [0, 1]), 0)
    }

    func testEmptyAndSingleInputs() {
        XCTAssertEqual(IterativeDBSCAN().clusters(Descriptors([], dimension: 128)), [])
        XCTAssertEqual(IterativeDBSCAN().clusters(Descriptors([[Float](repeating: 0, count: 128)])), [])
        let one = IterativeDBSCAN(minSamples: 1, minClusterSize: 1)
        XCTAssertEqual(one.clusters(Descriptors([[Float](repeating: 0, count: 128)])), [[0]])
    }
}

final class IterativeDBSCANTests: XCTestCase {

    func testSmallClustersAndFarFacesReturnToThePool() {
        let rows: [[Float]] = [
            // Person A: 3 faces within 0.1 of each other, centred at 5 on axis 0.
            point(0, 5.0), point(0, 5.05), point(0, 5.1),
            // A chain that DBSCAN joins to A at eps 0.45 (5.1 → 5.5 → 5.9) but lies far from A's medoid.
            point(0, 5.5), point(0, 5.9),
            // Person B: 2 faces, 0.2 apart, on axis 1.
            point(1, 9.0), point(1, 9.2),
            // A stranger.
            point(2, 20.0),
        ]
        let d = Descriptors(rows)
        // Original defaults except min sizes 2: the chain stays one DBSCAN cluster {0…4}; its medoid is 5.1
        // (row 2); rows farther than 0.50 from it (5.9: 0.8) go back to the pool, 5.5 (0.4) stays.
        XCTAssertEqual(IterativeDBSCAN().clusters(d), [[0, 1, 2, 3], [5, 6]])
        // The original tool's min_samples 3 and minimum cluster size 5 keep nobody here.
        XCTAssertEqual(IterativeDBSCAN(minSamples: 3, minClusterSize: 5).clusters(d), [])
        // A tighter max distance (0.3) also returns 5.5; A keeps its three close faces.
        XCTAssertEqual(IterativeDBSCAN(maxDistance: 30).clusters(d), [[0, 1, 2], [5, 6]])
    }

    func testLaterIterationsUseSmallerEps() {
        // Two faces 0.44 apart: a cluster at eps 0.45, not at 0.43. With the schedule, the first pass keeps them.
        let d = Descriptors([point(0, 1.0), point(0, 1.44)])
        XCTAssertEqual(IterativeDBSCAN(iterations: 3).clusters(d), [[0, 1]])
        XCTAssertEqual(IterativeDBSCAN(initialEps: 0.43).clusters(d), [])
    }
}
