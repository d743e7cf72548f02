import Foundation

/// Length of a dlib face descriptor.
public let descriptorLength = 128

/// A face's bounding box in pixels of the upright photo, inclusive corners as dlib and face_recognition report them.
public struct FaceBox: Equatable, Sendable, Codable {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int
    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left; self.top = top; self.right = right; self.bottom = bottom
    }
    public var width: Int { right - left }
    public var height: Int { bottom - top }
}

/// A photo as extraction hands it to the store.
public struct NewPhoto: Sendable {
    public var path: String           // relative to the photo folder, '/'-separated
    public var contentHash: String    // SHA-256, lowercase hex
    public var byteSize: Int
    public var modifiedAt: Double     // seconds since 1970
    public var format: String         // "jpeg" or "png"
    public var width: Int
    public var height: Int
    public var orientation: Int
    /// Degrees the photo was turned clockwise by --rotate-retry after EXIF orientation (0, 90 or 270).
    public var turnedDegrees: Int
    public var takenAt: String?
    public var cameraMake: String?
    public var cameraModel: String?
    public var cameraSerial: String?
    public var decodeWarning: String?
    public var faces: [NewFace]

    public init(path: String, contentHash: String, byteSize: Int, modifiedAt: Double, format: String,
                width: Int, height: Int, orientation: Int, turnedDegrees: Int = 0, takenAt: String?, cameraMake: String?,
                cameraModel: String?, cameraSerial: String?, decodeWarning: String?, faces: [NewFace]) {
        self.path = path; self.contentHash = contentHash; self.byteSize = byteSize; self.modifiedAt = modifiedAt
        self.format = format; self.width = width; self.height = height; self.orientation = orientation
        self.turnedDegrees = turnedDegrees; self.takenAt = takenAt; self.cameraMake = cameraMake; self.cameraModel = cameraModel
        self.cameraSerial = cameraSerial; self.decodeWarning = decodeWarning; self.faces = faces
    }
}

/// A detected face as extraction hands it to the store.
public struct NewFace: Sendable {
    public var box: FaceBox
    public var score: Double
    public var landmarks: [Float]     // 10 values: x0, y0, … x4, y4
    public var descriptor: [Float]    // 128 values
    public var cropPath: String?      // relative to the photo folder
    /// Why the crop was not saved (nil when it was, or when crops were not asked for); `cropPath` is then nil.
    public var cropError: String?
    /// Apparent age in years and gender as p(female) in [0, 1] (`extract --age-gender`); nil when not estimated.
    public var age: Float?
    public var gender: Float?
    public init(box: FaceBox, score: Double, landmarks: [Float], descriptor: [Float], cropPath: String?,
                cropError: String? = nil, age: Float? = nil, gender: Float? = nil) {
        self.box = box; self.score = score; self.landmarks = landmarks; self.descriptor = descriptor
        self.cropPath = cropPath; self.cropError = cropError; self.age = age; self.gender = gender
    }
}

/// A stored face with what clustering needs.
public struct StoredDescriptor: Sendable {
    public var faceID: Int64
    public var photoID: Int64
    public var descriptor: [Float]
}

/// What extraction remembers of a path from an earlier run.
public struct KnownPath: Sendable {
    public var photoID: Int64
    public var fileSize: Int
    public var modifiedAt: Double
}

/// A face's crop and box, for mosaics and thumbnails.
public struct FaceCropInfo: Sendable {
    public var faceID: Int64
    public var cropPath: String?
    public var photoPath: String
    public var box: FaceBox
    public var descriptor: [Float]
}

/// A file that could not be used, and why.
public struct Failure: Error, Sendable, Equatable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// A face whose crop could not be written, and why.
public struct CropNotSaved: Sendable, Equatable {
    public var faceID: Int64
    /// 1-based, in the detector's order within the photo.
    public var faceIndex: Int
    /// One path of the photo, relative to the photo folder (the first in text order).
    public var photoPath: String
    public var reason: String
}
