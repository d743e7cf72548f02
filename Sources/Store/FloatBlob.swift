import Foundation

/// Face descriptors and landmarks are stored as BLOBs of little-endian float32, 4 bytes per value
/// (a 128-d descriptor is 512 bytes), so that any SQLite or PostgreSQL client can read them.
public enum FloatBlob {
    public static func encode(_ values: [Float]) -> Data {
        var data = Data(capacity: values.count * 4)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Decodes a BLOB written by `encode`. Throws `StoreError.corrupt` when its length is not a multiple of 4
    /// or differs from `expectedCount`.
    public static func decode(_ data: Data, expectedCount: Int? = nil) throws -> [Float] {
        guard data.count % 4 == 0, expectedCount.map({ $0 * 4 == data.count }) ?? true else {
            throw StoreError.corrupt("a float32 BLOB has \(data.count) bytes, expected \((expectedCount ?? 0) * 4)")
        }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 4)).map { i in
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
        }
    }
}
