import CImage
import Foundation

/// Image container formats, recognised by a file's first bytes.
public enum ImageFormat: String, Sendable {
    case jpeg, png
    /// Formats recognised but not decoded; files in them are reported by name, never silently skipped.
    case gif, webp, tiff, heic, bmp

    public var isDecodable: Bool { self == .jpeg || self == .png }

    /// The format of `header` (at least the first 12 bytes of a file), or nil when it is not an image we know.
    public static func sniff(_ header: Data) -> ImageFormat? {
        let b = [UInt8](header.prefix(12))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && Array(b[offset..<(offset + prefix.count)]) == prefix
        }
        let format = b.withUnsafeBufferPointer { fn_sniff_format($0.baseAddress, $0.count) }
        if format == FN_FORMAT_JPEG { return .jpeg }
        if format == FN_FORMAT_PNG { return .png }
        if starts(Array("GIF8".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts(Array("ftyp".utf8), at: 4) {
            let brand = b.count >= 12 ? String(decoding: b[8..<12], as: UTF8.self) : ""
            if ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif"].contains(brand) { return .heic }
        }
        if starts(Array("BM".utf8)) && b.count >= 6 { return .bmp }
        return nil
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
}

/// Decodes JPEG and PNG photos in the project's own image layer (see fn_image.h for why not dlib's loader).
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
            format: ImageFormat.sniff(data.prefix(12)) ?? .jpeg,
            orientation: Int(info.orientation),
            warning: info.partial != 0 ? (text(info.warning) ?? "decoder warning") : nil,
            takenAt: text(info.date_taken).flatMap(normalisedExifDate),
            cameraMake: text(info.make),
            cameraModel: text(info.model),
            cameraSerial: text(info.serial))
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
