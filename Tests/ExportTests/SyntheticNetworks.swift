@testable import Analysis   // SplitMix64, the seeded generator the clustering uses
import Export
import Foundation
import Imaging

/// Networks made in memory for the export tests: a large one shaped like a photo collection (groups of friends
/// seen together, a few links between groups, some people alone) and a small one whose names and paths hold every
/// character that could break a format.
enum SyntheticNetworks {
    /// `people` people in groups of 5–60; each person shares photos with about three others of their group and,
    /// now and then, with someone of another group; about one in twenty is seen alone. Weights 1–8 (more often
    /// small), dates spread over ten years, a 64 px noisy JPEG face per person (as large as a real thumbnail).
    /// Deterministic for a given `seed`. Measures are degree-based stand-ins (the real ones are tested in
    /// AnalysisTests, and would dominate the test's time in a debug build).
    static func photoCollection(people: Int, seed: UInt64 = 7) throws -> NetworkData {
        var random = SplitMix64(seed: seed)
        var groups: [[Int]] = []
        var next = 0
        while next < people {
            let size = min(people - next, 5 + Int(random.next() % 56))
            groups.append(Array(next..<(next + size)))
            next += size
        }
        var weights: [Pair: Int] = [:]
        for group in groups {
            for member in group where random.next() % 20 != 0 {
                for _ in 0..<3 {
                    let other = group[Int(random.next() % UInt64(group.count))]
                    if other != member { weights[Pair(member, other), default: 0] = 1 + Int(random.next() % 8) / (1 + Int(random.next() % 3)) }
                }
                if random.next() % 6 == 0 {
                    let other = Int(random.next() % UInt64(people))
                    if other != member { weights[Pair(member, other)] = 1 }
                }
            }
        }
        var photos: [NetworkData.Photo] = []
        var nodePhotos = Array(repeating: [Int](), count: people)
        var links: [NetworkData.Link] = []
        for (pair, weight) in weights.sorted(by: { ($0.key.a, $0.key.b) < ($1.key.a, $1.key.b) }) {
            var indices: [Int] = []
            for _ in 0..<weight {
                let day = Int(random.next() % 3650)
                let date = String(format: "%04d-%02d-%02d 12:%02d:00", 2014 + day / 365, 1 + day % 365 / 31, 1 + day % 28,
                                  Int(random.next() % 60))
                indices.append(photos.count)
                photos.append(.init(photoID: Int64(photos.count + 1), path: "events/group-\(pair.a / 50)/IMG_\(photos.count).jpg",
                                    takenAt: date))
            }
            let dates = indices.compactMap { photos[$0].takenAt }
            nodePhotos[pair.a] += indices
            nodePhotos[pair.b] += indices
            links.append(.init(source: Int64(pair.a + 1), target: Int64(pair.b + 1), weight: weight,
                               firstTakenAt: dates.min(), lastTakenAt: dates.max(), photoIndices: indices))
        }
        var connections = Array(repeating: 0, count: people), weighted = Array(repeating: 0, count: people)
        for link in links {
            for end in [Int(link.source) - 1, Int(link.target) - 1] {
                connections[end] += 1
                weighted[end] += link.weight
            }
        }
        var nodes: [NetworkData.Node] = []
        for person in 0..<people {
            if nodePhotos[person].isEmpty {
                nodePhotos[person] = [photos.count]
                photos.append(.init(photoID: Int64(photos.count + 1), path: "alone/IMG_\(photos.count).jpg", takenAt: nil))
            }
            nodes.append(.init(id: Int64(person + 1), name: person % 3 == 0 ? "Friend \(person + 1)" : nil,
                               photos: nodePhotos[person].count, faces: nodePhotos[person].count,
                               connections: connections[person], weightedDegree: weighted[person],
                               thumbnail: try face(seed: random.next()), photoIndices: nodePhotos[person]))
        }
        let degree = nodes.map { Double($0.connections) }
        var community = Array(repeating: 0, count: people)
        for (g, group) in groups.enumerated() { for member in group { community[member] = g } }
        let measures = NetworkMeasures(values: [.degree: degree, .weightedDegree: nodes.map { Double($0.weightedDegree) },
                                                .pageRank: degree.map { ($0 + 1) / Double(people) }],
                                       community: community)
        return NetworkData(nodes: nodes, links: links, photos: photos, measures: measures)
    }

    /// A 64 × 64 JPEG of coloured noise: about the size of a real face thumbnail, so page sizes are realistic.
    static func face(seed: UInt64) throws -> Data {
        var random = SplitMix64(seed: seed)
        let base = [UInt8(random.next() % 200), UInt8(random.next() % 200), UInt8(random.next() % 200)]
        var pixels = [UInt8](repeating: 0, count: 64 * 64 * 3)
        for i in pixels.indices { pixels[i] = base[i % 3] &+ UInt8(random.next() % 56) }
        return try RGBImage.fromPixels(pixels, width: 64, height: 64).jpegData(quality: 85)
    }

    /// Names that try every way out of a format: markup, script, quotes, ampersands and entities, line breaks,
    /// a control character, characters JavaScript treats as line ends, template placeholders, right-to-left and
    /// astral-plane text.
    static let hostileNames: [String?] = [
        "<script>window.pwned = 1</script>",
        "</script><script>window.pwned = 2</script><!--",
        "<img src=x onerror=\"window.pwned=3\">",
        "Tom & \"Jerry\" 'O'Brien' &amp; &lt;b&gt;",
        "Line one\nLine two\r\nLine three",
        "Zoë Ångström 李小龙 محمد 👩🏽‍🚀",
        "Bell\u{7}and\u{1}null",
        "Sep\u{2028}ar\u{2029}ators",
        "{{D3}} {{DATA}} ]]> --> \\N \\\\ back\\slash",
        "javascript:alert(4)",
        nil,
    ]

    /// A small network named with `hostileNames`, with paths just as hostile and some dated photos; every person
    /// has a face thumbnail, and measures are computed for real.
    static func hostile() throws -> NetworkData {
        let paths = ["a<b>&c/\"quoted\" 'x'.jpg", "new\nline/photo.jpg", "ünïcødé/照片 👀.jpg", "javascript:alert(5).jpg",
                     "</script><!--.jpg", "plain/IMG_0001.jpg", "100% & more/#hash?.jpg"]
        let photos = paths.enumerated().map { i, path in
            NetworkData.Photo(photoID: Int64(i + 1), path: path, takenAt: i < 4 ? "2019-0\(i + 1)-1\(i) 10:0\(i):00" : nil)
        }
        // Person i (1-based) is in photos i % 7 and (i + 1) % 7; edges join people sharing a photo.
        let count = hostileNames.count
        var photoPeople: [Int: [Int]] = [:]
        for person in 0..<count { for p in [person % 7, (person + 1) % 7] { photoPeople[p, default: []].append(person) } }
        var shared: [Pair: [Int]] = [:]
        for (photo, people) in photoPeople {
            for a in people { for b in people where a < b { shared[Pair(a, b), default: []].append(photo) } }
        }
        let links = shared.sorted { ($0.key.a, $0.key.b) < ($1.key.a, $1.key.b) }.map { pair, indices in
            let dates = indices.compactMap { photos[$0].takenAt }
            return NetworkData.Link(source: Int64(pair.a + 1), target: Int64(pair.b + 1), weight: indices.count,
                                    firstTakenAt: dates.min(), lastTakenAt: dates.max(), photoIndices: indices.sorted())
        }
        let nodes = try (0..<count).map { person -> NetworkData.Node in
            let mine = links.filter { $0.source == Int64(person + 1) || $0.target == Int64(person + 1) }
            let indices = [person % 7, (person + 1) % 7].sorted()
            return .init(id: Int64(person + 1), name: hostileNames[person], photos: 2, faces: 3, connections: mine.count,
                         weightedDegree: mine.reduce(0) { $0 + $1.weight }, thumbnail: try face(seed: UInt64(person)),
                         photoIndices: indices)
        }
        return NetworkData(nodes: nodes, links: links, photos: photos)
    }
}

/// Two people, the smaller index first.
struct Pair: Hashable {
    let a: Int, b: Int
    init(_ x: Int, _ y: Int) { a = min(x, y); b = max(x, y) }
}
