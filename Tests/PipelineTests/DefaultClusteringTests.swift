import Analysis
import Foundation
import Query
import XCTest

/// The default clustering on ../shared/data/lfw-descriptors (lfw-dev's 8,040 dlib descriptors) keeps the numbers
/// docs/clustering.md records: BCubed precision ≥ 0.96 and F1 ≥ 0.95 with no tuning, the scikit-learn-equal textbook
/// average linkage at 0.5 below it. Skipped when the shared data is absent.
final class DefaultClusteringTests: XCTestCase {
    func testDefaultsOnLFWDescriptors() throws {
        let folder = try Fixtures.sharedData().appendingPathComponent("lfw-descriptors")
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("descriptors.f32").path) else {
            throw XCTSkip("\(folder.path) has no descriptors.f32; skipping")
        }
        let file = try DescriptorFile.load(folder: folder.path)
        XCTAssertEqual(file.descriptors.count, 8040)
        let scores = file.score(ClusteringMethod.agglomerative(Agglomerative()).clusters(file.descriptors, photos: file.photos))
        XCTAssertEqual(scores.faces, 7611)
        XCTAssertEqual(scores.bcubedPrecision, 0.9607, accuracy: 5e-4)
        XCTAssertEqual(scores.bcubedRecall, 0.9425, accuracy: 5e-4)
        XCTAssertGreaterThanOrEqual(scores.bcubedF1, 0.95)
        let textbook = file.score(Agglomerative.textbook(linkage: .average, threshold: 0.5)
            .clusters(file.descriptors, photos: file.photos))
        XCTAssertEqual(textbook.bcubedF1, 0.9397, accuracy: 5e-4)
    }
}
