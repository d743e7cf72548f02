import Analysis
@testable import Export
import XCTest

/// The measures every export and `run` carry: exact up to `CentralitySet.exactUpTo` people, estimated from sampled
/// sources when asked (or above that size), and said so.
final class NetworkMeasuresTests: XCTestCase {
    /// A path of `n` people, 1 – 2 – … – n, each tie one shared photo.
    private func path(_ n: Int) -> (nodes: [NetworkData.Node], links: [NetworkData.Link]) {
        let nodes = (1...n).map {
            NetworkData.Node(id: Int64($0), name: nil, photos: 1, faces: 1, connections: $0 == 1 || $0 == n ? 1 : 2,
                             weightedDegree: $0 == 1 || $0 == n ? 1 : 2)
        }
        let links = (1..<n).map { NetworkData.Link(source: Int64($0), target: Int64($0 + 1), weight: 1) }
        return (nodes, links)
    }

    /// On the path of five, betweenness is networkx's: the pairs a person lies between over the (n−1)(n−2)/2 = 6
    /// pairs of others (ends 0, then 3/6, 4/6, 3/6), every person a source, and nothing to say.
    func testSmallNetworksAreExact() throws {
        let (nodes, links) = path(5)
        let measures = NetworkMeasures(nodes: nodes, links: links)
        XCTAssertNil(measures.sampledSources)
        XCTAssertNil(measures.samplingNote)
        let betweenness = try XCTUnwrap(measures.values[.betweenness])
        for (value, expected) in zip(betweenness, [0, 0.5, 4.0 / 6, 0.5, 0]) {
            XCTAssertEqual(value, expected, accuracy: 1e-12)
        }
        // Asking for as many sources as people (or more) is the exact computation.
        XCTAssertNil(NetworkMeasures(nodes: nodes, links: links, sources: 5).sampledSources)
    }

    /// `--sources 4` on 40 people: the path measures come from the same 4 seeded sources `report --sources 4` uses,
    /// and the note names k.
    func testAskedSourcesAreSampledAndSaid() throws {
        let (nodes, links) = path(40)
        let measures = NetworkMeasures(nodes: nodes, links: links, sources: 4)
        XCTAssertEqual(measures.sampledSources, 4)
        let graph = NetworkMeasures.graph(nodes: nodes, links: links)
        let sample = Centrality.sampleSources(count: 40, k: 4)
        XCTAssertEqual(measures.values[.betweenness], Centrality.betweenness(graph, distance: .hops, sources: sample))
        XCTAssertEqual(measures.values[.closeness], Centrality.sampledCloseness(graph, sources: sample).closeness)
        XCTAssertEqual(measures.values[.degree], Centrality.degree(graph))
        let note = try XCTUnwrap(measures.samplingNote)
        XCTAssertTrue(note.contains("estimated from 4 people"), note)
        XCTAssertTrue(note.contains("k=4"), note)
        // Without ties every path measure is 0 whatever the sample: nothing is estimated, nothing said.
        XCTAssertNil(NetworkMeasures(nodes: nodes, links: [], sources: 4).samplingNote)
    }
}
