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
/// `.hops`, Dijkstra with an indexed 4-ary heap otherwise. After `run(from:)`:
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
    private let heap: IndexedHeap

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
        self.heap = IndexedHeap(capacity: unweighted ? 0 : n)
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
        let heap = heap
        var tail = 0
        heap.insertOrDecrease(Int32(source), key: 0)
        while let v32 = heap.popMinimum() {
            let v = Int(v32)
            let d = distance[v]
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
                    heap.insertOrDecrease(Int32(w), key: candidate)
                } else if countPaths && candidate == distance[w] {
                    paths[w] += paths[v]
                }
            }
        }
        reached = tail
        // Every node given a distance entered the heap and so was settled: `order` covers every node whose
        // distance or paths were written, and the reset in `run` clears them all.
    }
}

/// An indexed 4-ary min-heap of nodes keyed by their current distance, with decrease-key, for Dijkstra: each node
/// is in the heap at most once, so a search makes |V| pops instead of one per relaxation (a lazy binary heap spent
/// half of weighted betweenness in `pop`). Four children per node make the heap shallower; keys are stored beside
/// the nodes so that comparing siblings reads adjacent memory.
final class IndexedHeap {
    private let nodes: UnsafeMutableBufferPointer<Int32>
    private let keys: UnsafeMutableBufferPointer<Double>
    /// Where each node sits in `nodes`, -1 when it is not in the heap.
    private let position: UnsafeMutableBufferPointer<Int32>
    private var count = 0

    init(capacity: Int) {
        nodes = .allocate(capacity: capacity)
        nodes.initialize(repeating: 0)
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0)
        position = .allocate(capacity: capacity)
        position.initialize(repeating: -1)
    }

    deinit {
        nodes.deallocate()
        keys.deallocate()
        position.deallocate()
    }

    /// Adds `node` with `key`, or moves it up after its key decreased to `key`. O(log₄ n).
    func insertOrDecrease(_ node: Int32, key: Double) {
        var i = Int(position[Int(node)])
        if i < 0 {
            i = count
            count += 1
        }
        while i > 0 {
            let parent = (i - 1) >> 2
            if keys[parent] <= key { break }
            nodes[i] = nodes[parent]
            keys[i] = keys[parent]
            position[Int(nodes[i])] = Int32(i)
            i = parent
        }
        nodes[i] = node
        keys[i] = key
        position[Int(node)] = Int32(i)
    }

    /// Removes and returns the node of least key, nil when empty. O(4 log₄ n).
    func popMinimum() -> Int32? {
        guard count > 0 else { return nil }
        let top = nodes[0]
        position[Int(top)] = -1
        count -= 1
        guard count > 0 else { return top }
        let last = nodes[count], key = keys[count]
        var i = 0
        while true {
            let first = 4 * i + 1
            if first >= count { break }
            var best = first, bestKey = keys[first]
            for child in (first + 1)..<min(first + 4, count) where keys[child] < bestKey {
                best = child
                bestKey = keys[child]
            }
            if bestKey >= key { break }
            nodes[i] = nodes[best]
            keys[i] = bestKey
            position[Int(nodes[i])] = Int32(i)
            i = best
        }
        nodes[i] = last
        keys[i] = key
        position[Int(last)] = Int32(i)
        return top
    }
}
