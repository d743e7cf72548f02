/// Which faces a person's mosaic was drawn from (kept in `person_mosaics`), so that `Mosaics` in Export redraws
/// only people whose faces changed and `check` finds mosaics that no longer show their person.
public enum MosaicFingerprint {
    /// 64-bit FNV-1a (Fowler, Noll & Vo) of the sorted face ids, as up to 16 hex digits: equal exactly when the
    /// face set is (up to hash collisions, 2⁻⁶⁴ per pair of sets).
    public static func of(_ faces: [Int64]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for face in faces.sorted() {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash = (hash ^ UInt64(truncatingIfNeeded: face >> Int64(shift)) & 0xff) &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }
}
