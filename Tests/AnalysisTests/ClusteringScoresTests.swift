import Analysis
import Foundation
import XCTest

/// Scores against values computed independently (scikit-learn, and BCubed by its definition) by
/// Tests/Reference/clustering_scores_reference.py.
final class ClusteringScoresTests: XCTestCase {
    private struct Case: Decodable {
        var truth: [String]
        var predicted: [Int]
        var bcubed_precision: Double
        var bcubed_recall: Double
        var pairwise_precision: Double
        var pairwise_recall: Double
        var adjusted_rand_index: Double
        var normalized_mutual_information: Double
    }

    func testScoresMatchScikitLearnAndTheBCubedDefinition() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("clustering_scores_reference.json")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        XCTAssertEqual(cases.count, 6)
        for (index, c) in cases.enumerated() {
            let s = ClusteringScores.compare(truth: c.truth, predicted: c.predicted.map { $0 < 0 ? nil : $0 })
            let what = "case \(index) (\(c.truth.count) faces)"
            XCTAssertEqual(s.bcubedPrecision, c.bcubed_precision, accuracy: 1e-9, what)
            XCTAssertEqual(s.bcubedRecall, c.bcubed_recall, accuracy: 1e-9, what)
            XCTAssertEqual(s.pairwisePrecision, c.pairwise_precision, accuracy: 1e-9, what)
            XCTAssertEqual(s.pairwiseRecall, c.pairwise_recall, accuracy: 1e-9, what)
            XCTAssertEqual(s.adjustedRandIndex, c.adjusted_rand_index, accuracy: 1e-9, what)
            XCTAssertEqual(s.normalizedMutualInformation, c.normalized_mutual_information, accuracy: 1e-9, what)
        }
    }

    func testHandCheckedExample() {
        // Identities a a a b b c; clusters {0,1} {2,3,4} and face 5 unassigned.
        let s = ClusteringScores.compare(truth: ["a", "a", "a", "b", "b", "c"], predicted: [0, 0, 1, 1, 1, nil])
        XCTAssertEqual(s.clusters, 3)
        XCTAssertEqual(s.identities, 3)
        // BCubed precision: (1 + 1 + 1/3 + 2/3 + 2/3 + 1) / 6 = 7/9.
        XCTAssertEqual(s.bcubedPrecision, 7.0 / 9.0, accuracy: 1e-12)
        // Pairs: together 2 (0-1, 3-4) of 4 predicted pairs and 4 true pairs.
        XCTAssertEqual(s.pairwisePrecision, 0.5, accuracy: 1e-12)
        XCTAssertEqual(s.pairwiseRecall, 0.5, accuracy: 1e-12)
    }
}
