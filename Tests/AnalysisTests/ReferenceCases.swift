import Analysis
import Foundation

/// The point sets and scikit-learn results of Tests/Reference/clustering_algorithms_reference.py.
struct AlgorithmReference: Decodable {
    struct AHC: Decodable { var linkage: String; var threshold: Float; var labels: [Int] }
    struct OPTICSCase: Decodable {
        var min_samples: Int
        var max_eps: Float
        var eps: Float
        var ordering: [Int]
        var reachability: [Float?]
        var core_distances: [Float?]
        var labels: [Int]
    }
    var name: String
    var points: [[Float]]
    var ahc: [AHC]
    var optics: [OPTICSCase]

    var descriptors: Descriptors { Descriptors(points, dimension: points[0].count) }

    static func load() throws -> [AlgorithmReference] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("clustering_algorithms_reference.json")
        return try JSONDecoder().decode([AlgorithmReference].self, from: Data(contentsOf: url))
    }
}

/// A partition as a set of sets, so that two labelings compare whatever their label numbers.
func partition(labels: [Int?]) -> Set<Set<Int>> {
    var groups: [Int: Set<Int>] = [:]
    var result = Set<Set<Int>>()
    for (row, label) in labels.enumerated() {
        if let label { groups[label, default: []].insert(row) } else { result.insert([row]) }
    }
    return result.union(groups.values)
}

func partition(clusters: [[Int]], count: Int) -> Set<Set<Int>> {
    var labels = [Int?](repeating: nil, count: count)
    for (c, rows) in clusters.enumerated() { for row in rows { labels[row] = c } }
    return partition(labels: labels)
}
