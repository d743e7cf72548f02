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
            block.dependency.withUnsafeMutableBufferPointer { dependency in
                block.sum.withUnsafeMutableBufferPointer { sum in
                    accumulate(block.search, source, dependency, sum)
                }
            }
        }
        // Brandes' back-propagation over w in order of decreasing distance: δ(v) += σ(v)/σ(w)·(1 + δ(w)) for each
        // predecessor v of w. It is kept divided by σ: with u = δ/σ the step is u(v) += (1 + δ(w))/σ(w) =
        // 1/σ(w) + u(w), the same for every predecessor, and the inner loop reads nothing of v but its level.
        func accumulate(_ search: ShortestPathSearch, _ source: Int, _ scaled: UnsafeMutableBufferPointer<Double>,
                        _ sum: UnsafeMutableBufferPointer<Double>) {
            let order = search.order, distance = search.distance, paths = search.paths, level = search.level
            let unweighted = search.unweighted
            graph.offsets.withUnsafeBufferPointer { offsets in
            graph.neighbours.withUnsafeBufferPointer { neighbours in
            lengths.withUnsafeBufferPointer { lengths in
                for w32 in order.reversed() {
                    let w = Int(w32)
                    let share = 1 / paths[w] + scaled[w]
                    if unweighted {
                        let before = level[w] - 1
                        // Branch-free: whether a neighbour is one level up is a coin toss the CPU cannot
                        // predict, so every neighbour gets an add, of 0 when it is not a predecessor.
                        for k in offsets[w]..<offsets[w + 1] {
                            let v = Int(neighbours[k])
                            scaled[v] += level[v] == before ? share : 0
                        }
                    } else {
                        let dw = distance[w]
                        for k in offsets[w]..<offsets[w + 1] {
                            let v = Int(neighbours[k])
                            // v precedes w on a shortest path exactly when networkx would have listed it in P[w]:
                            // the same floating-point sum, compared for equality.
                            if distance[v] + lengths[k] == dw { scaled[v] += share }
                        }
                    }
                    if w != source { sum[w] += paths[w] * scaled[w] }
                }
            }}}
            for w in order { scaled[Int(w)] = 0 }
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
