import Analysis
import XCTest

/// Every centrality against networkx 3.6 on the reference graphs, to 1e-6.
final class CentralityTests: XCTestCase {
    private func eachGraph(_ check: (String, GraphReference.Graph, SocialGraph) throws -> Void) throws {
        for name in GraphReference.graphNames {
            let reference = try XCTUnwrap(GraphReference.shared.graphs[name], name)
            let graph = reference.socialGraph
            XCTAssertEqual(graph.nodes, reference.nodes, name)
            try check(name, reference, graph)
        }
    }

    func testDegreeAndWeightedDegree() throws {
        try eachGraph { name, reference, graph in
            assertClose(Centrality.degree(graph), reference.degree, "\(name) degree")
            assertClose(Centrality.degree(graph, normalized: true), reference.degree_centrality, "\(name) degree centrality")
            assertClose(Centrality.weightedDegree(graph), reference.weighted_degree, "\(name) weighted degree")
        }
    }

    func testBetweenness() throws {
        try eachGraph { name, reference, graph in
            assertClose(Centrality.betweenness(graph), reference.betweenness, "\(name) betweenness")
            assertClose(Centrality.betweenness(graph, normalized: false), reference.betweenness_raw,
                        "\(name) betweenness, not normalised")
            assertClose(Centrality.betweenness(graph, distance: .weight), reference.betweenness_weight,
                        "\(name) betweenness, weight as length")
            assertClose(Centrality.betweenness(graph, weighted: true), reference.betweenness_inverse_weight,
                        "\(name) betweenness, 1/weight as length")
        }
    }

    func testClosenessAndHarmonic() throws {
        try eachGraph { name, reference, graph in
            assertClose(Centrality.closeness(graph), reference.closeness, "\(name) closeness")
            assertClose(Centrality.closeness(graph, distance: .weight), reference.closeness_weight,
                        "\(name) closeness, weight as length")
            assertClose(Centrality.closeness(graph, distance: .inverseWeight), reference.closeness_inverse_weight,
                        "\(name) closeness, 1/weight as length")
            assertClose(Centrality.harmonicCloseness(graph), reference.harmonic, "\(name) harmonic")
            assertClose(Centrality.harmonicCloseness(graph, distance: .inverseWeight),
                        reference.harmonic_inverse_weight, "\(name) harmonic, 1/weight as length")
        }
    }

    func testEigenvectorAndPageRank() throws {
        try eachGraph { name, reference, graph in
            assertClose(try Centrality.eigenvector(graph, maxIterations: 1000), reference.eigenvector,
                        "\(name) eigenvector")
            assertClose(try Centrality.eigenvector(graph, weighted: false, maxIterations: 1000),
                        reference.eigenvector_unweighted, "\(name) eigenvector, unweighted")
            assertClose(try Centrality.pageRank(graph), reference.pagerank, "\(name) PageRank")
            assertClose(try Centrality.pageRank(graph, weighted: false), reference.pagerank_unweighted,
                        "\(name) PageRank, unweighted")
        }
    }

    func testClusteringCoefficient() throws {
        try eachGraph { name, reference, graph in
            assertClose(Centrality.clustering(graph), reference.clustering, "\(name) clustering")
            assertClose(Centrality.clustering(graph, weighted: true), reference.clustering_weighted,
                        "\(name) clustering, weighted")
        }
    }

    /// networkx stops eigenvector centrality after max_iter steps with PowerIterationFailedConvergence; so do we.
    func testEigenvectorReportsNonConvergence() throws {
        let karate = try XCTUnwrap(GraphReference.shared.graphs["karate"]).socialGraph
        XCTAssertThrowsError(try Centrality.eigenvector(karate, maxIterations: 2)) { error in
            XCTAssertEqual(error as? GraphError, .didNotConverge(measure: "eigenvector centrality", iterations: 2))
        }
    }

    /// A path a–b–c–d by hand: b and c each lie on 2 of the 3 pairs that avoid them, so 2/3 normalised.
    func testHandCheckedPath() {
        let graph = SocialGraph(nodes: [10, 20, 30, 40], edges: [(10, 20, 1), (20, 30, 1), (30, 40, 1)])
        XCTAssertEqual(Centrality.betweenness(graph), [0, 2.0 / 3.0, 2.0 / 3.0, 0])
        XCTAssertEqual(Centrality.betweenness(graph, normalized: false), [0, 2, 2, 0])
        // a: distances 1, 2, 3 → 3/6.
        XCTAssertEqual(Centrality.closeness(graph)[0], 0.5, accuracy: 1e-15)
        XCTAssertEqual(Centrality.harmonicCloseness(graph)[0], 1 + 1.0 / 2 + 1.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(try Centrality.pageRank(graph).reduce(0, +), 1, accuracy: 1e-12)
    }

    func testEmptyGraph() throws {
        let graph = SocialGraph(nodes: [], edges: [])
        XCTAssertEqual(Centrality.betweenness(graph), [])
        XCTAssertEqual(try Centrality.eigenvector(graph), [])
        XCTAssertEqual(try Centrality.pageRank(graph), [])
        XCTAssertEqual(Centrality.closeness(graph), [])
    }
}
