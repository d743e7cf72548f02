import Analysis
import Foundation
import People
import Store
import TestSupport
import XCTest

/// Edits with undo on a small store of three people: X (faces near axis 0), Y (axis 1) and Z (axis 2), one unit
/// apart; within a person faces are 0.1–0.2 apart, so the default clustering finds X, Y and Z.
final class PeopleEditorTests: XCTestCase {
    private var directory: URL!
    private var store: FaceStore!
    private var editor: PeopleEditor!
    private var photoCount = 0

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("people-edits-\(UUID().uuidString)")
        store = try TestStores.open(directory.appendingPathComponent("FaceNetwork.sqlite").path)
        editor = PeopleEditor(store: store)
    }

    override func tearDownWithError() throws {
        store = nil
        editor = nil
        try? FileManager.default.removeItem(at: directory)
    }

    /// A descriptor one unit along `axis`, moved `jitter` along axis 100 + `k`.
    private func descriptor(_ axis: Int, _ k: Int, _ jitter: Float) -> [Float] {
        var v = [Float](repeating: 0, count: 128)
        v[axis] = 1
        v[100 + k] = jitter
        return v
    }

    @discardableResult
    private func addPhoto(_ faces: [[Float]]) throws -> [Int64] {
        photoCount += 1
        let before = Set(try store.descriptors().map(\.faceID))
        try store.insertPhoto(NewPhoto(
            path: "p\(photoCount).jpg", contentHash: "h\(photoCount)", byteSize: 1, modifiedAt: 0, format: "jpeg",
            width: 100, height: 100, orientation: 1, takenAt: nil, cameraMake: nil, cameraModel: nil, cameraSerial: nil,
            decodeWarning: nil, faces: faces.enumerated().map { i, d in
                NewFace(box: FaceBox(left: i * 10, top: 0, right: i * 10 + 9, bottom: 9), score: 1,
                        landmarks: Array(repeating: 0, count: 10), descriptor: d, cropPath: nil)
            }))
        return try store.descriptors().map(\.faceID).filter { !before.contains($0) }
    }

    /// X in photos 1–3 (with Y in 1 and 2), Y alone in 4, Z in 5 and 6. Returns the face ids by person.
    private func build() throws -> (x: [Int64], y: [Int64], z: [Int64]) {
        let p1 = try addPhoto([descriptor(0, 0, 0.1), descriptor(1, 0, 0.1)])
        let p2 = try addPhoto([descriptor(0, 1, 0.1), descriptor(1, 1, 0.1)])
        let p3 = try addPhoto([descriptor(0, 2, 0.1)])
        let p4 = try addPhoto([descriptor(1, 2, 0.1)])
        let p5 = try addPhoto([descriptor(2, 0, 0.1)])
        let p6 = try addPhoto([descriptor(2, 1, 0.1)])
        try recluster()
        return ([p1[0], p2[0], p3[0]], [p1[1], p2[1], p4[0]], [p5[0], p6[0]])
    }

    private func recluster() throws {
        try Reclustering.run(store: store, method: .agglomerative(Agglomerative()), minClusterSize: 2, runID: nil)
    }

    /// Everything an edit may change: face → person, person → name, pins, edges.
    private struct State: Equatable {
        var assignments: [Int64: Int64]
        var names: [Int64: String?]
        var pinned: [Int64: Int64]
        var rejected: Set<Int64>
        var edges: [CoAppearance]
    }

    private func state() throws -> State {
        let pins = try store.pins()
        return State(assignments: try store.assignments(),
                     names: Dictionary(uniqueKeysWithValues: try store.people().map { ($0.id, $0.name) }),
                     pinned: pins.pinned, rejected: pins.rejected, edges: try store.coAppearances())
    }

    private func person(of face: Int64) throws -> Int64? { try store.assignments()[face] }

    func testEveryEditIsUndoneExactly() throws {
        let (x, y, z) = try build()
        let px = try XCTUnwrap(person(of: x[0])), py = try XCTUnwrap(person(of: y[0])), pz = try XCTUnwrap(person(of: z[0]))
        XCTAssertEqual(Set([px, py, pz]).count, 3)
        XCTAssertEqual(try store.coAppearances(), [CoAppearance(source: min(px, py), target: max(px, py), weight: 2)])
        let edits: [(String, () throws -> Void)] = [
            ("name", { try self.editor.name(person: px, as: "Ada") }),
            ("merge", { try self.editor.merge([py, pz], into: py) }),
            ("move", { _ = try self.editor.split(person: px, faces: [x[2]]) }),
            ("split", { _ = try self.editor.split(person: py, threshold: 0.05) }),
            ("reject", { try self.editor.reject(face: y[0]) }),
        ]
        for (kind, edit) in edits {
            let before = try state()
            try edit()
            XCTAssertNotEqual(try state(), before, kind)
            XCTAssertEqual(try editor.undo()?.kind, kind)
            XCTAssertEqual(try state(), before, "undo of \(kind)")
        }
        XCTAssertNil(try editor.undo())
        XCTAssertEqual(try editor.history().map(\.kind), ["name", "merge", "move", "split", "reject"])
        XCTAssertTrue(try editor.history().allSatisfy { $0.undoneAt != nil })
    }

    /// Undo after the photos behind an edit changed or were removed (extract dropped their faces): the faces still
    /// there are restored, the gone ones left out and counted, a restored person without faces is not kept, and
    /// the edits before can still be undone.
    func testUndoLeavesOutFacesNoLongerInTheStore() throws {
        let (x, y, z) = try build()
        let px = try XCTUnwrap(person(of: x[0])), py = try XCTUnwrap(person(of: y[0])), pz = try XCTUnwrap(person(of: z[0]))
        try editor.name(person: px, as: "Ada")
        let named = try state()
        try editor.merge([py, pz], into: py)
        let moved = try editor.split(person: px, faces: [x[2]]).newPeople[0]
        XCTAssertEqual(try person(of: x[2]), moved)

        // Z's two photos and X's third are removed: their faces are gone.
        XCTAssertEqual(try store.removePaths(["p3.jpg", "p5.jpg", "p6.jpg"]).paths, 3)
        let move = try XCTUnwrap(try editor.undo())
        XCTAssertEqual([move.kind, "\(move.facesGone)"], ["move", "1"])
        XCTAssertFalse(try store.people().map(\.id).contains(moved))
        let merge = try XCTUnwrap(try editor.undo())
        XCTAssertEqual([merge.kind, "\(merge.facesGone)"], ["merge", "2"])
        XCTAssertFalse(try store.people().map(\.id).contains(pz), "Z was restored without a face")
        var expected = named
        for face in [x[2], z[0], z[1]] { (expected.assignments[face], expected.pinned[face]) = (nil, nil) }
        expected.names[pz] = nil
        XCTAssertEqual(try state(), expected)

        let name = try XCTUnwrap(try editor.undo())
        XCTAssertEqual([name.kind, "\(name.facesGone)"], ["name", "1"])   // naming pinned X's faces, x[2] among them
        XCTAssertEqual(try store.personName(px).name, nil)
        XCTAssertNil(try editor.undo())
    }

    /// Photos removed from the collection take their faces, people left without faces and the ties they made.
    func testRemovedPhotosTakeTheirPeopleAndTiesWithThem() throws {
        let (x, y, z) = try build()
        let px = try XCTUnwrap(person(of: x[0])), py = try XCTUnwrap(person(of: y[0])), pz = try XCTUnwrap(person(of: z[0]))
        XCTAssertEqual(try store.removePaths(["p1.jpg", "p5.jpg", "p6.jpg"]).paths, 3)
        XCTAssertEqual(Set(try store.people().map(\.id)), [px, py])
        XCTAssertEqual(try store.counts().people, 2)
        XCTAssertEqual(try store.coAppearances(), [CoAppearance(source: min(px, py), target: max(px, py), weight: 1)])
        XCTAssertFalse(try store.people().map(\.id).contains(pz))
        XCTAssertEqual(try store.removePaths(["p2.jpg"]).paths, 1)
        XCTAssertEqual(try store.coAppearances(), [])
        XCTAssertEqual(try store.counts().edges, 0)
    }

    func testEditsSurviveReclusteringAndNewPhotos() throws {
        let (x, y, z) = try build()
        let px = try XCTUnwrap(person(of: x[0])), py = try XCTUnwrap(person(of: y[0])), pz = try XCTUnwrap(person(of: z[0]))
        try editor.name(person: px, as: "Ada")
        try editor.merge([py, pz], into: py)
        let moved = try editor.split(person: px, faces: [x[2]]).newPeople[0]
        try editor.reject(face: y[2])
        XCTAssertEqual(try person(of: z[0]), py)
        XCTAssertNil(try person(of: y[2]))
        // A merged face shares no photo with the others, so the edge X–Y keeps weight 2.
        let edited = try state()

        // Re-clustering the same faces changes nothing.
        try recluster()
        XCTAssertEqual(try state(), edited)

        // A new photo with one more face of X (and one of Z): it joins the people the edits made.
        let new = try addPhoto([descriptor(0, 3, 0.1), descriptor(2, 2, 0.1)])
        try recluster()
        XCTAssertEqual(try person(of: new[0]), px)
        XCTAssertEqual(try store.personName(px).name, "Ada")
        XCTAssertEqual(try person(of: new[1]), py)          // Z's new face follows Z into Y
        XCTAssertEqual(try person(of: z[1]), py)
        XCTAssertEqual(try person(of: x[2]), moved)         // the moved face stays apart
        XCTAssertNil(try person(of: y[2]))                  // the rejected face stays out
        // New photo: X and Z(=Y) together, so the X–Y edge now counts 3 photos.
        XCTAssertEqual(try store.coAppearances(), [CoAppearance(source: min(px, py), target: max(px, py), weight: 3)])
    }

    func testBadRequestsNameTheirSubject() throws {
        let (x, _, _) = try build()
        let px = try XCTUnwrap(person(of: x[0]))
        XCTAssertThrowsError(try editor.name(person: 999, as: "Nobody")) { XCTAssertEqual("\($0)", "there is no person 999") }
        for name in ["Ann\nBob", "Ann\tBob", "Ann\u{1}"] {
            XCTAssertThrowsError(try editor.name(person: px, as: name)) {
                XCTAssertEqual("\($0)", "a name cannot hold line breaks, tabs or other control characters")
            }
        }
        XCTAssertThrowsError(try editor.name(person: px, as: "Ann\u{FFFD}")) {
            XCTAssertEqual("\($0)", "the name holds \u{FFFD}, the mark of bytes that are not UTF-8: give the name in UTF-8")
        }
        XCTAssertThrowsError(try editor.name(person: px, as: String(repeating: "é", count: 201))) {
            XCTAssertEqual("\($0)", "a name is at most 200 characters; this one has 201")
        }
        XCTAssertThrowsError(try editor.name(person: px, as: "a" + String(repeating: "\u{301}", count: 200))) {
            XCTAssertEqual("\($0)", "a name is at most 200 characters; this one has 201")
        }
        XCTAssertThrowsError(try editor.name(person: px, as: "\u{202E}live")) {
            XCTAssertEqual("\($0)", "a name cannot hold U+202E, a mark that changes the direction text is shown in")
        }
        XCTAssertThrowsError(try editor.name(person: px, as: "\u{200B}\u{200B}")) {
            XCTAssertEqual("\($0)", "the name shows nothing: it holds only invisible characters")
        }
        try editor.name(person: px, as: "👩\u{200D}👩\u{200D}👧 مریم\u{200C}ها")   // joiners inside a name are fine
        try editor.name(person: px, as: String(repeating: "é", count: 200))
        XCTAssertThrowsError(try editor.merge([px], into: px)) { XCTAssertEqual("\($0)", "merge needs at least one person besides \(px)") }
        XCTAssertThrowsError(try editor.split(person: px, faces: [12345])) {
            XCTAssertEqual("\($0)", "face 12345 is not a face of person \(px)")
        }
        XCTAssertThrowsError(try editor.split(person: px, faces: x)) { XCTAssertTrue("\($0)".contains("would leave it empty")) }
        XCTAssertThrowsError(try editor.reject(face: 999)) { XCTAssertEqual("\($0)", "there is no face 999") }
        XCTAssertEqual(try editor.history().map(\.kind), ["name", "name"])
    }

    /// Two processes editing at the same moment (here: two stores on one file, each with its own lock descriptor)
    /// edit one after the other: two splits get two new people, and undoing both gives back the store as it was.
    func testEditsMadeAtTheSameMomentHappenOneAfterTheOther() throws {
        let (x, y, _) = try build()
        let px = try XCTUnwrap(person(of: x[0])), py = try XCTUnwrap(person(of: y[0]))
        let before = try state()
        let path = directory.appendingPathComponent("FaceNetwork.sqlite").path
        for round in 0..<8 {
            let outcome = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do {
                    let other = PeopleEditor(store: try TestStores.open(path))
                    outcome.add(i == 0 ? try other.split(person: px, faces: [x[2]]).newPeople[0]
                                       : try other.split(person: py, faces: [y[2]]).newPeople[0])
                } catch {
                    outcome.add(error: "\(error)")
                }
            }
            XCTAssertEqual(outcome.errors, [], "round \(round)")
            XCTAssertEqual(Set(outcome.ids).count, 2, "round \(round): both splits made person \(outcome.ids)")
            XCTAssertEqual(Set([try person(of: x[2]), try person(of: y[2])]), Set(outcome.ids.map { Optional($0) }))
            try editor.undo()
            try editor.undo()
            XCTAssertEqual(try state(), before, "round \(round)")
        }
    }

    /// Two people given one name (in any case) are each told of the other: a query by that name needs the id.
    func testNamesakesAreFoundWhateverTheCase() throws {
        let (x, y, _) = try build()
        let px = try XCTUnwrap(person(of: x[0])), py = try XCTUnwrap(person(of: y[0]))
        try editor.name(person: px, as: "Ann")
        XCTAssertEqual(try editor.namesakes(of: px), [])
        try editor.name(person: py, as: "ANN")
        XCTAssertEqual(try editor.namesakes(of: py), [px])
        XCTAssertEqual(PeopleEditor.namesakeWarning([px]),
                       "; warning: person \(px) has that name too: a query by the name will need the id")
    }

    func testCohesionIsTheDistanceToTheMedoid() {
        // Faces at 0, 0.1 and 0.7 on a line: medoid 0.1 (total 0.7 against 0.8 and 1.3); distances 0.1, 0, 0.6.
        let c = PeopleCohesion.of(Descriptors([[0], [0.1], [0.7]], dimension: 1))!
        XCTAssertEqual(c.mean, 0.7 / 3, accuracy: 1e-6)
        XCTAssertEqual(c.maximum, 0.6, accuracy: 1e-6)
        XCTAssertFalse(c.isLow)   // 0.6 is not beyond dlib's 0.6
        XCTAssertTrue(PeopleCohesion.of(Descriptors([[0], [0.1], [0.8]], dimension: 1))!.isLow)
    }
}

/// What threads editing at once returned.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ids: [Int64] = []
    private(set) var errors: [String] = []
    func add(_ id: Int64) { lock.lock(); ids.append(id); lock.unlock() }
    func add(error: String) { lock.lock(); errors.append(error); lock.unlock() }
}
