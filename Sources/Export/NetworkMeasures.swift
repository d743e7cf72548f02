import Analysis

/// The network measures every export carries for each person: the centralities of `CentralitySet` and a community
/// (Louvain), computed once per export by `Sources/Analysis/Graph` (checked there against networkx).
public struct NetworkMeasures: Sendable {
    public typealias Measure = CentralitySet.Measure

    /// Each measure's value per node, aligned with `NetworkData.nodes`. A measure that could not be computed
    /// (a power iteration that did not converge) is absent, and `problems` says why.
    public var values: [Measure: [Double]]
    /// Each node's community (Louvain, resolution 1, fixed seed), numbered 0, 1, … from the largest community
    /// down; a person without links is a community of their own.
    public var community: [Int]
    /// Number of distinct communities.
    public var communityCount: Int { Set(community).count }
    /// Why a measure is missing from `values`.
    public var problems: [String]

    /// Measures computed elsewhere; `values` and `community` aligned with the network's nodes.
    public init(values: [Measure: [Double]], community: [Int], problems: [String] = []) {
        self.values = values
        self.community = community
        self.problems = problems
    }

    /// Computes every measure on the graph of `nodes` and `links` (weights: shared photos).
    /// Cost: betweenness and closeness are one breadth-first search per person, O(n·m) over every core.
    public init(nodes: [NetworkData.Node], links: [NetworkData.Link]) {
        let graph = Self.graph(nodes: nodes, links: links)
        let centralities = CentralitySet(graph)
        values = centralities.values
        problems = centralities.problems
        community = Communities.louvain(graph)
    }

    /// The graph of `nodes` and `links` as the analysis layer takes it (weights: shared photos).
    static func graph(nodes: [NetworkData.Node], links: [NetworkData.Link]) -> SocialGraph {
        SocialGraph(nodes: nodes.map(\.id), edges: links.map { (a: $0.source, b: $0.target, weight: Double($0.weight)) })
    }
}
