import Analysis
import XCTest

/// Components, cores and the report's summary measures against networkx 3.6.
final class GraphStructureTests: XCTestCase {
    func testAgainstNetworkx() throws {
        for name in GraphReference.graphNames {
            let reference = try XCTUnwrap(GraphReference.shared.graphs[name])
            let graph = reference.socialGraph
            XCTAssertEqual(GraphStructure.components(graph), reference.components, "\(name) components")
            XCTAssertEqual(GraphStructure.coreNumbers(graph), reference.core_number, "\(name) core numbers")
            XCTAssertEqual(GraphStructure.density(graph), reference.density, accuracy: 1e-12, "\(name) density")
            let hops = GraphStructure.largestComponentPaths(graph)
            XCTAssertEqual(hops.nodes, reference.largest_component_size, name)
            XCTAssertEqual(hops.diameter, reference.diameter, "\(name) diameter")
            XCTAssertEqual(hops.averagePathLength, reference.average_shortest_path_length, accuracy: 1e-9,
                           "\(name) average path length")
            let weighted = GraphStructure.largestComponentPaths(graph, distance: .inverseWeight)
            XCTAssertEqual(weighted.diameter, reference.diameter_inverse_weight, accuracy: 1e-9, "\(name) diameter")
            XCTAssertEqual(weighted.averagePathLength, reference.average_shortest_path_length_inverse_weight,
                           accuracy: 1e-9, "\(name) average path length, 1/weight")
            let r = GraphStructure.degreeAssortativity(graph)
            if let expected = reference.degree_assortativity {
                XCTAssertEqual(r, expected, accuracy: 1e-9, "\(name) assortativity")
            } else {
                XCTAssertTrue(r.isNaN, "\(name) assortativity")
            }
        }
    }

    /// Two triangles joined by one edge, an isolated node and a pair: hand-checked structure.
    func testHandChecked() {
        let graph = SocialGraph(nodes: [1, 2, 3, 4, 5, 6, 7, 8, 9], edges: [
            (1, 2, 1), (2, 3, 1), (1, 3, 1), (3, 4, 1), (4, 5, 1), (5, 6, 1), (4, 6, 1), (8, 9, 2),
        ])
        XCTAssertEqual(GraphStructure.components(graph), [0, 0, 0, 0, 0, 0, 2, 1, 1])
        XCTAssertEqual(GraphStructure.largestComponent(graph), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(GraphStructure.coreNumbers(graph), [2, 2, 2, 2, 2, 2, 0, 1, 1])
        XCTAssertEqual(GraphStructure.density(graph), 16.0 / 72.0, accuracy: 1e-15)
        let paths = GraphStructure.largestComponentPaths(graph)
        XCTAssertEqual(paths.diameter, 3)   // 1 → 3 → 4 → 5
    }

    /// Repeated pairs add up, self-loops are dropped and unlisted ends are appended: the SocialGraph contract.
    func testConstruction() {
        let graph = SocialGraph(nodes: [5, 3], edges: [(3, 5, 1), (5, 3, 2), (3, 3, 4), (3, 9, 1)])
        XCTAssertEqual(graph.nodes, [5, 3, 9])
        XCTAssertEqual(graph.edgeCount, 2)
        XCTAssertEqual(graph.weight(between: 0, and: 1), 3)
        XCTAssertNil(graph.weight(between: 0, and: 2))
        XCTAssertEqual(graph.totalWeight, 4)
        XCTAssertEqual(graph.edgeList.map { [$0.a, $0.b] }, [[0, 1], [1, 2]])
        XCTAssertEqual(Centrality.weightedDegree(graph), [3, 4, 1])
    }
}
