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
}

public struct FaceAnalyzerError: Error, CustomStringConvertible {
    public let description: String
}

/// One worker's dlib models: HOG detector, 5-point shape predictor and ResNet descriptor network.
/// Not thread-safe (dlib objects are not); create one per worker.
public final class FaceAnalyzer: @unchecked Sendable {
    private let context: OpaquePointer

    /// Loads the models (about 0.4 s).
    /// - Throws: `FaceAnalyzerError` when a model file cannot be read or is not the expected model.
    public init(models: ModelFiles) throws {
        var err = [CChar](repeating: 0, count: 512)
        guard let ctx = fn_dlib_create(models.landmarks5.path, models.descriptor.path, &err, err.count) else {
            throw FaceAnalyzerError(description: "cannot load the dlib models in \(models.directory.path): "
                                    + errorText(err))
        }
        context = ctx
    }

    deinit { fn_dlib_destroy(context) }

    /// Detects every face with dlib's HOG detector on the image upsampled `upsample` times (face_recognition's
    /// default is 1: finds faces down to about 40 px), then computes landmarks and descriptors, face by face, as
    /// face_recognition.face_locations + face_encodings do.
    public func faces(in image: RGBImage, upsample: Int = 1) throws -> [DetectedFace] {
        var err = [CChar](repeating: 0, count: 512)
        guard let dimage = image.withPixels({ fn_dlib_image_create($0.baseAddress, Int32(image.width),
                                                                   Int32(image.height), &err, err.count) }) else {
            throw FaceAnalyzerError(description: errorText(err))
        }
        defer { fn_dlib_image_destroy(dimage) }

        var boxes: UnsafeMutablePointer<fn_face_box>? = nil
        var count: Int32 = 0
        guard fn_dlib_detect_hog(context, dimage, Int32(upsample), &boxes, &count, &err, err.count) == 0 else {
            throw FaceAnalyzerError(description: "face detection failed: " + errorText(err))
        }
        defer { fn_dlib_free(boxes) }

        var result: [DetectedFace] = []
        for i in 0..<Int(count) {
            var box = boxes![i]
            var shape = fn_landmarks5()
            guard fn_dlib_landmarks5(context, dimage, &box, &shape, &err, err.count) == 0 else {
                throw FaceAnalyzerError(description: "landmarks failed: " + errorText(err))
            }
            var descriptor = [Float](repeating: 0, count: Int(FN_DESCRIPTOR_LENGTH))
            guard fn_dlib_descriptor(context, dimage, &box, &shape, &descriptor, &err, err.count) == 0 else {
                throw FaceAnalyzerError(description: "face descriptor failed: " + errorText(err))
            }
            let xs = withUnsafeBytes(of: shape.x) { Array($0.bindMemory(to: Double.self)) }
            let ys = withUnsafeBytes(of: shape.y) { Array($0.bindMemory(to: Double.self)) }
            result.append(DetectedFace(
                box: FaceBox(left: box.left, top: box.top, right: box.right, bottom: box.bottom),
                score: box.score,
                landmarks: (0..<5).flatMap { [Float(xs[$0]), Float(ys[$0])] },
                descriptor: descriptor))
        }
        return result
    }

    /// Limits OpenBLAS (used by the descriptor network) to `threads` threads; one per worker is fastest when
    /// workers run in parallel.
    public static func setBLASThreads(_ threads: Int) { fn_dlib_set_blas_threads(Int32(threads)) }
}
