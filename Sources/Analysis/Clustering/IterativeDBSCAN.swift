/// The original face-network tool's clustering schedule (PyPI face-network, `cluster(algorithm='DBSCAN')`),
/// with its parameters and their meaning:
///
/// Every iteration runs DBSCAN on the faces still in the pool with `eps = initialEps − 0.01 × iteration`. In each
/// cluster found, the face with the smallest total distance to the others (the medoid, the cluster's "core face")
/// is taken as reference; faces farther from it than `maxDistance` hundredths of descriptor distance go back into
/// the pool. A cluster that still has at least `minClusterSize` faces is kept as a person and leaves the pool;
/// smaller ones go back. The schedule stops after `iterations` passes, or earlier when a pass keeps no cluster.
/// Faces left in the pool are unassigned (noise): a person needs several faces that agree.
public struct IterativeDBSCAN: Sendable {
    public var iterations: Int = 1
    /// DBSCAN neighbourhood radius of the first pass, in descriptor distance (the original's default 0.45).
    public var initialEps: Float = 0.45
    /// DBSCAN core-point threshold, the point itself included. 2 lets a person seen in two photos become a node
    /// (the original tool used 3).
    public var minSamples: Int = 2
    /// Faces farther than this from their cluster's medoid, in hundredths of descriptor distance, are returned to
    /// the pool (the original's default 50, i.e. 0.50).
    public var maxDistance: Float = 50
    /// Smallest cluster kept as a person (the original tool used 5).
    public var minClusterSize: Int = 2

    public init(iterations: Int = 1, initialEps: Float = 0.45, minSamples: Int = 2, maxDistance: Float = 50,
                minClusterSize: Int = 2) {
        self.iterations = iterations
        self.initialEps = initialEps
        self.minSamples = minSamples
        self.maxDistance = maxDistance
        self.minClusterSize = minClusterSize
    }

    /// Clusters of row indexes into `descriptors`, each sorted, ordered by their smallest row. Rows in no cluster
    /// are unassigned.
    /// - Parameter photos: when given (the photo of each row), two faces of one photo are never one person
    ///   (cannot-link): a cluster keeps the face of each photo that is nearest its medoid and returns the others
    ///   to the pool.
    public func clusters(_ descriptors: Descriptors, photos: [Int64]? = nil) -> [[Int]] {
        var pool = Array(0..<descriptors.count)
        var kept: [[Int]] = []
        // Distances once, at the widest eps; each pass narrows the graph instead of recomputing.
        let graph = descriptors.neighbourGraph(radius: max(0, initialEps))
        for iteration in 0..<max(1, iterations) {
            let eps = initialEps - 0.01 * Float(iteration)
            guard eps > 0, !pool.isEmpty else { break }
            let labels = DBSCAN.labels(graph, rows: pool, eps: eps, minSamples: minSamples)
            var groups: [Int: [Int]] = [:]
            for (position, label) in labels.enumerated() {
                if let label { groups[label, default: []].append(pool[position]) }
            }
            var leaving = Set<Int>()
            for label in groups.keys.sorted() {
                let members = groups[label]!
                let core = descriptors.medoid(of: members)
                var close = members.filter { descriptors.distance($0, core) * 100 <= maxDistance }
                if let photos { close = descriptors.oneFacePerPhoto(close, photos: photos, medoid: core) }
                if close.count >= minClusterSize {
                    kept.append(close)
                    leaving.formUnion(close)
                }
            }
            if leaving.isEmpty { break }
            pool.removeAll { leaving.contains($0) }
        }
        return kept.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
