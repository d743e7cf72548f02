/// Face descriptors packed row by row in one contiguous buffer: `count × dimension` float32.
///
/// Distances are Euclidean, the metric dlib's ResNet was trained for: two faces of the same person are mostly
/// closer than 0.6 (dlib; 99.38 % accuracy on LFW).
public struct Descriptors: Sendable {
    public let dimension: Int
    public private(set) var values: [Float]
    public var count: Int { dimension == 0 ? 0 : values.count / dimension }

    /// - Precondition: every row has `dimension` values.
    public init(_ rows: [[Float]], dimension: Int = 128) {
        precondition(rows.allSatisfy { $0.count == dimension }, "every descriptor must have \(dimension) values")
        self.dimension = dimension
        values = rows.flatMap { $0 }
    }

    public subscript(row: Int) -> ArraySlice<Float> {
        values[(row * dimension)..<((row + 1) * dimension)]
    }

    /// Average linkage between two groups (Sokal & Michener 1958): the mean Euclidean distance over every pair, one
    /// row of this group and one of `other`; infinity when either is empty. O(|self|·|other|·d).
    public func meanDistance(to other: Descriptors) -> Float {
        guard count > 0, other.count > 0, dimension == other.dimension else { return .infinity }
        var sum: Double = 0
        values.withUnsafeBufferPointer { pa in
            other.values.withUnsafeBufferPointer { pb in
                for i in 0..<count {
                    let x = pa.baseAddress! + i * dimension
                    for j in 0..<other.count {
                        let y = pb.baseAddress! + j * dimension
                        var squared: Float = 0
                        for k in 0..<dimension {
                            let diff = x[k] - y[k]
                            squared += diff * diff
                        }
                        sum += Double(squared.squareRoot())
                    }
                }
            }
        }
        return Float(sum / Double(count * other.count))
    }

    /// Euclidean distance between rows `a` and `b`.
    public func distance(_ a: Int, _ b: Int) -> Float {
        values.withUnsafeBufferPointer { v in
            var sum: Float = 0
            let pa = v.baseAddress! + a * dimension, pb = v.baseAddress! + b * dimension
            for k in 0..<dimension {
                let d = pa[k] - pb[k]
                sum += d * d
            }
            return sum.squareRoot()
        }
    }

    /// For each of `rows`, the positions (indexes into `rows`) of the rows within `radius` of it, itself included,
    /// in ascending order. Distances from `neighbourGraph(radius:)` (blocked BLAS); O(n² · d) time, O(n + pairs)
    /// memory.
    public func neighbourhoods(of rows: [Int], radius: Float) -> [[Int]] {
        let subset = Descriptors(rows: rows, of: self)
        return subset.neighbourGraph(radius: radius).neighbourhoods(of: Array(rows.indices))
    }

    /// The descriptors of `rows` of `other`, in that order.
    public init(rows: [Int], of other: Descriptors) {
        dimension = other.dimension
        var values = [Float]()
        values.reserveCapacity(rows.count * dimension)
        for row in rows { values.append(contentsOf: other[row]) }
        self.values = values
    }

    /// Packs `values` (`count × dimension` float32, row-major) without copying row by row.
    /// - Precondition: `values.count` is a multiple of `dimension`.
    public init(packed values: [Float], dimension: Int = 128) {
        precondition(dimension > 0 && values.count % dimension == 0,
                     "packed descriptors: \(values.count) values are not rows of \(dimension)")
        self.dimension = dimension
        self.values = values
    }

    /// The medoid of `rows`: the row with the smallest sum of distances to the others (ties: first).
    public func medoid(of rows: [Int]) -> Int {
        var best = rows[0], bestSum = Float.infinity
        for a in rows {
            var sum: Float = 0
            for b in rows where b != a { sum += distance(a, b) }
            if sum < bestSum { best = a; bestSum = sum }
        }
        return best
    }

    /// Every row with its distance to the medoid of all rows, nearest first (the medoid itself, at 0, leads).
    /// O(n² · d).
    public func byDistanceToMedoid() -> [(row: Int, distance: Float)] {
        guard count > 0 else { return [] }
        let medoid = self.medoid(of: Array(0..<count))
        return (0..<count).map { (row: $0, distance: distance($0, medoid)) }.sorted { $0.distance < $1.distance }
    }
}

/// Euclidean distance between two face descriptors (dlib: below 0.6 means the same person).
public func descriptorDistance(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "descriptors differ in length")
    var sum: Float = 0
    for i in a.indices {
        let d = a[i] - b[i]
        sum += d * d
    }
    return sum.squareRoot()
}

extension Descriptors {
    /// Cannot-link repair for algorithms that cannot refuse a merge: of each photo in `rows`, keeps only the face
    /// nearest `medoid` (default: the medoid of `rows`); the others leave the cluster. Returns the kept rows,
    /// nearest the medoid first. O(m² · d) for m rows when the medoid is computed.
    public func oneFacePerPhoto(_ rows: [Int], photos: [Int64], medoid: Int? = nil) -> [Int] {
        guard !rows.isEmpty else { return [] }
        let centre = medoid ?? self.medoid(of: rows)
        var seen = Set<Int64>()
        return rows.sorted { (distance($0, centre), $0) < (distance($1, centre), $1) }
            .filter { seen.insert(photos[$0]).inserted }
    }
}
