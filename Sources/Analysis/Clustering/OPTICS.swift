/// OPTICS: ordering points to identify the clustering structure (Ankerst, Breunig, Kriegel & Sander, SIGMOD 1999),
/// with scikit-learn's semantics (`sklearn.cluster.OPTICS`, `cluster_method="dbscan"`):
/// - the core distance of a face is the distance to its `minSamples`-th nearest face, itself counted (infinite
///   when that is beyond `maxEps`);
/// - faces are visited in order of smallest reachability distance (ties: the lowest row; when nothing is reachable,
///   the lowest unvisited row), and a visited core face offers its unvisited neighbours within `maxEps` the
///   reachability max(its core distance, their distance);
/// - clusters are extracted DBSCAN-style at `eps` ≤ `maxEps` (`cluster_optics_dbscan`): along the ordering a face
///   whose reachability exceeds `eps` and which is a core face at `eps` starts a new cluster; one that is not a
///   core face is noise. This extraction is chosen over ξ because its one parameter is a distance, like every other
///   threshold of the tool; the result equals DBSCAN's at `eps` up to border faces.
///
/// Time O(n² · d) for the neighbour graph at `maxEps` (blocked BLAS) plus O(E log n) for the ordering; memory
/// O(n + E) for E pairs within `maxEps`.
public struct OPTICS: Sendable {
    public var minSamples: Int
    public var maxEps: Float
    public var eps: Float
    public var minClusterSize: Int

    public init(minSamples: Int = 2, maxEps: Float = 0.5, eps: Float = 0.45, minClusterSize: Int = 2) {
        self.minSamples = minSamples
        self.maxEps = maxEps
        self.eps = eps
        self.minClusterSize = minClusterSize
    }

    /// The OPTICS ordering with each face's reachability and core distance (infinity where undefined), indexed by
    /// row; as scikit-learn's `ordering_`, `reachability_` and `core_distances_`.
    public struct Ordering: Sendable, Equatable {
        public var order: [Int]
        public var reachability: [Float]
        public var coreDistance: [Float]
    }

    /// The OPTICS ordering of every row of `descriptors` (from `graph` when given: radius ≥ `maxEps`).
    /// O(n² · d) for the graph plus O(E log E) for the ordering.
    public func ordering(_ descriptors: Descriptors, graph: NeighbourGraph? = nil) -> Ordering {
        precondition(minSamples >= 1, "OPTICS: minSamples must be at least 1")
        precondition(maxEps > 0 && eps <= maxEps, "OPTICS: need 0 < eps ≤ maxEps")
        let n = descriptors.count
        let g = graph.map { $0.radius == maxEps ? $0 : $0.within(maxEps) } ?? descriptors.neighbourGraph(radius: maxEps)
        // The point itself is its first neighbour (distance 0), as in scikit-learn's kneighbors.
        let core: [Float] = (0..<n).map { row in
            if minSamples == 1 { return 0 }
            let d = g.distances(of: row)
            guard d.count >= minSamples - 1 else { return .infinity }
            return d.sorted()[minSamples - 2]
        }
        var reach = [Float](repeating: .infinity, count: n)
        var done = [Bool](repeating: false, count: n)
        var order: [Int] = []
        order.reserveCapacity(n)
        var heap = MinHeap<Seed>()
        var nextUnreached = 0
        while order.count < n {
            var point = -1
            while let top = heap.pop() {
                if !done[top.row] && top.reach == reach[top.row] { point = top.row; break }
            }
            if point < 0 {
                while done[nextUnreached] { nextUnreached += 1 }
                point = nextUnreached
            }
            done[point] = true
            order.append(point)
            guard core[point].isFinite else { continue }
            for (other, d) in zip(g.neighbours(of: point), g.distances(of: point)) where !done[Int(other)] {
                let r = max(d, core[point])
                if r < reach[Int(other)] {
                    reach[Int(other)] = r
                    heap.push(Seed(reach: r, row: Int(other)))
                }
            }
        }
        return Ordering(order: order, reachability: reach, coreDistance: core)
    }

    /// Cluster label of each row (0, 1, … along the ordering) or nil for noise: scikit-learn's
    /// `cluster_optics_dbscan(reachability, core_distances, ordering, eps)`.
    public static func dbscanLabels(_ o: Ordering, eps: Float) -> [Int?] {
        var labels = [Int?](repeating: nil, count: o.order.count)
        var current = -1
        for row in o.order {
            let far = o.reachability[row] > eps, nearCore = o.coreDistance[row] <= eps
            if far && nearCore { current += 1 }
            labels[row] = far && !nearCore ? nil : (current >= 0 ? current : nil)
        }
        return labels
    }

    /// Clusters of rows with at least `minClusterSize` faces; under cannot-link (`photos`) a cluster keeps, of each
    /// photo, the face nearest its medoid.
    public func clusters(_ descriptors: Descriptors, photos: [Int64]? = nil) -> [[Int]] {
        guard descriptors.count > 0 else { return [] }
        let labels = Self.dbscanLabels(ordering(descriptors), eps: eps)
        var groups: [Int: [Int]] = [:]
        for (row, label) in labels.enumerated() { if let label { groups[label, default: []].append(row) } }
        return groups.values
            .map { rows in photos.map { descriptors.oneFacePerPhoto(rows, photos: $0) } ?? rows }
            .filter { $0.count >= minClusterSize }
            .map { $0.sorted() }
            .sorted { $0[0] < $1[0] }
    }
}

/// A face waiting in OPTICS's seed list: lowest reachability first, then the lowest row, as scikit-learn's argmin.
struct Seed: HeapOrdered {
    var reach: Float
    var row: Int
    static func precedes(_ x: Seed, _ y: Seed) -> Bool { x.reach != y.reach ? x.reach < y.reach : x.row < y.row }
}
