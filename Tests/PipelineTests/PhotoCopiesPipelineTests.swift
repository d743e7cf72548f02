import Foundation
import XCTest

/// face_recognition's KNN example (its train folders and test photos, from ../shared/data) with resized,
/// re-compressed and cropped copies of its two group photos: every copy is found, each picture counts once (the
/// only ties are Obama–Biden and Kit–Rose, weight 1 each), and `--count-copies` counts every photo. Copies are made
/// by ImageMagick in the test.
final class PhotoCopiesPipelineTests: XCTestCase {
    func testCopiesOfGroupPhotosCountOnceInTies() throws {
        let convert = "/usr/bin/convert"
        guard FileManager.default.isExecutableFile(atPath: convert) else {
            throw XCTSkip("ImageMagick is not installed (apt-get install imagemagick; scripts/test does)")
        }
        let shared = try Fixtures.sharedData()
        let labeled = shared.appendingPathComponent("faces-labeled"), groups = shared.appendingPathComponent("group-photos")
        let folder = try Fixtures.temporaryFolder(self)
        let example: [(String, [String])] = [
            ("Barack_Obama", ["facerec__obama.jpg", "facerec__obama2.jpg", "facerec__obama1.jpg"]),
            ("Joe_Biden", ["facerec__biden.jpg", "facerec__biden2.jpg"]),
            ("Kit_Harington", ["facerec__john1.jpeg", "facerec__john2.jpeg", "facerec__johnsnow_test1.jpg"]),
            ("Rose_Leslie", ["facerec__img1.jpg", "facerec__img2.jpg"]),
            ("Alex_Lacamoire", ["facerec__img1.jpg", "facerec__alex_lacamoire1.jpg"]),
        ]
        for (person, files) in example {
            let target = folder.appendingPathComponent("train/\(person)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for file in files {
                try FileManager.default.copyItem(at: labeled.appendingPathComponent("\(person)/\(file)"),
                                                 to: target.appendingPathComponent(file))
            }
        }
        let group = folder.appendingPathComponent("test")
        try FileManager.default.createDirectory(at: group, withIntermediateDirectories: true)
        for name in ["obama_and_biden", "kit_with_rose"] {
            let source = groups.appendingPathComponent("facerec__\(name).jpg")
            try FileManager.default.copyItem(at: source, to: group.appendingPathComponent("\(name).jpg"))
            try runConvert(convert, [source.path, "-resize", "60%", group.appendingPathComponent("\(name)-small.jpg").path])
            try runConvert(convert, [source.path, "-quality", "70", group.appendingPathComponent("\(name)-q70.jpg").path])
            try runConvert(convert, [source.path, "-gravity", "center", "-crop", "94%x94%+0+0", "+repage",
                                     group.appendingPathComponent("\(name)-cropped.jpg").path])
        }

        let run = try Fixtures.runCLI(["run", folder.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("extract: 6 photos are copies of another picture"), run.stdout)
        // Which ones: the first three by path, each with its group's first stored photo.
        XCTAssertTrue(run.stdout.contains("extract: one picture each: test/kit_with_rose-q70.jpg and test/kit_with_rose-cropped.jpg; "
                                          + "test/kit_with_rose-small.jpg and test/kit_with_rose-cropped.jpg; "), run.stdout)
        XCTAssertTrue(run.stdout.contains("; …\n"), run.stdout)
        let faces = try Fixtures.runCLI(["export", folder.path, "faces"]).stdout
        func people(of photo: String) -> Set<String> {
            var found = Set<String>()
            for line in faces.split(separator: "\n") {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if cells.first == "test/\(photo).jpg", cells.count > 6 { found.insert(cells[6]) }
            }
            return found
        }
        func person(_ folder: String) -> String? {
            faces.split(separator: "\n").first { $0.hasPrefix("train/\(folder)/") }
                .map { String($0.split(separator: ",", omittingEmptySubsequences: false)[6]) }
        }
        let obama = try XCTUnwrap(person("Barack_Obama")), biden = try XCTUnwrap(person("Joe_Biden"))
        let kit = try XCTUnwrap(person("Kit_Harington")), rose = try XCTUnwrap(person("Rose_Leslie"))
        XCTAssertEqual(people(of: "kit_with_rose"), [kit, rose], faces)
        // obama_and_biden.jpg also shows a bystander (lower right). Seen in one picture, saved four times, the
        // bystander's four faces are one person (copies are the same face), but one with no ties: without the
        // copies it would be one face, too few for a person (migration 007, view tied_people).
        let obamaBiden = people(of: "obama_and_biden")
        XCTAssertEqual(obamaBiden.count, 3, faces)
        XCTAssertTrue(obamaBiden.isSuperset(of: [obama, biden]), faces)
        let bystander = try XCTUnwrap(obamaBiden.subtracting([obama, biden]).first)

        func edges() throws -> [Set<String>: String] {
            let csv = try String(contentsOf: folder.appendingPathComponent("Face Network/Data/Edges.csv"), encoding: .utf8)
            var found: [Set<String>: String] = [:]
            for line in csv.split(separator: "\n").dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                found[[cells[0], cells[1]]] = cells[2]
            }
            return found
        }
        // Every tie comes from one picture, so every weight is 1 (4 without copy detection).
        let expected: [Set<String>: String] = [[kit, rose]: "1", [obama, biden]: "1"]
        XCTAssertEqual(try edges(), expected)
        // The edge still lists every copy's path.
        let behind = try Fixtures.runCLI(["query", folder.path, "-e", "photos with \(obama) and \(biden)", "--format", "csv"])
        XCTAssertEqual(behind.stdout.split(separator: "\n").dropFirst().count, 4, behind.stdout + behind.stderr)

        // Counted apart, each copy is a picture of its own: the bystander is seen in four and tied to both.
        let apart = try Fixtures.runCLI(["network", folder.path, "--count-copies"])
        XCTAssertEqual(apart.status, 0, apart.stderr)
        XCTAssertEqual(try edges(), [[kit, rose]: "4", [obama, biden]: "4", [obama, bystander]: "4",
                                     [biden, bystander]: "4"])
        XCTAssertEqual(try Fixtures.runCLI(["network", folder.path]).status, 0)
        XCTAssertEqual(try edges(), expected)
        // Named by the user, the bystander is someone the user follows: the ties come back.
        let named = try Fixtures.runCLI(["people", folder.path, "name", bystander, "Bystander"])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(try Fixtures.runCLI(["network", folder.path]).status, 0)
        XCTAssertEqual(try edges(), [[kit, rose]: "1", [obama, biden]: "1", [obama, bystander]: "1",
                                     [biden, bystander]: "1"])
    }
}
