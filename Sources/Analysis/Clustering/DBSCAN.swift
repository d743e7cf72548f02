/// DBSCAN: density-based spatial clustering of applications with noise (Ester, Kriegel, Sander & Xu, KDD 1996),
/// with scikit-learn's conventions: a point is a core point when at least `minSamples` points, itself included,
/// lie within distance `eps` (≤ eps); clusters grow from core points; points reachable from no core point are noise.
public enum DBSCAN {
    /// Cluster label of each of `rows` (0, 1, … in order of discovery, by row order), or nil for noise.
    /// Deterministic: the same input gives the same labels. O(n²·d) time (blocked BLAS distances).
    public static func labels(_ descriptors: Descriptors, rows: [Int], eps: Float, minSamples: Int) -> [Int?] {
        labels(neighbourhoods: descriptors.neighbourhoods(of: rows, radius: eps), minSamples: minSamples)
    }

    /// The same from a precomputed graph (radius ≥ `eps`), so that repeated passes share one distance computation.
    /// O(pairs) time.
    public static func labels(_ graph: NeighbourGraph, rows: [Int], eps: Float, minSamples: Int) -> [Int?] {
        labels(neighbourhoods: graph.within(eps).neighbourhoods(of: rows), minSamples: minSamples)
    }

    /// DBSCAN on ε-neighbourhoods given as positions (each list includes the point itself).
    static func labels(neighbourhoods neighbours: [[Int]], minSamples: Int) -> [Int?] {
        let isCore = neighbours.map { $0.count >= minSamples }
        var labels = [Int?](repeating: nil, count: neighbours.count)
        var next = 0
        for start in neighbours.indices where isCore[start] && labels[start] == nil {
            labels[start] = next
            var queue = [start]
            while let point = queue.popLast() {
                for other in neighbours[point] where labels[other] == nil {
                    labels[other] = next
                    if isCore[other] { queue.append(other) }
                }
            }
            next += 1
        }
        return labels
    }
}
