extension Centrality {
    /// Betweenness centrality: for each node v, the sum over pairs of other nodes s ≠ t of the fraction of
    /// shortest s–t paths that pass through v, σ(s, t | v) / σ(s, t).
    ///
    /// Brandes' algorithm (U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2),
    /// 2001): one shortest-path search per source and a back-propagation of pair dependencies, run over every core
    /// with one accumulator per block of sources. O(|V|·|E|) for `.hops`, O(|V|·|E| log |V|) weighted; memory
    /// O(|V| + |E|) per block of sources.
    ///
    /// Values equal networkx's `betweenness_centrality(G, normalized=…, weight=…)` (endpoints excluded): each
    /// unordered pair counts once, and `normalized` divides by (n − 1)(n − 2)/2, the number of pairs of other
    /// nodes, so values lie in [0, 1] (no scaling for n ≤ 2, where every value is 0).
    /// - Parameters:
    ///   - weighted: `true` measures paths by `Distance.inverseWeight` (1 / photos shared: strong ties are short),
    ///     `false` by hops.
    public static func betweenness(_ graph: SocialGraph, weighted: Bool = false, normalized: Bool = true) -> [Double] {
        betweenness(graph, distance: weighted ? .inverseWeight : .hops, normalized: normalized)
    }

    /// Betweenness with an explicit edge length (see `betweenness(_:weighted:normalized:)`); `.weight` reproduces
    /// networkx's `weight="weight"`, which reads the weight as a length.
    public static func betweenness(_ graph: SocialGraph, distance: Distance, normalized: Bool = true) -> [Double] {
        let n = graph.nodeCount
        let lengths = distance.lengths(graph)
        struct Block {
            var search: ShortestPathSearch
            var dependency: [Double]
            var sum: [Double]
        }
        let blocks = ParallelSources.run(count: n, make: {
            Block(search: ShortestPathSearch(graph: graph, distance: distance, lengths: lengths, countPaths: true),
                  dependency: [Double](repeating: 0, count: n), sum: [Double](repeating: 0, count: n))
        }) { source, block in
            block.search.run(from: source)
            accumulate(graph, lengths, source, &block)
        }
        // δ(v) += σ(v)/σ(w)·(1 + δ(w)) over the predecessors v of w, taken in order of decreasing distance.
        func accumulate(_ graph: SocialGraph, _ lengths: [Double], _ source: Int, _ block: inout Block) {
            let offsets = graph.offsets, neighbours = graph.neighbours
            let order = block.search.order, distance = block.search.distance, paths = block.search.paths
            for w32 in order.reversed() {
                let w = Int(w32)
                let coefficient = (1 + block.dependency[w]) / paths[w]
                let dw = distance[w]
                for k in offsets[w]..<offsets[w + 1] {
                    let v = Int(neighbours[k])
                    // v precedes w on a shortest path exactly when networkx would have listed it in P[w].
                    if distance[v] + lengths[k] == dw { block.dependency[v] += paths[v] * coefficient }
                }
                if w != source { block.sum[w] += block.dependency[w] }
            }
            for w in order { block.dependency[Int(w)] = 0 }
        }
        var result = [Double](repeating: 0, count: n)
        for block in blocks {
            for i in 0..<n { result[i] += block.sum[i] }
        }
        // Each unordered pair was counted from both ends.
        guard n > 2 else { return result }
        let scale = normalized ? 1 / (Double(n - 1) * Double(n - 2)) : 0.5
        return result.map { $0 * scale }
    }
}
