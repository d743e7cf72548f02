import CImage
import Foundation

/// An error from the image layer, with the decoder's or encoder's own sentence.
public struct ImageError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a C image-layer call that fills an error buffer, throwing `ImageError` on failure.
func checked(_ call: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws {
    var buffer = [CChar](repeating: 0, count: 512)
    let status = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) }
    if status != 0 {
        throw ImageError(errorText(buffer))
    }
}

/// The NUL-terminated sentence a C call wrote into `buffer`.
public func errorText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// An owned 8-bit RGB image: `width × height` pixels, interleaved R, G, B, top row first.
public final class RGBImage: @unchecked Sendable {
    var raw: fn_image

    init(taking raw: fn_image) { self.raw = raw }

    deinit { fn_image_free(&raw) }

    public var width: Int { Int(raw.width) }
    public var height: Int { Int(raw.height) }

    /// The pixels, `width * height * 3` bytes.
    public func withPixels<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try body(UnsafeBufferPointer(start: raw.pixels, count: width * height * 3))
    }

    /// The colour at (x, y).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let p = raw.pixels + (y * width + x) * 3
        return (p[0], p[1], p[2])
    }

    /// A width × height image of one colour.
    public static func filled(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) throws -> RGBImage {
        var out = fn_image()
        try checked { fn_image_create(Int32(width), Int32(height), red, green, blue, &out, $0, $1) }
        return RGBImage(taking: out)
    }

    /// Makes an image from `width * height * 3` interleaved RGB bytes.
    public static func fromPixels(_ bytes: [UInt8], width: Int, height: Int) throws -> RGBImage {
        precondition(bytes.count == width * height * 3, "pixel buffer has the wrong size")
        let image = try filled(width: width, height: height, red: 0, green: 0, blue: 0)
        bytes.withUnsafeBufferPointer { image.raw.pixels.update(from: $0.baseAddress!, count: bytes.count) }
        return image
    }

    /// The rectangle [left, right) × [top, bottom), clipped to the image.
    public func cropped(left: Int, top: Int, right: Int, bottom: Int) throws -> RGBImage {
        var out = fn_image()
        try checked { fn_crop(&raw, Int32(left), Int32(top), Int32(right), Int32(bottom), &out, $0, $1) }
        return RGBImage(taking: out)
    }

    /// A copy transformed as EXIF orientation `orientation` (1…8) prescribes for display: 6 turns it 90°
    /// clockwise, 8 90° counter-clockwise, 3 by 180°, 2/4/5/7 mirror it (TIFF/EXIF 2.3 §4.6.4).
    public func oriented(_ orientation: Int) throws -> RGBImage {
        var out = fn_image()
        try checked { fn_crop(&raw, 0, 0, raw.width, raw.height, &out, $0, $1) }
        try checked { fn_apply_orientation(&out, Int32(orientation), $0, $1) }
        return RGBImage(taking: out)
    }

    /// Resized to `width × height` (area averaging when shrinking, bilinear when enlarging).
    public func resized(width: Int, height: Int) throws -> RGBImage {
        var out = fn_image()
        try checked { fn_resize(&raw, Int32(width), Int32(height), &out, $0, $1) }
        return RGBImage(taking: out)
    }

    /// Resized so that it fits in `side × side`, keeping the aspect ratio.
    public func fitted(in side: Int) throws -> RGBImage {
        let scale = Double(side) / Double(max(width, height))
        return try resized(width: max(1, Int((Double(width) * scale).rounded())),
                           height: max(1, Int((Double(height) * scale).rounded())))
    }

    /// Draws `image` with its top-left corner at (x, y), clipping what falls outside.
    public func draw(_ image: RGBImage, x: Int, y: Int) {
        fn_blit(&image.raw, &raw, Int32(x), Int32(y))
    }

    /// Baseline JPEG bytes at `quality` (1…100).
    public func jpegData(quality: Int = 90) throws -> Data {
        try encoded { data, size, err, len in fn_encode_jpeg(&raw, Int32(quality), data, size, err, len) }
    }

    /// 8-bit RGB PNG bytes.
    public func pngData() throws -> Data {
        try encoded { data, size, err, len in fn_encode_png(&raw, data, size, err, len) }
    }

    private func encoded(
        _ encode: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>,
                   UnsafeMutablePointer<CChar>, Int) -> Int32
    ) throws -> Data {
        var bytes: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        try checked { encode(&bytes, &size, $0, $1) }
        defer { fn_buffer_free(bytes) }
        return Data(bytes: bytes!, count: size)
    }
}
