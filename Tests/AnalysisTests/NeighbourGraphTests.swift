@testable import Analysis
import XCTest

final class NeighbourGraphTests: XCTestCase {
    /// The blocked BLAS screen plus exact check finds exactly the pairs a direct all-pairs loop finds, with the
    /// direct distances, across block boundaries (blocks of 64 over 300 rows: full, partial and diagonal blocks).
    func testBlockedGraphEqualsDirectComputation() {
        var random = SplitMix64(seed: 42)
        func uniform() -> Float { Float(random.next() % 1_000_000) / 1_000_000 }
        // Descriptors around a few centres so that some pairs fall within the radius.
        let centres = (0..<10).map { _ in (0..<128).map { _ in uniform() * 0.1 } }
        let rows = (0..<300).map { i in centres[i % 10].map { $0 + (uniform() - 0.5) * 0.06 } }
        let d = Descriptors(rows)
        let radius: Float = 0.3
        let graph = d.neighbourGraph(radius: radius, blockSize: 64)
        var expected: [[Int]] = Array(repeating: [], count: 300)
        for i in 0..<300 { for j in 0..<300 where i != j && d.distance(i, j) <= radius { expected[i].append(j) } }
        XCTAssertGreaterThan(graph.pairCount, 300)
        XCTAssertLessThan(graph.pairCount, 300 * 299 / 2)
        for i in 0..<300 {
            XCTAssertEqual(graph.neighbours(of: i).map(Int.init), expected[i], "row \(i)")
            for (j, distance) in zip(graph.neighbours(of: i), graph.distances(of: i)) {
                XCTAssertEqual(distance, d.distance(i, Int(j)))
            }
        }
        // One block or many: the same graph.
        let whole = d.neighbourGraph(radius: radius)
        XCTAssertEqual(whole.neighbours, graph.neighbours)
        // Narrowing equals computing at the smaller radius.
        XCTAssertEqual(graph.within(0.25).neighbours, d.neighbourGraph(radius: 0.25).neighbours)
    }

    /// Squared distances from the expansion agree with direct ones to float32 rounding.
    func testBlockSquaredDistances() {
        let d = Descriptors([[3, 0], [0, 4], [1, 1]], dimension: 2)
        var seen: [[Float]] = []
        BlockedDistances.forEachUpperBlock(d, norms: BlockedDistances.squaredNorms(d)) { _, rows, _, columns, block in
            seen = (0..<rows).map { i in (0..<columns).map { block[i * columns + $0] } }
        }
        XCTAssertEqual(seen, [[0, 25, 5], [25, 0, 10], [5, 10, 0]])
    }
}
