import Analysis
import Store

/// One clustering of every stored face into people, with the hand edits applied on top (`EditOverrides`): what
/// `face-network cluster` does, callable without the command line (tests, the query shell).
public enum Reclustering {
    public struct Outcome: Sendable, Equatable {
        public var faces: Int
        public var people: Int
        public var unassigned: Int
        public var pinnedFaces: Int
        public var rejectedFaces: Int
        /// Agglomerative clustering's merges over `faceIDs` rows (nil for the other algorithms).
        public var merges: [Agglomerative.Merge]?
        /// The face id of each row the algorithm saw.
        public var faceIDs: [Int64]
        /// How the face pairs were found when through the inverted-file index (nil: every pair compared).
        public var search: ApproximateSearch?
    }

    /// Clusters the store's descriptors with `method` (two faces of one photo never one person unless
    /// `allowSamePhoto`), applies the edits' pins and replaces the people (ids kept where most faces stay; edges
    /// rebuilt). O(the method's cost + faces).
    @discardableResult
    public static func run(store: any FaceStoring, method: ClusteringMethod, allowSamePhoto: Bool = false,
                           minClusterSize: Int, runID: Int64?) throws -> Outcome {
        let stored = try store.descriptors()
        let descriptors = Descriptors(stored.map(\.descriptor))
        let (clusters, merges, search) = method.clustersAndMerges(descriptors, photos: allowSamePhoto ? nil : stored.map(\.photoID))
        let pins = try store.pins()
        let final = EditOverrides.apply(
            clusters.map { $0.map { stored[$0].faceID } }, pinned: pins.pinned, rejected: pins.rejected,
            photoOf: Dictionary(uniqueKeysWithValues: stored.map { ($0.faceID, $0.photoID) }),
            minClusterSize: minClusterSize)
        try store.replaceClustering(final.clusters, runID: runID, fixedIDs: final.ids, minClusterSize: minClusterSize)
        let assigned = final.clusters.reduce(0) { $0 + $1.count }
        return Outcome(faces: stored.count, people: final.clusters.count, unassigned: stored.count - assigned,
                       pinnedFaces: pins.pinned.count, rejectedFaces: pins.rejected.count, merges: merges,
                       faceIDs: stored.map(\.faceID), search: search)
    }
}
