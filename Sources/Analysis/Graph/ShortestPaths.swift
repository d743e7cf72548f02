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
///
/// The buffers are raw memory owned by this object: the searches are the inner loop of betweenness and closeness
/// (|V| searches of |E| steps each), where array bounds checks and copy-on-write checks cost about half the time.
final class ShortestPathSearch {
    let graph: SocialGraph
    let lengths: [Double]
    let unweighted: Bool
    let countPaths: Bool
    let distance: UnsafeMutableBufferPointer<Double>
    /// Breadth-first searches only: the hop count of each reached node, -1 elsewhere. Integer compares keep the
    /// hot loops of unweighted betweenness about a third faster than compares of `distance`.
    let level: UnsafeMutableBufferPointer<Int32>
    let paths: UnsafeMutableBufferPointer<Double>
    private let orderBuffer: UnsafeMutableBufferPointer<Int32>
    private let done: UnsafeMutableBufferPointer<Bool>
    private(set) var reached = 0
    private var heap = MinHeap()

    /// The nodes reached by the last search, in non-decreasing distance.
    var order: UnsafeMutableBufferPointer<Int32> { UnsafeMutableBufferPointer(rebasing: orderBuffer[0..<reached]) }

    init(graph: SocialGraph, distance: Distance, lengths: [Double], countPaths: Bool) {
        let n = graph.nodeCount
        self.graph = graph
        self.lengths = lengths
        self.unweighted = distance == .hops
        self.countPaths = countPaths
        self.distance = .allocate(capacity: n)
        self.distance.initialize(repeating: .infinity)
        self.level = .allocate(capacity: unweighted ? n : 0)
        self.level.initialize(repeating: -1)
        self.paths = .allocate(capacity: n)
        self.paths.initialize(repeating: 0)
        self.orderBuffer = .allocate(capacity: n)
        self.orderBuffer.initialize(repeating: 0)
        self.done = .allocate(capacity: n)
        self.done.initialize(repeating: false)
    }

    deinit {
        distance.deallocate()
        level.deallocate()
        paths.deallocate()
        orderBuffer.deallocate()
        done.deallocate()
    }

    func run(from source: Int) {
        // Reset only what the previous search touched: O(reached), not O(|V|).
        for v in order {
            distance[Int(v)] = .infinity
            paths[Int(v)] = 0
            if unweighted { level[Int(v)] = -1 } else { done[Int(v)] = false }
        }
        reached = 0
        distance[source] = 0
        paths[source] = 1
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.neighbours.withUnsafeBufferPointer { neighbours in
                if unweighted {
                    breadthFirst(source, offsets, neighbours)
                } else {
                    lengths.withUnsafeBufferPointer { dijkstra(source, offsets, neighbours, $0) }
                }
            }
        }
    }

    private func breadthFirst(_ source: Int, _ offsets: UnsafeBufferPointer<Int>,
                              _ neighbours: UnsafeBufferPointer<Int32>) {
        let order = orderBuffer, distance = distance, level = level, paths = paths
        order[0] = Int32(source)
        level[source] = 0
        var head = 0, tail = 1
        while head < tail {
            let v = Int(order[head])
            head += 1
            let next = level[v] + 1
            let sigma = paths[v]
            for k in offsets[v]..<offsets[v + 1] {
                let w = Int(neighbours[k])
                let lw = level[w]
                if lw < 0 {
                    level[w] = next
                    distance[w] = Double(next)
                    paths[w] = sigma
                    order[tail] = Int32(w)
                    tail += 1
                } else if lw == next {
                    paths[w] += sigma
                }
            }
        }
        reached = tail
    }

    /// `distance` holds the best length seen so far (networkx's `seen`), final once the node is `done`.
    private func dijkstra(_ source: Int, _ offsets: UnsafeBufferPointer<Int>, _ neighbours: UnsafeBufferPointer<Int32>,
                          _ lengths: UnsafeBufferPointer<Double>) {
        let distance = distance, paths = paths, done = done, order = orderBuffer
        var tail = 0
        heap.removeAll()
        heap.push(0, Int32(source))
        while let (d, v32) = heap.pop() {
            let v = Int(v32)
            if done[v] || d > distance[v] { continue }   // a stale entry
            done[v] = true
            order[tail] = v32
            tail += 1
            for k in offsets[v]..<offsets[v + 1] {
                let w = Int(neighbours[k])
                if done[w] { continue }
                let candidate = d + lengths[k]
                if candidate < distance[w] {
                    distance[w] = candidate
                    paths[w] = paths[v]
                    heap.push(candidate, Int32(w))
                } else if countPaths && candidate == distance[w] {
                    paths[w] += paths[v]
                }
            }
        }
        reached = tail
        // Nodes pushed but never settled cannot exist (every pushed node is settled), so `order` covers every
        // node whose distance or paths were written: the reset in `run` clears them all.
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
