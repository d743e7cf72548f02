import CBLAS
import Foundation

/// Every pair of descriptors within a radius, as a symmetric sparse graph in compressed rows (CSR): the
/// neighbours of row `i` are `neighbours[offsets[i]..<offsets[i + 1]]`, ascending, with their distances in
/// `distances` at the same positions. A row is not its own neighbour.
///
/// Built once per clustering by `Descriptors.neighbourGraph(radius:)` (blocked BLAS products, then the exact
/// direct distance for each candidate) and then narrowed per pass (`within(_:)`), so iterative schedules never
/// recompute distances. Memory: O(n + pairs within the radius); at dlib's 0.5 on LFW about 3 neighbours per face.
public struct NeighbourGraph: Sendable {
    public let radius: Float
    public let offsets: [Int]
    public let neighbours: [Int32]
    public let distances: [Float]

    public var count: Int { offsets.count - 1 }
    /// Number of (unordered) pairs.
    public var pairCount: Int { neighbours.count / 2 }

    public init(radius: Float, offsets: [Int], neighbours: [Int32], distances: [Float]) {
        precondition(neighbours.count == distances.count && offsets.last == neighbours.count,
                     "NeighbourGraph: offsets, neighbours and distances disagree")
        self.radius = radius
        self.offsets = offsets
        self.neighbours = neighbours
        self.distances = distances
    }

    /// Neighbours of `row` (ascending) and their distances.
    public func neighbours(of row: Int) -> ArraySlice<Int32> { neighbours[offsets[row]..<offsets[row + 1]] }
    public func distances(of row: Int) -> ArraySlice<Float> { distances[offsets[row]..<offsets[row + 1]] }

    /// The same graph keeping only pairs at distance ≤ `radius` (which must not exceed this graph's radius).
    public func within(_ radius: Float) -> NeighbourGraph {
        precondition(radius <= self.radius, "NeighbourGraph.within: \(radius) is beyond the graph's radius \(self.radius)")
        if radius == self.radius { return self }
        var offsets = [0], kept: [Int32] = [], keptDistances: [Float] = []
        offsets.reserveCapacity(count + 1)
        for row in 0..<count {
            for p in self.offsets[row]..<self.offsets[row + 1] where distances[p] <= radius {
                kept.append(neighbours[p])
                keptDistances.append(distances[p])
            }
            offsets.append(kept.count)
        }
        return NeighbourGraph(radius: radius, offsets: offsets, neighbours: kept, distances: keptDistances)
    }

    /// Builds the graph from a list of pairs (i < j) with their distances over `count` rows.
    static func fromPairs(count: Int, radius: Float, pairs: [(Int32, Int32, Float)]) -> NeighbourGraph {
        var degree = [Int](repeating: 0, count: count + 1)
        for (i, j, _) in pairs {
            degree[Int(i) + 1] += 1
            degree[Int(j) + 1] += 1
        }
        for k in 0..<count { degree[k + 1] += degree[k] }
        let offsets = degree
        var fill = Array(offsets.dropLast())
        var neighbours = [Int32](repeating: 0, count: pairs.count * 2)
        var distances = [Float](repeating: 0, count: pairs.count * 2)
        // Pairs arrive sorted by (i, j). Row r's smaller neighbours come from pairs (i, r), in ascending i; its
        // larger ones from pairs (r, j), in ascending j: writing the first kind before the second leaves every
        // row ascending without a sort.
        for (i, j, d) in pairs {
            neighbours[fill[Int(j)]] = i; distances[fill[Int(j)]] = d; fill[Int(j)] += 1
        }
        for (i, j, d) in pairs {
            neighbours[fill[Int(i)]] = j; distances[fill[Int(i)]] = d; fill[Int(i)] += 1
        }
        return NeighbourGraph(radius: radius, offsets: offsets, neighbours: neighbours, distances: distances)
    }
}

extension Descriptors {
    /// Every pair of rows within `radius` (≤ radius, Euclidean), as a `NeighbourGraph`.
    ///
    /// Blocked BLAS products (`BlockedDistances`) screen all n(n−1)/2 pairs with a small slack; each candidate is
    /// then confirmed with the direct distance, so the result equals a direct all-pairs computation. Time
    /// O(n² · d) in sgemm (about 1.3 TFLOP at 100k faces) plus O(n²) comparisons; memory one block (16 MB) plus the
    /// pairs found.
    public func neighbourGraph(radius: Float, blockSize: Int = BlockedDistances.defaultBlockSize) -> NeighbourGraph {
        precondition(radius >= 0 && radius.isFinite, "neighbourGraph: radius must be a finite distance ≥ 0")
        let norms = BlockedDistances.squaredNorms(self)
        let screen = radius * radius + BlockedDistances.slack(maxSquaredNorm: norms.max() ?? 0)
        let n = count, size = max(1, blockSize)
        let rowBlocks = (n + size - 1) / size
        // One worker per core, each with its own block buffer (memory: one block per core, allocated once, not
        // once per row block), taking row blocks in order from a shared counter: a row block is its rows against
        // every later column block, so the first ones are the longest and the last ones fill the gaps. BLAS runs
        // single-threaded inside the workers: they already fill the cores, and the screening loop after each
        // sgemm parallelises with them.
        let found = PairsByBlock(count: rowBlocks)
        let workers = min(rowBlocks, ProcessInfo.processInfo.activeProcessorCount)
        let blasThreads = openblas_get_num_threads()
        if workers > 1 { openblas_set_num_threads(1) }
        defer { openblas_set_num_threads(blasThreads) }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: min(size, n) * min(size, n))
            defer { buffer.deallocate() }
            while let blockIndex = found.nextBlock() {
                let rowStart = blockIndex * size, rows = min(size, n - rowStart)
                var pairs: [(Int32, Int32, Float)] = []
                for columnStart in stride(from: rowStart, to: n, by: size) {
                    let columns = min(size, n - columnStart)
                    BlockedDistances.squaredDistances(self, norms: norms, rowStart: rowStart, rows: rows,
                                                      columnStart: columnStart, columns: columns, into: buffer)
                    for i in 0..<rows {
                        let a = rowStart + i
                        let line = buffer + i * columns
                        // Within the diagonal block only j > i: each unordered pair once, never a row with itself.
                        for j in (columnStart == rowStart ? i + 1 : 0)..<columns where line[j] <= screen {
                            let b = columnStart + j
                            let exact = distance(a, b)
                            if exact <= radius { pairs.append((Int32(a), Int32(b), exact)) }
                        }
                    }
                }
                // Found column block by column block; fromPairs needs (row, column) order.
                pairs.sort { ($0.0, $0.1) < ($1.0, $1.1) }
                found.set(blockIndex, pairs)
            }
        }
        // Row blocks in order, each sorted: every pair in (i, j) order.
        let pairs = found.joined()
        return NeighbourGraph.fromPairs(count: n, radius: radius, pairs: pairs)
    }
}

/// The row blocks still to do, and the pairs each row block found, shared by concurrent workers (each block taken
/// once, each slot written once) and read after they finish.
private final class PairsByBlock: @unchecked Sendable {
    private var slots: [[(Int32, Int32, Float)]]
    private var next = 0
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func nextBlock() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }
    func set(_ index: Int, _ pairs: [(Int32, Int32, Float)]) {
        lock.lock()
        slots[index] = pairs
        lock.unlock()
    }
    func joined() -> [(Int32, Int32, Float)] { slots.flatMap { $0 } }
}

extension NeighbourGraph {
    /// For each of `rows`, the positions (indexes into `rows`) of the rows of `rows` that are its neighbours,
    /// itself included, ascending: DBSCAN's ε-neighbourhoods restricted to a pool. O(pairs) time.
    public func neighbourhoods(of rows: [Int]) -> [[Int]] {
        var position = [Int32](repeating: -1, count: count)
        for (p, row) in rows.enumerated() { position[row] = Int32(p) }
        return rows.enumerated().map { p, row in
            var list = [p]
            for other in neighbours(of: row) where position[Int(other)] >= 0 { list.append(Int(position[Int(other)])) }
            return list.sorted()
        }
    }
}
