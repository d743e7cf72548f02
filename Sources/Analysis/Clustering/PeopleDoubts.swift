import Foundation

/// Where the people are doubtful, without labels: a person whose faces form two groups (a suggested split) and two
/// people who are probably one (a suggested merge). What a user can act on with `people split` and `people merge`,
/// so that a wrong merge or split is visible before anyone counts ties.
///
/// - Split: a person's faces clustered alone with average linkage (UPGMA) at `splitDistance`, dlib's same-person
///   threshold 0.6 by default, leave two or more groups of at least `minGroup` faces: on average the groups are
///   further apart than dlib's model puts two photos of one person. The two largest groups are reported, with the
///   mean distance between them.
/// - Merge: the mean distance between all faces of two people is below `mergeDistance` and no photo shows both
///   (two faces of one photo are two people). Candidates come from the people's centroids: the mean of the
///   distances between two sets is at least the distance between their means (Jensen's inequality, the norm being
///   convex), so every pair below the limit is found from the centroid pairs within it, exactly.
///
/// Cost: a split check is O(k² · d) for a person of k faces (at most `maxFacesChecked`, an evenly spaced sample
/// above that); merges cost one neighbour graph over the centroids plus O(ka · kb · d) per candidate pair.
public struct PeopleDoubts: Sendable {
    public var splitDistance: Float = 0.6
    public var minGroup: Int = 2
    public var mergeDistance: Float = 0.5
    public var maxFacesChecked: Int = 2000

    public init() {}

    /// A person whose faces look like two people.
    public struct Split: Sendable, Equatable {
        public var person: Int64
        /// The two largest groups, as rows of the descriptors, largest first.
        public var groups: [[Int]]
        /// Mean descriptor distance between the two groups.
        public var distance: Float
    }

    /// Two people who look like one.
    public struct Merge: Sendable, Equatable {
        public var a: Int64
        public var b: Int64
        /// Mean descriptor distance between their faces.
        public var distance: Float
    }

    /// Suggested splits, by person id. `people` maps a person to its rows in `descriptors`.
    public func splits(of people: [Int64: [Int]], descriptors: Descriptors) -> [Split] {
        let ahc = Agglomerative.textbook(linkage: .average, threshold: splitDistance, minClusterSize: 1)
        var found: [Split] = []
        for person in people.keys.sorted() {
            let rows = sample(people[person]!)
            guard rows.count >= 2 * minGroup else { continue }
            let groups = ahc.clusters(Descriptors(rows: rows, of: descriptors))
                .map { $0.map { rows[$0] }.sorted() }
                .filter { $0.count >= minGroup }
                .sorted { ($0.count, $1.first ?? 0) > ($1.count, $0.first ?? 0) }
            guard groups.count >= 2 else { continue }
            found.append(Split(person: person, groups: Array(groups.prefix(2)),
                               distance: meanDistance(groups[0], groups[1], descriptors)))
        }
        return found
    }

    /// Suggested merges, closest first. `photos[row]` is the photo of each descriptor row.
    public func merges(of people: [Int64: [Int]], descriptors: Descriptors, photos: [Int64]) -> [Merge] {
        let ids = people.keys.sorted().filter { !people[$0]!.isEmpty }
        guard ids.count > 1 else { return [] }
        let dimension = descriptors.dimension
        var centroids = [Float](repeating: 0, count: ids.count * dimension)
        for (index, id) in ids.enumerated() {
            let rows = people[id]!
            for row in rows {
                for (k, value) in descriptors[row].enumerated() { centroids[index * dimension + k] += value }
            }
            for k in 0..<dimension { centroids[index * dimension + k] /= Float(rows.count) }
        }
        let graph = Descriptors(packed: centroids, dimension: dimension).neighbourGraph(radius: mergeDistance, search: .automatic).graph
        var found: [Merge] = []
        for i in ids.indices {
            for j in graph.neighbours(of: i) where Int(j) > i {
                let (a, b) = (people[ids[i]]!, people[ids[Int(j)]]!)
                guard Set(a.map { photos[$0] }).isDisjoint(with: b.map { photos[$0] }) else { continue }
                let distance = meanDistance(a, b, descriptors)
                if distance < mergeDistance { found.append(Merge(a: ids[i], b: ids[Int(j)], distance: distance)) }
            }
        }
        return found.sorted { ($0.distance, $0.a, $0.b) < ($1.distance, $1.a, $1.b) }
    }

    /// At most `maxFacesChecked` rows, evenly spaced, in their order.
    private func sample(_ rows: [Int]) -> [Int] {
        guard rows.count > maxFacesChecked else { return rows }
        return (0..<maxFacesChecked).map { rows[$0 * rows.count / maxFacesChecked] }
    }

    private func meanDistance(_ a: [Int], _ b: [Int], _ descriptors: Descriptors) -> Float {
        var sum: Double = 0
        for x in a { for y in b { sum += Double(descriptors.distance(x, y)) } }
        return Float(sum / Double(a.count * b.count))
    }
}
