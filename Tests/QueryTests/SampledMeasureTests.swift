import Analysis
import Query
import Store
import XCTest

/// `top N by betweenness | closeness | harmonic closeness` above the exact size: estimated from the same seeded
/// sample `report` uses, said in the summary; at or below it, exact (StatementTests checks those against networkx).
final class SampledMeasureTests: XCTestCase {
    func testPathMeasuresAreSampledAboveTheExactSizeAndSaySo() throws {
        let store = try HandGraph.store(self)
        let executor = QueryExecutor(store: store)
        executor.pathMeasureSampling = (exactUpTo: 4, sources: 3)
        // The hand graph as the analysis layer takes it: people by id, edges weighted by shared photos.
        let network = try store.network(minPhotos: 1, during: nil)
        let graph = SocialGraph(nodes: network.people.map(\.id), edges: network.weightedEdges)
        XCTAssertEqual(graph.nodeCount, 8)
        let sample = Centrality.sampleSources(count: 8, k: 3)
        let (closeness, harmonic) = Centrality.sampledCloseness(graph, sources: sample)
        let expected: [(String, [Double])] = [
            ("betweenness", Centrality.betweenness(graph, distance: .hops, sources: sample)),
            ("closeness", closeness), ("harmonic closeness", harmonic),
        ]
        for (measure, values) in expected {
            let result = try executor.run(try QueryParser.parse("top 8 by \(measure)")[0])
            XCTAssertEqual(result.summary, "top 8 by \(measure) (estimated from 3 of 8 people drawn at random with a "
                           + "fixed seed, as networkx's k; exact up to 4 people)")
            XCTAssertEqual(result.table.rows.count, 8)
            for row in result.table.rows {
                guard case .integer(let id) = row[1], case .real(let value) = row[3] else { return XCTFail("\(row)") }
                let index = try XCTUnwrap(graph.nodes.firstIndex(of: id))
                XCTAssertEqual(value, values[index], accuracy: 1e-12, "\(measure) of person \(id)")
            }
        }
        // The exact measures differ from these estimates somewhere (k = 3 of 8), and degree is never sampled.
        executor.pathMeasureSampling = (exactUpTo: 8, sources: 3)
        let exact = try executor.run(try QueryParser.parse("top 8 by betweenness")[0])
        XCTAssertEqual(exact.summary, "top 8 by betweenness")
        XCTAssertEqual(try executor.run(try QueryParser.parse("top 2 by degree")[0]).summary, "top 2 by degree")
    }
}
