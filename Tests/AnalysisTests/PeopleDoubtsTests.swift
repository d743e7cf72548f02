@testable import Analysis
import XCTest

/// Suggested splits and merges on test points whose distances are differences of offsets along one axis.
final class PeopleDoubtsTests: XCTestCase {
    func testAPersonOfTwoDistantGroupsIsASuggestedSplit() {
        // Person 1: three faces near 1.0 and three near 2.0 (1.0 apart on average); person 2: four faces within 0.1.
        let rows = [1.0, 1.05, 1.1, 2.0, 2.05, 2.1].map { point(0, Float($0)) } + [1.0, 1.02, 1.05, 1.1].map { point(3, Float($0)) }
        let doubts = PeopleDoubts().splits(of: [1: Array(0..<6), 2: Array(6..<10)], descriptors: Descriptors(rows))
        XCTAssertEqual(doubts.count, 1)
        XCTAssertEqual(doubts.first?.person, 1)
        XCTAssertEqual(doubts.first?.groups, [[0, 1, 2], [3, 4, 5]])
        XCTAssertEqual(doubts.first?.distance ?? 0, 1.0, accuracy: 1e-5)
        // A lone outlying face is no second group (groups need two faces).
        let outlier = [1.0, 1.05, 1.1, 2.0].map { point(0, Float($0)) }
        XCTAssertEqual(PeopleDoubts().splits(of: [1: Array(0..<4)], descriptors: Descriptors(outlier)), [])
    }

    func testPeopleCloseOnAverageAreSuggestedMergesUnlessAPhotoShowsBoth() {
        // A (10) near 1.05, B (11) near 1.325, C (12) at 1.32 but in a photo with A, D (13) far on another axis.
        let rows = [point(1, 1.0), point(1, 1.1), point(1, 1.3), point(1, 1.35), point(1, 1.32), point(2, 1)]
        let people: [Int64: [Int]] = [10: [0, 1], 11: [2, 3], 12: [4], 13: [5]]
        let photos: [Int64] = [100, 101, 102, 103, 100, 104]
        let merges = PeopleDoubts().merges(of: people, descriptors: Descriptors(rows), photos: photos)
        XCTAssertEqual(merges.map { [$0.a, $0.b] }, [[11, 12], [10, 11]])
        XCTAssertEqual(merges[0].distance, 0.025, accuracy: 1e-5)
        XCTAssertEqual(merges[1].distance, 0.275, accuracy: 1e-5)
    }
}
