extension Communities {
    /// Modularity of a partition with a resolution γ (M. E. J. Newman and M. Girvan, "Finding and evaluating
    /// community structure in networks", Phys. Rev. E 69, 2004; γ from J. Reichardt and S. Bornholdt, Phys. Rev. E
    /// 74, 2006): Q = Σ_c [ L_c / m − γ · (D_c / 2m)² ], L_c the weight of the edges inside community c, D_c the sum
    /// of its members' weighted degrees, m the total edge weight — networkx's `modularity(G, communities,
    /// weight=…, resolution=γ)`. O(|V| + |E|).
    /// - Parameters:
    ///   - partition: the community label of each node, indexed like `graph.nodes` (any integers).
    ///   - weighted: use edge weights (networkx's default); `false` counts every edge as 1.
    /// - Returns: Q in [−1/2, 1] for γ = 1; 0 for a graph without edges (where networkx divides by zero).
    public static func modularity(_ graph: SocialGraph, partition: [Int], resolution: Double = 1,
                                  weighted: Bool = true) -> Double {
        precondition(partition.count == graph.nodeCount, "one community label per node")
        let level = LouvainLevel(graph, weighted: weighted)
        guard level.totalWeight > 0 else { return 0 }
        return level.modularity(of: partition, m: level.totalWeight, resolution: resolution)
    }
}
