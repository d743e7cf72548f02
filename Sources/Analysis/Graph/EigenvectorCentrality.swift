extension Centrality {
    /// Eigenvector centrality: the entries of the leading eigenvector x of the (weighted) adjacency matrix A,
    /// A·x = λ·x, scaled to Euclidean norm 1 (P. Bonacich, "Factoring and weighting approaches to status scores and
    /// clique identification", J. Math. Sociol. 2(1), 1972).
    ///
    /// Computed exactly as networkx's `eigenvector_centrality(G, max_iter=…, tol=…, weight=…)` computes it, so the
    /// values agree with it to rounding: power iteration on A + I (the identity keeps bipartite graphs from
    /// oscillating and does not move the eigenvector) from the uniform vector 1/n, renormalised to norm 1 after
    /// every step, stopping when the L1 change falls below n · `tolerance`. On a disconnected graph the result
    /// depends on that start vector, as networkx's does. O(iterations · (|V| + |E|)), rows spread over every core.
    /// - Parameter weighted: multiply by edge weights (networkx `weight="weight"`); `false` counts every edge as 1
    ///   (networkx's default, `weight=None`).
    /// - Throws: `GraphError.didNotConverge` after `maxIterations` steps.
    public static func eigenvector(_ graph: SocialGraph, weighted: Bool = true, maxIterations: Int = 100,
                                   tolerance: Double = 1e-6) throws -> [Double] {
        let n = graph.nodeCount
        guard n > 0 else { return [] }
        let weights = weighted ? graph.weights : [Double](repeating: 1, count: graph.weights.count)
        let offsets = graph.offsets, neighbours = graph.neighbours
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = x
        for _ in 0..<maxIterations {
            x.withUnsafeBufferPointer { last in
                ParallelRows.fill(&next) { rows, out in
                    for i in rows {
                        var sum = last[i]
                        for k in offsets[i]..<offsets[i + 1] { sum += last[Int(neighbours[k])] * weights[k] }
                        out[i] = sum
                    }
                }
            }
            var squares = 0.0
            for v in next { squares += v * v }
            var norm = squares.squareRoot()
            if norm == 0 { norm = 1 }
            var change = 0.0
            for i in 0..<n {
                next[i] /= norm
                change += abs(next[i] - x[i])
            }
            swap(&x, &next)
            if change < Double(n) * tolerance { return x }
        }
        throw GraphError.didNotConverge(measure: "eigenvector centrality", iterations: maxIterations)
    }
}
