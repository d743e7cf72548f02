@testable import Analysis
import Foundation
import XCTest

final class AgglomerativeTests: XCTestCase {
    /// Single, complete and average linkage at two thresholds on three point sets equal scikit-learn's
    /// AgglomerativeClustering(distance_threshold=…) partitions (Tests/Reference/clustering_algorithms_reference.py).
    func testTextbookLinkagesMatchScikitLearn() throws {
        for reference in try AlgorithmReference.load() {
            let d = reference.descriptors
            for expected in reference.ahc {
                let linkage = try XCTUnwrap(Agglomerative.Linkage(rawValue: expected.linkage))
                let clusters = Agglomerative.textbook(linkage: linkage, threshold: expected.threshold, minClusterSize: 1)
                    .clusters(d)
                XCTAssertEqual(partition(clusters: clusters, count: d.count), partition(labels: expected.labels),
                               "\(reference.name) \(expected.linkage) \(expected.threshold)")
            }
        }
    }

    /// Average linkage between clusters whose faces are partly beyond the threshold: the exact mean decides.
    /// Points on a line: 0, 0.3 | 0.75; mean distances from {0, 0.3} to 0.75 = (0.75 + 0.45) / 2 = 0.6.
    func testAverageLinkageUsesTheExactMeanAcrossTheThreshold() {
        let d = Descriptors([[0], [0.3], [0.75]], dimension: 1)
        // Below 0.6 the pair {0, 0.3} stays apart from 0.75, though 0.3–0.75 (0.45) is within the threshold.
        XCTAssertEqual(Agglomerative.textbook(linkage: .average, threshold: 0.59, minClusterSize: 1).clusters(d), [[0, 1], [2]])
        XCTAssertEqual(Agglomerative.textbook(linkage: .average, threshold: 0.61, minClusterSize: 1).clusters(d), [[0, 1, 2]])
        // Complete linkage needs the 0.75 pair within the threshold; single linkage only the 0.45 one.
        XCTAssertEqual(Agglomerative.textbook(linkage: .complete, threshold: 0.7, minClusterSize: 1).clusters(d), [[0, 1], [2]])
        XCTAssertEqual(Agglomerative.textbook(linkage: .single, threshold: 0.46, minClusterSize: 1).clusters(d), [[0, 1, 2]])
        // The merges are recorded with scipy's ids: {0,1} becomes cluster 3 at 0.3, then {3, 2} at 0.6.
        let merges = Agglomerative.textbook(linkage: .average, threshold: 0.61).run(d).merges
        XCTAssertEqual(merges.map { [$0.a, $0.b, $0.size] }, [[0, 1, 2], [2, 3, 3]])
        XCTAssertEqual(merges[1].distance, 0.6, accuracy: 1e-6)
    }

    /// Two faces of one photo never end in one cluster, even through a chain of merges.
    func testCannotLinkKeepsTwoFacesOfOnePhotoApart() {
        let d = Descriptors([[0], [0.1], [0.2], [5]], dimension: 1)
        let photos: [Int64] = [7, 8, 7, 9]   // rows 0 and 2 share photo 7
        let ahc = Agglomerative.textbook(linkage: .single, threshold: 0.5, minClusterSize: 1)
        XCTAssertEqual(ahc.clusters(d), [[0, 1, 2], [3]])
        // 0–1 merge at 0.1 first (tie with 1–2 broken by the lower rows), then {0,1} and 2 may not merge.
        XCTAssertEqual(ahc.clusters(d, photos: photos), [[0, 1], [2], [3]])
    }

    /// The default's two rules: two single faces need faceThreshold; tight groups stay apart (separation).
    func testSizeDependentLimitAndSeparation() {
        // Two faces 0.53 apart: textbook AHC at 0.56 pairs them, the default (0.523 for two faces among 2) does not.
        let pair = Descriptors([[0], [0.53]], dimension: 1)
        XCTAssertEqual(Agglomerative.textbook(linkage: .average, threshold: 0.56).clusters(pair), [[0, 1]])
        XCTAssertEqual(Agglomerative().clusters(pair), [])
        // Two tight pairs (spread 0.2) 0.5 apart on average: below the limit for two pairs (0.566), but
        // 0.5 > 1.3 × max(0.2, 0.35) = 0.455.
        let groups = Descriptors([[0], [0.2], [0.5], [0.7]], dimension: 1)
        XCTAssertEqual(Agglomerative().clusters(groups), [[0, 1], [2, 3]])
        XCTAssertEqual(Agglomerative(separation: 0).clusters(groups), [[0, 1, 2, 3]])
    }

    /// The default limits follow the number of faces: 0.505 → 0.59 at 8,000 faces, 0.015 looser per tenfold fewer
    /// (fixed below 500), 0.015 tighter per tenfold more; limits given explicitly (textbook) never move.
    func testLimitsFollowTheNumberOfFaces() {
        let ahc = Agglomerative()
        func check(_ faces: Int, _ single: Float, _ large: Float, line: UInt = #line) {
            let limits = ahc.limits(forFaces: faces)
            XCTAssertEqual(limits.faceThreshold, single, accuracy: 1e-5, line: line)
            XCTAssertEqual(limits.threshold, large, accuracy: 1e-5, line: line)
        }
        check(8_000, 0.505, 0.59)
        check(800, 0.52, 0.605)
        check(80_000, 0.49, 0.575)
        let small = 0.015 * Float(log10(16.0))   // 500 faces: 8,000 / 500 = 16
        check(500, 0.505 + small, 0.59 + small)
        check(2, 0.505 + small, 0.59 + small)
        let textbook = Agglomerative.textbook(linkage: .average, threshold: 0.5)
        XCTAssertEqual(textbook.limits(forFaces: 10).threshold, 0.5)
        XCTAssertEqual(textbook.limits(forFaces: 10).faceThreshold, 0.5)
        // A limit given stays as given; the other still follows the number of faces, the single-face one never
        // above the large-cluster one.
        let threshold = Agglomerative(threshold: 0.6, scale: Agglomerative.Scale.measured.keeping(faceThreshold: false, threshold: true))
        XCTAssertEqual(threshold.limits(forFaces: 800).threshold, 0.6, accuracy: 1e-6)
        XCTAssertEqual(threshold.limits(forFaces: 800).faceThreshold, 0.52, accuracy: 1e-5)
        let single = Agglomerative(faceThreshold: 0.62, scale: Agglomerative.Scale.measured.keeping(faceThreshold: true, threshold: false))
        XCTAssertEqual(single.limits(forFaces: 800).threshold, 0.605, accuracy: 1e-5)
        XCTAssertEqual(single.limits(forFaces: 800).faceThreshold, 0.605, accuracy: 1e-5)
        XCTAssertNil(Agglomerative.Scale.measured.keeping(faceThreshold: true, threshold: true))
        // Two faces 0.52 apart: a pair at the 500-face limit (0.523), not at the 8,000-face one.
        let pair = Descriptors([[0], [0.52]], dimension: 1)
        XCTAssertEqual(ahc.clusters(pair), [[0, 1]])
        XCTAssertEqual(ahc.fixed(forFaces: 8_000).clusters(pair), [])
    }
}

/// The default's two steps before the agglomeration: copies of one picture collapsed, density-aware distances.
final class AdaptiveAgglomerativeTests: XCTestCase {
    /// A photo saved four times (0.01 apart) and two other photos of the person, 0.485 away on average: the copies'
    /// near-zero spread used to keep them apart by the separation rule; collapsed, they are one face's worth.
    func testCopiesOfOnePictureJoinThePersonsOtherPhotos() {
        let faces = Descriptors([[0], [0.01], [0.02], [0.03], [0.40], [0.60]], dimension: 1)
        let photos: [Int64] = [1, 2, 3, 4, 5, 6]
        let (clusters, merges, _) = Agglomerative().run(faces, photos: photos)
        XCTAssertEqual(clusters, [[0, 1, 2, 3, 4, 5]])
        XCTAssertEqual(merges.filter(\.isCopy).count, 3)
        XCTAssertEqual(Agglomerative.items(faces: 6, merges: merges), 3)
        // Scipy ids stay consistent: the last merge makes the whole cluster of six faces.
        XCTAssertEqual(merges.last?.size, 6)
        XCTAssertEqual(merges.count, 5)
        var off = Agglomerative()
        off.copyRadius = 0
        XCTAssertEqual(off.clusters(faces, photos: photos), [[0, 1, 2, 3], [4, 5]])
        // Two faces of one photo are never copies of each other.
        XCTAssertEqual(Agglomerative.items(faces: 2, merges: Agglomerative().run(Descriptors([[0], [0.01]], dimension: 1),
                                                                                  photos: [7, 7]).merges), 2)
    }

    /// The items' graph taken from the faces' one (single-face items) plus direct distances (items of copies)
    /// equals a direct all-pairs graph over the items' descriptors.
    func testItemGraphEqualsTheDirectOne() {
        var random = SplitMix64(seed: 11)
        func uniform() -> Float { Float(random.next() % 1_000_000) / 1_000_000 }
        var rows: [[Float]] = []
        for _ in 0..<60 {
            let base = (0..<128).map { _ in (uniform() - 0.5) * 0.09 }
            rows.append(base)
            if uniform() < 0.3 { rows.append(base.map { $0 + (uniform() - 0.5) * 0.004 }) }   // a copy, about 0.02 away
        }
        let faces = Descriptors(rows)
        let faceGraph = faces.neighbourGraph(radius: 0.6)
        let items = CopyItems(faces, photos: (0..<Int64(rows.count)).map { $0 }, radius: 0.15, graph: faceGraph)
        XCTAssertLessThan(items.members.count, rows.count)
        let fromFaces = items.graph(radius: 0.55, faceGraph: faceGraph, search: .exact).graph
        let direct = items.descriptors.neighbourGraph(radius: 0.55)
        XCTAssertEqual(fromFaces.offsets, direct.offsets)
        XCTAssertEqual(fromFaces.neighbours, direct.neighbours)
        for (a, b) in zip(fromFaces.distances, direct.distances) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    /// Seven faces of seven people, each 0.5 from every other: below the two-face limit (0.523), so they used to
    /// merge; with six other people within 0.58 of each, distances scale by 0.58 / 0.5 and nobody merges.
    func testCrowdedFacesOfDifferentPeopleStayApart() {
        let r = 0.5 / Float(2).squareRoot()
        let faces = Descriptors((0..<7).map { point($0, r) })
        let photos = (0..<7).map { Int64($0) }
        XCTAssertEqual(Agglomerative().clusters(faces, photos: photos), [])
        var off = Agglomerative()
        off.density = nil
        XCTAssertEqual(off.clusters(faces, photos: photos), [Array(0..<7)])
        // Scaling keeps the rows ascending and the pairs within the radius after scaling.
        let graph = faces.neighbourGraph(radius: 0.6).scaled(by: [1, 1, 1, 1, 1, 1, 2], within: 0.55)
        XCTAssertEqual(Array(graph.neighbours(of: 0)), [1, 2, 3, 4, 5])
        XCTAssertEqual(graph.distances(of: 0).first ?? 0, 0.5, accuracy: 1e-5)
        XCTAssertEqual(Array(graph.neighbours(of: 6)), [])
    }
}
