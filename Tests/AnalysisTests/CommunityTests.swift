import Analysis
import XCTest

/// Louvain and modularity against networkx 3.6.
final class CommunityTests: XCTestCase {
    func testModularityOfGivenPartitions() throws {
        for name in GraphReference.graphNames {
            let reference = try XCTUnwrap(GraphReference.shared.graphs[name])
            let graph = reference.socialGraph
            for p in reference.partitions {
                let what = "\(name), \(p.name) partition, resolution \(p.resolution)"
                XCTAssertEqual(Communities.modularity(graph, partition: p.labels, resolution: p.resolution),
                               p.modularity, accuracy: 1e-9, what)
                XCTAssertEqual(Communities.modularity(graph, partition: p.labels, resolution: p.resolution,
                                                      weighted: false),
                               p.modularity_unweighted, accuracy: 1e-9, what + ", unweighted")
            }
        }
    }

    /// Where the structure is clear, Louvain must find exactly the planted communities.
    func testLouvainFindsPlantedCommunities() throws {
        for (name, planted) in GraphReference.shared.clear_communities.sorted(by: { $0.key < $1.key }) {
            let found = Communities.louvain(planted.socialGraph, seed: 1)
            XCTAssertTrue(samePartition(found, planted.truth), "\(name): \(found)")
        }
    }

    /// On graphs without planted structure the partition may differ from networkx's (another shuffle), but its
    /// quality must not: modularity at least that of the best of five networkx runs, less 0.01.
    func testLouvainModularityMatchesNetworkx() throws {
        for name in GraphReference.graphNames {
            let reference = try XCTUnwrap(GraphReference.shared.graphs[name])
            let graph = reference.socialGraph
            for resolution in [1.0, 0.5] {
                let labels = Communities.louvain(graph, resolution: resolution, seed: 7)
                let q = Communities.modularity(graph, partition: labels, resolution: resolution)
                let best = try XCTUnwrap(reference.louvain_modularity[String(resolution)])
                XCTAssertGreaterThanOrEqual(q, best - 0.01, "\(name) at resolution \(resolution)")
            }
        }
    }

    func testLouvainIsDeterministicAndLabelsBySize() throws {
        let graph = try XCTUnwrap(GraphReference.shared.graphs["les_miserables"]).socialGraph
        let first = Communities.louvain(graph, seed: 42)
        XCTAssertEqual(Communities.louvain(graph, seed: 42), first)
        let sizes = Dictionary(grouping: first, by: { $0 }).mapValues(\.count)
        for label in 1..<sizes.count { XCTAssertGreaterThanOrEqual(sizes[label - 1]!, sizes[label]!) }
    }

    /// Two triangles joined by an edge: Q = 2 · (3/7 − (7/14)²) = 5/14 for the split into triangles.
    func testHandCheckedModularity() {
        let graph = SocialGraph(nodes: [1, 2, 3, 4, 5, 6], edges: [
            (1, 2, 1), (2, 3, 1), (1, 3, 1), (3, 4, 1), (4, 5, 1), (5, 6, 1), (4, 6, 1),
        ])
        XCTAssertEqual(Communities.modularity(graph, partition: [0, 0, 0, 1, 1, 1]), 5.0 / 14.0, accuracy: 1e-15)
        XCTAssertEqual(Communities.louvain(graph), [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(Communities.louvain(SocialGraph(nodes: [1, 2], edges: [])), [0, 1])
    }
}
