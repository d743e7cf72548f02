import CWidth
#if canImport(Glibc)
import Glibc
#endif

/// How many terminal columns text takes: 2 for CJK ideographs, kana, Hangul and emoji, 0 for combining marks, 1
/// for the rest; so that names in those scripts keep aligned tables and error carets in place.
///
/// Widths are glibc's `wcwidth` (Unicode's East Asian Width and emoji presentation) in the C.UTF-8 locale, set
/// for the calling thread only; a grapheme cluster (an emoji sequence, a letter with its accents) takes the width
/// of its widest scalar.
public enum DisplayWidth {
    nonisolated(unsafe) private static let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)

    public static func of(_ text: String) -> Int {
        // Below U+0300 (Latin, no combining marks) every character is one column.
        guard let utf8, text.unicodeScalars.contains(where: { $0.value >= 0x300 }) else { return text.count }
        let previous = uselocale(utf8)
        defer { uselocale(previous) }
        return text.reduce(0) { total, character in
            total + max(0, character.unicodeScalars.map { Int(wcwidth(Int32(bitPattern: $0.value))) }.max() ?? 0)
        }
    }

    public static func of(_ character: Character) -> Int { of(String(character)) }
}
