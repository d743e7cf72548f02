import CBLAS

/// Euclidean distances between many descriptors by matrix products, a block of rows against a block of columns at
/// a time: ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b, the dot products of a block from one `cblas_sgemm` call (OpenBLAS).
///
/// A block holds `blockSize × blockSize` float32 (16 MB at the default 2,048), so memory stays bounded whatever the
/// number of faces: no n × n matrix is ever built. The float32 expansion loses a few ulps against the direct
/// difference; callers that compare with a radius therefore screen with a small slack and confirm each candidate
/// with the direct distance (`Descriptors.distance`), so a pair is within the radius exactly when the direct
/// computation says so.
public enum BlockedDistances {
    /// Rows per block. 2,048 × 128-d rows: each sgemm is 1 GFLOP, large enough to run at BLAS speed.
    public static let defaultBlockSize = 2048

    /// Slack added to a squared radius when screening with the expansion. Its float32 rounding error is at most
    /// about d · 2⁻²⁴ · (‖a‖² + ‖b‖²) (Higham, "Accuracy and Stability of Numerical Algorithms", §3.1, for a dot
    /// product of length d = 128): below 2e-5 × the largest squared norm. Five times that keeps every true pair;
    /// the extra candidates are dropped by the exact check.
    static func slack(maxSquaredNorm: Float) -> Float { 1e-4 * max(1, maxSquaredNorm) }

    /// Squared Euclidean norm of every row: `count` floats.
    public static func squaredNorms(_ d: Descriptors) -> [Float] {
        d.values.withUnsafeBufferPointer { v in
            (0..<d.count).map { row in
                var sum: Float = 0
                let p = v.baseAddress! + row * d.dimension
                for k in 0..<d.dimension { sum += p[k] * p[k] }
                return sum
            }
        }
    }

    /// Fills `out` (row-major, `rows × columns`) with the squared distances between rows `rowStart..<rowStart+rows`
    /// and rows `columnStart..<columnStart+columns` of `d`: one sgemm for the dot products, then the norms added
    /// (clamped at 0 against rounding). O(rows · columns · d).
    public static func squaredDistances(_ d: Descriptors, norms: [Float], rowStart: Int, rows: Int, columnStart: Int,
                                        columns: Int, into out: UnsafeMutablePointer<Float>) {
        let dim = d.dimension
        d.values.withUnsafeBufferPointer { v in
            // out = X_rows · X_columnsᵀ
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(columns), Int32(dim),
                        1, v.baseAddress! + rowStart * dim, Int32(dim),
                        v.baseAddress! + columnStart * dim, Int32(dim), 0, out, Int32(columns))
        }
        for i in 0..<rows {
            let ni = norms[rowStart + i]
            let line = out + i * columns
            for j in 0..<columns { line[j] = max(0, ni + norms[columnStart + j] - 2 * line[j]) }
        }
    }

    /// Calls `body(rowStart, rows, columnStart, columns, block)` for every pair of row block and column block with
    /// `columnStart ≥ rowStart` (the upper triangle of block pairs), in order, where `block[i * columns + j]` is
    /// the squared distance between row `rowStart + i` and row `columnStart + j`. Time O(n² · d / 2) in sgemm;
    /// memory one block.
    public static func forEachUpperBlock(
        _ d: Descriptors, norms: [Float], blockSize: Int = defaultBlockSize,
        _ body: (_ rowStart: Int, _ rowCount: Int, _ columnStart: Int, _ columnCount: Int,
                 _ block: UnsafeBufferPointer<Float>) throws -> Void
    ) rethrows {
        let n = d.count
        guard n > 0 else { return }
        let size = max(1, blockSize)
        var block = [Float](repeating: 0, count: min(size, n) * min(size, n))
        try block.withUnsafeMutableBufferPointer { out in
            for rowStart in stride(from: 0, to: n, by: size) {
                let rows = min(size, n - rowStart)
                for columnStart in stride(from: rowStart, to: n, by: size) {
                    let columns = min(size, n - columnStart)
                    squaredDistances(d, norms: norms, rowStart: rowStart, rows: rows, columnStart: columnStart,
                                     columns: columns, into: out.baseAddress!)
                    try body(rowStart, rows, columnStart, columns,
                             UnsafeBufferPointer(start: out.baseAddress!, count: rows * columns))
                }
            }
        }
    }
}
