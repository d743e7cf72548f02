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

    /// Descriptors around `centres` centres (each row near one of them), so that pairs fall within 0.3.
    private func clustered(rows: Int, centres: Int, spread: Float = 0.12, seed: UInt64) -> Descriptors {
        var random = SplitMix64(seed: seed)
        func uniform() -> Float { Float(random.next() % 1_000_000) / 1_000_000 }
        let points = (0..<centres).map { _ in (0..<128).map { _ in uniform() * spread } }
        return Descriptors((0..<rows).map { i in points[i % centres].map { $0 + (uniform() - 0.5) * 0.06 } })
    }

    /// With every group probed the index compares every pair: its graph is the exact one, row by row, with the
    /// direct distances (pairs found from both sides kept once).
    func testApproximateGraphProbingEveryGroupIsExact() {
        let d = clustered(rows: 1500, centres: 40, seed: 7)
        let exact = d.neighbourGraph(radius: 0.3)
        let (graph, search) = d.approximateNeighbourGraph(radius: 0.3, lists: 16, probes: 16)
        XCTAssertEqual(search.lists, 16)
        XCTAssertEqual(search.probes, 16)
        XCTAssertGreaterThan(exact.pairCount, 10_000)
        XCTAssertEqual(graph.offsets, exact.offsets)
        XCTAssertEqual(graph.neighbours, exact.neighbours)
        XCTAssertEqual(graph.distances, exact.distances)
    }

    /// Probes measured on a sample: the graph holds only true pairs (direct distances, rows ascending without
    /// repeats, symmetric) and at least 99.9 % of the exact ones, the share the sample promised; with one group
    /// probed per row it misses pairs (so the measurement, not the floor, decides).
    func testApproximateGraphFindsTheShareItMeasured() {
        // Centres about 0.23 apart and faces 0.28 from each other: neighbourhoods straddle the k-means groups.
        let d = clustered(rows: 6000, centres: 300, spread: 0.05, seed: 11)
        let radius: Float = 0.3
        let exact = d.neighbourGraph(radius: radius)
        let (graph, search) = d.approximateNeighbourGraph(radius: radius, lists: 128)
        XCTAssertEqual(search.lists, 128)
        XCTAssertEqual(search.sampleRows, 2000)
        XCTAssertGreaterThan(search.samplePairs, 1000)
        XCTAssertGreaterThanOrEqual(search.estimatedRecall, 0.999)
        XCTAssertGreaterThanOrEqual(search.probes, 32)
        XCTAssertLessThan(search.probes, 128)
        var found = 0
        for row in 0..<d.count {
            let neighbours = graph.neighbours(of: row).map(Int.init)
            XCTAssertEqual(neighbours, Array(Set(neighbours)).sorted(), "row \(row)")
            for (j, distance) in zip(graph.neighbours(of: row), graph.distances(of: row)) {
                XCTAssertEqual(distance, d.distance(row, Int(j)))
                XCTAssertLessThanOrEqual(distance, radius)
                XCTAssertTrue(graph.neighbours(of: Int(j)).contains(Int32(row)))
            }
            found += Set(neighbours).intersection(exact.neighbours(of: row).map(Int.init)).count
        }
        XCTAssertEqual(found, graph.neighbours.count)   // nothing beyond the exact pairs
        XCTAssertGreaterThanOrEqual(Double(found) / Double(exact.neighbours.count), 0.999)
        let oneGroup = d.approximateNeighbourGraph(radius: radius, lists: 128, probes: 1).graph
        XCTAssertLessThan(oneGroup.pairCount, exact.pairCount * 9 / 10)
    }

    /// The default number of groups: the power of two nearest 4√n.
    func testDefaultListCount() {
        XCTAssertEqual(Descriptors.defaultLists(rows: 1), 4)
        XCTAssertEqual(Descriptors.defaultLists(rows: 8040), 256)
        XCTAssertEqual(Descriptors.defaultLists(rows: 1_000_000), 4096)
        XCTAssertFalse(NeighbourSearch.automatic.isApproximate(rows: 199_999))
        XCTAssertTrue(NeighbourSearch.automatic.isApproximate(rows: 200_000))
        XCTAssertTrue(NeighbourSearch.approximate.isApproximate(rows: 10))
        XCTAssertFalse(NeighbourSearch.exact.isApproximate(rows: 10_000_000))
    }
}
