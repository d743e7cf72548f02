/// Applies what people edits decided (pins and rejections, `FaceStore.pins()`) to a fresh clustering, so that
/// names, merges, splits and rejections survive re-clustering and incremental extraction.
///
/// Rules:
/// 1. Rejected faces leave every cluster.
/// 2. Faces pinned to one person form that person's group, and keep its id.
/// 3. A cluster of the algorithm in which one group holds at least half of the faces, and more than any other
///    group, belongs to that group: its
///    unpinned faces (new faces, faces no edit touched) join the group. A group may own several clusters (a merge
///    of two people the algorithm keeps apart); a cluster where no group has a majority keeps its unpinned faces
///    as a person of its own, and pinned faces always go to their group (so a face moved out of a person stays
///    out, even when the algorithm puts it back).
/// 4. Unpinned faces of a photo the group's pinned faces already show leave it (cannot-link: the user's decision
///    wins over the algorithm's).
/// 5. Clusters left with fewer than `minClusterSize` faces and no pin are dropped (their faces unassigned).
/// O(faces) time.
public enum EditOverrides {
    /// - Parameters:
    ///   - clusters: the algorithm's clusters, as face ids.
    ///   - photoOf: each face's photo (for rule 4).
    /// - Returns: the final clusters and, for each, the person id edits fixed (nil: the store assigns one).
    public static func apply(_ clusters: [[Int64]], pinned: [Int64: Int64], rejected: Set<Int64>,
                             photoOf: [Int64: Int64], minClusterSize: Int) -> (clusters: [[Int64]], ids: [Int64?]) {
        var groups: [Int64: [Int64]] = [:]
        for (face, person) in pinned { groups[person, default: []].append(face) }
        var joined: [Int64: [Int64]] = [:]    // group -> unpinned faces of the clusters it owns
        var result: [[Int64]] = [], ids: [Int64?] = []
        for cluster in clusters {
            let faces = cluster.filter { !rejected.contains($0) }
            var votes: [Int64: Int] = [:]
            for face in faces { if let person = pinned[face] { votes[person, default: 0] += 1 } }
            let free = faces.filter { pinned[$0] == nil }
            let ranked = votes.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
            if let top = ranked.first, 2 * top.value >= faces.count, ranked.count == 1 || ranked[1].value < top.value {
                let owner = top.key
                joined[owner, default: []] += free
            } else if free.count >= minClusterSize {
                result.append(free.sorted())
                ids.append(nil)
            }
        }
        for person in groups.keys.sorted() {
            let own = groups[person]!
            let shown = Set(own.compactMap { photoOf[$0] })
            let extra = (joined[person] ?? []).filter { face in photoOf[face].map { !shown.contains($0) } ?? true }
            result.append((own + extra).sorted())
            ids.append(person)
        }
        return (result, ids)
    }
}
