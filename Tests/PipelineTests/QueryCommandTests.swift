import Foundation
import XCTest

/// `face-network query` as a user runs it: `-e`, a script on standard input, formats, errors and exit codes, on
/// networks built from real photos by the pipeline.
final class QueryCommandTests: XCTestCase {
    /// The README sample (t1.jpg's six people, each in that photo only, plus Obama's four photos and Biden's one),
    /// clustered so that one photo makes a person: 8 people, the six linked to each other.
    private func sampleNetwork() throws -> URL {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        for name in ["t1.jpg", "obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg", "32bit.png"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let run = try Fixtures.runCLI(["run", folder.path, "--min-cluster-size", "1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        return folder
    }

    private func csvRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func testExecuteAndScriptsOnTheSampleNetwork() throws {
        let folder = try sampleNetwork()
        let people = try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "people"])
        XCTAssertEqual(people.status, 0, people.stderr)
        let photos = Dictionary(uniqueKeysWithValues: csvRows(people.stdout).map { ($0[0], Int($0[2])!) })
        XCTAssertEqual(photos.count, 8)
        let obama = try XCTUnwrap(photos.first { $0.value == 4 }?.key)
        // t1.jpg's six: each appears with the five others; Obama and Biden with nobody.
        let degrees = try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "top 8 by degree"])
        XCTAssertEqual(csvRows(degrees.stdout).map { $0[3] }, ["5", "5", "5", "5", "5", "5"])
        let six = csvRows(degrees.stdout).map { $0[1] }
        let group = try Fixtures.runCLI(["query", folder.path, "--format", "csv",
                                         "-e", "photos with " + six.joined(separator: " and ")])
        XCTAssertEqual(csvRows(group.stdout).map { $0[1] }, ["t1.jpg"])
        // -e repeated: each runs in turn, and lines count on across them.
        let both = try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "top 1 by degree",
                                        "-e", "people\ntop 1 by pagerank"])
        let headers = both.stdout.split(separator: "\n").filter { $0.hasPrefix("rank,") || $0.hasPrefix("person,") }
        XCTAssertEqual(headers.map { $0.split(separator: ",").last! }, ["degree", "faces", "pagerank"], both.stdout)
        let comment = try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "-- who is there\npeople"])
        XCTAssertEqual(comment.status, 0, comment.stderr)   // a query may start with a comment, '--' and all
        let third = try Fixtures.runCLI(["query", folder.path, "-e", "people", "-e", "people\npeeple", "-e", "people"])
        XCTAssertEqual(third.status, 1)
        XCTAssertTrue(third.stderr.hasPrefix("error: line 3, column 1: unknown statement 'peeple'"), third.stderr)
        let chain = try Fixtures.runCLI(["query", folder.path, "-e", "path from \(six[0]) to \(obama)"])
        XCTAssertEqual(chain.status, 0, chain.stderr)
        XCTAssertTrue(chain.stdout.hasSuffix("no chain of co-appearances links person \(six[0]) and person \(obama)\n"), chain.stdout)

        // Editing from -e: the name works in the next process, and a merge redraws the mosaics (one fewer person).
        let clusters = folder.appendingPathComponent("Face Network/Clusters")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: clusters.path).count, 8)
        let named = try Fixtures.runCLI(["query", folder.path, "-e", #"name \#(six[0]) as "Zoë \"Z\" O'Neil"; merge \#(six[1]) into \#(six[2])"#])
        XCTAssertEqual(named.status, 0, named.stderr)
        let profile = try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", #"person 'Zoë "Z" O\'Neil'"#])
        XCTAssertTrue(profile.stdout.contains("name,\"Zoë \"\"Z\"\" O'Neil\"\n"), profile.stdout + profile.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: clusters.path).count, 7)
        XCTAssertEqual(try Fixtures.runCLI(["query", folder.path, "-e", "undo; undo"]).status, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: clusters.path).count, 8)

        // A script: results as each line runs; the first failing line is named, later lines are not run.
        let script = ".format json\nwithin 1 of \(six[1])\n\n-- a comment\nwho appears with 999\npeople\n"
        let scripted = try Fixtures.runCLI(["query", folder.path], input: script)
        XCTAssertEqual(scripted.status, 1)
        let ego = try JSONSerialization.jsonObject(with: Data(scripted.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(ego?.count, 6, scripted.stdout)
        XCTAssertEqual(scripted.stderr, """
            error: line 5, column 18: there is no person 999; 'people' lists everyone
              who appears with 999
                               ^~~

            """)
        // A script that ends well exits 0; .quit stops it.
        let quiet = try Fixtures.runCLI(["query", folder.path], input: "people\n.quit\nbogus\n")
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertTrue(quiet.stdout.hasSuffix("8 people\n"), quiet.stdout)
    }

    func testErrorsAndMissingStore() throws {
        let folder = try Fixtures.temporaryFolder(self)
        XCTAssertEqual(try Fixtures.runCLI(["run", folder.path]).status, 0)   // an empty network
        let typo = try Fixtures.runCLI(["query", folder.path, "-e", "who apears with 1"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertEqual(typo.stdout, "")
        XCTAssertEqual(typo.stderr, """
            error: line 1, column 5: expected 'appears' but found 'apears'; did you mean 'appears'?
              who apears with 1
                  ^~~~~~

            """)
        let schema = try Fixtures.runCLI(["query", folder.path, "-e", ".schema"])
        XCTAssertTrue(schema.stdout.contains("CREATE TABLE edge_photos"), schema.stdout)
        let empty = try Fixtures.temporaryFolder(self)
        let missing = try Fixtures.runCLI(["query", empty.path, "-e", "people"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no face-network database at"), missing.stderr)
    }

    /// The shell on a terminal (a pseudo-terminal from util-linux's `script`): Tab completes a keyword, history is
    /// written beside the database and read back by the next session, where Ctrl-P recalls the last line.
    func testInteractiveShellCompletesAndKeepsHistory() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("util-linux's script is not installed; the shell needs a terminal")
        }
        let folder = try Fixtures.temporaryFolder(self)
        XCTAssertEqual(try Fixtures.runCLI(["run", folder.path]).status, 0)
        let command = [Fixtures.executable.path, "query", folder.path].map { "'\($0)'" }.joined(separator: " ")
        func session(_ keys: String) throws -> String {
            let result = try Fixtures.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qfec", command, "/dev/null"], input: keys)
            XCTAssertEqual(result.status, 0, result.stderr)
            return result.stdout
        }
        // "peo" alone is no statement: the answer shows that Tab made it "people".
        let first = try session("peo\t\n.quit\n")
        XCTAssertTrue(first.contains("0 people"), first)
        XCTAssertFalse(first.contains("unknown statement"), first)
        let history = try String(contentsOf: folder.appendingPathComponent("Face Network/Data/query_history"), encoding: .utf8)
        XCTAssertTrue(history.contains("people"), history)
        // Ctrl-P twice: back past ".quit" to "people" (the arrow keys depend on the terminal type).
        let second = try session("\u{10}\u{10}\n.quit\n")
        XCTAssertTrue(second.contains("0 people"), second)
    }

    /// On the network of ../shared/data/group-photos, every answer agrees with one computed here from the exported
    /// edges by a plain breadth-first search, set arithmetic and counting.
    func testGroupPhotosNetworkAgreesWithItsEdges() throws {
        let shared = try Fixtures.sharedData()
        let folder = try Fixtures.temporaryFolder(self).appendingPathComponent("group-photos")
        try FileManager.default.copyItem(at: shared.appendingPathComponent("group-photos"), to: folder)
        XCTAssertEqual(try Fixtures.runCLI(["run", folder.path]).status, 0)
        let exported = csvRows(try Fixtures.runCLI(["export", folder.path, "edges"]).stdout)
        var neighbours: [Int: [Int: Int]] = [:]
        for edge in exported {
            let (a, b, w) = (Int(edge[0])!, Int(edge[1])!, Int(edge[2])!)
            neighbours[a, default: [:]][b] = w
            neighbours[b, default: [:]][a] = w
        }
        let people = neighbours.keys.sorted()
        XCTAssertGreaterThanOrEqual(people.count, 8, "people seen in two photos or more, linked")
        func distances(from source: Int) -> [Int: Int] {
            var distance = [source: 0], queue = [source], index = 0
            while index < queue.count {
                let person = queue[index]; index += 1
                for next in neighbours[person, default: [:]].keys where distance[next] == nil {
                    distance[next] = distance[person]! + 1
                    queue.append(next)
                }
            }
            return distance
        }
        // Several statements per person in one script; each result is a CSV block.
        let chosen = Array(people.prefix(12))
        var script = [".format csv"]
        for (index, person) in chosen.enumerated() {
            let other = chosen[(index + 5) % chosen.count]
            script += ["who appears with \(person)", "within 2 of \(person)", "path from \(person) to \(other)",
                       "mutual \(person) and \(other)", "with \(person) but not with \(other)", "suggest for \(person)"]
        }
        let result = try Fixtures.runCLI(["query", folder.path], input: script.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        var blocks: [[[String]]] = []
        for line in result.stdout.split(separator: "\n") {
            if line.hasPrefix("person,name") || line.hasPrefix("step,person") {
                blocks.append([])
            } else {
                blocks[blocks.count - 1].append(line.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
            }
        }
        XCTAssertEqual(blocks.count, chosen.count * 6)
        for (index, person) in chosen.enumerated() {
            let other = chosen[(index + 5) % chosen.count]
            let ties = blocks[6 * index]
            var found: [Int: Int] = [:]
            for tie in ties { found[Int(tie[0])!] = Int(tie[2])! }
            XCTAssertEqual(found, neighbours[person]!)
            let weights = ties.map { Int($0[2])! }
            XCTAssertEqual(weights, weights.sorted(by: >), "strongest first")
            let distance = distances(from: person)
            var ego: [Int: Int] = [:]
            for row in blocks[6 * index + 1] { ego[Int(row[0])!] = Int(row[2])! }
            XCTAssertEqual(ego, distance.filter { $0.value <= 2 })
            let chain = blocks[6 * index + 2].map { Int($0[1])! }
            if let length = distance[other] {
                XCTAssertEqual(chain.count - 1, length, "path from \(person) to \(other)")
                XCTAssertEqual(chain.first, person)
                XCTAssertEqual(chain.last, other)
                for (a, b) in zip(chain, chain.dropFirst()) { XCTAssertNotNil(neighbours[a]?[b], "\(a)–\(b) is an edge") }
            } else {
                XCTAssertEqual(chain, [])
            }
            let mutual = Set(blocks[6 * index + 3].map { Int($0[0])! })
            let common = Set(neighbours[person]!.keys).intersection(neighbours[other]!.keys)
            XCTAssertEqual(mutual, common)
            let lacking = neighbours[person]!.filter { $0.key != other && neighbours[other]![$0.key] == nil }
                .sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }
            XCTAssertEqual(blocks[6 * index + 4].map { [Int($0[0])!, Int($0[2])!] }, lacking.map { [$0.key, $0.value] })
            // Friends of friends who are not friends, by mutual friends, then photos through them, then id.
            var mutualFriends: [Int: (count: Int, photos: Int)] = [:]
            for (friend, _) in neighbours[person]! {
                for (candidate, weight) in neighbours[friend]! where candidate != person && neighbours[person]![candidate] == nil {
                    mutualFriends[candidate, default: (0, 0)].count += 1
                    mutualFriends[candidate, default: (0, 0)].photos += weight
                }
            }
            let suggested = mutualFriends.sorted { ($0.value.count, $0.value.photos, -$0.key) > ($1.value.count, $1.value.photos, -$1.key) }
                .prefix(10).map { [$0.key, $0.value.count, $0.value.photos] }
            XCTAssertEqual(blocks[6 * index + 5].map { [Int($0[0])!, Int($0[2])!, Int($0[3])!] }, Array(suggested))
        }
        // Rankings by degree and weighted degree, from the edges.
        let ranked = { (value: (Int) -> Int) in
            people.map { [$0, value($0)] }.sorted { ($0[1], -$0[0]) > ($1[1], -$1[0]) }.prefix(5).map { $0 }
        }
        for (measure, value) in [("degree", { neighbours[$0]!.count }), ("weighted degree", { neighbours[$0]!.values.reduce(0, +) })] as [(String, (Int) -> Int)] {
            let top = csvRows(try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "top 5 by \(measure)"]).stdout)
            XCTAssertEqual(top.map { [Int($0[1])!, Int($0[3])!] }, ranked(value), measure)
        }
        // Communities split the linked people; a profile counts the photos export counts.
        let communities = csvRows(try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "communities"]).stdout)
        XCTAssertFalse(communities.isEmpty)
        let exportedPeople = csvRows(try Fixtures.runCLI(["export", folder.path, "people"]).stdout)
        let profile = csvRows(try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "person \(people[0])"]).stdout)
        XCTAssertEqual(profile[2], ["photos", exportedPeople.first { Int($0[0]) == people[0] }![2]])
        XCTAssertEqual(profile[6], ["appears with", String(neighbours[people[0]]!.count)])
        // t1.jpg's six people are one group photo: they all appear together in it.
        let faces = csvRows(try Fixtures.runCLI(["export", folder.path, "faces"]).stdout)
        let t1 = faces.filter { $0[0] == "insightface__t1.jpg" }.map(\.[6])
        XCTAssertEqual(t1.count, 6)
        if !t1.contains("") {
            let photos = try Fixtures.runCLI(["query", folder.path, "--format", "csv", "-e", "photos with " + t1.joined(separator: ", ")])
            XCTAssertTrue(csvRows(photos.stdout).map { $0[1] }.contains("insightface__t1.jpg"), photos.stdout)
        }
    }
}
