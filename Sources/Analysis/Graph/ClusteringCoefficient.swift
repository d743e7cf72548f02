import Foundation

extension Centrality {
    /// Local clustering coefficient, networkx's `clustering(G, weight=…)`: for a node u of degree d ≥ 2,
    /// c(u) = 2·T(u) / (d·(d − 1)), T(u) the number of triangles through u (the share of pairs of u's companions
    /// who also appear together); 0 when d < 2.
    ///
    /// `weighted` gives the geometric-mean variant (J. Saramäki, M. Kivelä, J.-P. Onnela, K. Kaski and J. Kertész,
    /// "Generalizations of the clustering coefficient to weighted complex networks", Phys. Rev. E 75, 2007):
    /// T(u) becomes Σ over triangles (ŵ_uv·ŵ_vw·ŵ_wu)^(1/3), ŵ = weight / largest weight in the graph.
    /// O(Σ_u Σ_{v ∈ N(u)} deg v) ≤ O(|E|·Δ).
    public static func clustering(_ graph: SocialGraph, weighted: Bool = false) -> [Double] {
        let n = graph.nodeCount
        let offsets = graph.offsets, neighbours = graph.neighbours, weights = graph.weights
        let largest = weights.max() ?? 1
        // mark[v] = normalised weight of the edge u–v while u is examined, 0 otherwise.
        var mark = [Double](repeating: 0, count: n)
        var result = [Double](repeating: 0, count: n)
        for u in 0..<n {
            let d = offsets[u + 1] - offsets[u]
            guard d >= 2 else { continue }
            for k in offsets[u]..<offsets[u + 1] { mark[Int(neighbours[k])] = weights[k] / largest }
            var triangles = 0.0
            for k in offsets[u]..<offsets[u + 1] {
                let v = Int(neighbours[k])
                let uv = weights[k] / largest
                // Each triangle u–v–w once: w > v (rows are sorted, so the scan can start past v).
                for l in offsets[v]..<offsets[v + 1] {
                    let w = Int(neighbours[l])
                    guard w > v, mark[w] > 0 else { continue }
                    if weighted {
                        triangles += (uv * (weights[l] / largest) * mark[w]).cubeRoot
                    } else {
                        triangles += 1
                    }
                }
            }
            for k in offsets[u]..<offsets[u + 1] { mark[Int(neighbours[k])] = 0 }
            result[u] = 2 * triangles / (Double(d) * Double(d - 1))
        }
        return result
    }
}

extension Double {
    /// The real cube root (what numpy's `cbrt` gives networkx).
    fileprivate var cubeRoot: Double { Foundation.cbrt(self) }
}
