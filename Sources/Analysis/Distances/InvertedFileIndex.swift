import CBLAS
import Foundation

/// How a neighbour graph is found: every pair (exact), or through an inverted-file index (approximate), chosen by
/// the number of rows unless forced.
///
/// Why a threshold: the exact graph costs n²/2 distances by matrix products (100,000 faces: 18.6 s on 2 cores; a
/// million: about half an hour); the index costs about n · (share of groups probed) · n, so it pays from a few
/// hundred thousand faces. `bench/neighbour-graph` measured both (FAISS, hnswlib and this index) and chose this one.
public enum NeighbourSearch: Sendable, Equatable {
    /// Every pair within the radius (`Descriptors.neighbourGraph(radius:)`).
    case exact
    /// The inverted-file index (`Descriptors.approximateNeighbourGraph(radius:)`), at any size.
    case approximate
    /// Exact below `automaticFrom` rows, approximate from it.
    case automatic

    /// Rows from which `automatic` uses the index: 200,000 (about 75 s of exact products on 2 cores, where the index
    /// starts to save minutes; `bench/neighbour-graph`).
    public static let automaticFrom = 200_000

    /// Whether a graph over `rows` rows is built through the index.
    public func isApproximate(rows: Int) -> Bool {
        switch self {
        case .exact: return false
        case .approximate: return true
        case .automatic: return rows >= Self.automaticFrom
        }
    }
}

/// What an approximate neighbour graph was built with, and how complete it is estimated to be.
public struct ApproximateSearch: Sendable, Equatable {
    /// Groups of the k-means partition (Voronoi cells, "lists").
    public var lists: Int
    /// Groups each row's neighbours are looked for in: its `probes` nearest centroids.
    public var probes: Int
    /// Share of the exact pairs of `sampleRows` random rows that the probes reach from those rows (one side; the
    /// graph also keeps a pair reached only from its other side, so its recall is at least this).
    public var estimatedRecall: Double
    /// Rows whose exact pairs measured the recall, and the number of those pairs.
    public var sampleRows: Int
    public var samplePairs: Int

    public init(lists: Int, probes: Int, estimatedRecall: Double, sampleRows: Int, samplePairs: Int) {
        (self.lists, self.probes, self.estimatedRecall) = (lists, probes, estimatedRecall)
        (self.sampleRows, self.samplePairs) = (sampleRows, samplePairs)
    }
}

extension Descriptors {
    /// The pairs of rows within `radius` found through an inverted-file index (IVF; Jégou, Douze & Schmid 2011,
    /// §4; Sivic & Zisserman 2003): a k-means partition of the rows into `lists` groups (default: the power of two
    /// nearest 4√n), and each row compared with the rows of the `probes` groups whose centroids are nearest to it.
    /// The comparisons are blocked matrix products (one sgemm per group and block of rows that probe it) screened
    /// as in `neighbourGraph(radius:)` and confirmed with the direct distance, so every pair kept is within
    /// `radius` exactly; what the index can miss is a pair whose two rows lie in groups neither probes.
    ///
    /// `probes` (default) is measured, not guessed: the exact pairs of `sampleRows` random rows are computed and
    /// `probes` is the smallest number of nearest groups that reaches a `targetRecall` share of them (at least 32,
    /// or every group when there are fewer). dlib's descriptors of real faces need far more groups probed than
    /// synthetic ones (12–25 % against 1.6 %, `bench/neighbour-graph`), and no fixed rule holds for both.
    ///
    /// Time: k-means O(20 · 32·lists · lists · d), the lookup O(n · lists · d), the scan O(n · probes · n/lists ·
    /// d), all in sgemm; memory a list-ordered copy of the descriptors (n · d floats), `chunk × probes` group
    /// numbers and the pairs found (each at most twice before they are merged). Deterministic for given data.
    public func approximateNeighbourGraph(radius: Float, lists: Int? = nil, probes: Int? = nil,
                                          targetRecall: Double = 0.999, sampleRows: Int = 2000)
        -> (graph: NeighbourGraph, search: ApproximateSearch) {
        precondition(radius >= 0 && radius.isFinite, "approximateNeighbourGraph: radius must be a finite distance ≥ 0")
        let n = count, dim = dimension
        guard n > 1 else {
            return (neighbourGraph(radius: radius), ApproximateSearch(lists: 1, probes: 1, estimatedRecall: 1,
                                                                      sampleRows: n, samplePairs: 0))
        }
        let listCount = min(n, lists ?? Self.defaultLists(rows: n))
        let centroids = KMeans.centroids(of: self, k: listCount)
        let home = KMeans.nearest(of: self, rows: 0..<n, centroids: centroids, count: 1)

        // The rows of each group, contiguous (CSR), with their descriptors copied in that order so that a group is
        // one matrix for sgemm.
        var listOffsets = [Int](repeating: 0, count: listCount + 1)
        for c in home { listOffsets[Int(c) + 1] += 1 }
        for c in 0..<listCount { listOffsets[c + 1] += listOffsets[c] }
        var listRows = [Int32](repeating: 0, count: n)
        var fill = Array(listOffsets.dropLast())
        for (row, c) in home.enumerated() { listRows[fill[Int(c)]] = Int32(row); fill[Int(c)] += 1 }
        var listValues = [Float](repeating: 0, count: n * dim)
        values.withUnsafeBufferPointer { v in
            for (p, row) in listRows.enumerated() {
                for k in 0..<dim { listValues[p * dim + k] = v[Int(row) * dim + k] }
            }
        }
        let norms = BlockedDistances.squaredNorms(self)
        let screen = radius * radius + BlockedDistances.slack(maxSquaredNorm: norms.max() ?? 0)

        let search = probes.map {
            ApproximateSearch(lists: listCount, probes: min(max(1, $0), listCount), estimatedRecall: .nan,
                              sampleRows: 0, samplePairs: 0)
        } ?? calibrateProbes(radius: radius, centroids: centroids, home: home, norms: norms, screen: screen,
                             targetRecall: targetRecall, sampleRows: sampleRows)
        let probeCount = search.probes

        // Rows in chunks, so that their probes (chunk × probes numbers) stay within 64 M whatever the share probed.
        let chunk = max(1024, (64 << 20) / probeCount)
        let found = FoundPairs()
        for chunkStart in stride(from: 0, to: n, by: chunk) {
            let rows = chunkStart..<min(n, chunkStart + chunk)
            let probed = KMeans.nearest(of: self, rows: rows, centroids: centroids, count: probeCount)
            // Inverted: for each group, the rows of this chunk that probe it.
            var queryOffsets = [Int](repeating: 0, count: listCount + 1)
            for c in probed { queryOffsets[Int(c) + 1] += 1 }
            for c in 0..<listCount { queryOffsets[c + 1] += queryOffsets[c] }
            var queries = [Int32](repeating: 0, count: probed.count)
            var next = Array(queryOffsets.dropLast())
            for (i, row) in rows.enumerated() {
                for p in 0..<probeCount {
                    let c = Int(probed[i * probeCount + p])
                    queries[next[c]] = Int32(row)
                    next[c] += 1
                }
            }
            scanGroups(listOffsets: listOffsets, listRows: listRows, listValues: listValues, queryOffsets: queryOffsets,
                       queries: queries, norms: norms, screen: screen, radius: radius, into: found)
        }
        return (NeighbourGraph.symmetric(count: n, radius: radius, pairs: found.parts), search)
    }

    /// The power of two nearest 4√n (at least 1): groups of about √n/4 rows, which balances the lookup (n · lists)
    /// against the scan (n · probes · n/lists). FAISS's guideline is 4√n to 16√n.
    public static func defaultLists(rows n: Int) -> Int {
        let target = 4 * Double(n).squareRoot()
        return max(1, 1 << Int((log2(max(target, 1))).rounded()))
    }

    /// Each group against the rows that probe it, in parallel over groups: sgemm of a block of probing rows against
    /// the group's rows, screened with the expansion, confirmed with the direct distance.
    private func scanGroups(listOffsets: [Int], listRows: [Int32], listValues: [Float], queryOffsets: [Int],
                            queries: [Int32], norms: [Float], screen: Float, radius: Float, into found: FoundPairs) {
        let listCount = listOffsets.count - 1, dim = dimension
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let blasThreads = openblas_get_num_threads()
        if workers > 1 { openblas_set_num_threads(1) }
        defer { openblas_set_num_threads(blasThreads) }
        let counter = GroupCounter(count: listCount)
        let queryBlock = 1024
        let listNorms = listRows.map { norms[Int($0)] }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var pairs: [(Int32, Int32, Float)] = []
            var block = [Float](), products = [Float](), blockNorms = [Float]()
            listValues.withUnsafeBufferPointer { lv in
            listNorms.withUnsafeBufferPointer { ln in
            listRows.withUnsafeBufferPointer { lr in
                values.withUnsafeBufferPointer { v in
                    while let c = counter.next() {
                        let members = listOffsets[c]..<listOffsets[c + 1]
                        guard !members.isEmpty else { continue }
                        for start in stride(from: queryOffsets[c], to: queryOffsets[c + 1], by: queryBlock) {
                            let size = min(queryBlock, queryOffsets[c + 1] - start)
                            block.removeAll(keepingCapacity: true)
                            blockNorms.removeAll(keepingCapacity: true)
                            for q in start..<(start + size) {
                                let row = Int(queries[q])
                                block.append(contentsOf: v[(row * dim)..<((row + 1) * dim)])
                                blockNorms.append(norms[row])
                            }
                            let m = members.count
                            if products.count < size * m { products = [Float](repeating: 0, count: size * m) }
                            products.withUnsafeMutableBufferPointer { out in
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(size), Int32(m), Int32(dim),
                                            1, block, Int32(dim), lv.baseAddress! + members.lowerBound * dim,
                                            Int32(dim), 0, out.baseAddress!, Int32(m))
                                // The screen is the inner loop of the whole search (rows × probes × group size
                                // comparisons): raw pointers, list-ordered norms, no bounds checks.
                                let memberNorms = ln.baseAddress! + members.lowerBound
                                let memberRows = lr.baseAddress! + members.lowerBound
                                for i in 0..<size {
                                    let a = queries[start + i], queryNorm = blockNorms[i]
                                    let line = out.baseAddress! + i * m
                                    for j in 0..<m where queryNorm + memberNorms[j] - 2 * line[j] <= screen {
                                        let b = memberRows[j]
                                        guard a != b else { continue }
                                        let exact = distance(Int(a), Int(b))
                                        if exact <= radius { pairs.append((min(a, b), max(a, b), exact)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }}}
            found.add(pairs)
        }
    }

    /// The smallest number of nearest groups that reaches `targetRecall` of the exact pairs of a seeded random
    /// sample of rows (at least 32, or every group). The sample's exact pairs come from sgemm against all rows.
    private func calibrateProbes(radius: Float, centroids: Descriptors, home: [Int32], norms: [Float], screen: Float,
                                 targetRecall: Double, sampleRows: Int) -> ApproximateSearch {
        let n = count, listCount = centroids.count, dim = dimension
        let s = min(n, sampleRows)
        var random = SplitMix64(seed: 2)
        let sample = random.sample(s, of: n).sorted()
        let sampleDescriptors = Descriptors(rows: sample, of: self)
        let sampleValues = sampleDescriptors.values
        // Every sampled row's groups, nearest first, and so the rank of each group for it.
        let ranking = KMeans.nearest(of: sampleDescriptors, rows: 0..<s, centroids: centroids, count: listCount)
        // The exact pairs of each sampled row, by column blocks of all rows; for each, the rank of the other row's
        // group among the sampled row's groups (1 = its nearest).
        let columns = 8192
        let ranks = RankCollector()
        let blasThreads = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(blasThreads) }
        DispatchQueue.concurrentPerform(iterations: (n + columns - 1) / columns) { b in
            let start = b * columns, width = min(columns, n - start)
            var products = [Float](repeating: 0, count: s * width)
            values.withUnsafeBufferPointer { v in
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(s), Int32(width), Int32(dim), 1,
                            sampleValues, Int32(dim), v.baseAddress! + start * dim, Int32(dim), 0, &products,
                            Int32(width))
            }
            var found: [Int] = []
            var rankOfGroup = [Int](repeating: 0, count: listCount)
            for (i, row) in sample.enumerated() {
                var hits: [Int] = []
                for j in 0..<width {
                    let other = start + j
                    guard other != row, norms[row] + norms[other] - 2 * products[i * width + j] <= screen,
                          distance(row, other) <= radius else { continue }
                    hits.append(other)
                }
                guard !hits.isEmpty else { continue }
                for r in 0..<listCount { rankOfGroup[Int(ranking[i * listCount + r])] = r + 1 }
                for other in hits { found.append(rankOfGroup[Int(home[other])]) }
            }
            ranks.add(found)
        }
        let all = ranks.values.sorted()
        let floor = min(listCount, 32)
        guard !all.isEmpty else {
            return ApproximateSearch(lists: listCount, probes: floor, estimatedRecall: 1, sampleRows: s, samplePairs: 0)
        }
        let needed = all[min(all.count - 1, Int((targetRecall * Double(all.count)).rounded(.up)) - 1)]
        let probes = min(listCount, max(floor, needed))
        let reached = all.filter { $0 <= probes }.count
        return ApproximateSearch(lists: listCount, probes: probes, estimatedRecall: Double(reached) / Double(all.count),
                                 sampleRows: s, samplePairs: all.count)
    }
}

/// Groups handed out once each to concurrent workers.
private final class GroupCounter: @unchecked Sendable {
    private var position = 0
    private let count: Int
    private let lock = NSLock()
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard position < count else { return nil }
        position += 1
        return position - 1
    }
}

/// The pairs (i < j, distance) each worker found, gathered after they finish.
private final class FoundPairs: @unchecked Sendable {
    private(set) var parts: [[(Int32, Int32, Float)]] = []
    private let lock = NSLock()
    func add(_ pairs: [(Int32, Int32, Float)]) {
        lock.lock()
        parts.append(pairs)
        lock.unlock()
    }
}

/// Ranks gathered from concurrent workers.
private final class RankCollector: @unchecked Sendable {
    private(set) var values: [Int] = []
    private let lock = NSLock()
    func add(_ ranks: [Int]) {
        lock.lock()
        values.append(contentsOf: ranks)
        lock.unlock()
    }
}

extension NeighbourGraph {
    /// The graph of pairs (i < j, distance) given in any order, each possibly more than once (with the same
    /// distance), over `count` rows: every row's neighbours ascending, each once. Rows are sorted in parallel.
    static func symmetric(count n: Int, radius: Float, pairs parts: [[(Int32, Int32, Float)]]) -> NeighbourGraph {
        var counts = [Int](repeating: 0, count: n + 1)
        for part in parts { for (i, j, _) in part { counts[Int(i) + 1] += 1; counts[Int(j) + 1] += 1 } }
        for r in 0..<n { counts[r + 1] += counts[r] }
        let rawOffsets = counts
        // Each entry is (neighbour << 32 | distance bits): sorting the numbers sorts by neighbour, and a pair found
        // twice has the same distance both times (the direct distance is symmetric), so duplicates are equal.
        var raw = [UInt64](repeating: 0, count: rawOffsets[n])
        var fill = Array(rawOffsets.dropLast())
        for part in parts {
            for (i, j, d) in part {
                raw[fill[Int(i)]] = UInt64(UInt32(j)) << 32 | UInt64(d.bitPattern); fill[Int(i)] += 1
                raw[fill[Int(j)]] = UInt64(UInt32(i)) << 32 | UInt64(d.bitPattern); fill[Int(j)] += 1
            }
        }
        var kept = [Int](repeating: 0, count: n)
        let workers = ProcessInfo.processInfo.activeProcessorCount * 4
        raw.withUnsafeMutableBufferPointer { entries in
            let entries = DisjointWrites(entries.baseAddress!)
            kept.withUnsafeMutableBufferPointer { keptCounts in
                let keptCounts = DisjointWrites(keptCounts.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    for row in stride(from: w, to: n, by: workers) {
                        var slice = UnsafeMutableBufferPointer(start: entries.base + rawOffsets[row],
                                                               count: rawOffsets[row + 1] - rawOffsets[row])
                        slice.sort()
                        var write = 0
                        for read in slice.indices where write == 0 || slice[write - 1] != slice[read] {
                            slice[write] = slice[read]
                            write += 1
                        }
                        keptCounts.base[row] = write
                    }
                }
            }
        }
        var offsets = [Int](repeating: 0, count: n + 1)
        for r in 0..<n { offsets[r + 1] = offsets[r] + kept[r] }
        var neighbours = [Int32](repeating: 0, count: offsets[n])
        var distances = [Float](repeating: 0, count: offsets[n])
        for r in 0..<n {
            for k in 0..<kept[r] {
                let e = raw[rawOffsets[r] + k]
                neighbours[offsets[r] + k] = Int32(truncatingIfNeeded: e >> 32)
                distances[offsets[r] + k] = Float(bitPattern: UInt32(truncatingIfNeeded: e))
            }
        }
        return NeighbourGraph(radius: radius, offsets: offsets, neighbours: neighbours, distances: distances)
    }
}

extension Descriptors {
    /// The pairs within `radius` found as `search` says: exactly (`neighbourGraph(radius:)`, `approximate` nil) or
    /// through the inverted-file index with its measured probes (`approximateNeighbourGraph(radius:)`, `approximate`
    /// says how, for the user to see).
    public func neighbourGraph(radius: Float, search: NeighbourSearch) -> (graph: NeighbourGraph, approximate: ApproximateSearch?) {
        guard search.isApproximate(rows: count) else { return (neighbourGraph(radius: radius), nil) }
        let (graph, how) = approximateNeighbourGraph(radius: radius)
        return (graph, how)
    }
}
