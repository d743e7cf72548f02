import CImage
import Foundation

/// Image container formats, recognised by a file's first bytes (`fn_sniff_format`), never by its name.
public enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg, png, heic, avif, webp, tiff, gif, bmp

    /// How many first bytes `sniff` needs to tell every format apart (ISO BMFF lists its brands after the 8th).
    public static let headerLength = 32

    /// Whether this build can decode the format: HEIC and AVIF need libheif's decoder plugin for HEVC or AV1
    /// (libde265, dav1d or libaom) at run time; every other format is linked in.
    public var isDecodable: Bool { fn_can_decode(cFormat) != 0 }

    var cFormat: fn_format {
        switch self {
        case .jpeg: FN_FORMAT_JPEG
        case .png: FN_FORMAT_PNG
        case .heic: FN_FORMAT_HEIC
        case .avif: FN_FORMAT_AVIF
        case .webp: FN_FORMAT_WEBP
        case .tiff: FN_FORMAT_TIFF
        case .gif: FN_FORMAT_GIF
        case .bmp: FN_FORMAT_BMP
        }
    }

    /// The format of `header` (the first `headerLength` bytes of a file, or all of a shorter one), or nil when it
    /// is not an image format this tool knows.
    public static func sniff(_ header: Data) -> ImageFormat? {
        let bytes = [UInt8](header.prefix(headerLength))
        let format = bytes.withUnsafeBufferPointer { fn_sniff_format($0.baseAddress, $0.count) }
        return allCases.first { $0.cFormat == format }
    }
}

/// A decoded photo: upright RGB pixels and what the file said about itself.
public struct DecodedPhoto: Sendable {
    public let image: RGBImage
    public let format: ImageFormat
    /// EXIF orientation tag as stored (1…8); already applied to `image`.
    public let orientation: Int
    /// Set when the decoder warned, for example on a truncated JPEG whose missing rows are grey.
    public let warning: String?
    /// EXIF DateTimeOriginal as "YYYY-MM-DD HH:MM:SS", when present and well-formed.
    public let takenAt: String?
    public let cameraMake: String?
    public let cameraModel: String?
    public let cameraSerial: String?
    /// Images in the file (TIFF pages, GIF and WebP frames, HEIF top-level images); only the first is decoded.
    public let pages: Int
}

/// Decodes photos of every format `ImageFormat` names in the project's own image layer (see fn_image.h for why not
/// dlib's loader).
public enum PhotoDecoder {
    /// Decodes `data` into upright 8-bit RGB.
    /// - Parameter maxPixels: refuse images with more pixels than this (0: no limit), before allocating them.
    /// - Throws: `ImageError` with the decoder's reason (not an image, corrupt data, too large).
    public static func decode(_ data: Data, maxPixels: Int = 0) throws -> DecodedPhoto {
        var raw = fn_image()
        var info = fn_photo_info()
        try data.withUnsafeBytes { bytes in
            try checked { fn_decode(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count,
                                    Int64(maxPixels), &raw, &info, $0, $1) }
        }
        let image = RGBImage(taking: raw)
        func text<T>(_ field: T) -> String? {
            let value = withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        return DecodedPhoto(
            image: image,
            format: ImageFormat.sniff(data.prefix(ImageFormat.headerLength)) ?? .jpeg,
            orientation: Int(info.orientation),
            warning: info.partial != 0 ? (text(info.warning) ?? "decoder warning") : nil,
            takenAt: text(info.date_taken).flatMap(normalisedExifDate),
            cameraMake: text(info.make),
            cameraModel: text(info.model),
            cameraSerial: text(info.serial),
            pages: max(1, Int(info.pages)))
    }

    /// EXIF writes dates as "YYYY:MM:DD HH:MM:SS"; the store keeps ISO-like "YYYY-MM-DD HH:MM:SS".
    /// Placeholder dates ("0000:00:00 00:00:00") and malformed ones are dropped.
    static func normalisedExifDate(_ exif: String) -> String? {
        let chars = Array(exif)
        guard chars.count >= 19, chars[4] == ":", chars[7] == ":", chars[10] == " ",
              let year = Int(String(chars[0..<4])), year > 0,
              let month = Int(String(chars[5..<7])), (1...12).contains(month),
              let day = Int(String(chars[8..<10])), (1...31).contains(day)
        else { return nil }
        return String(chars[0..<4]) + "-" + String(chars[5..<7]) + "-" + String(chars[8..<19])
    }
}
