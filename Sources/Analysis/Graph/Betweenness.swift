extension Centrality {
    /// Betweenness centrality: for each node v, the sum over pairs of other nodes s ≠ t of the fraction of
    /// shortest s–t paths that pass through v, σ(s, t | v) / σ(s, t).
    ///
    /// Brandes' algorithm (U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2),
    /// 2001): one shortest-path search per source and a back-propagation of pair dependencies, run over every core
    /// with one accumulator per block of sources. O(|V|·|E|) for `.hops`, O(|V|·|E| log |V|) weighted; memory
    /// about 60 bytes per node for each block of sources (8 blocks per core), besides the graph.
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
    ///
    /// `sources` (nil: every node) estimates it from the searches out of those nodes only, as networkx's
    /// `betweenness_centrality(G, k=len(sources))` does with its sample: the dependencies summed over the sample and
    /// scaled up to every source as networkx 3.6 scales them (Brandes & Pich, "Centrality estimation in large
    /// networks", Int. J. Bifurcation and Chaos 17(7), 2007). O(k·|E|) for `.hops`.
    public static func betweenness(_ graph: SocialGraph, distance: Distance, normalized: Bool = true,
                                   sources: [Int]? = nil) -> [Double] {
        let n = graph.nodeCount
        let lengths = distance.lengths(graph)
        let sourceCount = sources?.count ?? n
        struct Block {
            var search: ShortestPathSearch
            var share: [Double]   // q(w) = (1 + δ(w)) / σ(w) of the current source
            var sum: [Double]
        }
        let blocks = ParallelSources.run(count: sourceCount, make: {
            Block(search: ShortestPathSearch(graph: graph, distance: distance, lengths: lengths, countPaths: true),
                  share: [Double](repeating: 0, count: n), sum: [Double](repeating: 0, count: n))
        }) { index, block in
            let source = sources?[index] ?? index
            block.search.run(from: source)
            block.share.withUnsafeMutableBufferPointer { share in
                block.sum.withUnsafeMutableBufferPointer { sum in
                    accumulate(block.search, source, share, sum)
                }
            }
        }
        // Brandes' back-propagation over v in order of decreasing distance: δ(v) = Σ σ(v)/σ(w)·(1 + δ(w)) over the
        // successors w of v (the w that v precedes on a shortest path). It is pulled from the successors rather
        // than pushed to the predecessors, so the inner loop only reads; and kept divided by σ: with
        // q(w) = (1 + δ(w))/σ(w), δ(v) = σ(v)·Σ q(w). Every successor comes later in `order`, so its q is ready;
        // q of nodes this search did not reach is never read (their neighbours were not reached either).
        func accumulate(_ search: ShortestPathSearch, _ source: Int, _ q: UnsafeMutableBufferPointer<Double>,
                        _ sum: UnsafeMutableBufferPointer<Double>) {
            let order = search.order, distance = search.distance, paths = search.paths, level = search.level
            let unweighted = search.unweighted
            graph.offsets.withUnsafeBufferPointer { offsets in
            graph.neighbours.withUnsafeBufferPointer { neighbours in
            lengths.withUnsafeBufferPointer { lengths in
                for v32 in order.reversed() {
                    let v = Int(v32)
                    var pulled = 0.0
                    if unweighted {
                        let after = level[v] + 1
                        for k in offsets[v]..<offsets[v + 1] {
                            let w = Int(neighbours[k])
                            if level[w] == after { pulled += q[w] }
                        }
                    } else {
                        let dv = distance[v]
                        for k in offsets[v]..<offsets[v + 1] {
                            let w = Int(neighbours[k])
                            // v precedes w on a shortest path exactly when networkx would have listed it in P[w]:
                            // the same floating-point sum, compared for equality.
                            if dv + lengths[k] == distance[w] { pulled += q[w] }
                        }
                    }
                    q[v] = 1 / paths[v] + pulled
                    if v != source { sum[v] += paths[v] * pulled }
                }
            }}}
        }
        var result = [Double](repeating: 0, count: n)
        for block in blocks {
            for i in 0..<n { result[i] += block.sum[i] }
        }
        // Each unordered pair was counted from both ends.
        guard n > 2 else { return result }
        guard let sources, sourceCount < n else {
            let scale = normalized ? 1 / (Double(n - 1) * Double(n - 2)) : 0.5
            return result.map { $0 * scale }
        }
        // networkx 3.6's `_rescale` for a sample with endpoints excluded: a sampled node's sum is over the k − 1
        // other sources, anyone else's over k; each then scaled to the n − 1 sources there are (and halved for
        // unordered pairs, or divided by the n − 2 targets when normalised). networkx gives NaN to the source of a
        // one-source sample; it gets 0 here.
        let k = Double(sourceCount), others = Double(n - 1)
        var isSource = [Bool](repeating: false, count: n)
        for s in sources { isSource[s] = true }
        return result.indices.map { v in
            let counted = isSource[v] ? k - 1 : k
            guard counted > 0 else { return 0 }
            return result[v] * (normalized ? 1 / (counted * Double(n - 2)) : others / (2 * counted))
        }
    }
}
