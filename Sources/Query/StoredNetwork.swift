import Analysis
import Store

/// The stored co-appearance network as a `SocialGraph` for the analysis layer, with the people behind its nodes.
public struct StoredNetwork: Sendable {
    /// People seen in at least `minPhotos` photos, indexed like `graph.nodes` (node i is `people[i].id`).
    public let people: [PersonSummary]
    /// Nodes are person ids; an edge's weight is the number of distinct photos that show both people.
    public let graph: SocialGraph

    /// Loads people seen in at least `minPhotos` photos and the edges between them (people without edges stay,
    /// as isolated nodes). Two queries; O(|V| + |E| log |E|) to build the graph.
    public static func load(from store: FaceStore, minPhotos: Int = 1) throws -> StoredNetwork {
        let people = try store.people(minPhotos: minPhotos)
        let edges = try store.coAppearances(minPhotos: minPhotos)
        let graph = SocialGraph(nodes: people.map(\.id),
                                edges: edges.map { (a: $0.source, b: $0.target, weight: Double($0.weight)) })
        return StoredNetwork(people: people, graph: graph)
    }
}
