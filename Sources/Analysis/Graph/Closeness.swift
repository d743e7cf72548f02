extension Centrality {
    /// Closeness centrality with Wasserman and Faust's correction for disconnected graphs, networkx's
    /// `closeness_centrality(G, distance=…, wf_improved=True)`: for a node u that reaches r − 1 other nodes at
    /// total distance D, C(u) = ((r − 1) / D) · ((r − 1) / (n − 1)); 0 for a node that reaches nobody.
    ///
    /// S. Wasserman and K. Faust, "Social Network Analysis: Methods and Applications", Cambridge University Press
    /// 1994, §5.3. One shortest-path search per node over every core: O(|V|·|E|) for `.hops`,
    /// O(|V|·|E| log |V|) weighted.
    public static func closeness(_ graph: SocialGraph, distance: Distance = .hops) -> [Double] {
        let n = graph.nodeCount
        return perSource(graph, distance: distance) { search in
            let reached = Double(search.order.count - 1)
            var total = 0.0
            for v in search.order { total += search.distance[Int(v)] }
            guard total > 0, n > 1 else { return 0 }
            return (reached / total) * (reached / Double(n - 1))
        }
    }

    /// Harmonic centrality: H(u) = Σ_{v ≠ u} 1 / d(u, v), unreachable nodes adding 0; not normalised, as networkx's
    /// `harmonic_centrality(G, distance=…)`. Y. Rochat, "Closeness centrality extended to unconnected graphs: the
    /// harmonic centrality index", ASNA 2009 (after Marchiori and Latora 2000). O(|V|·|E|) for `.hops`,
    /// O(|V|·|E| log |V|) weighted, over every core.
    public static func harmonicCloseness(_ graph: SocialGraph, distance: Distance = .hops) -> [Double] {
        perSource(graph, distance: distance) { search in
            var sum = 0.0
            for v in search.order.dropFirst() { sum += 1 / search.distance[Int(v)] }
            return sum
        }
    }

    /// One value per node computed from the shortest-path search out of it, over every core.
    static func perSource(_ graph: SocialGraph, distance: Distance,
                          value: (ShortestPathSearch) -> Double) -> [Double] {
        let lengths = distance.lengths(graph)
        struct Block {
            var search: ShortestPathSearch
            var values: [(Int, Double)] = []
        }
        let blocks = ParallelSources.run(count: graph.nodeCount, make: {
            Block(search: ShortestPathSearch(graph: graph, distance: distance, lengths: lengths, countPaths: false))
        }) { source, block in
            block.search.run(from: source)
            block.values.append((source, value(block.search)))
        }
        var result = [Double](repeating: 0, count: graph.nodeCount)
        for block in blocks { for (i, v) in block.values { result[i] = v } }
        return result
    }
}
