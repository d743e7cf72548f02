import Foundation

extension Agglomerative {
    /// Density-aware distances: limits tighten where many different people crowd together.
    ///
    /// dlib's descriptors pack some populations closer together than others (on LFW, faces of East Asian public
    /// figures: one global limit joined 24 of them into one person), so one limit is too loose there and too tight
    /// elsewhere. Local scaling (Zelnik-Manor & Perona, NIPS 2004) scales each distance by how crowded the two faces'
    /// neighbourhoods are; counted naively it tears apart people with many photos, whose nearest neighbours are their
    /// own photos. So crowding is counted in *other people*:
    /// 1. a preliminary clustering at tight limits (`preliminaryFaceThreshold`, `preliminaryThreshold`, no scaling),
    ///    nearly pure, groups each person's own photos;
    /// 2. σ(i) = the distance from item i to its `neighbours`-th nearest item of another preliminary group (each group
    ///    counted once, items sharing a photo with i skipped), at most `reference`;
    /// 3. f(i) = √(reference / σ(i)) ≥ 1 and every distance becomes d(i, j) · f(i) · f(j): where fewer than
    ///    `neighbours` other people lie within `reference` nothing changes; where more crowd closer, every limit is
    ///    effectively tighter.
    public struct Density: Sendable, Equatable {
        public var neighbours: Int
        public var reference: Float
        public var preliminaryFaceThreshold: Float
        public var preliminaryThreshold: Float

        public init(neighbours: Int, reference: Float, preliminaryFaceThreshold: Float, preliminaryThreshold: Float) {
            self.neighbours = neighbours
            self.reference = reference
            self.preliminaryFaceThreshold = preliminaryFaceThreshold
            self.preliminaryThreshold = preliminaryThreshold
        }

        /// 5 other people within 0.58; preliminary limits 0.45 / 0.50 (precision 0.99 on lfw-dev's halves, so a
        /// person's own photos count once). Chosen by cross-validation on halves of lfw-dev's identities together
        /// with the limits (docs/clustering.md): on each reporting half BCubed precision ≥ 0.978 and F1 ≥ 0.960.
        public static let measured = Density(neighbours: 5, reference: 0.58, preliminaryFaceThreshold: 0.45,
                                             preliminaryThreshold: 0.50)
    }

    /// Copies collapsed into items, density factors, then the agglomeration on the items' scaled distances; the
    /// items' clusters are mapped back to faces and `minClusterSize` counts faces. Merges are in face terms: the
    /// collapses first (scipy ids from n), then the agglomeration's.
    func runAdaptive(_ descriptors: Descriptors, photos: [Int64]?)
        -> (clusters: [[Int]], merges: [Merge], search: ApproximateSearch?) {
        precondition(threshold > 0 && threshold.isFinite, "Agglomerative: the threshold must be a positive distance")
        let n = descriptors.count
        guard n > 0 else { return ([], [], nil) }
        var (items, state, search) = prepareAdaptive(descriptors, photos: photos)
        state.agglomerate()
        let clusters = state.clusterMembers()
            .map { $0.flatMap { items.members[$0] }.sorted() }
            .filter { $0.count >= minClusterSize }
            .sorted { $0[0] < $1[0] }
        return (clusters, items.merges(then: state.merges, faces: n), search)
    }

    /// The items and the agglomeration ready to run on their scaled distances. The neighbour graphs it builds on
    /// the way are freed when it returns, before the agglomeration (at a million faces each is about 0.6 GB).
    /// Also how the pairs were found when through the inverted-file index: the items' pass when there was a second
    /// one through it, else the faces' pass.
    private func prepareAdaptive(_ descriptors: Descriptors, photos: [Int64]?)
        -> (CopyItems, AgglomerationState, ApproximateSearch?) {
        let n = descriptors.count
        // One pass over the faces, at the radius the faces would need if none were a copy (the limits follow the
        // number of items, loosest for the fewest): the copies come from it, and so does the items' graph when no
        // face was joined to a copy (most collections), so that the distances are computed once. Copies that leave
        // so few items that their limits reach beyond it take a second pass over the items.
        let faceRadius = max(limits(forFaces: n).threshold, density?.reference ?? 0, copyRadius)
        let (faceGraph, faceSearch) = descriptors.neighbourGraph(radius: faceRadius, search: neighbourSearch)
        let items = CopyItems(descriptors, photos: photos, radius: copyRadius, graph: faceGraph)
        let m = items.members.count
        // Limits follow the number of items: copies add no strangers.
        var settings = fixed(forFaces: m)
        (settings.copyRadius, settings.density) = (0, nil)
        let photoSets = photos == nil ? nil : items.photos
        let radius = max(settings.threshold, density?.reference ?? 0)
        let (graph, itemSearch) = m == n ? (faceGraph.within(radius), nil)
            : items.graph(radius: radius, faceGraph: faceGraph, search: neighbourSearch)
        let search = itemSearch ?? faceSearch
        guard let density else {
            return (items, AgglomerationState(settings, descriptors: items.descriptors,
                                              graph: graph.within(settings.threshold), photoSets: photoSets), search)
        }
        let factors = densityFactors(density, items: items.descriptors, graph: graph, photoSets: photoSets)
        return (items, AgglomerationState(settings, descriptors: items.descriptors,
                                          graph: graph.scaled(by: factors, within: settings.threshold),
                                          photoSets: photoSets, rowScale: factors), search)
    }

    /// f(i) = √(reference / σ(i)) for every item (see `Density`).
    private func densityFactors(_ density: Density, items: Descriptors, graph: NeighbourGraph,
                                photoSets: [Set<Int64>]?) -> [Float] {
        var preliminary = Agglomerative(linkage: .average, threshold: density.preliminaryThreshold,
                                        faceThreshold: density.preliminaryFaceThreshold, separation: separation,
                                        minClusterSize: 1, scale: nil)
        (preliminary.copyRadius, preliminary.density, preliminary.spreadFloor) = (0, nil, spreadFloor)
        var state = AgglomerationState(preliminary, descriptors: items, graph: graph.within(density.preliminaryThreshold),
                                       photoSets: photoSets)
        state.agglomerate()
        var groupOf = [Int](repeating: 0, count: items.count)
        for (label, members) in state.clusterMembers().enumerated() { for row in members { groupOf[row] = label } }

        // σ for every item, in parallel over blocks of items (at a million faces this loop reads tens of millions
        // of pairs): each item's neighbours within the reference sorted by distance, and the distinct other groups
        // counted in a short list (`density.neighbours` is small; a set above 16).
        let n = items.count
        var factors = [Float](repeating: 1, count: n)
        let blocks = max(1, min(n / 4096, 8 * ProcessInfo.processInfo.activeProcessorCount))
        let group = groupOf
        factors.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                var near: [(Float, Int32)] = []
                var seenList: [Int] = []
                var seenSet = Set<Int>()
                for i in (block * n / blocks)..<((block + 1) * n / blocks) {
                    near.removeAll(keepingCapacity: true)
                    for (other, distance) in zip(graph.neighbours(of: i), graph.distances(of: i))
                    where distance < density.reference { near.append((distance, other)) }
                    near.sort { $0 < $1 }
                    seenList.removeAll(keepingCapacity: true)
                    seenSet.removeAll(keepingCapacity: true)
                    var others = 0
                    var sigma = density.reference
                    for (distance, other) in near {
                        let j = Int(other), g = group[j]
                        if let photoSets, !photoSets[i].isDisjoint(with: photoSets[j]) { continue }
                        if g == group[i] { continue }
                        if density.neighbours <= 16 {
                            if seenList.contains(g) { continue }
                            seenList.append(g)
                        } else if !seenSet.insert(g).inserted { continue }
                        others += 1
                        if others == density.neighbours {
                            sigma = distance
                            break
                        }
                    }
                    out.base[i] = (density.reference / max(sigma, 1e-6)).squareRoot()
                }
            }
        }
        return factors
    }
}

extension NeighbourGraph {
    /// The graph with every distance d(i, j) scaled to d(i, j) · factors[i] · factors[j], keeping the pairs within
    /// `radius` after scaling (rows stay ascending). With factors ≥ 1 every pair within `radius` after scaling was
    /// within it before, so a graph of the unscaled distances at `radius` or more holds them all.
    public func scaled(by factors: [Float], within radius: Float) -> NeighbourGraph {
        var offsets = [0], kept: [Int32] = [], keptDistances: [Float] = []
        offsets.reserveCapacity(count + 1)
        for row in 0..<count {
            for p in self.offsets[row]..<self.offsets[row + 1] {
                let d = distances[p] * factors[row] * factors[Int(neighbours[p])]
                if d <= radius {
                    kept.append(neighbours[p])
                    keptDistances.append(d)
                }
            }
            offsets.append(kept.count)
        }
        return NeighbourGraph(radius: radius, offsets: offsets, neighbours: kept, distances: keptDistances)
    }
}

/// Faces joined into items where they are copies of one picture: pairs of faces of different photos within `radius`,
/// closest first (Kruskal), never two faces of one photo in an item. An item's descriptor is its faces' mean (they
/// are within `radius` of each other's chain, so any member would do).
struct CopyItems {
    /// Face rows of each item, ascending; items ordered by their smallest row.
    let members: [[Int]]
    let descriptors: Descriptors
    /// The photos of each item (empty sets without photos).
    let photos: [Set<Int64>]
    /// The joins that made the items, in order: (face a, face b, distance), as single-linkage merges.
    private let joins: [(Int, Int, Float)]

    /// `graph`: the faces' neighbour graph at `radius` or more, when already computed.
    init(_ faces: Descriptors, photos: [Int64]?, radius: Float, graph known: NeighbourGraph? = nil) {
        let n = faces.count
        var sets = UnionFind(count: n)
        var photoSets: [Set<Int64>] = (0..<n).map { row in photos.map { [$0[row]] } ?? [] }
        var joins: [(Int, Int, Float)] = []
        if radius > 0, n > 1 {
            let graph = known.map { $0.within(radius) } ?? faces.neighbourGraph(radius: radius)
            var pairs: [(Float, Int, Int)] = []
            for i in 0..<n {
                for (j, d) in zip(graph.neighbours(of: i), graph.distances(of: i)) where Int(j) > i {
                    if d < radius { pairs.append((d, i, Int(j))) }
                }
            }
            pairs.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
            for (d, i, j) in pairs {
                let (a, b) = (sets.find(i), sets.find(j))
                guard a != b, photoSets[a].isDisjoint(with: photoSets[b]) else { continue }
                sets.union(a, b)
                let root = sets.find(a)
                photoSets[root] = photoSets[a].union(photoSets[b])
                joins.append((i, j, d))
            }
        }
        var byRoot: [Int: Int] = [:]
        var members: [[Int]] = []
        for row in 0..<n {
            let root = sets.find(row)
            if let item = byRoot[root] { members[item].append(row) } else { byRoot[root] = members.count; members.append([row]) }
        }
        self.members = members
        self.photos = members.map { photoSets[sets.find($0[0])] }
        self.joins = joins
        if members.count == n {
            descriptors = faces
        } else {
            var values = [Float](repeating: 0, count: members.count * faces.dimension)
            for (item, rows) in members.enumerated() {
                for row in rows {
                    for (k, v) in faces[row].enumerated() { values[item * faces.dimension + k] += v }
                }
                for k in 0..<faces.dimension { values[item * faces.dimension + k] /= Float(rows.count) }
            }
            descriptors = Descriptors(packed: values, dimension: faces.dimension)
        }
    }

    /// The items' neighbour graph within `radius` (at most `faceGraph`'s), exactly: pairs of single-face items are
    /// the faces' pairs; an item of several faces has a new descriptor (their mean), so its distances to every other
    /// item are computed directly: O(k · m · d) for k such items of m, instead of a second pass over all pairs,
    /// which is taken when k is large (k · m above a quarter of n²/2), when `radius` is beyond `faceGraph`'s, or
    /// when `search` uses the index for m items (the direct distances would cost k · m, the index far less).
    func graph(radius: Float, faceGraph: NeighbourGraph, search: NeighbourSearch)
        -> (graph: NeighbourGraph, approximate: ApproximateSearch?) {
        let m = members.count, n = faceGraph.count
        let joined = members.indices.filter { members[$0].count > 1 }
        if joined.count * m > n * n / 8 || radius > faceGraph.radius || search.isApproximate(rows: m) {
            return descriptors.neighbourGraph(radius: radius, search: search)
        }
        var itemOfFace = [Int](repeating: 0, count: n)
        for (item, rows) in members.enumerated() { for row in rows { itemOfFace[row] = item } }
        var pairs: [(Int32, Int32, Float)] = []
        for item in 0..<m where members[item].count == 1 {
            let face = members[item][0]
            for (other, d) in zip(faceGraph.neighbours(of: face), faceGraph.distances(of: face)) where d <= radius {
                let j = itemOfFace[Int(other)]
                if j > item, members[j].count == 1 { pairs.append((Int32(item), Int32(j), d)) }
            }
        }
        let isJoined = Set(joined)
        for a in joined {
            for b in 0..<m where b != a && (!isJoined.contains(b) || b > a) {
                let d = descriptors.distance(a, b)
                if d <= radius { pairs.append((Int32(min(a, b)), Int32(max(a, b)), d)) }
            }
        }
        pairs.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        return (NeighbourGraph.fromPairs(count: m, radius: radius, pairs: pairs), nil)
    }

    /// The merges of the whole clustering in face terms (scipy ids: faces 0..<n, merge k makes n + k): the joins
    /// that made the items, then `itemMerges` (over items 0..<m, merge k making m + k) renumbered.
    func merges(then itemMerges: [Agglomerative.Merge], faces n: Int) -> [Agglomerative.Merge] {
        var merges: [Agglomerative.Merge] = []
        var sets = UnionFind(count: n)
        var idOfRoot = Array(0..<n)
        var size = [Int](repeating: 1, count: n)   // faces in the cluster of each id
        for (i, j, d) in joins {
            let (a, b) = (sets.find(i), sets.find(j))
            let (ida, idb) = (idOfRoot[a], idOfRoot[b])
            merges.append(.init(a: min(ida, idb), b: max(ida, idb), distance: d, size: size[ida] + size[idb],
                                isCopy: true))
            size.append(size[ida] + size[idb])
            sets.union(a, b)
            idOfRoot[sets.find(a)] = n + merges.count - 1
        }
        // An item is the cluster of its last join (or its one face); the agglomeration's ids follow the joins.
        let m = members.count
        let itemID = members.map { idOfRoot[sets.find($0[0])] }
        func faceID(_ x: Int) -> Int { x < m ? itemID[x] : x - m + n + joins.count }
        for merge in itemMerges {
            let (a, b) = (faceID(merge.a), faceID(merge.b))
            merges.append(.init(a: min(a, b), b: max(a, b), distance: merge.distance, size: size[a] + size[b]))
            size.append(size[a] + size[b])
        }
        return merges
    }
}
