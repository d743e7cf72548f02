/// An undirected weighted graph held in memory for the network measures: the people of a co-appearance network
/// and the photos they share.
///
/// Node ids (person ids) are mapped to dense indices `0..<nodeCount` in the order of `nodes`; every measure returns
/// one value per node in that order. Adjacency is compressed sparse rows (CSR): the neighbours of node `i` are
/// `neighbours[offsets[i]..<offsets[i + 1]]`, sorted by index, each edge stored once from each end, so the graph
/// takes 2·|E| entries and a full scan is O(|V| + |E|).
///
/// Construction (O(|V| + |E| log Δ)):
/// - an edge whose end is not in `nodes` adds that node after the listed ones, in order of first appearance
///   (as networkx's `add_edge` does);
/// - a pair given more than once is one edge whose weight is the sum of the weights given (co-appearance counts
///   add up);
/// - self-loops are dropped (a person is never linked to themself; networkx's `core_number` refuses them);
/// - weights must be finite and positive: they are photo counts, and the weighted measures read them as strengths
///   or, inverted, as lengths (see `Distance`).
public struct SocialGraph: Sendable {
    /// The node ids, indexed by dense node index.
    public let nodes: [Int64]
    /// Dense index of each node id.
    public let index: [Int64: Int]
    /// CSR row starts: `nodeCount + 1` entries.
    public let offsets: [Int]
    /// CSR column indices (neighbour node indices), `2 * edgeCount` entries.
    public let neighbours: [Int32]
    /// The weight of each CSR entry, parallel to `neighbours`.
    public let weights: [Double]

    public var nodeCount: Int { nodes.count }
    /// Number of undirected edges.
    public var edgeCount: Int { neighbours.count / 2 }
    /// Sum of the weights of all edges (each edge once).
    public let totalWeight: Double

    /// Builds the graph from node ids (isolated people included) and an undirected edge list.
    /// - Precondition: every weight is finite and > 0.
    public init(nodes: [Int64], edges: [(a: Int64, b: Int64, weight: Double)]) {
        var ids: [Int64] = []
        var index: [Int64: Int] = [:]
        ids.reserveCapacity(nodes.count)
        index.reserveCapacity(nodes.count)
        func add(_ id: Int64) -> Int {
            if let i = index[id] { return i }
            index[id] = ids.count
            ids.append(id)
            return ids.count - 1
        }
        for id in nodes { _ = add(id) }
        var pairs: [(Int32, Int32, Double)] = []
        pairs.reserveCapacity(edges.count)
        for edge in edges {
            precondition(edge.weight.isFinite && edge.weight > 0,
                         "edge \(edge.a)–\(edge.b): weight \(edge.weight) is not a finite positive number")
            let (a, b) = (add(edge.a), add(edge.b))
            if a == b { continue }
            pairs.append((Int32(min(a, b)), Int32(max(a, b)), edge.weight))
        }
        // Merge repeated pairs: sort by (low, high) and sum.
        pairs.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var merged: [(Int32, Int32, Double)] = []
        merged.reserveCapacity(pairs.count)
        for pair in pairs {
            if let last = merged.last, last.0 == pair.0, last.1 == pair.1 {
                merged[merged.count - 1].2 += pair.2
            } else {
                merged.append(pair)
            }
        }
        let n = ids.count
        var degree = [Int](repeating: 0, count: n + 1)
        for (a, b, _) in merged {
            degree[Int(a)] += 1
            degree[Int(b)] += 1
        }
        var offsets = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { offsets[i + 1] = offsets[i] + degree[i] }
        var next = Array(offsets.prefix(n))
        var neighbours = [Int32](repeating: 0, count: 2 * merged.count)
        var weights = [Double](repeating: 0, count: 2 * merged.count)
        var total = 0.0
        // Pairs are sorted by (low, high), so filling both ends' rows in that order leaves every row sorted: row i
        // first receives its lower neighbours a (pairs (a, i), which sort before every pair starting with i), in
        // increasing a, then its higher neighbours b (pairs (i, b)), in increasing b.
        for (a, b, w) in merged {
            neighbours[next[Int(a)]] = b
            weights[next[Int(a)]] = w
            next[Int(a)] += 1
            neighbours[next[Int(b)]] = a
            weights[next[Int(b)]] = w
            next[Int(b)] += 1
            total += w
        }
        self.nodes = ids
        self.index = index
        self.offsets = offsets
        self.neighbours = neighbours
        self.weights = weights
        self.totalWeight = total
    }

    /// Number of neighbours of node index `i`.
    @inlinable public func degree(of i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// The neighbour indices and weights of node index `i`.
    public func adjacency(of i: Int) -> Zip2Sequence<ArraySlice<Int32>, ArraySlice<Double>> {
        let range = offsets[i]..<offsets[i + 1]
        return zip(neighbours[range], weights[range])
    }

    /// The weight of the edge between node indices `i` and `j`, or nil when they are not linked. O(log deg i).
    public func weight(between i: Int, and j: Int) -> Double? {
        var low = offsets[i], high = offsets[i + 1]
        let target = Int32(j)
        while low < high {
            let mid = (low + high) / 2
            if neighbours[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < offsets[i + 1] && neighbours[low] == target ? weights[low] : nil
    }

    /// Every edge once, as node indices with `a < b`, in increasing (a, b) order.
    public var edgeList: [(a: Int, b: Int, weight: Double)] {
        var out: [(a: Int, b: Int, weight: Double)] = []
        out.reserveCapacity(edgeCount)
        for i in 0..<nodeCount {
            for k in offsets[i]..<offsets[i + 1] where Int(neighbours[k]) > i {
                out.append((i, Int(neighbours[k]), weights[k]))
            }
        }
        return out
    }
}
