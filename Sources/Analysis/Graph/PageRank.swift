extension Centrality {
    /// PageRank (S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web search engine", WWW 1998):
    /// the stationary distribution of a walk that follows an edge with probability `damping`, chosen in
    /// proportion to its weight, and otherwise jumps to a node chosen uniformly. Each undirected edge is followed
    /// both ways; a node without edges (dangling) jumps uniformly. Values sum to 1.
    ///
    /// Computed as networkx's `pagerank(G, alpha=damping, max_iter=…, tol=…, weight=…)` computes it: power
    /// iteration from the uniform vector, x ← α·(x·P + Σ_dangling x / n) + (1 − α)/n, stopping when the L1 change
    /// falls below n · `tolerance`. O(iterations · (|V| + |E|)), rows spread over every core.
    /// - Parameter weighted: follow edges in proportion to their weight (networkx's default `weight="weight"`);
    ///   `false` treats every edge alike.
    /// - Throws: `GraphError.didNotConverge` after `maxIterations` steps.
    public static func pageRank(_ graph: SocialGraph, damping: Double = 0.85, weighted: Bool = true,
                                maxIterations: Int = 100, tolerance: Double = 1e-6) throws -> [Double] {
        let n = graph.nodeCount
        guard n > 0 else { return [] }
        let weights = weighted ? graph.weights : [Double](repeating: 1, count: graph.weights.count)
        let offsets = graph.offsets, neighbours = graph.neighbours
        // Out-strength of each node; its inverse turns a row of weights into transition probabilities.
        var inverseStrength = [Double](repeating: 0, count: n)
        var dangling: [Int] = []
        for i in 0..<n {
            var strength = 0.0
            for k in offsets[i]..<offsets[i + 1] { strength += weights[k] }
            if strength == 0 { dangling.append(i) } else { inverseStrength[i] = 1 / strength }
        }
        let uniform = 1 / Double(n)
        var x = [Double](repeating: uniform, count: n)
        var share = [Double](repeating: 0, count: n)   // x[i] / strength(i): what i sends along each unit of weight
        var next = x
        for _ in 0..<maxIterations {
            var danglingMass = 0.0
            for i in dangling { danglingMass += x[i] }
            for i in 0..<n { share[i] = x[i] * inverseStrength[i] }
            let base = damping * danglingMass * uniform + (1 - damping) * uniform
            share.withUnsafeBufferPointer { share in
                ParallelRows.fill(&next) { rows, out in
                    for j in rows {
                        var incoming = 0.0
                        for k in offsets[j]..<offsets[j + 1] { incoming += share[Int(neighbours[k])] * weights[k] }
                        out[j] = damping * incoming + base
                    }
                }
            }
            var change = 0.0
            for i in 0..<n { change += abs(next[i] - x[i]) }
            swap(&x, &next)
            if change < Double(n) * tolerance { return x }
        }
        throw GraphError.didNotConverge(measure: "PageRank", iterations: maxIterations)
    }
}
