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

    /// The clusters and the merges that built them, in merge order (for a dendrogram).
    public func run(_ descriptors: Descriptors, photos: [Int64]? = nil, graph: NeighbourGraph? = nil)
        -> (clusters: [[Int]], merges: [Merge]) {
        if copyRadius > 0 || density != nil { return runAdaptive(descriptors, photos: photos) }
        let n = descriptors.count
        if scale != nil { return fixed(forFaces: n).run(descriptors, photos: photos, graph: graph) }
        precondition(threshold > 0 && threshold.isFinite, "Agglomerative: the threshold must be a positive distance")
        guard n > 0 else { return ([], []) }
        let g = graph.map { $0.radius == threshold ? $0 : $0.within(threshold) }
            ?? descriptors.neighbourGraph(radius: threshold)
        var state = AgglomerationState(self, descriptors: descriptors, graph: g,
                                       photoSets: photos.map { $0.map { [$0] } })
        state.agglomerate()
        let groups = state.clusterMembers().filter { $0.count >= minClusterSize }.map { $0.sorted() }
        return (groups.sorted { $0[0] < $1[0] }, state.merges)
    }
}

/// What is known of the face distances between two clusters from the sparse graph.
struct PairStats {
    var count: Int
    var sum: Double
    var minimum: Float
    var maximum: Float

    mutating func absorb(_ other: PairStats) {
        count += other.count
        sum += other.sum
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }
}

/// The working state of one agglomeration: clusters, their adjacency and the merge queue.
struct AgglomerationState {
    let descriptors: Descriptors
    let linkage: Agglomerative.Linkage
    let threshold: Float
    let faceThreshold: Float
    let separation: Float
    let spreadFloor: Float
    /// Cannot-link is on: rows whose photo sets meet never join.
    let cannotLink: Bool
    /// Per-row distance factors (density-aware distances d'(i, j) = d(i, j) · f(i) · f(j)); nil: none. The graph
    /// handed in holds the scaled distances already.
    let rowScale: [Float]?

    /// Cluster slot of each live cluster; a merge keeps the slot of the larger side.
    var members: [[Int]]
    /// Sum of the distances between the faces of each cluster (exact: every merge is made at an exact mean).
    var internalSum: [Double]
    var photoSets: [Set<Int64>]
    var adjacency: [PairMap]
    var version: [Int]
    /// scipy-style id of the cluster in each slot (row for a single face, n + k after merge k).
    var clusterID: [Int]
    var alive: [Bool]
    var heap = MinHeap<MergeCandidate>()
    var merges: [Agglomerative.Merge] = []

    /// `photoSets`: the photos of each row (one for a face, several for an item of copies), nil for no cannot-link.
    init(_ settings: Agglomerative, descriptors: Descriptors, graph: NeighbourGraph, photoSets: [Set<Int64>]?,
         rowScale: [Float]? = nil) {
        self.descriptors = descriptors
        linkage = settings.linkage
        threshold = settings.threshold
        faceThreshold = min(settings.faceThreshold ?? settings.threshold, settings.threshold)
        separation = settings.separation
        spreadFloor = settings.spreadFloor
        cannotLink = photoSets != nil
        self.rowScale = rowScale
        let n = descriptors.count
        members = (0..<n).map { [$0] }
        internalSum = Array(repeating: 0, count: n)
        self.photoSets = photoSets ?? Array(repeating: [], count: n)
        adjacency = Array(repeating: PairMap(), count: n)
        version = Array(repeating: 0, count: n)
        clusterID = Array(0..<n)
        alive = Array(repeating: true, count: n)
        var queued: [MergeCandidate] = []
        for row in 0..<n {
            let neighbours = graph.neighbours(of: row)
            var pairs = PairMap(minimumCapacity: neighbours.count)
            for (other, d) in zip(neighbours, graph.distances(of: row)) {
                let o = Int(other)
                if cannotLink, !self.photoSets[o].isDisjoint(with: self.photoSets[row]) { continue }
                let stats = PairStats(count: 1, sum: Double(d), minimum: d, maximum: d)
                pairs[o] = stats
                if o > row, let candidate = candidate(row, o, stats) { queued.append(candidate) }
            }
            adjacency[row] = pairs
        }
        heap = MinHeap(queued)
    }

    /// Queue key of a cluster pair, or nil when it cannot merge below the threshold.
    func key(_ a: Int, _ b: Int, _ s: PairStats) -> (value: Float, exact: Bool)? {
        let full = members[a].count * members[b].count
        let value: Float
        var exact = true
        switch linkage {
        case .single:
            value = s.minimum
        case .complete:
            guard s.count == full else { return nil }  // some face pair lies beyond the threshold
            value = s.maximum
        case .average:
            exact = s.count == full
            value = Float((s.sum + Double(full - s.count) * Double(threshold)) / Double(full))
        }
        return value < limit(members[a].count, members[b].count) ? (value, exact) : nil
    }

    /// The threshold for clusters of `x` and `y` faces: `faceThreshold` for two single faces, rising towards
    /// `threshold` as 1 − 1/√(x·y): a mean over more face pairs varies less, so it may be trusted closer to the
    /// threshold (the standard error of a mean of k independent distances falls as 1/√k).
    func limit(_ x: Int, _ y: Int) -> Float {
        faceThreshold + (threshold - faceThreshold) * (1 - 1 / Float(x * y).squareRoot())
    }

    /// The queue entry of a cluster pair, or nil when it cannot merge below the threshold.
    func candidate(_ a: Int, _ b: Int, _ s: PairStats) -> MergeCandidate? {
        guard let k = key(a, b, s) else { return nil }
        return MergeCandidate(value: k.value, a: min(a, b), b: max(a, b), versionA: version[min(a, b)],
                              versionB: version[max(a, b)], exact: k.exact)
    }

    mutating func push(_ a: Int, _ b: Int, _ s: PairStats) {
        if let c = candidate(a, b, s) { heap.push(c) }
    }

    mutating func agglomerate() {
        while let c = heap.pop() {
            guard alive[c.a], alive[c.b], version[c.a] == Int(c.versionA), version[c.b] == Int(c.versionB),
                  var stats = adjacency[c.a][c.b] else { continue }
            if !c.exact {
                // The bound came first: replace it with the exact mean over every face pair.
                stats = exactStats(members[c.a], members[c.b], stats)
                adjacency[c.a][c.b] = stats
                adjacency[c.b][c.a] = stats
                push(c.a, c.b, stats)
                continue
            }
            if cannotLink, !photoSets[c.a].isDisjoint(with: photoSets[c.b]) {
                adjacency[c.a][c.b] = nil
                adjacency[c.b][c.a] = nil
                continue
            }
            if separation > 0, members[c.a].count > 1, members[c.b].count > 1 {
                let spread = (spread(c.a) + spread(c.b)) / 2
                if c.value > separation * max(spread, spreadFloor) {
                    adjacency[c.a][c.b] = nil
                    adjacency[c.b][c.a] = nil
                    continue
                }
            }
            merge(c.a, c.b, distance: c.value, sum: Double(c.value) * Double(members[c.a].count * members[c.b].count))
        }
    }

    /// Stats made exact over every face pair of `a` × `b` (the minimum and maximum kept from what was known).
    func exactStats(_ a: [Int], _ b: [Int], _ known: PairStats) -> PairStats {
        PairStats(count: a.count * b.count, sum: exactSum(a, b), minimum: known.minimum,
                  maximum: max(known.maximum, threshold))
    }

    func exactSum(_ a: [Int], _ b: [Int]) -> Double {
        var sum = 0.0
        if let rowScale {
            for i in a { for j in b { sum += Double(descriptors.distance(i, j) * rowScale[i] * rowScale[j]) } }
        } else {
            for i in a { for j in b { sum += Double(descriptors.distance(i, j)) } }
        }
        return sum
    }

    /// Mean distance between the faces of the cluster in `slot` (0 for a single face).
    func spread(_ x: Int) -> Float {
        let m = members[x].count
        return m < 2 ? 0 : Float(internalSum[x] / Double(m * (m - 1) / 2))
    }

    mutating func merge(_ x: Int, _ y: Int, distance: Float, sum: Double) {
        // Keep the slot with more neighbours so the smaller adjacency is folded into the larger.
        let (keep, gone) = adjacency[x].count >= adjacency[y].count ? (x, y) : (y, x)
        merges.append(.init(a: min(clusterID[x], clusterID[y]), b: max(clusterID[x], clusterID[y]),
                            distance: distance, size: members[x].count + members[y].count))
        clusterID[keep] = descriptors.count + merges.count - 1
        adjacency[keep][gone] = nil
        adjacency[gone][keep] = nil
        let goneAdjacency = adjacency[gone]
        adjacency[gone] = PairMap()
        let none = PairStats(count: 0, sum: 0, minimum: .infinity, maximum: 0)
        // Neighbours of `gone`: their pairs with it fold into their pairs with `keep`.
        for (other, known) in goneAdjacency {
            var fromKeep = adjacency[keep][other] ?? none, fromGone = known
            completeAverage(keep: keep, gone: gone, other: other, fromKeep: &fromKeep, fromGone: &fromGone)
            fromKeep.absorb(fromGone)
            adjacency[other][gone] = nil
            adjacency[keep][other] = fromKeep
            adjacency[other][keep] = fromKeep
        }
        // Neighbours of `keep` alone keep their pairs as they are (nothing of `gone` lies within the threshold),
        // except where average linkage completes a mean (below).
        if linkage == .average {
            // `completeAverage` with nothing known of `gone`: when `keep`'s mean is exact and `gone` is no larger,
            // `gone`'s pairs are computed (the cheap tests first, the lookup in `gone`'s pairs last).
            var completed: [(Int, PairStats)] = []
            let keepSize = members[keep].count, goneSize = members[gone].count
            if goneSize <= keepSize {
                for (other, known) in adjacency[keep]
                where known.count == keepSize * members[other].count && goneAdjacency[other] == nil {
                    var stats = known
                    stats.absorb(exactStats(members[gone], members[other], none))
                    completed.append((other, stats))
                }
            }
            for (other, stats) in completed {
                adjacency[keep][other] = stats
                adjacency[other][keep] = stats
            }
        }
        internalSum[keep] = internalSum[x] + internalSum[y] + sum
        members[keep].append(contentsOf: members[gone])
        members[gone] = []
        if cannotLink {
            photoSets[keep].formUnion(photoSets[gone])
            photoSets[gone] = []
        }
        alive[gone] = false
        version[keep] += 1
        // Every pair with the grown cluster has a new key (sizes changed); drop the pairs that may never merge.
        for (other, stats) in adjacency[keep] {
            if cannotLink, !photoSets[keep].isDisjoint(with: photoSets[other]) {
                adjacency[keep][other] = nil
                adjacency[other][keep] = nil
                continue
            }
            push(keep, other, stats)
        }
    }

    /// Average linkage keeps means exact as clusters grow: when one side's pairs with `other` are all known, the
    /// other side's are completed directly if that is the cheaper product. Otherwise every growth of a large
    /// cluster would send all its neighbours back to the lower bound and recompute their means from scratch
    /// (quadratic in the cluster's size).
    func completeAverage(keep: Int, gone: Int, other: Int, fromKeep: inout PairStats, fromGone: inout PairStats) {
        guard linkage == .average else { return }
        let sizeOther = members[other].count
        let fullKeep = members[keep].count * sizeOther, fullGone = members[gone].count * sizeOther
        if fromKeep.count == fullKeep, fromGone.count < fullGone, fullGone <= fullKeep {
            fromGone = exactStats(members[gone], members[other], fromGone)
        } else if fromGone.count == fullGone, fromKeep.count < fullKeep, fullKeep <= fullGone {
            fromKeep = exactStats(members[keep], members[other], fromKeep)
        }
    }

    func clusterMembers() -> [[Int]] {
        members.indices.filter { alive[$0] }.map { members[$0] }
    }
}

struct MergeCandidate: HeapOrdered {
    // 32-bit slots and versions keep a candidate at 20 bytes: the queue holds many (stale ones too), and its
    // sift loops are memory-bound. Slots are face rows (fewer than 2³¹) and versions count merges.
    var value: Float
    var slotA: Int32
    var slotB: Int32
    var versionA: Int32
    var versionB: Int32
    var exact: Bool

    var a: Int { Int(slotA) }
    var b: Int { Int(slotB) }

    init(value: Float, a: Int, b: Int, versionA: Int, versionB: Int, exact: Bool) {
        self.value = value
        slotA = Int32(a)
        slotB = Int32(b)
        self.versionA = Int32(versionA)
        self.versionB = Int32(versionB)
        self.exact = exact
    }

    /// Closest first; ties broken by the slots, so the order never depends on insertion.
    static func precedes(_ x: MergeCandidate, _ y: MergeCandidate) -> Bool {
        if x.value != y.value { return x.value < y.value }
        if x.slotA != y.slotA { return x.slotA < y.slotA }
        if x.slotB != y.slotB { return x.slotB < y.slotB }
        return x.exact && !y.exact
    }
}
