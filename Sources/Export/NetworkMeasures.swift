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
    /// The number of people betweenness, closeness and harmonic closeness were estimated from (networkx's `k`),
    /// nil when they are exact: every person is a source up to `CentralitySet.exactUpTo` people.
    public var sampledSources: Int?

    /// A sentence for the user when the path measures are estimates, nil when they are exact.
    public var samplingNote: String? {
        sampledSources.map {
            "betweenness, closeness and harmonic closeness are estimated from \($0) people drawn at random with a "
                + "fixed seed (networkx's betweenness_centrality(G, k=\($0))); --sources sets how many"
        }
    }

    /// Measures computed elsewhere; `values` and `community` aligned with the network's nodes.
    public init(values: [Measure: [Double]], community: [Int], problems: [String] = []) {
        self.values = values
        self.community = community
        self.problems = problems
    }

    /// Computes every measure on the graph of `nodes` and `links` (weights: shared photos).
    /// Cost: betweenness and closeness are one breadth-first search per source, O(k·m) over every core, where k is
    /// every person up to `CentralitySet.exactUpTo` people and `CentralitySet.defaultSampledSources` above (as
    /// `report`), or `sources` when given (`CentralitySet.sources(nodes:asked:)`).
    public init(nodes: [NetworkData.Node], links: [NetworkData.Link], sources: Int? = nil) {
        let graph = Self.graph(nodes: nodes, links: links)
        let centralities = CentralitySet(graph, sources: CentralitySet.sources(nodes: graph.nodeCount, asked: sources))
        values = centralities.values
        problems = centralities.problems
        sampledSources = centralities.sampledSources
        community = Communities.louvain(graph)
    }

    /// The graph of `nodes` and `links` as the analysis layer takes it (weights: shared photos).
    static func graph(nodes: [NetworkData.Node], links: [NetworkData.Link]) -> SocialGraph {
        SocialGraph(nodes: nodes.map(\.id), edges: links.map { (a: $0.source, b: $0.target, weight: Double($0.weight)) })
    }
}
