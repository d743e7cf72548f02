import Analysis
import Foundation
import XCTest

/// The path measures estimated from sampled sources (`report --sources K`): betweenness equal to networkx 3.6's
/// `betweenness_centrality(G, k=K)` handed the same sources, and the Eppstein–Wang closeness estimates equal to an
/// independent Python computation (Tests/Reference/sampled_centrality_reference.py), to 1e-9; with every node a
/// source all of them, the diameter and the average path length are the exact values.
final class SampledCentralityTests: XCTestCase {
    private struct Reference: Decodable {
        struct Graph: Decodable {
            var source_positions: [Int]
            var betweenness: [Double]
            var betweenness_raw: [Double]
            var closeness: [Double]
            var harmonic: [Double]
        }
        var graphs: [String: Graph]
    }

    func testSampledMeasuresEqualTheReference() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("sampled_centrality_reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertEqual(reference.graphs.count, 3)
        for (name, sampled) in reference.graphs.sorted(by: { $0.key < $1.key }) {
            let graph = try XCTUnwrap(GraphReference.shared.graphs[name], name).socialGraph
            let sources = sampled.source_positions
            XCTAssertLessThan(sources.count, graph.nodeCount)
            assertClose(Centrality.betweenness(graph, distance: .hops, sources: sources), sampled.betweenness,
                        accuracy: 1e-9, "\(name) sampled betweenness")
            assertClose(Centrality.betweenness(graph, distance: .hops, normalized: false, sources: sources),
                        sampled.betweenness_raw, accuracy: 1e-9, "\(name) sampled betweenness, not normalised")
            let (closeness, harmonic) = Centrality.sampledCloseness(graph, sources: sources)
            assertClose(closeness, sampled.closeness, accuracy: 1e-9, "\(name) sampled closeness")
            assertClose(harmonic, sampled.harmonic, accuracy: 1e-9, "\(name) sampled harmonic closeness")
        }
    }

    func testEverySourceIsExact() throws {
        for name in GraphReference.graphNames {
            let reference = try XCTUnwrap(GraphReference.shared.graphs[name], name)
            let graph = reference.socialGraph
            let all = Array(0..<graph.nodeCount)
            assertClose(Centrality.betweenness(graph, distance: .hops, sources: all), reference.betweenness, "\(name)")
            let (closeness, harmonic) = Centrality.sampledCloseness(graph, sources: all)
            assertClose(closeness, reference.closeness, "\(name) closeness")
            assertClose(harmonic, reference.harmonic, "\(name) harmonic")
            let set = CentralitySet(graph, sources: graph.nodeCount)
            XCTAssertNil(set.sampledSources)
            assertClose(set.values[.betweenness]!, reference.betweenness, "\(name) set")
            let paths = GraphStructure.largestComponentPaths(graph, sources: graph.nodeCount)
            XCTAssertEqual(paths.diameter, Double(reference.diameter), "\(name) diameter")
            XCTAssertEqual(paths.averagePathLength, reference.average_shortest_path_length, accuracy: 1e-12, name)
        }
    }

    /// Sampled paths: the average over the sampled sources' distances, and a diameter never above the true one
    /// and, on Les Misérables from 10 sources, equal to it (the double sweep); the sample is fixed by its seed.
    func testSampledPathsAndSample() throws {
        let reference = try XCTUnwrap(GraphReference.shared.graphs["les_miserables"])
        let graph = reference.socialGraph
        let sample = Centrality.sampleSources(count: graph.nodeCount, k: 10)
        XCTAssertEqual(sample, Centrality.sampleSources(count: graph.nodeCount, k: 10))
        XCTAssertEqual(Set(sample).count, 10)
        XCTAssertEqual(sample, sample.sorted())
        XCTAssertEqual(Centrality.sampleSources(count: 5, k: 9), [0, 1, 2, 3, 4])
        let paths = GraphStructure.largestComponentPaths(graph, sources: 10)
        XCTAssertEqual(paths.nodes, reference.largest_component_size)
        XCTAssertEqual(paths.diameter, Double(reference.diameter))
        XCTAssertEqual(paths.averagePathLength, reference.average_shortest_path_length, accuracy: 0.5)
        let set = CentralitySet(graph, sources: 10)
        XCTAssertEqual(set.sampledSources, 10)
        XCTAssertEqual(CentralitySet.sources(nodes: 60_000, asked: nil), 1_000)
        XCTAssertNil(CentralitySet.sources(nodes: 50_000, asked: nil))
        XCTAssertNil(CentralitySet.sources(nodes: 100, asked: 100))
        XCTAssertEqual(CentralitySet.sources(nodes: 100, asked: 20), 20)
    }
}
