/// Chinese whispers (Biemann, "Chinese Whispers – an Efficient Graph Clustering Algorithm", TextGraphs 2006), the
/// graph clustering dlib uses for faces (dlib::chinese_whispers, dnn_face_recognition_ex.cpp).
///
/// Faces are nodes; an edge joins two faces closer than `threshold` (descriptor distance). Every node starts in
/// its own cluster; in each iteration the nodes, in a shuffled order, take the label that carries the largest
/// total edge weight among their neighbours (dlib weighs every edge 1). Deterministic for a given seed.
/// O(n²·d) to build the graph (blocked BLAS, `neighbourGraph`), O(iterations · edges) to cluster.
public struct ChineseWhispers: Sendable {
    /// Edge threshold in descriptor distance; dlib's example uses 0.6, which merges people at scale
    /// (../shared/docs: 81 other people within 0.6 of an LFW face on average).
    public var threshold: Float = 0.5
    public var iterations: Int = 100
    /// Smallest cluster reported as a person; smaller ones are left unassigned.
    public var minClusterSize: Int = 2
    public var seed: UInt64 = 0x5EED

    public init(threshold: Float = 0.5, iterations: Int = 100, minClusterSize: Int = 2, seed: UInt64 = 0x5EED) {
        self.threshold = threshold
        self.iterations = iterations
        self.minClusterSize = minClusterSize
        self.seed = seed
    }

    /// Clusters of row indexes into `descriptors` with at least `minClusterSize` members, each sorted, ordered by
    /// their smallest row.
    /// - Parameter photos: when given (the photo of each row), two faces of one photo are never one person
    ///   (cannot-link): a node never takes a label that already holds another face of its photo.
    public func clusters(_ descriptors: Descriptors, photos: [Int64]? = nil) -> [[Int]] {
        let n = descriptors.count
        guard n > 0 else { return [] }
        let rows = Array(0..<n)
        let graph = descriptors.neighbourGraph(radius: threshold)
        let neighbours = rows.map { graph.neighbours(of: $0).map(Int.init) }
        var labels = rows
        var order = rows
        // label -> photo -> faces of that photo holding the label (kept only under cannot-link)
        var photosInLabel: [Int: [Int64: Int]] = [:]
        if let photos { for i in rows { photosInLabel[i] = [photos[i]: 1] } }
        var random = SplitMix64(seed: seed)
        for _ in 0..<max(1, iterations) {
            // Fisher–Yates with our own generator, so the result is the same on every platform.
            for i in stride(from: n - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            var changed = false
            for node in order where !neighbours[node].isEmpty {
                var weight: [Int: Int] = [:]
                for other in neighbours[node] { weight[labels[other], default: 0] += 1 }
                if let photos {
                    let photo = photos[node]
                    weight = weight.filter { label, _ in
                        label == labels[node] || photosInLabel[label]?[photo, default: 0] ?? 0 == 0
                    }
                }
                // Highest total weight; ties go to the smaller label, so results never depend on hashing order.
                guard let best = weight.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key,
                      best != labels[node] else { continue }
                if let photos {
                    photosInLabel[labels[node]]![photos[node]]! -= 1
                    photosInLabel[best, default: [:]][photos[node], default: 0] += 1
                }
                labels[node] = best
                changed = true
            }
            if !changed { break }
        }
        let groups = Dictionary(grouping: rows, by: { labels[$0] }).values
        return groups.filter { $0.count >= minClusterSize }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator with a fixed sequence per seed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `k` distinct numbers of `0..<n` in the order a partial Fisher–Yates shuffle draws them (all of them, shuffled,
    /// when `k ≥ n`): the seeded samples of k-means, the index's probe measurement and the sampled path measures.
    mutating func sample(_ k: Int, of n: Int) -> [Int] {
        var order = Array(0..<n)
        for i in 0..<min(k, n) { order.swapAt(i, i + Int(next() % UInt64(n - i))) }
        return Array(order.prefix(k))
    }
}
