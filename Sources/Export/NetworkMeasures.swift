import Analysis

/// The network measures every export carries for each person: centralities and a community (Louvain), computed
/// once per export by `Sources/Analysis/Graph` (checked there against networkx).
public struct NetworkMeasures: Sendable {
    /// A centrality, with the name it has as a column or attribute in every format.
    public enum Measure: String, CaseIterable, Sendable {
        /// Number of people someone appears with (networkx `G.degree`).
        case degree
        /// Photos shared with others, counted once per companion (networkx `G.degree(weight="weight")`).
        case weightedDegree = "weighted_degree"
        /// Share of shortest paths (in hops) between others that pass through someone, normalised by
        /// (n − 1)(n − 2)/2 (networkx `betweenness_centrality`).
        case betweenness
        /// Wasserman–Faust closeness in hops (networkx `closeness_centrality`).
        case closeness
        /// Sum of 1/hops to everyone reachable (networkx `harmonic_centrality`).
        case harmonicCloseness = "harmonic_closeness"
        /// Leading eigenvector of the adjacency matrix weighted by shared photos, norm 1
        /// (networkx `eigenvector_centrality(weight="weight")`).
        case eigenvector
        /// PageRank with damping 0.85 over edges weighted by shared photos (networkx `pagerank`).
        case pageRank = "pagerank"

        /// Whether every value is a whole number (written as an integer in typed formats).
        public var isInteger: Bool { self == .degree || self == .weightedDegree }
    }

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
        let graph = SocialGraph(nodes: nodes.map(\.id),
                                edges: links.map { (a: $0.source, b: $0.target, weight: Double($0.weight)) })
        var values: [Measure: [Double]] = [
            .degree: Centrality.degree(graph),
            .weightedDegree: Centrality.weightedDegree(graph),
            .betweenness: Centrality.betweenness(graph),
            .closeness: Centrality.closeness(graph),
            .harmonicCloseness: Centrality.harmonicCloseness(graph),
        ]
        var problems: [String] = []
        do {
            values[.eigenvector] = try Centrality.eigenvector(graph, maxIterations: 1000)
        } catch {
            problems.append("eigenvector centrality left out: \(error)")
        }
        do {
            values[.pageRank] = try Centrality.pageRank(graph)
        } catch {
            problems.append("PageRank left out: \(error)")
        }
        self.values = values
        self.problems = problems
        community = Communities.louvain(graph)
    }
}
