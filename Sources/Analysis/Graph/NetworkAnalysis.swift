/// Everything the network report measures on one graph, computed together with one set of settings: what
/// `NetworkReport.build` shows and what `graph-bench report` times at archive scale (bench/report-scale).
///
/// Cost: the path measures (betweenness, closeness, harmonic closeness, the largest component's diameter and
/// average path length) take one shortest-path search per source, O(k·|E|) for k sources, all the rest O(|V| + |E|)
/// per pass (Louvain, PageRank, eigenvector). Above `CentralitySet.exactUpTo` nodes, or when `sources` is given,
/// the path measures are estimated from a fixed random sample of sources (`sampledSources`). Memory: the graph, a few
/// numbers per node per measure, and per block of sources a search's buffers (about 60 bytes per node, 8 blocks per
/// core).
public struct NetworkAnalysis: Sendable {
    /// Connected component of each node (`GraphStructure.components`), and how many there are.
    public var components: [Int]
    public var componentCount: Int
    /// The largest component's size, diameter and average path length in hops (estimated when sampled).
    public var largestComponent: (nodes: Int, diameter: Double, averagePathLength: Double)
    /// Degree assortativity (NaN when undefined).
    public var assortativity: Double
    /// Louvain community of each node, and the partition's modularity.
    public var communities: [Int]
    public var modularity: Double
    public var centralities: CentralitySet
    /// The sources the path measures were estimated from; nil when they are exact.
    public var sampledSources: Int?

    /// - Parameters:
    ///   - resolution, seed: Louvain's (`Communities.louvain`).
    ///   - sources: the sources asked for (`CentralitySet.sources(nodes:asked:)`: nil samples only above
    ///     `CentralitySet.exactUpTo` nodes).
    public init(_ graph: SocialGraph, resolution: Double = 1, seed: UInt64 = 0x5EED, sources: Int? = nil) {
        let sampled = CentralitySet.sources(nodes: graph.nodeCount, asked: sources)
        components = GraphStructure.components(graph)
        componentCount = (components.max() ?? -1) + 1
        largestComponent = GraphStructure.largestComponentPaths(graph, sources: sampled)
        assortativity = GraphStructure.degreeAssortativity(graph)
        communities = Communities.louvain(graph, resolution: resolution, seed: seed)
        modularity = Communities.modularity(graph, partition: communities, resolution: resolution)
        centralities = CentralitySet(graph, sources: sampled)
        sampledSources = centralities.sampledSources
    }
}
