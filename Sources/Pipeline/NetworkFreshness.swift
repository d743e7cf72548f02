import Foundation
import Store

/// Whether the network files (page, SVG, Edges.csv) still show the store's people: each `network` run records a
/// fingerprint of the people it drew from, so that `cluster` tells the user to redraw only when the people changed
/// since (a clustering that gives the same people, or a second one after `network`, has nothing to redraw).
extension Pipeline {
    /// The run parameter under which `network` records `peopleFingerprint()`.
    static let peopleFingerprintKey = "people_fingerprint"

    /// A fingerprint of which face belongs to which person: FNV-1a (64 bits) over the (face, person) pairs sorted by
    /// face, as 16 hex digits. Person ids count as they are (ids are kept where most faces stay, and the page shows
    /// them). O(faces log faces); one read of the faces' assignments.
    public func peopleFingerprint() throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a offset basis and prime (Fowler, Noll, Vo)
        for (face, person) in try store.assignments().sorted(by: { $0.key < $1.key }) {
            for value in [face, person] {
                var bits = UInt64(bitPattern: value)
                for _ in 0..<8 {
                    hash = (hash ^ (bits & 0xff)) &* 0x0000_0100_0000_01b3
                    bits >>= 8
                }
            }
        }
        return String(hash, radix: 16, uppercase: false).leftPadded(to: 16)
    }

    /// True when the network page exists and was drawn from other people than the store holds now (or by a version
    /// that recorded no fingerprint); false when it shows them, or when there is no page to redraw.
    public func networkFilesOutdated() throws -> Bool {
        guard FileManager.default.fileExists(atPath: layout.networkPage.path) else { return false }
        guard let drawn = try store.lastRunParameters(command: "network")?[Self.peopleFingerprintKey] else { return true }
        return try drawn != peopleFingerprint()
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
