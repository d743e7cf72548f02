import Analysis
import Store

extension PeopleDoubts {
    /// The store's people whose faces look like two people, and pairs that look like one (`PeopleDoubts`), from
    /// the stored descriptors and assignments. O(Σ k² · d) over people of k faces, plus the centroid graph.
    public func measure(store: any FaceStoring) throws -> (splits: [Split], merges: [Merge]) {
        measure(try AssignedFaces.load(from: store))
    }

    /// The same, on faces already read.
    public func measure(_ faces: AssignedFaces) -> (splits: [Split], merges: [Merge]) {
        (splits(of: faces.people, descriptors: faces.descriptors),
         merges(of: faces.people, descriptors: faces.descriptors, photos: faces.photos))
    }

    /// What `people list` says of each person with a doubt: "split: 2 groups 0.71 apart" and
    /// "merge with 12 (0.43)", joined by "; ".
    public static func suggestions(splits: [Split], merges: [Merge]) -> [Int64: String] {
        var said: [Int64: [String]] = [:]
        for split in splits {
            said[split.person, default: []].append(
                "split: \(split.groups.count) groups \(String(format: "%.2f", split.distance)) apart")
        }
        for merge in merges {
            let distance = String(format: "%.2f", merge.distance)
            said[merge.a, default: []].append("merge with \(merge.b) (\(distance))")
            said[merge.b, default: []].append("merge with \(merge.a) (\(distance))")
        }
        return said.mapValues { $0.joined(separator: "; ") }
    }
}
