/// Whole-graph structure: connected components, k-cores and the summary measures of a network report. Results
/// per node are indexed like `graph.nodes`.
public enum GraphStructure {
    /// The connected component of each node, numbered 0, 1, … from the largest component down (ties: the
    /// component holding the smaller node index first). Breadth-first search, O(|V| + |E|).
    public static func components(_ graph: SocialGraph) -> [Int] {
        let n = graph.nodeCount
        var label = [Int](repeating: -1, count: n)
        var members: [[Int]] = []
        var queue: [Int] = []
        for start in 0..<n where label[start] < 0 {
            let id = members.count
            label[start] = id
            queue = [start]
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                for k in graph.offsets[v]..<graph.offsets[v + 1] where label[Int(graph.neighbours[k])] < 0 {
                    label[Int(graph.neighbours[k])] = id
                    queue.append(Int(graph.neighbours[k]))
                }
            }
            members.append(queue)
        }
        // Found in order of their smallest node; a stable sort by size keeps that order among equal sizes.
        let ranked = members.indices.sorted { (members[$0].count, -$0) > (members[$1].count, -$1) }
        var rank = [Int](repeating: 0, count: members.count)
        for (position, id) in ranked.enumerated() { rank[id] = position }
        return label.map { rank[$0] }
    }

    /// The node indices of the largest connected component (the first in `components`), increasing.
    public static func largestComponent(_ graph: SocialGraph) -> [Int] {
        components(graph).enumerated().filter { $0.element == 0 }.map(\.offset)
    }

    /// The core number of each node: the largest k such that the node belongs to a k-core, a maximal subgraph in
    /// which every node has degree ≥ k (networkx `core_number`). V. Batagelj and M. Zaveršnik, "An O(m) algorithm
    /// for cores decomposition of networks", 2003: nodes bucket-sorted by degree, peeled in order. O(|V| + |E|).
    public static func coreNumbers(_ graph: SocialGraph) -> [Int] {
        let n = graph.nodeCount
        guard n > 0 else { return [] }
        var degree = (0..<n).map { graph.degree(of: $0) }
        let maxDegree = degree.max() ?? 0
        // bin[d] = first position of degree d in `order`; position[v] = where v sits in `order`.
        var bin = [Int](repeating: 0, count: maxDegree + 1)
        for d in degree { bin[d] += 1 }
        var start = 0
        for d in 0...maxDegree {
            let count = bin[d]
            bin[d] = start
            start += count
        }
        var order = [Int](repeating: 0, count: n), position = [Int](repeating: 0, count: n)
        for v in 0..<n {
            position[v] = bin[degree[v]]
            order[position[v]] = v
            bin[degree[v]] += 1
        }
        for d in stride(from: maxDegree, to: 0, by: -1) { bin[d] = bin[d - 1] }
        bin[0] = 0
        for i in 0..<n {
            let v = order[i]
            for k in graph.offsets[v]..<graph.offsets[v + 1] {
                let u = Int(graph.neighbours[k])
                guard degree[u] > degree[v] else { continue }
                // Move u to the front of its degree's bucket, then shrink its degree by one.
                let du = degree[u], pu = position[u], pw = bin[du], w = order[pw]
                if u != w {
                    order[pu] = w; position[w] = pu
                    order[pw] = u; position[u] = pw
                }
                bin[du] += 1
                degree[u] -= 1
            }
        }
        return degree
    }

    /// Edges over possible edges, 2|E| / (n(n − 1)); 0 for fewer than two nodes (networkx `density`). O(1).
    public static func density(_ graph: SocialGraph) -> Double {
        let n = Double(graph.nodeCount)
        return n > 1 ? 2 * Double(graph.edgeCount) / (n * (n - 1)) : 0
    }

    /// Diameter and average shortest-path length of the largest connected component (networkx `diameter` and
    /// `average_shortest_path_length` of `G.subgraph(max(connected_components(G), key=len))`, with
    /// `weight=None` for `.hops`). One shortest-path search per node of the component over every core:
    /// O(c·|E|) for hops, c the component's size. Both are 0 for a component of one node and for an empty graph.
    ///
    /// `sources` (nil: every node of the component) estimates both from the searches out of that many of its nodes,
    /// drawn as `Centrality.sampleSources` draws: the average over their distances (Eppstein & Wang 2004), and the
    /// largest eccentricity among them and the node farthest from them (a double sweep, Magnien, Latapy & Habib,
    /// "Fast computation of empirically tight bounds for the diameter of massive graphs", J. Exp. Algorithmics
    /// 13, 2009): a lower bound on the diameter, in practice mostly equal to it.
    public static func largestComponentPaths(_ graph: SocialGraph, distance: Distance = .hops, sources: Int? = nil)
        -> (nodes: Int, diameter: Double, averagePathLength: Double) {
        let whole = largestComponent(graph)
        guard whole.count > 1 else { return (whole.count, 0, 0) }
        let sampled = sources.map { $0 < whole.count } ?? false
        let component = sampled ? Centrality.sampleSources(count: whole.count, k: sources!).map { whole[$0] } : whole
        let lengths = distance.lengths(graph)
        struct Block {
            var search: ShortestPathSearch
            var eccentricity = 0.0
            var farthest = 0
            var total = 0.0
        }
        var farthest = (distance: -1.0, node: 0)
        let blocks = ParallelSources.run(count: component.count, make: {
            Block(search: ShortestPathSearch(graph: graph, distance: distance, lengths: lengths, countPaths: false))
        }) { i, block in
            block.search.run(from: component[i])
            for v in block.search.order {
                let d = block.search.distance[Int(v)]
                block.total += d
                if d > block.eccentricity { (block.eccentricity, block.farthest) = (d, Int(v)) }
            }
        }
        let c = Double(whole.count)
        var diameter = blocks.map(\.eccentricity).max() ?? 0
        if sampled {
            // The second sweep: out of the node farthest from any sampled source.
            for block in blocks where block.eccentricity > farthest.distance { farthest = (block.eccentricity, block.farthest) }
            let search = ShortestPathSearch(graph: graph, distance: distance, lengths: lengths, countPaths: false)
            search.run(from: farthest.node)
            for v in search.order { diameter = max(diameter, search.distance[Int(v)]) }
        }
        let k = Double(sampled ? sources! : whole.count)
        return (whole.count, diameter, blocks.reduce(0) { $0 + $1.total } / (k * (c - 1)))
    }

    /// Degree assortativity: the Pearson correlation of the degrees at the two ends of an edge, each edge taken in
    /// both directions (M. E. J. Newman, "Assortative mixing in networks", Phys. Rev. Lett. 89, 2002; networkx
    /// `degree_assortativity_coefficient`). Positive when well-connected people appear with each other. NaN when
    /// it is undefined: no edges, or every edge end has the same degree (networkx then returns nan too). O(|E|).
    public static func degreeAssortativity(_ graph: SocialGraph) -> Double {
        var count = 0.0, sum = 0.0, sumSquares = 0.0, sumProducts = 0.0
        for u in 0..<graph.nodeCount {
            let du = Double(graph.degree(of: u))
            for k in graph.offsets[u]..<graph.offsets[u + 1] {
                let dv = Double(graph.degree(of: Int(graph.neighbours[k])))
                count += 1
                sum += du
                sumSquares += du * du
                sumProducts += du * dv
            }
        }
        guard count > 0 else { return .nan }
        let mean = sum / count
        let variance = sumSquares / count - mean * mean
        guard variance > 0 else { return .nan }
        // Both ends have the same distribution (each edge is taken both ways), so the covariance is over one variance.
        return (sumProducts / count - mean * mean) / variance
    }
}
