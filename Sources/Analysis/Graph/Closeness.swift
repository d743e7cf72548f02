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

extension Centrality {
    /// `k` distinct nodes of `0..<count` drawn with a seeded generator (SplitMix64, a partial Fisher–Yates
    /// shuffle), ascending: the same sample on every run and platform. Every node when `k ≥ count`.
    public static func sampleSources(count: Int, k: Int, seed: UInt64 = 0x5EED) -> [Int] {
        guard k < count else { return Array(0..<count) }
        var random = SplitMix64(seed: seed)
        return random.sample(k, of: count).sorted()
    }

    /// Closeness and harmonic centrality estimated from the shortest-path searches out of `sources` only
    /// (Eppstein & Wang, "Fast approximation of centrality", J. Graph Algorithms and Applications 8(1), 2004:
    /// the distances from a random sample of nodes stand for the distances to everyone; the graph is undirected, so
    /// d(s, u) = d(u, s)). For a node u, with the k′ sources other than u, of which r reach u at total distance D:
    /// - closeness ≈ (r / D) · (r / k′): Wasserman and Faust's ((r − 1)/D)·((r − 1)/(n − 1)) with the share of
    ///   nodes u reaches and their mean distance both taken from the sample;
    /// - harmonic ≈ ((n − 1) / k′) · Σ 1/d(s, u) over the sources that reach u.
    /// With every node a source both equal `closeness` and `harmonicCloseness`. O(k·|E|) for `.hops`, over every
    /// core; memory three numbers per node for each block of sources.
    public static func sampledCloseness(_ graph: SocialGraph, distance: Distance = .hops, sources: [Int])
        -> (closeness: [Double], harmonic: [Double]) {
        let n = graph.nodeCount
        let lengths = distance.lengths(graph)
        struct Block {
            var search: ShortestPathSearch
            var reached: [Int32]
            var total: [Double]
            var inverse: [Double]
        }
        let blocks = ParallelSources.run(count: sources.count, make: {
            Block(search: ShortestPathSearch(graph: graph, distance: distance, lengths: lengths, countPaths: false),
                  reached: [Int32](repeating: 0, count: n), total: [Double](repeating: 0, count: n),
                  inverse: [Double](repeating: 0, count: n))
        }) { index, block in
            block.search.run(from: sources[index])
            for v in block.search.order.dropFirst() {
                let d = block.search.distance[Int(v)]
                block.reached[Int(v)] += 1
                block.total[Int(v)] += d
                block.inverse[Int(v)] += 1 / d
            }
        }
        var reached = [Double](repeating: 0, count: n), total = reached, inverse = reached
        for block in blocks {
            for v in 0..<n {
                reached[v] += Double(block.reached[v])
                total[v] += block.total[v]
                inverse[v] += block.inverse[v]
            }
        }
        var isSource = [Bool](repeating: false, count: n)
        for s in sources { isSource[s] = true }
        var closeness = [Double](repeating: 0, count: n), harmonic = closeness
        for u in 0..<n {
            let others = Double(sources.count - (isSource[u] ? 1 : 0))
            guard others > 0 else { continue }
            if total[u] > 0 { closeness[u] = (reached[u] / total[u]) * (reached[u] / others) }
            harmonic[u] = Double(n - 1) / others * inverse[u]
        }
        return (closeness, harmonic)
    }
}
