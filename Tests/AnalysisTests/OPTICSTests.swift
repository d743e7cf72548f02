import Analysis
import XCTest

final class OPTICSTests: XCTestCase {
    /// Ordering, reachability, core distances and DBSCAN-style labels equal scikit-learn's OPTICS
    /// (cluster_method="dbscan") on three point sets (Tests/Reference/clustering_algorithms_reference.py).
    func testOrderingAndLabelsMatchScikitLearn() throws {
        for reference in try AlgorithmReference.load() {
            let d = reference.descriptors
            for expected in reference.optics {
                let what = "\(reference.name) min_samples \(expected.min_samples) max_eps \(expected.max_eps)"
                let optics = OPTICS(minSamples: expected.min_samples, maxEps: expected.max_eps, eps: expected.eps)
                let o = optics.ordering(d)
                XCTAssertEqual(o.order, expected.ordering, what)
                for row in 0..<d.count {
                    for (ours, theirs) in [(o.reachability[row], expected.reachability[row]),
                                           (o.coreDistance[row], expected.core_distances[row])] {
                        if let theirs { XCTAssertEqual(ours, theirs, accuracy: 1e-5, what) } else { XCTAssertEqual(ours, .infinity, what) }
                    }
                }
                XCTAssertEqual(OPTICS.dbscanLabels(o, eps: expected.eps), expected.labels.map { $0 < 0 ? nil : $0 }, what)
            }
        }
    }

    /// Under cannot-link a cluster keeps one face per photo (the one nearest its medoid).
    func testCannotLinkKeepsOneFacePerPhoto() {
        let d = Descriptors([[0], [0.1], [0.2], [0.3]], dimension: 1)
        let optics = OPTICS(minSamples: 2, maxEps: 0.5, eps: 0.15, minClusterSize: 2)
        XCTAssertEqual(optics.clusters(d), [[0, 1, 2, 3]])
        // Rows 0 and 3 share a photo; the medoid is row 1 (total distance 0.4 against row 2's 0.4: first wins).
        XCTAssertEqual(optics.clusters(d, photos: [1, 2, 3, 1]), [[0, 1, 2]])
    }
}
