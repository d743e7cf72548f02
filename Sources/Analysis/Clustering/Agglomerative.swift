import Foundation

/// Agglomerative hierarchical clustering (AHC) with a distance threshold: single, complete or average linkage
/// (Sokal & Michener 1958 for average linkage, "UPGMA"; definitions as scikit-learn's AgglomerativeClustering with
/// `distance_threshold`: two clusters merge while their linkage distance is below the threshold, closest pair first).
///
/// Exact and memory-bounded through one sparse graph of the pairs within the threshold (`neighbourGraph`, blocked
/// BLAS) instead of an n × n matrix: every pair of clusters that could merge has at least one such pair of faces,
/// since a cluster pair whose faces are all farther apart than the threshold has single, complete and average
/// linkage at least the threshold. For each adjacent cluster pair the graph gives the count, sum, minimum and
/// maximum of the known face distances; the rest are known to exceed the threshold. So single linkage is the
/// minimum; complete linkage merges only when every face pair is known (then the maximum); average linkage uses the
/// lower bound (sum + missing × threshold) / (|A|·|B|) in the queue and, when that bound comes first, the exact mean
/// over all |A|·|B| face pairs computed directly. Merges follow a binary heap with lazy deletion: O(E log E) for
/// E pairs within the threshold, plus the exact means (O(|A|·|B|·d) each, only for pairs whose bound is below
/// the threshold). Memory O(n + E).
///
/// Cannot-link (`photos`): two clusters holding faces of the same photo never merge, as in COP-style constrained
/// clustering (Wagstaff et al., ICML 2001); the pair is dropped and stays dropped, since photo sets only grow.
///
/// Two rules beyond the textbook, both off in `Agglomerative.textbook` (scikit-learn's behaviour), both on by
/// default because one fixed threshold cannot hold at every scale (LFW: at 0.5 two single faces of different
/// people still pair up, while large clusters of one person stay split):
/// - a size-dependent limit: two single faces must be closer than `faceThreshold`; clusters of x and y faces merge
///   below faceThreshold + (threshold − faceThreshold)(1 − 1/√(xy)), since a mean over more pairs is steadier;
/// - separation: two clusters of 2+ faces merge only when their linkage distance is at most `separation` × the
///   mean of their internal spreads (floored at `spreadFloor`), so tight groups of look-alike people stay apart
///   (dlib's descriptors pack some populations closer together; faces-labeled's worst merge was two such groups);
/// - limits that follow the size of the collection (`Scale`): the more faces, the more faces of other people lie
///   within any distance of a face, so the same limit merges more strangers in a large collection than in a small one.
public struct Agglomerative: Sendable {
    public enum Linkage: String, Sendable, CaseIterable {
        case single, complete, average
    }

    public var linkage: Linkage
    /// Clusters merge while their linkage distance is below this (descriptor distance); with `faceThreshold`, the
    /// limit for large clusters.
    public var threshold: Float
    /// The limit for two single faces (nil: `threshold` for every pair, textbook AHC). Between clusters of x and y
    /// faces the limit is faceThreshold + (threshold − faceThreshold)(1 − 1/√(xy)).
    public var faceThreshold: Float?
    /// Two clusters of 2+ faces merge only when their linkage distance is at most `separation` × the mean of their
    /// internal spreads (mean distance between their own faces, at least `spreadFloor`): tight groups of similar
    /// people stay apart (0: off).
    public var separation: Float
    /// Clusters of at least this many faces are people; smaller ones are left unassigned.
    public var minClusterSize: Int
    /// How `threshold` and `faceThreshold` follow the number of faces clustered (nil: they are used as given).
    public var scale: Scale?
    /// Spreads below this count as this in the `separation` rule, so that two very tight clusters of one person
    /// (a photo and its thumbnail: 0.13–0.20 apart) may still merge at ordinary distances.
    public var spreadFloor: Float = 0.35
    /// Faces of different photos closer than this are copies of one picture (resized, re-compressed, cropped:
    /// 94 % of real copies lie within 0.15 of their original, 9 of 211,433 pairs of different photos of one person
    /// do) and are clustered as one item (0: off). Sizes, spreads and the number of faces the limits follow count
    /// items, so a picture saved five times is one face's worth of evidence, not five.
    public var copyRadius: Float = 0.15
    /// Limits tightened where many different people crowd together (nil: off). See `Density`.
    public var density: Density? = .measured
    /// How the graph of face pairs within the limits is found: exactly below `NeighbourSearch.automaticFrom` faces,
    /// through the inverted-file index from there (`.exact` forces every pair; the CLI's `--exact`).
    public var neighbourSearch: NeighbourSearch = .automatic

    /// Limits that follow the number of faces n: both shift by `shiftPerDecade` × log10(`referenceFaces` / n),
    /// looser for fewer faces (down to `smallestFaces`, below which they stay put), tighter for more.
    ///
    /// Why: the faces of other people within a distance r of a face grow in proportion to n (on all of LFW, 3.2
    /// within 0.5 and 81 within 0.6 per face: the count grows about 25× per 0.1), so a limit fixed for one size merges
    /// more strangers at a larger one. Measured on random subsets of whole identities of lfw-dev's descriptors
    /// (docs/clustering.md): at fixed limits BCubed precision falls from 0.992 at 540 faces to 0.961 at 8,040;
    /// with `measured` it stays at or above the full set's 0.961 at every size from 300 faces up (0.965 or more
    /// below 8,040), while recall rises where there is room.
    public struct Scale: Sendable, Equatable {
        /// The number of faces the limits were chosen for.
        public var referenceFaces: Int
        /// Distance added to both limits per tenfold fewer faces (subtracted per tenfold more).
        public var shiftPerDecade: Float
        /// Collections smaller than this take this size's limits, so they stay below dlib's 0.6.
        public var smallestFaces: Int
        /// Which limits move: a limit the user gave stays as given while the other follows the number of faces.
        public var movesFaceThreshold = true
        public var movesThreshold = true

        public init(referenceFaces: Int, shiftPerDecade: Float, smallestFaces: Int) {
            self.referenceFaces = referenceFaces
            self.shiftPerDecade = shiftPerDecade
            self.smallestFaces = smallestFaces
        }

        /// This rule moving only the limits not given (nil when both are given: nothing moves).
        public func keeping(faceThreshold keepFaceThreshold: Bool, threshold keepThreshold: Bool) -> Scale? {
            if keepFaceThreshold && keepThreshold { return nil }
            var scale = self
            scale.movesFaceThreshold = !keepFaceThreshold
            scale.movesThreshold = !keepThreshold
            return scale
        }

        /// The default: limits chosen on lfw-dev's 8,040 faces, 0.015 per decade, fixed below 500 faces.
        public static let measured = Scale(referenceFaces: 8000, shiftPerDecade: 0.015, smallestFaces: 500)

        /// The shift of both limits for `faces` faces, in descriptor distance.
        public func shift(forFaces faces: Int) -> Float {
            shiftPerDecade * Float(log10(Double(referenceFaces) / Double(max(faces, smallestFaces, 1))))
        }
    }

    /// Defaults: average linkage, threshold 0.59, 0.505 for single faces at 8,000 items (following their number,
    /// `Scale.measured`), separation 1.3 with spreads floored at 0.35, copies collapsed within 0.15, density-aware
    /// distances (`Density.measured`). Chosen by cross-validation on halves of `../shared/data/lfw-dev`'s
    /// identities and reported on the other halves (docs/clustering.md).
    public init(linkage: Linkage = .average, threshold: Float = 0.59, faceThreshold: Float? = 0.505,
                separation: Float = 1.3, minClusterSize: Int = 2, scale: Scale? = .measured) {
        self.linkage = linkage
        self.threshold = threshold
        self.faceThreshold = faceThreshold
        self.separation = separation
        self.minClusterSize = minClusterSize
        self.scale = scale
    }

    /// Textbook agglomerative clustering (scikit-learn's): one threshold for every pair, no separation rule.
    public static func textbook(linkage: Linkage, threshold: Float, minClusterSize: Int = 2) -> Agglomerative {
        var ahc = Agglomerative(linkage: linkage, threshold: threshold, faceThreshold: nil, separation: 0,
                                minClusterSize: minClusterSize, scale: nil)
        ahc.copyRadius = 0
        ahc.density = nil
        return ahc
    }

    /// The merge limit for clusters of `x` and `y` faces: `single` for two single faces, rising towards `large` as
    /// 1 − 1/√(x·y) (a mean over more face pairs varies less). The one formula the clustering, `find` and
    /// `people name-from` apply.
    public static func sizeLimit(single: Float, large: Float, _ x: Int, _ y: Int) -> Float {
        single + (large - single) * (1 - 1 / Float(x * y).squareRoot())
    }

    /// The limits used for `faces` faces, in descriptor distance: (two single faces, large clusters); the first is
    /// never above the second.
    public func limits(forFaces faces: Int) -> (faceThreshold: Float, threshold: Float) {
        let shift = scale?.shift(forFaces: faces) ?? 0
        let large = threshold + (scale?.movesThreshold ?? false ? shift : 0)
        let single = (faceThreshold ?? threshold) + (scale?.movesFaceThreshold ?? false ? shift : 0)
        return (min(single, large), large)
    }

    /// These settings with the limits for `faces` faces fixed (`scale` nil).
    public func fixed(forFaces faces: Int) -> Agglomerative {
        let limits = limits(forFaces: faces)
        var fixed = self
        (fixed.threshold, fixed.faceThreshold, fixed.scale) = (limits.threshold, limits.faceThreshold, nil)
        return fixed
    }

    /// One merge: clusters `a` and `b` (ids: rows 0..<n are single faces, merge k creates cluster n + k, as in
    /// scipy's linkage matrix) joined at `distance` into a cluster of `size` faces.
    public struct Merge: Sendable, Equatable {
        public var a: Int
        public var b: Int
        public var distance: Float
        public var size: Int
        /// A join of two faces that are copies of one picture (`copyRadius`), made before the agglomeration.
        public var isCopy: Bool = false
    }

    /// The number of items the limits followed: the faces less the copies joined to another face (`merges` of
    /// `run`).
    public static func items(faces: Int, merges: [Merge]) -> Int {
        faces - merges.lazy.filter(\.isCopy).count
    }

    /// Clusters of row indexes (each sorted, ordered by their smallest row) with at least `minClusterSize` rows.
    public func clusters(_ descriptors: Descriptors, photos: [Int64]? = nil, graph: NeighbourGraph? = nil) -> [[Int]] {
        run(descriptors, photos: photos, graph: graph).clusters
    }

    /// The clusters and the merges that built them, in merge order (for a dendrogram), and how the pairs were
    /// found when that was through the inverted-file index (nil: every pair compared).
    public func run(_ descriptors: Descriptors, photos: [Int64]? = nil, graph: NeighbourGraph? = nil)
        -> (clusters: [[Int]], merges: [Merge], search: ApproximateSearch?) {
        if copyRadius > 0 || density != nil { return runAdaptive(descriptors, photos: photos) }
        let n = descriptors.count
        if scale != nil { return fixed(forFaces: n).run(descriptors, photos: photos, graph: graph) }
        precondition(threshold > 0 && threshold.isFinite, "Agglomerative: the threshold must be a positive distance")
        guard n > 0 else { return ([], [], nil) }
        let (g, search) = graph.map { ($0.radius == threshold ? $0 : $0.within(threshold), nil) }
            ?? descriptors.neighbourGraph(radius: threshold, search: neighbourSearch)
        var state = AgglomerationState(self, descriptors: descriptors, graph: g,
                                       photoSets: photos.map { $0.map { [$0] } })
        state.agglomerate()
        let groups = state.clusterMembers().filter { $0.count >= minClusterSize }.map { $0.sorted() }
        return (groups.sorted { $0[0] < $1[0] }, state.merges, search)
    }
}
