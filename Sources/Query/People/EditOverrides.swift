/// Applies what people edits decided (pins and rejections, `FaceStore.pins()`) to a fresh clustering, so that
/// names, merges, splits and rejections survive re-clustering and incremental extraction.
///
/// Rules, in order:
/// 1. Rejected faces leave every cluster.
/// 2. Faces pinned to one person form one group; each group (largest first) joins the algorithm's cluster that
///    holds most of its faces, unless an earlier group took that cluster, and takes the group's person id. Its
///    faces leave every other cluster. A group with no free cluster stands alone.
/// 3. In a cluster that a group joined, unpinned faces of a photo the group already shows leave (cannot-link: the
///    user's decision wins over the algorithm's).
/// 4. Clusters left with fewer than `minClusterSize` faces and no pin are dropped (their faces unassigned).
/// New faces (incremental extraction) thus follow the algorithm into the people that edits made.
/// O(faces) time.
public enum EditOverrides {
    public static func apply(_ clusters: [[Int64]], pinned: [Int64: Int64], rejected: Set<Int64>,
                             photoOf: [Int64: Int64], minClusterSize: Int) -> (clusters: [[Int64]], ids: [Int64?]) {
        var clusterOf: [Int64: Int] = [:]
        for (index, faces) in clusters.enumerated() { for face in faces { clusterOf[face] = index } }
        var groups: [Int64: [Int64]] = [:]
        for (face, person) in pinned { groups[person, default: []].append(face) }
        var remaining = clusters.map { $0.filter { !rejected.contains($0) && pinned[$0] == nil } }
        var owner = [Int64?](repeating: nil, count: clusters.count)
        var alone: [(person: Int64, faces: [Int64])] = []
        for person in groups.keys.sorted(by: { (groups[$0]!.count, -$0) > (groups[$1]!.count, -$1) }) {
            let faces = groups[person]!.sorted()
            var votes: [Int: Int] = [:]
            for face in faces { if let c = clusterOf[face] { votes[c, default: 0] += 1 } }
            let free = votes.filter { owner[$0.key] == nil }.max { ($0.value, -$0.key) < ($1.value, -$1.key) }
            if let free {
                owner[free.key] = person
                let shown = Set(faces.compactMap { photoOf[$0] })
                remaining[free.key] = remaining[free.key].filter { face in
                    guard let photo = photoOf[face] else { return true }
                    return !shown.contains(photo)
                } + faces
            } else {
                alone.append((person, faces))
            }
        }
        var result: [[Int64]] = [], ids: [Int64?] = []
        for (index, faces) in remaining.enumerated() where owner[index] != nil || faces.count >= minClusterSize {
            guard !faces.isEmpty else { continue }
            result.append(faces.sorted())
            ids.append(owner[index])
        }
        for group in alone {
            result.append(group.faces)
            ids.append(group.person)
        }
        return (result, ids)
    }
}
