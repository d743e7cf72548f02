import Export
import Foundation
import People
import Query
import Reports
@testable import Store
import XCTest

/// `face-network report` on a store with known content (values from networkx 3.6.1 on the same graph) and on
/// the network found in ../shared/data/group-photos.
final class ReportTests: XCTestCase {
    /// Seven people: A, B and C together in p1; A and B in p2; C–D in p3; E–F in p4; D–G in p6; A alone in p5, G
    /// alone in p7. Person ids 1…7 are A…G (clusters are given in that order to a fresh store).
    private func knownStore(_ folder: URL) throws -> FaceStore {
        let store = try makeStore(folder, photos: [("p1.jpg", [0, 1, 2]), ("p2.jpg", [0, 1]), ("p3.jpg", [2, 3]),
                                                   ("p4.jpg", [4, 5]), ("p5.jpg", [0]), ("p6.jpg", [3, 6]),
                                                   ("p7.jpg", [6])])
        // Names a user could type: markup, quotes, separators of every output format, a line break.
        try store.pool.write { db in
            try db.execute(sql: "UPDATE people SET name = ? WHERE id = 1",
                           arguments: [#"<script>alert("x")</script> & "Bob" | *x*"#])
            try db.execute(sql: "UPDATE people SET name = ? WHERE id = 2", arguments: ["Zoë, \"the\" one\nnext line"])
        }
        return store
    }

    /// A store whose photos show the given people (0-based; person ids are 1-based in the same order).
    private func makeStore(_ folder: URL, photos: [(String, [Int])]) throws -> FaceStore {
        let store = try FaceStore(path: folder.appendingPathComponent("known.sqlite").path)
        let count = (photos.flatMap(\.1).max() ?? -1) + 1
        var facesOf = [[Int64]](repeating: [], count: count)
        var nextFace: Int64 = 1
        for (index, (path, people)) in photos.enumerated() {
            let faces = people.enumerated().map { i, _ in
                NewFace(box: FaceBox(left: 10 + 60 * i, top: 10, right: 60 + 60 * i, bottom: 60), score: 1,
                        landmarks: [Float](repeating: 0, count: 10), descriptor: [Float](repeating: 0, count: 128),
                        cropPath: nil)
            }
            _ = try store.insertPhoto(NewPhoto(
                path: path, contentHash: "hash\(index)", byteSize: 100, modifiedAt: 0, format: "jpeg", width: 200,
                height: 100, orientation: 1, takenAt: nil, cameraMake: nil, cameraModel: nil, cameraSerial: nil,
                decodeWarning: nil, faces: faces))
            for person in people {
                facesOf[person].append(nextFace)
                nextFace += 1
            }
        }
        XCTAssertEqual(try store.replaceClustering(facesOf, runID: nil), (1...count).map(Int64.init))
        return store
    }

    /// The report names the people who look like two and the pairs who look like one (`PeopleDoubts`), in every
    /// format: person 1's four faces form two groups 1.0 apart; persons 2 and 3 (no shared photo) are 0.275 apart.
    func testDoubtfulPeopleAreNamed() throws {
        let store = try FaceStore(path: try Fixtures.temporaryFolder(self).appendingPathComponent("doubts.sqlite").path)
        func axis(_ k: Int, _ offset: Float) -> [Float] {
            var v = [Float](repeating: 0, count: 128)
            v[k] = offset
            return v
        }
        let descriptors = [axis(0, 1.0), axis(0, 1.05), axis(0, 2.0), axis(0, 2.05),
                           axis(1, 1.0), axis(1, 1.1), axis(1, 1.3), axis(1, 1.35)]
        for (index, descriptor) in descriptors.enumerated() {
            _ = try store.insertPhoto(NewPhoto(
                path: "p\(index).jpg", contentHash: "hash\(index)", byteSize: 100, modifiedAt: 0, format: "jpeg",
                width: 200, height: 100, orientation: 1, takenAt: nil, cameraMake: nil, cameraModel: nil,
                cameraSerial: nil, decodeWarning: nil,
                faces: [NewFace(box: FaceBox(left: 10, top: 10, right: 60, bottom: 60), score: 1,
                                landmarks: [Float](repeating: 0, count: 10), descriptor: descriptor, cropPath: nil)]))
        }
        XCTAssertEqual(try store.replaceClustering([[1, 2, 3, 4], [5, 6], [7, 8]], runID: nil), [1, 2, 3])
        let report = try NetworkReport.build(store: store)
        XCTAssertEqual(report.doubts.map(\.kind), ["split", "merge"])
        XCTAssertEqual(report.doubts.map { $0.people.map(\.id) }, [[1], [2, 3]])
        XCTAssertEqual(report.doubts[0].distance, 1.0, accuracy: 1e-5)
        XCTAssertEqual(report.doubts[1].distance, 0.275, accuracy: 1e-5)
        let markdown = try ReportFormat.md.render(report, title: "t")
        XCTAssertTrue(markdown.contains("## Doubtful people"), markdown)
        XCTAssertTrue(markdown.contains("| merge | Person 2 + Person 3 | 0.275 |"), markdown)
        let csv = try ReportFormat.csv.render(report, title: "t")
        XCTAssertTrue(csv.contains("doubt,split,,1,Person 1,,,1.0"), csv)
    }

    /// People who share no photo are in no community, in every format (as `network` and the query shell say).
    func testPeopleWithoutTiesAreInNoCommunity() throws {
        let store = try makeStore(try Fixtures.temporaryFolder(self),
                                  photos: [("p1.jpg", [0, 1]), ("p2.jpg", [2]), ("p3.jpg", [3])])
        let report = try NetworkReport.build(store: store)
        XCTAssertEqual(report.communities.map { $0.members.map(\.id) }, [[1, 2]])
        XCTAssertEqual(report.summary.peopleWithoutTies, 2)
        // At a high resolution every tie is a community: numbered 1, 2, … with no gap where the others had theirs.
        let split = try NetworkReport.build(store: store, resolution: 10)
        XCTAssertEqual(split.communities.map(\.number), Array(1...split.communities.count))
        XCTAssertTrue(try ReportFormat.md.render(report).contains("| People without ties (in no community) | 2 |"))
        XCTAssertTrue(try ReportFormat.csv.render(report).contains("summary,people_without_ties,,,,,,2,,"))
        // A face crop's file name with URL punctuation still links to that file.
        let linked = try ReportFormat.md.render(report, face: { _ in "../Faces/face1_#2 ?100%<x>.jpg" })
        XCTAssertTrue(linked.contains("![face](<../Faces/face1_%232%20%3F100%25%3Cx%3E.jpg>)"), linked)
    }

    func testReportOnAKnownStore() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let store = try knownStore(folder)
        let report = try NetworkReport.build(store: store, top: 4)
        let s = report.summary
        XCTAssertEqual([s.people, s.edges, s.photos, s.components, s.largestComponent, s.diameter], [7, 6, 7, 2, 5, 3])
        // networkx: density, average_shortest_path_length of the largest component, degree_assortativity_coefficient.
        XCTAssertEqual(s.density, 0.2857142857142857, accuracy: 1e-12)
        XCTAssertEqual(s.averagePathLength, 1.7, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(s.assortativity), 0.33333333333333304, accuracy: 1e-9)
        // networkx's louvain_communities finds {A, B, C}, {D, G}, {E, F}, modularity 0.3775510204081633.
        XCTAssertEqual(report.communities.map { $0.members.map(\.id).sorted() }, [[1, 2, 3], [4, 7], [5, 6]])
        XCTAssertEqual(s.modularity, 0.3775510204081633, accuracy: 1e-12)

        func ranking(_ measure: NetworkReport.Measure) throws -> NetworkReport.Ranking {
            try XCTUnwrap(report.rankings.first { $0.measure == measure })
        }
        XCTAssertEqual(report.rankings.map(\.measure), NetworkReport.Measure.allCases)
        // Degree 3 for C; then degree 2, more photos first (A: 3 photos), then by id.
        XCTAssertEqual(try ranking(.degree).entries.map(\.person.id), [3, 1, 2, 4])
        XCTAssertEqual(try ranking(.weightedDegree).entries.map(\.value), [3, 3, 3, 2])
        // networkx betweenness_centrality: C 0.26667, D 0.2; closeness C 0.5333, D 0.4444; PageRank C 0.17196.
        let betweenness = try ranking(.betweenness).entries
        XCTAssertEqual(betweenness.prefix(2).map(\.person.id), [3, 4])
        XCTAssertEqual(betweenness[0].value, 0.26666666666666666, accuracy: 1e-12)
        XCTAssertEqual(betweenness[1].value, 0.2, accuracy: 1e-12)
        XCTAssertEqual(try ranking(.closeness).entries[1].value, 0.4444444444444444, accuracy: 1e-12)
        XCTAssertEqual(try ranking(.harmonicCloseness).entries[0].value, 3.5, accuracy: 1e-12)
        XCTAssertEqual(try ranking(.pageRank).entries[0].value, 0.17195751580154225, accuracy: 1e-6)
        XCTAssertEqual(try ranking(.eigenvector).entries.map(\.person.id), [1, 2, 3, 4])
        XCTAssertEqual(try ranking(.eigenvector).entries[0].value, 0.5967818235156509, accuracy: 1e-6)

        XCTAssertEqual(report.ties.map { $0.people.map(\.id) }, [[1, 2], [1, 3], [2, 3], [3, 4]])
        XCTAssertEqual(report.ties[0].weight, 2)
        XCTAssertEqual(report.ties[0].photos, ["p1.jpg", "p2.jpg"])
        XCTAssertEqual(report.ties[3].photos, ["p3.jpg"])

        // HTML: names are text, never markup; no script anywhere; a policy that would block one anyway.
        let html = try ReportFormat.html.render(report)
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Bob&quot; | *x*"))
        XCTAssertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        XCTAssertTrue(html.contains("<td class=\"n\">0.2857</td>"))

        // Markdown: a table row stays one row, markup characters are escaped.
        let markdown = try ReportFormat.md.render(report)
        XCTAssertTrue(markdown.contains(#"| 2 |  | &lt;script\>alert\("x"\)&lt;/script\> &amp; "Bob" \| \*x\* | 3 | 2 |"#),
                      markdown)
        XCTAssertTrue(markdown.contains("Zoë, \"the\" one next line"))
        XCTAssertFalse(markdown.contains("<script"))

        // CSV: one long table, RFC 4180 quoting.
        let csv = try ReportFormat.csv.render(report)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "section,key,rank,person,name,other,other_name,value,photos,detail")
        XCTAssertTrue(lines.contains("summary,diameter,,,,,,3,,"))
        XCTAssertTrue(csv.contains(#"tie,1,1,1,"<script>alert(""x"")</script> & ""Bob"" | *x*",2,"Zoë, ""the"" one"#
                                   + "\nnext line\",2,,p1.jpg; p2.jpg\n"), csv)

        // JSON: parses, and holds the same numbers.
        let json = try ReportFormat.json.render(report)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["people"] as? Int, 7)
        XCTAssertEqual(try XCTUnwrap(summary["averagePathLength"] as? Double), 1.7, accuracy: 1e-12)
        let firstTie = try XCTUnwrap((object["ties"] as? [[String: Any]])?.first)
        XCTAssertEqual(firstTie["photos"] as? [String], ["p1.jpg", "p2.jpg"])
        XCTAssertEqual((firstTie["people"] as? [[String: Any]])?.first?["name"] as? String,
                       #"<script>alert("x")</script> & "Bob" | *x*"#)

        // Only people in at least 2 photos: A, B, C, D, G; the edges among them.
        let kept = try NetworkReport.build(store: store, minPhotos: 2)
        XCTAssertEqual([kept.summary.people, kept.summary.edges, kept.summary.components], [5, 5, 1])
    }

    func testEmptyStoreGivesAnEmptyReportInEveryFormat() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let store = try FaceStore(path: folder.appendingPathComponent("empty.sqlite").path)
        let report = try NetworkReport.build(store: store)
        XCTAssertEqual(report.summary.people, 0)
        XCTAssertNil(report.summary.assortativity)
        XCTAssertTrue(report.communities.isEmpty)
        for format in ReportFormat.allCases { XCTAssertFalse(try format.render(report).isEmpty) }
    }

    /// The whole command on ../shared/data/group-photos: run, then report in every format. The network is the
    /// one in Tests/AnalysisTests/group_photos_edges.json; the numbers are networkx's on it.
    func testReportCommandOnGroupPhotos() throws {
        let shared = try Fixtures.sharedData().appendingPathComponent("group-photos")
        guard FileManager.default.fileExists(atPath: Fixtures.models.appendingPathComponent(
            "dlib_face_recognition_resnet_model_v1.dat").path) else {
            throw XCTSkip("dlib models are missing in \(Fixtures.models.path): run Models/install")
        }
        let folder = try Fixtures.temporaryFolder(self)
        for name in try FileManager.default.contentsOfDirectory(atPath: shared.path)
        where name.hasSuffix(".jpg") || name.hasSuffix(".jpeg") {
            try FileManager.default.copyItem(at: shared.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        // The numbers below were worked out on DBSCAN's people; the default clustering is now agglomerative.
        let run = try Fixtures.runCLI(["run", folder.path, "--algorithm", "dbscan"])
        XCTAssertEqual(run.status, 0, run.stderr)

        var outputs: [ReportFormat: String] = [:]
        for format in ReportFormat.allCases {
            let file = folder.appendingPathComponent("report.\(format.rawValue)")
            let result = try Fixtures.runCLI(["report", folder.path, "--format", format.rawValue, "--output", file.path])
            XCTAssertEqual(result.status, 0, result.stderr)
            outputs[format] = try String(contentsOf: file, encoding: .utf8)
        }

        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outputs[.json]!.utf8)) as? [String: Any])
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["people"] as? Int, 15)
        XCTAssertEqual(summary["edges"] as? Int, 15)
        XCTAssertEqual(summary["photos"] as? Int, 42)
        XCTAssertEqual(summary["components"] as? Int, 7)
        XCTAssertEqual(summary["largestComponent"] as? Int, 6)
        XCTAssertEqual(summary["diameter"] as? Int, 2)
        XCTAssertEqual(try XCTUnwrap(summary["density"] as? Double), 0.14285714285714285, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(summary["averagePathLength"] as? Double), 1.2, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(summary["assortativity"] as? Double), 0.6428571428571436, accuracy: 1e-9)
        // The strongest tie: two people in faceapi__bbt1.jpg and faceapi__bbt3.jpg.
        let tie = try XCTUnwrap((object["ties"] as? [[String: Any]])?.first)
        XCTAssertEqual(tie["weight"] as? Int, 2)
        XCTAssertEqual(tie["photos"] as? [String], ["faceapi__bbt1.jpg", "faceapi__bbt3.jpg"])

        // HTML embeds one face per person shown in a ranking, each a JPEG data URI; nothing is fetched.
        let html = try XCTUnwrap(outputs[.html])
        let shown = Set((try XCTUnwrap(object["rankings"] as? [[String: Any]])).flatMap {
            ($0["entries"] as? [[String: Any]] ?? []).compactMap { ($0["person"] as? [String: Any])?["faceID"] as? Int }
        })
        XCTAssertEqual(html.components(separatedBy: "background-image:url(data:image/jpeg;base64,").count - 1, shown.count)
        XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("src=\"file"))
        // Markdown links each shown face's crop, relative to the report's folder.
        XCTAssertTrue(try XCTUnwrap(outputs[.md]).contains("![face](<Face%20Network/Faces/"))
        XCTAssertTrue(try XCTUnwrap(outputs[.csv]).hasPrefix("section,key,rank,person,name,other,other_name,value,photos,detail\n"))
    }
}
