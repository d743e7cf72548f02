import Foundation
import Pipeline
import Store
import TestSupport
import XCTest

/// Where the tests find their inputs: photos from PyPI packages fetched by scripts/fetch-photos, the models
/// installed by Models/install, and the evaluation data in ../shared/data when present.
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var models: URL {
        if let env = ProcessInfo.processInfo.environment["FACE_NETWORK_MODELS"] { return URL(fileURLWithPath: env) }
        return repository.appendingPathComponent("Models")
    }

    /// face_recognition 1.3.0's tests/test_images plus insightface's t1.jpg.
    static func testImages() throws -> URL {
        let url = repository.appendingPathComponent(".cache/test-images")
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("obama.jpg").path) else {
            throw XCTSkip("test photos are missing: run scripts/fetch-photos (scripts/test does)")
        }
        return url
    }

    /// ../shared/data (or $FACE_NETWORK_SHARED_DATA): evaluation photos with ground truth.
    static func sharedData() throws -> URL {
        let env = ProcessInfo.processInfo.environment["FACE_NETWORK_SHARED_DATA"]
        let url = env.map { URL(fileURLWithPath: $0) }
            ?? repository.deletingLastPathComponent().appendingPathComponent("shared/data")
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("group-photos").path) else {
            throw XCTSkip("evaluation data not found at \(url.path) (set FACE_NETWORK_SHARED_DATA); skipping")
        }
        return url
    }

    static func reference() throws -> [String: [ReferenceFace]] {
        let url = repository.appendingPathComponent("Tests/PipelineTests/Fixtures/face_recognition_reference.json")
        return try JSONDecoder().decode([String: [ReferenceFace]].self, from: Data(contentsOf: url))
    }

    /// A fresh temporary folder, removed at the end of the test.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("face-network-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// `count` photos p1.jpg, p2.jpg, … of one face each, stored with a crop in the folder's Faces folder (the same
    /// synthetic image) and descriptor i·(1, …, 1) for photo i; returns the face ids in photo order.
    static func photosOfOneFace(_ count: Int, in folder: URL, store: FaceStore) throws -> [Int64] {
        try FileManager.default.createDirectory(at: CollectionLayout(photos: folder).faces, withIntermediateDirectories: true)
        let crop = try SyntheticImages.quadrants().jpegData()
        for i in 1...count {
            let path = CollectionLayout.facesFolder + "/face1_p\(i).jpg"
            try crop.write(to: folder.appendingPathComponent(path))
            try store.insertPhoto(NewPhoto(
                path: "p\(i).jpg", contentHash: "h\(i)", byteSize: 1, modifiedAt: 0, format: "jpeg", width: 64,
                height: 32, orientation: 1, takenAt: nil, cameraMake: nil, cameraModel: nil, cameraSerial: nil,
                decodeWarning: nil, faces: [NewFace(box: FaceBox(left: 0, top: 0, right: 63, bottom: 31), score: 1,
                                                    landmarks: Array(repeating: 0, count: 10),
                                                    descriptor: Array(repeating: Float(i), count: 128), cropPath: path)]))
        }
        return try store.descriptors().map(\.faceID)
    }

    /// The `face-network` binary that `swift test` built beside the test bundle.
    static var executable: URL {
        // On Linux the test bundle is an executable (…/debug/face-networkPackageTests.xctest) beside the products.
        let products = Bundle.main.executableURL?.deletingLastPathComponent() ?? Bundle.main.bundleURL
        return products.appendingPathComponent("face-network")
    }
}

/// What a pipeline run in process said, as a command's two outputs: `say` lines as standard output, `warn` lines
/// as standard error.
final class PipelineOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: (out: String, err: String) = ("", "")
    var stdout: String { lock.withLock { lines.out } }
    var stderr: String { lock.withLock { lines.err } }
    var log: PipelineLog {
        PipelineLog(say: { line in self.lock.withLock { self.lines.out += line + "\n" } },
                    warn: { line in self.lock.withLock { self.lines.err += line + "\n" } })
    }
}

struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

extension Fixtures {
    /// Starts `face-network` with `arguments` (models from `Fixtures.models`); the caller waits or kills it.
    /// `input`, when given, is its standard input (written whole, then closed); otherwise it inherits the test's.
    static func launchCLI(_ arguments: [String], environment: [String: String] = [:],
                          input: String? = nil) throws -> (Process, Pipe, Pipe) {
        try requireExecutable()
        return try launch(executable, arguments, environment: environment, input: input)
    }

    /// Runs `face-network` with `arguments` to the end.
    static func runCLI(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> CLIResult {
        try requireExecutable()
        return try run(executable, arguments, environment: environment, input: input)
    }

    private static func requireExecutable() throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("face-network binary not found at \(executable.path)")
        }
    }

    /// Starts `program` (models from `Fixtures.models` in its environment, as for `face-network`).
    static func launch(_ program: URL, _ arguments: [String], environment extra: [String: String] = [:],
                       input: String? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FACE_NETWORK_MODELS"] = models.path
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        if let stdin { process.standardInput = stdin }
        try process.run()
        if let stdin, let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        return (process, out, err)
    }

    /// Runs `program` to the end and collects what it wrote.
    static func run(_ program: URL, _ arguments: [String], environment: [String: String] = [:],
                    input: String? = nil) throws -> CLIResult {
        let (process, out, err) = try launch(program, arguments, environment: environment, input: input)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// One face as Python face_recognition 1.3.0 reports it (Tests/Reference/face_recognition_reference.py).
struct ReferenceFace: Decodable {
    var top: Int
    var right: Int
    var bottom: Int
    var left: Int
    var descriptor: [Float]
}
