import CBLAS
import Foundation

/// Lloyd's k-means (Lloyd 1982, "Least squares quantization in PCM") on float32 rows, trained on a seeded random
/// sample: the coarse partition of an inverted-file index (Jégou, Douze & Schmid 2011, "Product quantization for
/// nearest neighbor search", §4; FAISS's `IndexIVF` trains its quantizer the same way: a sample of at most 256 rows
/// per centroid, about 20 iterations, random rows as the first centroids, empty groups re-seeded by splitting a
/// large one).
enum KMeans {
    /// `k` centroids (`k × dimension`, row-major) of `descriptors`. Time O(iterations · sample · k · d) in sgemm;
    /// memory one block of `sample` rows against all centroids at a time. Deterministic for a seed.
    static func centroids(of descriptors: Descriptors, k: Int, samplePerCentroid: Int = 32, iterations: Int = 12,
                          seed: UInt64 = 1) -> Descriptors {
        let n = descriptors.count, dim = descriptors.dimension
        precondition(k >= 1 && k <= n, "KMeans: k must be between 1 and the number of rows")
        var random = SplitMix64(seed: seed)
        // A partial Fisher–Yates shuffle picks the sample; its first k rows are the first centroids.
        let sampleCount = min(n, k * samplePerCentroid)
        let sampleRows = Descriptors(rows: random.sample(sampleCount, of: n), of: descriptors)
        let sample = sampleRows.values
        var centroids = Array(sample[0..<(k * dim)])
        for _ in 0..<iterations {
            let assignment = nearest(of: sampleRows, rows: 0..<sampleCount,
                                     centroids: Descriptors(packed: centroids, dimension: dim), count: 1)
            var sums = [Double](repeating: 0, count: k * dim)
            var sizes = [Int](repeating: 0, count: k)
            for i in 0..<sampleCount {
                let c = Int(assignment[i])
                sizes[c] += 1
                for j in 0..<dim { sums[c * dim + j] += Double(sample[i * dim + j]) }
            }
            for c in 0..<k where sizes[c] > 0 {
                for j in 0..<dim { centroids[c * dim + j] = Float(sums[c * dim + j] / Double(sizes[c])) }
            }
            // An empty group takes half of the largest: a copy of its centroid, both nudged apart (FAISS's rule).
            for c in 0..<k where sizes[c] == 0 {
                let largest = sizes.indices.max { sizes[$0] < sizes[$1] }!
                for j in 0..<dim {
                    let nudge: Float = (j % 2 == 0 ? 1 : -1) * 1e-3
                    centroids[c * dim + j] = centroids[largest * dim + j] * (1 + nudge)
                    centroids[largest * dim + j] *= (1 - nudge)
                }
                sizes[largest] /= 2
                sizes[c] = sizes[largest]
            }
        }
        return Descriptors(packed: centroids, dimension: dim)
    }

    /// For each of `rows` of `descriptors`, its `count` nearest centroids, nearest first: `rows.count × count`
    /// centroid numbers (row-major). Ordered by ‖c‖² − 2 q·c (the squared distance less ‖q‖², the same order), the
    /// products by blocks of rows in one sgemm each, in parallel over blocks. Time O(rows · k · d) in sgemm plus
    /// O(rows · k · log count) for the selection.
    static func nearest(of descriptors: Descriptors, rows: Range<Int>, centroids: Descriptors, count: Int) -> [Int32] {
        let k = centroids.count, dim = descriptors.dimension, want = min(count, k)
        let centroidNorms = BlockedDistances.squaredNorms(centroids)
        let block = 512
        let blocks = (rows.count + block - 1) / block
        var result = [Int32](repeating: 0, count: rows.count * want)
        let blasThreads = openblas_get_num_threads()
        if blocks > 1 { openblas_set_num_threads(1) }
        defer { openblas_set_num_threads(blasThreads) }
        result.withUnsafeMutableBufferPointer { out in
            let out = DisjointWrites(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                let start = rows.lowerBound + b * block, size = min(block, rows.upperBound - start)
                var products = [Float](repeating: 0, count: size * k)
                descriptors.values.withUnsafeBufferPointer { v in
                    centroids.values.withUnsafeBufferPointer { cv in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(size), Int32(k), Int32(dim), 1,
                                    v.baseAddress! + start * dim, Int32(dim), cv.baseAddress!, Int32(dim), 0,
                                    &products, Int32(k))
                    }
                }
                var heap = BoundedNearest(capacity: want)
                for i in 0..<size {
                    heap.removeAll()
                    for c in 0..<k { heap.offer(centroidNorms[c] - 2 * products[i * k + c], Int32(c)) }
                    heap.writeAscending(into: out.base + (start - rows.lowerBound + i) * want)
                }
            }
        }
        return result
    }
}

/// The `capacity` smallest (key, value) pairs seen, in a binary max-heap on the key (ties: the larger value
/// first out, so that among equal keys the smaller centroid number is kept: a fixed order).
struct BoundedNearest {
    private var keys: [Float] = []
    private var values: [Int32] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    private func above(_ a: Int, _ b: Int) -> Bool { (keys[a], values[a]) > (keys[b], values[b]) }

    mutating func offer(_ key: Float, _ value: Int32) {
        if keys.count < capacity {
            keys.append(key)
            values.append(value)
            var i = keys.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard above(i, parent) else { break }
                keys.swapAt(i, parent)
                values.swapAt(i, parent)
                i = parent
            }
            return
        }
        guard (key, value) < (keys[0], values[0]) else { return }
        keys[0] = key
        values[0] = value
        var i = 0
        while true {
            let left = 2 * i + 1, right = left + 1
            var top = i
            if left < keys.count, above(left, top) { top = left }
            if right < keys.count, above(right, top) { top = right }
            if top == i { break }
            keys.swapAt(i, top)
            values.swapAt(i, top)
            i = top
        }
    }

    /// The values, smallest key first.
    func writeAscending(into target: UnsafeMutablePointer<Int32>) {
        let order = keys.indices.sorted { (keys[$0], values[$0]) < (keys[$1], values[$1]) }
        for (p, i) in order.enumerated() { target[p] = values[i] }
    }
}

/// A buffer that concurrent workers write at disjoint positions (each position by one worker only), read after they
/// all finish: what makes sharing its address between threads safe.
struct DisjointWrites<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
}
