/// What the length of an edge is when a measure needs shortest paths.
///
/// networkx reads the edge attribute it is given (`weight=`/`distance=`) as a length. A co-appearance weight is a
/// strength (more shared photos, a closer tie), so for the network of people the natural length is its inverse:
/// two people seen together in 4 photos are 1/4 apart, and a chain through strong ties is shorter than one
/// direct weak tie. `.weight` is there to reproduce networkx on graphs whose weights already are lengths.
public enum Distance: String, Sendable, CaseIterable {
    /// Every edge has length 1 (networkx `weight=None`): shortest paths count hops.
    case hops
    /// Length = 1 / weight (networkx with an edge attribute `distance = 1 / weight`).
    case inverseWeight
    /// Length = weight (networkx `weight="weight"`).
    case weight

    /// The length of each CSR entry of `graph`.
    func lengths(_ graph: SocialGraph) -> [Double] {
        switch self {
        case .hops: return [Double](repeating: 1, count: graph.weights.count)
        case .inverseWeight: return graph.weights.map { 1 / $0 }
        case .weight: return graph.weights
        }
    }
}

/// One single-source shortest-path search with reusable buffers (one per worker thread): breadth-first for
/// `.hops`, Dijkstra with a binary heap otherwise. After `run(from:)`:
/// - `order` holds the reached nodes in non-decreasing distance (the source first; Brandes' stack S);
/// - `distance[v]` is the length of a shortest path (`.infinity` when unreached);
/// - `paths[v]` (σ) is the number of shortest paths from the source to v, when `countPaths` is set.
///
/// Two paths tie when their lengths, summed edge by edge along the path in floating point, are equal: the same
/// test networkx makes (`vw_dist == seen[w]`), so weighted results agree with it even where rounding splits
/// mathematically equal lengths. O(|V| + |E|) for BFS, O((|V| + |E|) log |V|) for Dijkstra.
struct ShortestPathSearch {
    let graph: SocialGraph
    let lengths: [Double]
    let unweighted: Bool
    let countPaths: Bool
    var distance: [Double]
    var paths: [Double]
    var order: [Int32]
    private var heap = MinHeap()
    private var done: [Bool]

    init(graph: SocialGraph, distance: Distance, lengths: [Double], countPaths: Bool) {
        self.graph = graph
        self.lengths = lengths
        self.unweighted = distance == .hops
        self.countPaths = countPaths
        self.distance = [Double](repeating: .infinity, count: graph.nodeCount)
        self.paths = countPaths ? [Double](repeating: 0, count: graph.nodeCount) : []
        self.order = []
        self.order.reserveCapacity(graph.nodeCount)
        self.done = unweighted ? [] : [Bool](repeating: false, count: graph.nodeCount)
    }

    mutating func run(from source: Int) {
        // Work on local arrays (moved out of self, not copied) so the loops below touch no property of self.
        var distance: [Double] = [], paths: [Double] = [], order: [Int32] = [], done: [Bool] = []
        swap(&distance, &self.distance)
        swap(&paths, &self.paths)
        swap(&order, &self.order)
        swap(&done, &self.done)
        // Reset only what the previous search touched: O(reached), not O(|V|).
        for v in order {
            distance[Int(v)] = .infinity
            if countPaths { paths[Int(v)] = 0 }
            if !unweighted { done[Int(v)] = false }
        }
        order.removeAll(keepingCapacity: true)
        distance[source] = 0
        if countPaths { paths[source] = 1 }
        if unweighted {
            Self.breadthFirst(graph, source, countPaths, &distance, &paths, &order)
        } else {
            Self.dijkstra(graph, lengths, source, countPaths, &distance, &paths, &order, &done, &heap)
        }
        swap(&distance, &self.distance)
        swap(&paths, &self.paths)
        swap(&order, &self.order)
        swap(&done, &self.done)
    }

    private static func breadthFirst(_ graph: SocialGraph, _ source: Int, _ countPaths: Bool,
                                     _ distance: inout [Double], _ paths: inout [Double], _ order: inout [Int32]) {
        order.append(Int32(source))
        var head = 0
        let offsets = graph.offsets, neighbours = graph.neighbours
        while head < order.count {
            let v = Int(order[head])
            head += 1
            let next = distance[v] + 1
            for k in offsets[v]..<offsets[v + 1] {
                let w = Int(neighbours[k])
                if distance[w] == .infinity {
                    distance[w] = next
                    order.append(Int32(w))
                }
                if countPaths && distance[w] == next { paths[w] += paths[v] }
            }
        }
    }

    /// `distance` holds the best length seen so far (networkx's `seen`), final once the node is `done`.
    private static func dijkstra(_ graph: SocialGraph, _ lengths: [Double], _ source: Int, _ countPaths: Bool,
                                 _ distance: inout [Double], _ paths: inout [Double], _ order: inout [Int32],
                                 _ done: inout [Bool], _ heap: inout MinHeap) {
        let offsets = graph.offsets, neighbours = graph.neighbours
        heap.removeAll()
        heap.push(0, Int32(source))
        while let (d, v32) = heap.pop() {
            let v = Int(v32)
            if done[v] || d > distance[v] { continue }   // a stale entry
            done[v] = true
            order.append(v32)
            for k in offsets[v]..<offsets[v + 1] {
                let w = Int(neighbours[k])
                if done[w] { continue }
                let candidate = d + lengths[k]
                if candidate < distance[w] {
                    distance[w] = candidate
                    if countPaths { paths[w] = paths[v] }
                    heap.push(candidate, Int32(w))
                } else if countPaths && candidate == distance[w] {
                    paths[w] += paths[v]
                }
            }
        }
    }
}

/// A binary min-heap of (key, node) pairs for Dijkstra (lazy deletion: a node may be pushed more than once).
struct MinHeap {
    private var keys: [Double] = []
    private var values: [Int32] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Double, _ value: Int32) {
        keys.append(key)
        values.append(value)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if keys[parent] <= key { break }
            keys[i] = keys[parent]
            values[i] = values[parent]
            i = parent
        }
        keys[i] = key
        values[i] = value
    }

    mutating func pop() -> (Double, Int32)? {
        guard let top = keys.first else { return nil }
        let topValue = values[0]
        let lastKey = keys.removeLast(), lastValue = values.removeLast()
        if !keys.isEmpty {
            var i = 0
            let n = keys.count
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && keys[child + 1] < keys[child] { child += 1 }
                if keys[child] >= lastKey { break }
                keys[i] = keys[child]
                values[i] = values[child]
                i = child
            }
            keys[i] = lastKey
            values[i] = lastValue
        }
        return (top, topValue)
    }
}
