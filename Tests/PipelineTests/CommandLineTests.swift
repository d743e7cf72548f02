import Analysis
import Foundation
import Pipeline
import Store
import XCTest

/// The `face-network` executable as a user runs it: exit codes, messages and the files it writes.
final class CommandLineTests: XCTestCase {
    private func run(_ arguments: [String]) throws -> CLIResult { try Fixtures.runCLI(arguments) }

    /// The AVX2 build of the HOG detector (used when the CPU has AVX2 and FMA) finds exactly the faces of the
    /// baseline build that runs on any x86-64.
    func testAVX2AndBaselineHOGBuildsAgree() throws {
        let images = try Fixtures.testImages()
        var exports: [String: String] = [:]
        for build in ["baseline", "default"] {
            let folder = try Fixtures.temporaryFolder(self)
            for name in try FileManager.default.contentsOfDirectory(atPath: images.path) {
                try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
            let result = try Fixtures.runCLI(["extract", folder.path], environment: build == "baseline" ? ["FACE_NETWORK_HOG": "baseline"] : [:])
            XCTAssertEqual(result.status, 0, result.stderr)
            if build == "baseline" { XCTAssertTrue(result.stdout.contains("(HOG: baseline build)"), result.stdout) }
            exports[build] = try run(["export", folder.path, "faces"]).stdout
        }
        XCTAssertEqual(exports["baseline"]?.split(separator: "\n").count, 14)
        XCTAssertEqual(exports["baseline"], exports["default"])
        let typo = try Fixtures.runCLI(["extract", try Fixtures.temporaryFolder(self).path],
                                       environment: ["FACE_NETWORK_HOG": "basline"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertFalse(typo.stderr.contains("Usage:"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("FACE_NETWORK_HOG=basline names no HOG build: use auto"), typo.stderr)
    }

    func testMissingFolderIsAClearErrorWithNonZeroExit() throws {
        let result = try run(["run", "/nonexistent/photos"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("the photo folder /nonexistent/photos does not exist"), result.stderr)
    }

    func testCommandsThatReadTheStoreRefuseAFolderNeverExtracted() throws {
        let folder = try Fixtures.temporaryFolder(self)
        for command in [["export", folder.path, "people"], ["cluster", folder.path], ["network", folder.path]] {
            let result = try run(command)
            XCTAssertEqual(result.status, 1, command.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains("no face-network database at \(folder.path)/Face Network/Data/FaceNetwork.sqlite"),
                          result.stderr)
            XCTAssertFalse(result.stderr.contains("Usage:"), result.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Face Network").path))
        // '..' after a symbolic link leads out of the link's target, as the kernel takes it, not back beside the link.
        let target = folder.appendingPathComponent("real/sub"), link = folder.appendingPathComponent("link")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let dotted = try run(["export", link.path + "/..", "people"])
        let expected = folder.resolvingSymlinksInPath().appendingPathComponent("real/Face Network/Data/FaceNetwork.sqlite").path
        XCTAssertTrue(dotted.stderr.contains("no face-network database at \(expected)"), dotted.stderr)
        // An empty file given as the store is not taken for one by a command that reads.
        let empty = folder.appendingPathComponent("empty.sqlite")
        XCTAssertTrue(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        let fromEmpty = try run(["query", folder.path, "--db", empty.path, "-e", "people"])
        XCTAssertEqual(fromEmpty.status, 1)
        XCTAssertTrue(fromEmpty.stderr.contains("no face-network database at \(empty.path) (the file is empty)"), fromEmpty.stderr)
        XCTAssertEqual(try Data(contentsOf: empty).count, 0)
        let badOutput = try run(["run", folder.path, "--scale", "nan"])
        XCTAssertNotEqual(badOutput.status, 0)
        XCTAssertTrue(badOutput.stderr.contains("--scale must be a number above 0 and at most 1000"), badOutput.stderr)
        // A negative number after an option is its value (out of range here), not a missing value.
        for (option, message) in [("--upsample", "--upsample must be from 0 to 4"),
                                  ("--min-cluster-size", "--min-cluster-size must be at least 1")] {
            let negative = try run(["run", folder.path, option, "-1"])
            XCTAssertNotEqual(negative.status, 0, option)
            XCTAssertTrue(negative.stderr.contains(message), negative.stderr)
        }
    }

    func testEmptyFolderRunsToTheEndWithEmptyOutputs() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let result = try run(["run", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("summary: 0 photos, 0 faces, 0 people, 0 edges, 0 failed files"), result.stdout)
        let data = folder.appendingPathComponent("Face Network/Data")
        XCTAssertEqual(try String(contentsOf: data.appendingPathComponent("Edges.csv"), encoding: .utf8),
                       "source,target,weight,first_taken_at,last_taken_at\n")
        XCTAssertTrue(try String(contentsOf: data.appendingPathComponent("Image_Network.svg"), encoding: .utf8).contains("</svg>"))
        XCTAssertTrue(try String(contentsOf: data.appendingPathComponent("Image_Network.html"), encoding: .utf8).contains("\"links\":[]"))
    }

    /// Re-clustering the README's sample (run with --min-cluster-size 1) with the defaults says why faces are now
    /// unassigned and that the person size differs from the clustering before; the network files are called
    /// outdated exactly while they show other people than the store holds.
    func testReclusteringSaysWhyFacesAreUnassignedAndWhetherTheNetworkIsOutdated() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        for name in ["t1.jpg", "obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg", "32bit.png"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let sample = try run(["run", folder.path, "--min-cluster-size", "1", "--no-mosaic"])
        XCTAssertEqual(sample.status, 0, sample.stderr)
        XCTAssertTrue(sample.stdout.contains("cluster: 11 faces, 8 people, 0 faces unassigned\n"), sample.stdout)
        let outdated = "cluster: the network page, SVG and Edges.csv still show the people before; "
            + "face-network network \(folder.path) redraws them"

        // Obama's four faces stay a person; the seven people seen once are unassigned, and the output says why.
        let defaults = try run(["cluster", folder.path, "--no-mosaic"])
        XCTAssertEqual(defaults.status, 0, defaults.stderr)
        XCTAssertTrue(defaults.stdout.contains("cluster: 11 faces, 1 person, 7 faces unassigned\n"
            + "cluster: the unassigned faces are in groups of fewer than --min-cluster-size 2 faces "
            + "(--min-cluster-size 1 keeps every face)\n"
            + "cluster: --min-cluster-size 2, where the clustering before used 1\n"), defaults.stdout)
        XCTAssertTrue(defaults.stdout.contains(outdated), defaults.stdout)
        // The same people again: the files still show the eight of `run`, so they are still outdated.
        let again = try run(["cluster", folder.path, "--no-mosaic"])
        XCTAssertFalse(again.stdout.contains("where the clustering before"), again.stdout)
        XCTAssertTrue(again.stdout.contains(outdated), again.stdout)
        // Redrawn, then the same people: nothing to redraw; other people: outdated again.
        XCTAssertEqual(try run(["network", folder.path]).status, 0)
        let same = try run(["cluster", folder.path, "--no-mosaic"])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertFalse(same.stdout.contains("still show the people before"), same.stdout)
        let kept = try run(["cluster", folder.path, "--no-mosaic", "--min-cluster-size", "1"])
        XCTAssertTrue(kept.stdout.contains("cluster: 11 faces, 8 people, 0 faces unassigned\n"
            + "cluster: --min-cluster-size 1, where the clustering before used 2\n"), kept.stdout)
        XCTAssertTrue(kept.stdout.contains(outdated), kept.stdout)
        // DBSCAN names its noise as a reason too.
        let dbscan = try run(["cluster", folder.path, "--no-mosaic", "--algorithm", "dbscan", "--min-cluster-size", "1"])
        XCTAssertEqual(dbscan.status, 0, dbscan.stderr)
        XCTAssertTrue(dbscan.stdout.contains("cluster: the unassigned faces are noise to dbscan\n"), dbscan.stdout)
    }

    /// The settings the stored faces were found with are those of the last extract that read photos: a run with
    /// other settings and nothing new to read changes neither what find uses nor what the next extract compares with.
    func testARunThatReadNothingDoesNotStandForTheStoredFaces() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        try FileManager.default.copyItem(at: images.appendingPathComponent("obama.jpg"), to: folder.appendingPathComponent("obama.jpg"))
        XCTAssertEqual(try run(["extract", folder.path]).status, 0)
        let other = try run(["extract", folder.path, "--upsample", "2"])
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(other.stderr.contains("warning: photos read before with upsample 1 are not read again with 2"), other.stderr)
        let again = try run(["extract", folder.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(again.stderr.contains("photos read before"), again.stderr)
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        XCTAssertEqual(try store.lastRunParameters(command: "extract")?["upsample"], "1")
        // A new photo read with --upsample 2: from then on the newest faces were found that way.
        try FileManager.default.copyItem(at: images.appendingPathComponent("biden.jpg"), to: folder.appendingPathComponent("biden.jpg"))
        XCTAssertEqual(try run(["extract", folder.path, "--upsample", "2"]).status, 0)
        XCTAssertEqual(try store.lastRunParameters(command: "extract")?["upsample"], "2")
    }

    /// Byte-identical copies are one photo: labelled differently under their two paths, evaluate refuses to pick
    /// one of the labels, and names both paths; labelled alike, it scores the photo once.
    func testEvaluateRefusesTwoLabelsOfOnePicture() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("copy"), withIntermediateDirectories: true)
        for name in ["obama.jpg", "biden.jpg", "copy/biden.jpg"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(URL(fileURLWithPath: name).lastPathComponent),
                                             to: folder.appendingPathComponent(name))
        }
        XCTAssertEqual(try run(["run", folder.path, "--min-cluster-size", "1", "--no-mosaic"]).status, 0)
        let labels = folder.appendingPathComponent("labels.csv")
        try "path,identity\nbiden.jpg,Joe\ncopy/biden.jpg,Obama\nobama.jpg,Obama\n".write(to: labels, atomically: true, encoding: .utf8)
        let refused = try run(["evaluate", folder.path, "--truth", labels.path])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("biden.jpg and copy/biden.jpg are the same picture (byte-identical copies, "
            + "one photo in the store) but are labelled Joe and Obama"), refused.stderr)
        try "path,identity\nbiden.jpg,Joe\ncopy/biden.jpg,Joe\nobama.jpg,Obama\n".write(to: labels, atomically: true, encoding: .utf8)
        let scored = try run(["evaluate", folder.path, "--truth", labels.path, "--json"])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        XCTAssertTrue(scored.stdout.replacingOccurrences(of: " ", with: "").contains("\"labelledPhotos\":2,"), scored.stdout)
    }

    /// find takes a photo file: a device or pipe is refused by what it is, not by a misleading read error, and an
    /// empty path as a usage error.
    func testFindRefusesAFileThatIsNoPhotoFile() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let result = try run(["find", folder.path, "/dev/null"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("/dev/null: not a regular file (a device, pipe or socket), not a photo; "
                                             + "find takes one photo file"), result.stderr)
        // A symbolic link to nothing is no file, and says where it points.
        let dangling = folder.appendingPathComponent("gone.jpg")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "nowhere/photo.jpg")
        let linked = try run(["find", folder.path, dangling.path])
        XCTAssertEqual(linked.status, 1)
        XCTAssertTrue(linked.stderr.contains("gone.jpg: a symbolic link to nowhere/photo.jpg, which does not exist; "
                                             + "find takes one photo file"), linked.stderr)
        let missing = try run(["find", folder.path, folder.appendingPathComponent("absent.jpg").path])
        XCTAssertTrue(missing.stderr.contains("absent.jpg: no such file; find takes one photo file"), missing.stderr)
        // An empty path is a usage error, not the current folder ("a folder, not a photo"); so is an empty --truth.
        let empty = try run(["find", folder.path, ""])
        XCTAssertEqual(empty.status, 64, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("the photo to look for is an empty path"), empty.stderr)
        let noTruth = try run(["evaluate", folder.path, "--truth", ""])
        XCTAssertEqual(noTruth.status, 64, noTruth.stderr)
        XCTAssertTrue(noTruth.stderr.contains("--truth is an empty path; give a labels CSV file or the photo folder"),
                      noTruth.stderr)
    }

    /// A photo gone since the last run takes its face out of its person: extract redraws that person's mosaic (or
    /// removes it with the person) so that check finds nothing, and says the network files are now stale.
    func testExtractAfterAPhotoIsGoneRedrawsMosaicsAndSaysTheNetworkIsStale() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        for name in ["obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let first = try run(["run", folder.path, "--min-cluster-size", "1"])
        XCTAssertEqual(first.status, 0, first.stderr)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("obama3.jpg"))
        let again = try run(["extract", folder.path])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("1 gone since the last run"), again.stdout)
        XCTAssertTrue(again.stdout.contains("mosaics: 1 redrawn for the people of photos gone or changed since the last run"), again.stdout)
        XCTAssertTrue(again.stdout.contains("extract: the network page, SVG and Edges.csv do not show the people the store "
                                            + "holds now; face-network network "), again.stdout)
        let check = try run(["check", folder.path])
        XCTAssertEqual(check.status, 0, check.stdout)
        // Once redrawn, nothing is stale.
        XCTAssertEqual(try run(["network", folder.path]).status, 0)
        XCTAssertFalse(try run(["extract", folder.path]).stdout.contains("do not show the people"))
        // A photo changed in place (another picture saved under its name) takes its old face out of its person too.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("obama2.jpg"))
        try FileManager.default.copyItem(at: images.appendingPathComponent("obama3.jpg"), to: folder.appendingPathComponent("obama2.jpg"))
        let changed = try run(["extract", folder.path])
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertTrue(changed.stdout.contains("mosaics: 1 redrawn for the people of photos gone or changed since the last run"),
                      changed.stdout)
        XCTAssertEqual(try run(["check", folder.path]).status, 0)
    }

    /// `cluster` prints the limits it uses: a limit given stays as given, the other follows the number of faces; an
    /// option of another algorithm is an error; a dendrogram that cannot be written is refused with the options,
    /// before any work (in `run`, before extraction).
    func testClusterLimitsAndAnUnwritableDendrogram() throws {
        let folder = try Fixtures.temporaryFolder(self)
        XCTAssertEqual(try run(["run", folder.path]).status, 0)
        let given = try run(["cluster", folder.path, "--threshold", "0.6", "--no-mosaic"])
        XCTAssertEqual(given.status, 0, given.stderr)
        XCTAssertTrue(given.stdout.contains("merging below 0.523 (two single faces) to 0.600 (large clusters) for 0 faces"),
                      given.stdout)
        // `run` drew the network of no people; this clustering gives no people either: nothing to redraw.
        XCTAssertFalse(given.stdout.contains("still show the people before"), given.stdout)
        let both = try run(["cluster", folder.path, "--threshold", "0.6", "--face-threshold", "0.5", "--no-mosaic"])
        XCTAssertTrue(both.stdout.contains("merging below 0.500 (two single faces) to 0.600 (large clusters)\n"), both.stdout)
        XCTAssertFalse(both.stdout.contains("inverted-file index"), both.stdout)   // exact below 200,000 faces
        // An option of another algorithm is refused by name, not ignored.
        for arguments in [["--eps", "0.3"], ["--algorithm", "dbscan", "--linkage", "single"],
                          ["--algorithm", "chinese-whispers", "--face-threshold", "0.4"]] {
            let result = try run(["cluster", folder.path] + arguments)
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertTrue(result.stderr.contains("\(arguments.count == 2 ? arguments[0] : arguments[2]) does not apply to --algorithm"),
                          result.stderr)
        }
        let several = try run(["cluster", folder.path, "--eps", "0.3", "--iterations", "2", "--linkage", "single"])
        XCTAssertTrue(several.stderr.contains("--iterations and --eps do not apply to --algorithm ahc"), several.stderr)
        for (path, message) in [("/nonexistent-folder/tree.svg", "cannot write /nonexistent-folder/tree.svg"),
                                ("", "--dendrogram needs a file name")] {
            let result = try run(["cluster", folder.path, "--dendrogram", path])
            XCTAssertEqual(result.status, 64, result.stderr)   // refused with the other bad options, before any work
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
            XCTAssertFalse(result.stdout.contains("cluster:"), result.stdout)
        }
    }

    /// --approximate says that the face pairs come from the index, how many groups were searched and what share of
    /// a sample's exact pairs that reached, as measured (here 5 faces, no pair within the limits to measure with).
    func testApproximateClusteringSaysSo() throws {
        let folder = try Fixtures.temporaryFolder(self)
        let store = try FaceStore(path: FaceStore.defaultPath(forPhotos: folder).path)
        _ = try Fixtures.photosOfOneFace(5, in: folder, store: store)
        let approximate = try run(["cluster", folder.path, "--approximate", "--no-mosaic"])
        XCTAssertEqual(approximate.status, 0, approximate.stderr)
        XCTAssertTrue(approximate.stdout.contains("cluster: face pairs found through an inverted-file index (approximate): "
                                                  + "all 5 k-means groups searched for each face (the 5 sampled faces had "
                                                  + "no pair within the limits to measure the share found); the default "
                                                  + "from 200,000 faces; --exact finds every pair\n"),
                      approximate.stdout)
        // At scale the line gives the measured share, not the target.
        let measured = ApproximateSearch(lists: 1789, probes: 48, estimatedRecall: 0.99935, sampleRows: 2000, samplePairs: 15385)
        XCTAssertEqual(measured.summary, "face pairs found through an inverted-file index (approximate): the 48 nearest of "
                       + "1789 k-means groups searched for each face, which reached 99.94 % of the 15385 exact pairs of 2000 "
                       + "sampled faces (the target: 99.9 %); the default from 200,000 faces; --exact finds every pair")
        let exact = try run(["cluster", folder.path, "--no-mosaic"])
        XCTAssertFalse(exact.stdout.contains("inverted-file index"), exact.stdout)
    }

    /// `--output` replaces a regular file atomically but writes through anything else: a symbolic link stays a link
    /// (its target gets the text) and a device stays a device; a full device or a folder is an error naming it.
    func testOutputWritesThroughLinksAndDevicesAndReportsWriteErrors() throws {
        let folder = try Fixtures.temporaryFolder(self)
        XCTAssertEqual(try run(["run", folder.path]).status, 0)
        let target = folder.appendingPathComponent("target.csv"), link = folder.appendingPathComponent("link.csv")
        try "old\n".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        XCTAssertEqual(try run(["export", folder.path, "edges", "--output", link.path]).status, 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link.path), target.path)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "source,target,weight,first_taken_at,last_taken_at\n")

        let full = try run(["export", folder.path, "edges", "--output", "/dev/full"])
        XCTAssertEqual(full.status, 1)
        XCTAssertTrue(full.stderr.contains("cannot write /dev/full: No space left on device"), full.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "/dev/full"))
        // A path that cannot be written is refused with the options, before the work (as --dendrogram is).
        let intoFolder = try run(["report", folder.path, "--output", folder.path])
        XCTAssertEqual(intoFolder.status, 64)
        XCTAssertTrue(intoFolder.stderr.contains("cannot write \(folder.path): it is a folder"), intoFolder.stderr)
        // Paths that cannot be a file say why in words; '-' is standard output.
        for (output, message) in [("\(folder.path)/new/", "give a file name (the path ends with '/')"),
                                  ("\(target.path)/x.svg", "\(target.path) is a file, not a folder"),
                                  ("\(folder.path)/missing/x.svg", "the folder \(folder.path)/missing does not exist")] {
            let refused = try run(["export", folder.path, "svg", "--output", output])
            XCTAssertEqual(refused.status, 64, output)
            XCTAssertTrue(refused.stderr.contains(message), refused.stderr)
        }
        XCTAssertTrue(try run(["export", folder.path, "edges", "--output", "-"]).stdout.hasPrefix("source,target"))
        let csvIntoFile = try run(["export", folder.path, "csv", "--output", target.path])
        XCTAssertTrue(csvIntoFile.stderr.contains("it is a file; csv needs a folder"), csvIntoFile.stderr)
    }

    /// The sample of the README's first command: t1.jpg's six people, each in that one photo, are linked to each
    /// other when a person may be seen once; Obama's four photos make one more person, Biden another.
    func testSampleNetworkLinksTheSixPeopleOfTheGroupPhoto() throws {
        let images = try Fixtures.testImages()
        let folder = try Fixtures.temporaryFolder(self)
        for name in ["t1.jpg", "obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg", "32bit.png"] {
            try FileManager.default.copyItem(at: images.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try Data("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8).write(to: folder.appendingPathComponent("animation.gif"))
        let result = try run(["run", folder.path, "--min-cluster-size", "1"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("summary: 6 photos, 11 faces, 8 people, 15 edges, 1 failed file"), result.stdout)
        XCTAssertTrue(result.stdout.contains("failed: animation.gif: GIF decoding failed: "), result.stdout)

        let edges = try String(contentsOf: folder.appendingPathComponent("Face Network/Data/Edges.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        XCTAssertEqual(edges.count, 15)
        // Weight 1, and t1.jpg has no EXIF date: both date columns are empty.
        XCTAssertTrue(edges.allSatisfy { $0.hasSuffix(",1,,") }, edges.joined(separator: "\n"))
        let people = try run(["export", folder.path, "people"])
        XCTAssertEqual(people.status, 0, people.stderr)
        // Obama: obama.jpg, obama2.jpg, obama3.jpg, 32bit.png; Biden and the six: one photo each.
        XCTAssertEqual(people.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }.sorted(),
                       ["1", "1", "1", "1", "1", "1", "1", "4"])
        let mosaics = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("Face Network/Clusters").path)
        XCTAssertEqual(mosaics.count, 8)
        let faces = try run(["export", folder.path, "faces", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(faces.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(rows.count, 11)
        let obama = try XCTUnwrap(rows.first { $0["photo"] as? String == "obama.jpg" })
        XCTAssertEqual([obama["left"], obama["top"], obama["right"], obama["bottom"]] as? [Int], [349, 142, 617, 409])

        // Editing from the command line: merging two people of t1.jpg warns that they share a photo; undo restores
        // the 15 edges; a name with a line break is refused.
        let pair = edges.first!.split(separator: ",").prefix(2).map(String.init)
        let merge = try run(["people", folder.path, "merge", pair[0], pair[1], "--no-mosaic"])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertTrue(merge.stderr.contains("warning: people \(pair[0]) and \(pair[1]) appear together in 1 photo"), merge.stderr)
        XCTAssertTrue(merge.stdout.contains("people: edit 1: merged \(pair[1]) into \(pair[0])"), merge.stdout)
        XCTAssertEqual(try run(["people", folder.path, "undo", "--no-mosaic"]).status, 0)
        // Option values and options of another action are refused before anything is opened, as cluster does.
        for (arguments, message) in [(["split", pair[0], "--threshold", "-1"], "--threshold must be above 0 and below 2"),
                                     (["name", pair[0], "Ann", "--into", pair[1]], "--into (for merge) does not apply to name")] {
            let refused = try run(["people", folder.path] + arguments)
            XCTAssertEqual(refused.status, 64, refused.stderr)
            XCTAssertTrue(refused.stderr.contains(message), refused.stderr)
        }
        XCTAssertEqual(try run(["export", folder.path, "edges"]).stdout.split(separator: "\n").count, 16)
        let badName = try run(["people", folder.path, "name", pair[0], "Ann\nBob"])
        XCTAssertEqual(badName.status, 1)
        XCTAssertTrue(badName.stderr.contains("a name cannot hold line breaks"), badName.stderr)
    }

    /// `face-network run ../shared/data/group-photos` completes with every failure explained.
    func testGroupPhotosRunToTheEnd() throws {
        let shared = try Fixtures.sharedData()
        let (folder, result) = try GroupPhotosRun.shared()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("summary: 42 photos"), result.stdout)
        XCTAssertTrue(result.stdout.contains("0 failed files"), result.stdout)
        // Faces per photo against face_counts.csv: HOG with upsample 1 finds every annotated face of dlib's
        // PASCAL VOC photos and is within one face of CompreFace's counts (it misses one small face in two
        // photos and finds a sixth face in one).
        let faces = try run(["export", folder.path, "faces"])
        let found = Dictionary(grouping: faces.stdout.split(separator: "\n").dropFirst(),
                               by: { String($0.split(separator: ",")[0]) }).mapValues(\.count)
        let truth = try String(contentsOf: shared.appendingPathComponent("group-photos/face_counts.csv"), encoding: .utf8)
            .components(separatedBy: .newlines).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .filter { $0.count > 1 && Int($0[1]) != nil }   // the bald_guys collage has no count
        XCTAssertEqual(truth.count, 18)
        for row in truth {
            let (name, expected) = (String(row[0]), Int(row[1])!)
            let got = found[name, default: 0]
            if name.hasPrefix("dlib__") {
                XCTAssertEqual(got, expected, name)
            } else {
                XCTAssertLessThanOrEqual(abs(got - expected), 1, name)
            }
        }
        XCTAssertEqual(found["insightface__t1.jpg"], 6)
        // Cannot-link: no person has two faces in one photo (the bald_guys collage repeats one man six times).
        var personPhotos = Set<String>()
        for row in faces.stdout.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard let person = fields.last, !person.isEmpty else { continue }
            XCTAssertTrue(personPhotos.insert("\(fields[0]) \(person)").inserted, "person \(person) twice in \(fields[0])")
        }
    }
}
