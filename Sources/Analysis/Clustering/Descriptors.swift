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
    /// in ascending order. O(n²·d) time, O(n + neighbours) memory.
    public func neighbourhoods(of rows: [Int], radius: Float) -> [[Int]] {
        var result = [[Int]](repeating: [], count: rows.count)
        for i in rows.indices {
            result[i].append(i)
        }
        for i in rows.indices {
            for j in (i + 1)..<rows.count where distance(rows[i], rows[j]) <= radius {
                result[i].append(j)
                result[j].append(i)
            }
        }
        for i in rows.indices { result[i].sort() }
        return result
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
