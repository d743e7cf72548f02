import Foundation

// The merge engine behind `Agglomerative.run`: the clusters, what the sparse neighbour graph tells of the distances
// between them, and the queue of candidate merges, closest first.

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
        heap = MinHeap(taking: &queued)
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
        Agglomerative.sizeLimit(single: faceThreshold, large: threshold, x, y)
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
