import CDlib
import Foundation
import Imaging
import Store

/// A face found in a photo: bounding box, detector score, 5 landmarks and the 128-d descriptor.
public struct DetectedFace: Sendable {
    public var box: FaceBox
    public var score: Double
    /// x0, y0, … x4, y4 in pixels, dlib's 5-point order (right eye corners, left eye corners, nose base).
    public var landmarks: [Float]
    /// 128 float32; Euclidean distance < 0.6 between two descriptors means the same person (dlib).
    public var descriptor: [Float]
    /// Apparent age in years (0.25–80) and p(female) in [0, 1], when the analyzer estimates them.
    public var age: Float? = nil
    public var gender: Float? = nil
}

public struct FaceAnalyzerError: Error, CustomStringConvertible {
    public let description: String
}

/// Which of dlib's face detectors finds the faces.
public enum FaceDetector: String, Sendable, CaseIterable {
    /// HOG features + linear SVM (Dalal & Triggs 2005): fast on a CPU, frontal faces. The default, as in
    /// face_recognition.
    case hog
    /// CNN with max-margin object detection (King 2015): finds turned and smaller faces, 20-50× slower on a CPU.
    case cnn
}

/// One worker's dlib models: face detector, 5-point shape predictor and ResNet descriptor network.
/// Not thread-safe (dlib objects are not); create one per worker.
public final class FaceAnalyzer: @unchecked Sendable {
    private let context: OpaquePointer
    public let detector: FaceDetector

    /// Whether each face's apparent age and gender are estimated (`ageAndGender`).
    public let estimatesAgeGender: Bool

    /// Loads the models (about 0.4 s; the age and gender networks about 0.1 s more).
    /// - Throws: `FaceAnalyzerError` when a model file cannot be read or is not the expected model.
    public init(models: ModelFiles, detector: FaceDetector = .hog, ageGender: Bool = false) throws {
        Self.blasOnOneThread
        var err = [CChar](repeating: 0, count: 512)
        guard let ctx = fn_dlib_create(models.landmarks5.path, models.descriptor.path, &err, err.count) else {
            throw FaceAnalyzerError(description: "cannot load the dlib models in \(models.directory.path): "
                                    + errorText(err))
        }
        if detector == .cnn, fn_dlib_load_cnn(ctx, models.cnnDetector.path, &err, err.count) != 0 {
            fn_dlib_destroy(ctx)
            throw FaceAnalyzerError(description: "cannot load the CNN face detector \(models.cnnDetector.path): "
                                    + errorText(err))
        }
        if ageGender, fn_dlib_load_age_gender(ctx, models.age.path, models.gender.path, &err, err.count) != 0 {
            fn_dlib_destroy(ctx)
            throw FaceAnalyzerError(description: "cannot load the age and gender models: " + errorText(err)
                                    + (models.missingAgeGenderFiles.isEmpty ? "" : " (install them with Models/install)"))
        }
        context = ctx
        self.detector = detector
        estimatesAgeGender = ageGender
    }

    deinit { fn_dlib_destroy(context) }

    /// "avx2" when the HOG detector runs from the AVX2 build (CPUs with AVX2 and FMA), else "baseline".
    public var hogBuild: String { String(cString: fn_dlib_hog_build(context)) }

    /// Detects every face with the analyzer's detector on the image upsampled `upsample` times (face_recognition's
    /// default is 1: HOG then finds faces down to about 40 px), then computes landmarks and descriptors, face by
    /// face, as face_recognition.face_locations + face_encodings do.
    public func faces(in image: RGBImage, upsample: Int = 1) throws -> [DetectedFace] {
        let pixels = try DlibImage(image)
        return try describe(detect(in: pixels, upsample: upsample), in: pixels)
    }

    /// Detects faces on `detectionImage` (a downscaled copy of `image`, `scale` = its size / the full size),
    /// maps the boxes to `image` and computes landmarks and descriptors there, at full resolution.
    public func faces(in image: RGBImage, detectingOn detectionImage: RGBImage, scale: Double,
                      upsample: Int = 1) throws -> [DetectedFace] {
        let small = try DlibImage(detectionImage)
        let boxes = try detect(in: small, upsample: upsample).map { found -> (FaceBox, Double) in
            let b = found.0
            let mapped = FaceBox(left: max(0, Int((Double(b.left) / scale).rounded())),
                                 top: max(0, Int((Double(b.top) / scale).rounded())),
                                 right: min(image.width, Int((Double(b.right) / scale).rounded())),
                                 bottom: min(image.height, Int((Double(b.bottom) / scale).rounded())))
            return (mapped, found.1)
        }
        return try describe(boxes, in: DlibImage(image))
    }

    /// Detections (box, score) in `image`, in the detector's order.
    func detect(in image: DlibImage, upsample: Int) throws -> [(FaceBox, Double)] {
        var err = [CChar](repeating: 0, count: 512)
        var boxes: UnsafeMutablePointer<fn_face_box>? = nil
        var count: Int32 = 0
        let detect = detector == .cnn ? fn_dlib_detect_cnn : fn_dlib_detect_hog
        guard detect(context, image.handle, Int32(upsample), &boxes, &count, &err, err.count) == 0 else {
            throw FaceAnalyzerError(description: "face detection failed: " + errorText(err))
        }
        defer { fn_dlib_free(boxes) }
        return (0..<Int(count)).map { i in
            let b = boxes![i]
            return (FaceBox(left: b.left, top: b.top, right: b.right, bottom: b.bottom), b.score)
        }
    }

    /// Landmarks and descriptor of each detection.
    func describe(_ detections: [(FaceBox, Double)], in image: DlibImage) throws -> [DetectedFace] {
        var err = [CChar](repeating: 0, count: 512)
        return try detections.map { detection in
            var box = fn_face_box(left: detection.0.left, top: detection.0.top, right: detection.0.right,
                                  bottom: detection.0.bottom, score: detection.1)
            var shape = fn_landmarks5()
            guard fn_dlib_landmarks5(context, image.handle, &box, &shape, &err, err.count) == 0 else {
                throw FaceAnalyzerError(description: "landmarks failed: " + errorText(err))
            }
            var descriptor = [Float](repeating: 0, count: Int(FN_DESCRIPTOR_LENGTH))
            guard fn_dlib_descriptor(context, image.handle, &box, &shape, &descriptor, &err, err.count) == 0 else {
                throw FaceAnalyzerError(description: "face descriptor failed: " + errorText(err))
            }
            let xs = withUnsafeBytes(of: shape.x) { Array($0.bindMemory(to: Double.self)) }
            let ys = withUnsafeBytes(of: shape.y) { Array($0.bindMemory(to: Double.self)) }
            var face = DetectedFace(box: detection.0, score: detection.1,
                                    landmarks: (0..<5).flatMap { [Float(xs[$0]), Float(ys[$0])] },
                                    descriptor: descriptor)
            if estimatesAgeGender {
                (face.age, face.gender) = try ageGender(of: &box, shape: &shape, in: image)
            }
            return face
        }
    }

    /// The apparent age and p(female) of each face (box, 5 landmarks as stored: x0, y0, … x4, y4) of `image`, as
    /// extraction estimates them: for faces stored before `--age-gender` (`AgeGenderBackfill`).
    /// - Precondition: the analyzer was made with `ageGender`.
    public func ageAndGender(of faces: [(box: FaceBox, landmarks: [Float])], in image: RGBImage) throws -> [(age: Float, gender: Float)] {
        precondition(estimatesAgeGender, "the age and gender models are not loaded")
        let pixels = try DlibImage(image)
        return try faces.map { face in
            var box = fn_face_box(left: face.box.left, top: face.box.top, right: face.box.right, bottom: face.box.bottom, score: 0)
            var shape = Self.shape(face.landmarks)
            let estimate = try ageGender(of: &box, shape: &shape, in: pixels)
            return (estimate.age, estimate.gender)
        }
    }

    /// The chips the age and gender networks see for one face (interleaved RGB, 64 × 64 and 32 × 32) and the
    /// networks' class probabilities on them (81 ages 0–80; female, male): what the tests compare with ONNX Runtime.
    public func ageGenderChips(of face: (box: FaceBox, landmarks: [Float]), in image: RGBImage) throws
        -> (ageChip: [UInt8], genderChip: [UInt8], ageProbabilities: [Float], genderProbabilities: [Float]) {
        precondition(estimatesAgeGender, "the age and gender models are not loaded")
        let pixels = try DlibImage(image)
        var box = fn_face_box(left: face.box.left, top: face.box.top, right: face.box.right, bottom: face.box.bottom, score: 0)
        var shape = Self.shape(face.landmarks)
        var err = [CChar](repeating: 0, count: 512)
        var ageChip = [UInt8](repeating: 0, count: Int(FN_AGE_CHIP_SIZE * FN_AGE_CHIP_SIZE * 3))
        var genderChip = [UInt8](repeating: 0, count: Int(FN_GENDER_CHIP_SIZE * FN_GENDER_CHIP_SIZE * 3))
        guard fn_dlib_age_gender_chips(context, pixels.handle, &box, &shape, &ageChip, &genderChip, &err, err.count) == 0 else {
            throw FaceAnalyzerError(description: "age and gender chips failed: " + errorText(err))
        }
        var ages = [Float](repeating: 0, count: Int(FN_AGE_CLASSES))
        var genders = [Float](repeating: 0, count: Int(FN_GENDER_CLASSES))
        guard fn_dlib_age_gender_probabilities(context, ageChip, genderChip, &ages, &genders, &err, err.count) == 0 else {
            throw FaceAnalyzerError(description: "age and gender networks failed: " + errorText(err))
        }
        return (ageChip, genderChip, ages, genders)
    }

    private func ageGender(of box: inout fn_face_box, shape: inout fn_landmarks5, in image: DlibImage) throws -> (age: Float, gender: Float) {
        var err = [CChar](repeating: 0, count: 512)
        var age: Float = 0, female: Float = 0
        guard fn_dlib_age_gender(context, image.handle, &box, &shape, &age, &female, &err, err.count) == 0 else {
            throw FaceAnalyzerError(description: "age and gender failed: " + errorText(err))
        }
        return (age, female)
    }

    /// Stored landmarks (x0, y0, … x4, y4) as dlib's 5-point shape.
    private static func shape(_ landmarks: [Float]) -> fn_landmarks5 {
        var shape = fn_landmarks5()
        withUnsafeMutableBytes(of: &shape.x) { raw in
            let xs = raw.bindMemory(to: Double.self)
            for i in 0..<5 { xs[i] = Double(landmarks[2 * i]) }
        }
        withUnsafeMutableBytes(of: &shape.y) { raw in
            let ys = raw.bindMemory(to: Double.self)
            for i in 0..<5 { ys[i] = Double(landmarks[2 * i + 1]) }
        }
        return shape
    }

    /// dlib's descriptor network and CNN detector multiply matrices through OpenBLAS, here always on one thread:
    /// - The same floats for any `--jobs`: OpenBLAS 0.3.21's threaded sgemm splits the product differently from its
    ///   one-thread path, and with the kernels it picks on AVX2-only CPUs (Haswell, Zen) the sums then round
    ///   differently (descriptors up to 2.8e-7 apart between `--jobs 1`, whose one worker let OpenBLAS use every
    ///   core, and `--jobs 2`). Its AVX-512 kernels (SkylakeX) gave the same floats either way, which hid it.
    ///   Measured with `OPENBLAS_CORETYPE=Haswell` and `Zen` on an AVX-512 machine; `ResumeTests` checks both.
    /// - Speed: one OpenBLAS thread per worker is also the fastest way to use the cores (docs: 55 against 36
    ///   faces/s on two workers), and `--jobs` then says how many cores extraction uses.
    /// OpenBLAS's thread count is process-wide; clustering (`NeighbourGraph`) sets its own around its products.
    private static let blasOnOneThread: Void = fn_dlib_set_blas_threads(1)

    /// The outcome of checking one of the faster replacements for dlib's code against dlib's own.
    public enum SelfCheck: Equatable, Sendable {
        /// dlib's calls reach the replacement, and it computes the same floats as dlib's own.
        case inUse
        /// The replacement is not in use here (dlib's own runs: slower, same results).
        case notInUse
        /// dlib's own could not be found to compare with.
        case referenceNotFound
        case differs(String)
    }

    /// Checks `Sources/CDlib/img2col.cpp`, the faster unrolling step of dlib's CPU convolutions (descriptor
    /// network, CNN detector), against libdlib's own on the models' layer shapes (`fn_dlib_img2col_self_check`).
    public static func img2colCheck() -> SelfCheck { selfCheck(fn_dlib_img2col_self_check) }

    /// Checks `Sources/CDlib/winograd_conv.cpp`, the Winograd F(2×2, 3×3) convolution dlib's 3 × 3, stride-1 layers
    /// run here, against libdlib's own convolution on the networks' layer shapes (`fn_dlib_winograd_self_check`):
    /// equal within float rounding, since the sums are grouped differently.
    public static func winogradCheck() -> SelfCheck { selfCheck(fn_dlib_winograd_self_check) }

    /// Checks `Sources/CDlib/elementwise_layers.cpp`, the SSE residual and bias sums, relu and affine transform of
    /// both networks, against libdlib's own: the same floats (`fn_dlib_elementwise_self_check`).
    public static func elementwiseCheck() -> SelfCheck { selfCheck(fn_dlib_elementwise_self_check) }

    /// Checks the AVX2 build's vectorised separable filter (HOG detection) against dlib's own template on random
    /// planes of the detector's sizes (`fn_dlib_hog_filter_self_check`).
    public static func hogFilterCheck() -> SelfCheck { selfCheck(fn_dlib_hog_filter_self_check) }

    /// Checks the AVX2 build's HOG feature extraction (gradients split from RGB with byte shuffles) against dlib's
    /// own template on generated images of the pyramid's sizes (`fn_dlib_hog_features_self_check`).
    public static func hogFeaturesCheck() -> SelfCheck { selfCheck(fn_dlib_hog_features_self_check) }

    /// Checks the AVX2 build's bilinear RGB resizing (the detector's image pyramid) against dlib's own template on
    /// random images at the pyramid's scales (`fn_dlib_hog_resize_self_check`).
    public static func hogResizeCheck() -> SelfCheck { selfCheck(fn_dlib_hog_resize_self_check) }

    /// Checks the landmark predictor's flat, prefetching layout of the trees (`Sources/CDlib/landmark_cascade.h`)
    /// against dlib's own shape_predictor of this analyzer's model on generated images and boxes: the same
    /// landmarks (`fn_dlib_landmarks_self_check`).
    public func landmarksCheck() -> SelfCheck { Self.selfCheck { fn_dlib_landmarks_self_check(context, $0, $1) } }

    private static func selfCheck(_ check: (UnsafeMutablePointer<CChar>?, Int) -> Int32) -> SelfCheck {
        var message = [CChar](repeating: 0, count: 256)
        let status = check(&message, message.count)
        switch status {
        case 0: return .inUse
        case 1: return .notInUse
        case 2: return .referenceNotFound
        default: return .differs(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }
}

/// A photo's pixels as dlib sees them (a view, not a copy), shared by detection and description of one photo.
final class DlibImage {
    let handle: OpaquePointer
    /// Keeps the pixels alive as long as dlib may read them.
    private let image: RGBImage

    init(_ image: RGBImage) throws {
        self.image = image
        var err = [CChar](repeating: 0, count: 512)
        guard let handle = image.withPixels({
            fn_dlib_image_create($0.baseAddress, Int32(image.width), Int32(image.height), &err, err.count)
        }) else {
            throw FaceAnalyzerError(description: errorText(err))
        }
        self.handle = handle
    }

    deinit { fn_dlib_image_destroy(handle) }
}
