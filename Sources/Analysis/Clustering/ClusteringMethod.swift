/// A clustering algorithm with its parameters: what `face-network cluster` runs, callable on descriptors alone
/// (a store, or a descriptor file such as `../shared/data/lfw-descriptors`).
public enum ClusteringMethod: Sendable {
    case dbscan(IterativeDBSCAN)
    case chineseWhispers(ChineseWhispers)
    case agglomerative(Agglomerative)
    case optics(OPTICS)

    /// Clusters of row indexes into `descriptors` (each sorted, ordered by their smallest row); rows in no cluster
    /// are unassigned. `photos` (the photo of each row) turns on cannot-link: two faces of one photo are never
    /// one person.
    public func clusters(_ descriptors: Descriptors, photos: [Int64]?) -> [[Int]] {
        clustersAndMerges(descriptors, photos: photos).clusters
    }

    /// The clusters and, for agglomerative clustering, its merges (for a dendrogram) and, when its pairs came from
    /// the inverted-file index, how (`ApproximateSearch`); nil merges and search otherwise.
    public func clustersAndMerges(_ descriptors: Descriptors, photos: [Int64]?)
        -> (clusters: [[Int]], merges: [Agglomerative.Merge]?, search: ApproximateSearch?) {
        switch self {
        case .dbscan(let m): return (m.clusters(descriptors, photos: photos), nil, nil)
        case .chineseWhispers(let m): return (m.clusters(descriptors, photos: photos), nil, nil)
        case .agglomerative(let m):
            let result = m.run(descriptors, photos: photos)
            return (result.clusters, result.merges, result.search)
        case .optics(let m): return (m.clusters(descriptors, photos: photos), nil, nil)
        }
    }
}
