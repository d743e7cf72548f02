/// The seven centralities of `Centrality` computed together on one graph, with the settings every consumer shares
/// (the report, the exports): degree and weighted degree; betweenness, closeness and harmonic closeness in hops;
/// eigenvector and PageRank weighted by shared photos, allowed 1,000 iterations (networkx stops at 100; a measure
/// should not be lost to a slow start). Cost: dominated by betweenness and closeness, O(|V|·|E|), over every core.
public struct CentralitySet: Sendable {
    /// A centrality, named in words as the query language and the report say it ("weighted degree"); `column`
    /// names it as the data exports name their columns and attributes ("weighted_degree").
    public enum Measure: String, CaseIterable, Sendable, Encodable {
        /// Number of people someone appears with (networkx `G.degree`).
        case degree
        /// Photos shared with others, counted once per companion (networkx `G.degree(weight="weight")`).
        case weightedDegree = "weighted degree"
        /// Share of shortest paths (in hops) between others that pass through someone, normalised by
        /// (n − 1)(n − 2)/2 (networkx `betweenness_centrality`).
        case betweenness
        /// Wasserman–Faust closeness in hops (networkx `closeness_centrality`).
        case closeness
        /// Sum of 1/hops to everyone reachable (networkx `harmonic_centrality`).
        case harmonicCloseness = "harmonic closeness"
        /// Leading eigenvector of the adjacency matrix weighted by shared photos, norm 1
        /// (networkx `eigenvector_centrality(weight="weight")`).
        case eigenvector
        /// PageRank with damping 0.85 over edges weighted by shared photos (networkx `pagerank`).
        case pageRank = "pagerank"

        /// Whether every value is a whole number (a count).
        public var isCount: Bool { self == .degree || self == .weightedDegree }

        /// The measure's column and attribute in the data exports: its words joined by '_'.
        public var column: String { rawValue.split(separator: " ").joined(separator: "_") }

        /// Encoded as its `column`, as the data exports name it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(column)
        }
    }

    /// Each measure's value per node, indexed like `graph.nodes`. A measure whose power iteration did not converge
    /// is absent, and `problems` says why.
    public var values: [Measure: [Double]]
    /// Why a measure is missing from `values` (`GraphError` descriptions).
    public var problems: [String]

    /// The number of sampled sources betweenness, closeness and harmonic closeness were estimated from; nil when
    /// they are exact (every node a source).
    public var sampledSources: Int?

    /// Above this many nodes `automaticSources` samples: exact path measures cost |V| searches of |E| steps
    /// (50,000 people with 500,000 ties: about 2.5·10¹⁰ steps, minutes on 2 cores; a million people, days).
    public static let exactUpTo = 50_000
    /// Sources sampled above `exactUpTo` nodes when none are asked for: 1,000 (networkx's docs suggest k of this
    /// order; Brandes & Pich 2007 found the ranking of the most central nodes stable from a few hundred pivots).
    public static let defaultSampledSources = 1_000

    /// The sources to sample for a graph of `nodes` nodes: `asked` when given (nil when it covers every node),
    /// else nil up to `limit` nodes (`exactUpTo`) and `fallback` (`defaultSampledSources`) above.
    public static func sources(nodes: Int, asked: Int?, exactUpTo limit: Int = exactUpTo,
                               otherwise fallback: Int = defaultSampledSources) -> Int? {
        let k = asked ?? (nodes > limit ? fallback : nodes)
        return k < nodes ? k : nil
    }

    /// - Parameter sources: estimate the path measures from this many sources drawn with a fixed seed
    ///   (`Centrality.sampleSources`), as networkx's `betweenness_centrality(G, k=sources)`; nil, at least the
    ///   number of nodes, or a graph without edges (every path measure 0, nothing to estimate): exact.
    public init(_ graph: SocialGraph, sources: Int? = nil) {
        if let k = sources, k < graph.nodeCount, graph.edgeCount > 0 {
            let sample = Centrality.sampleSources(count: graph.nodeCount, k: k)
            let (closeness, harmonic) = Centrality.sampledCloseness(graph, sources: sample)
            values = [
                .degree: Centrality.degree(graph),
                .weightedDegree: Centrality.weightedDegree(graph),
                .betweenness: Centrality.betweenness(graph, distance: .hops, sources: sample),
                .closeness: closeness,
                .harmonicCloseness: harmonic,
            ]
            sampledSources = k
        } else {
            values = [
                .degree: Centrality.degree(graph),
                .weightedDegree: Centrality.weightedDegree(graph),
                .betweenness: Centrality.betweenness(graph),
                .closeness: Centrality.closeness(graph),
                .harmonicCloseness: Centrality.harmonicCloseness(graph),
            ]
            sampledSources = nil
        }
        problems = []
        do { values[.eigenvector] = try Centrality.eigenvector(graph, maxIterations: 1000) } catch { problems.append("\(error)") }
        do { values[.pageRank] = try Centrality.pageRank(graph, maxIterations: 1000) } catch { problems.append("\(error)") }
    }
}
