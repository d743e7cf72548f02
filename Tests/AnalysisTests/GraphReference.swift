import Analysis
import Foundation
import XCTest

/// The networkx values in centrality_reference.json (written by Tests/Reference/centrality_reference.py).
struct GraphReference: Decodable {
    struct Partition: Decodable {
        var name: String
        var resolution: Double
        var labels: [Int]
        var modularity: Double
        var modularity_unweighted: Double
    }

    struct Graph: Decodable {
        var nodes: [Int64]
        var edges: [[Double]]
        var degree: [Double]
        var degree_centrality: [Double]
        var weighted_degree: [Double]
        var betweenness: [Double]
        var betweenness_raw: [Double]
        var betweenness_weight: [Double]
        var betweenness_inverse_weight: [Double]
        var closeness: [Double]
        var closeness_weight: [Double]
        var closeness_inverse_weight: [Double]
        var harmonic: [Double]
        var harmonic_inverse_weight: [Double]
        var eigenvector: [Double]
        var eigenvector_unweighted: [Double]
        var pagerank: [Double]
        var pagerank_unweighted: [Double]
        var clustering: [Double]
        var clustering_weighted: [Double]
        var core_number: [Int]
        var components: [Int]
        var density: Double
        var largest_component_size: Int
        var diameter: Double
        var average_shortest_path_length: Double
        var diameter_inverse_weight: Double
        var average_shortest_path_length_inverse_weight: Double
        var degree_assortativity: Double?
        var partitions: [Partition]
        var louvain_modularity: [String: Double]

        /// The graph as face-network builds it: the reference's node order and edge list.
        var socialGraph: SocialGraph {
            SocialGraph(nodes: nodes, edges: edges.map { (a: Int64($0[0]), b: Int64($0[1]), weight: $0[2]) })
        }
    }

    struct Planted: Decodable {
        var nodes: [Int64]
        var edges: [[Double]]
        var truth: [Int]

        var socialGraph: SocialGraph {
            SocialGraph(nodes: nodes, edges: edges.map { (a: Int64($0[0]), b: Int64($0[1]), weight: $0[2]) })
        }
    }

    var networkx: String
    var graphs: [String: Graph]
    var clear_communities: [String: Planted]

    static let shared: GraphReference = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("centrality_reference.json")
        do {
            return try JSONDecoder().decode(GraphReference.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// The graphs every measure is checked on, in a fixed order.
    static let graphNames = ["karate", "karate_weighted", "les_miserables", "several_components",
                             "synthetic_coappearance", "group_photos"]
}

/// Asserts two per-node value lists agree within `accuracy`, naming the first node that does not.
func assertClose(_ actual: [Double], _ expected: [Double], accuracy: Double = 1e-6, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "\(what): node count", file: file, line: line)
    for (i, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= accuracy) {
        XCTFail("\(what): node \(i): \(a) != \(e) (networkx)", file: file, line: line)
        return
    }
}

/// True when two labellings are the same partition up to renaming the labels.
func samePartition(_ a: [Int], _ b: [Int]) -> Bool {
    guard a.count == b.count else { return false }
    var forward: [Int: Int] = [:], backward: [Int: Int] = [:]
    for (x, y) in zip(a, b) {
        if let mapped = forward[x], mapped != y { return false }
        if let mapped = backward[y], mapped != x { return false }
        forward[x] = y
        backward[y] = x
    }
    return true
}
