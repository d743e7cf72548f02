import Foundation
import Imaging

/// Builds small test images byte by byte, so the decoders are checked on every PNG colour type and on EXIF
/// orientations without any image file in the repository. Shared by the test targets.
public enum SyntheticImages {
    // MARK: PNG

    /// A PNG with the given IHDR colour type and bit depth; `rows` are the raw (unfiltered) scanline bytes.
    public static func png(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, rows: [[UInt8]],
                    palette: [UInt8]? = nil) -> Data {
        var out = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var ihdr = Data()
        ihdr.append(bigEndian32(UInt32(width)))
        ihdr.append(bigEndian32(UInt32(height)))
        ihdr.append(contentsOf: [bitDepth, colorType, 0, 0, 0])
        out.append(chunk("IHDR", ihdr))
        if let palette { out.append(chunk("PLTE", Data(palette))) }
        var raw = Data()
        for row in rows { raw.append(0); raw.append(contentsOf: row) } // filter type 0 per row
        out.append(chunk("IDAT", zlibStored(raw)))
        out.append(chunk("IEND", Data()))
        return out
    }

    private static func chunk(_ type: String, _ body: Data) -> Data {
        var data = bigEndian32(UInt32(body.count))
        let typed = Data(type.utf8) + body
        data.append(typed)
        data.append(bigEndian32(crc32(typed)))
        return data
    }

    /// zlib stream of uncompressed ("stored") deflate blocks (RFC 1950/1951).
    private static func zlibStored(_ raw: Data) -> Data {
        var out = Data([0x78, 0x01])
        var offset = 0
        let bytes = [UInt8](raw)
        repeat {
            let n = min(65535, bytes.count - offset)
            let final: UInt8 = offset + n == bytes.count ? 1 : 0
            out.append(final)
            out.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)])
            out.append(contentsOf: bytes[offset..<(offset + n)])
            offset += n
        } while offset < bytes.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        out.append(bigEndian32((b << 16) | a))
        return out
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    public static func bigEndian32(_ v: UInt32) -> Data {
        Data([UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
    }

    // MARK: JPEG with EXIF orientation

    /// `jpeg` with an EXIF APP1 segment (big-endian TIFF, one IFD0 entry: Orientation) inserted after SOI.
    public static func withOrientation(_ jpeg: Data, _ orientation: UInt16) -> Data {
        withExif(jpeg, orientation: orientation)
    }

    /// `jpeg` with an EXIF APP1 segment inserted after SOI: big-endian TIFF whose IFD0 holds Orientation and, when
    /// given, DateTime (tag 0x0132, "YYYY:MM:DD HH:MM:SS").
    public static func withExif(_ jpeg: Data, orientation: UInt16 = 1, dateTime: String? = nil) -> Data {
        let entries: UInt16 = dateTime == nil ? 1 : 2
        let valuesAt = UInt32(8 + 2 + 12 * Int(entries) + 4)              // after IFD0
        var tiff = Data([0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]) // "MM", 42, IFD0 at offset 8
        tiff.append(contentsOf: [0x00, UInt8(entries)])
        tiff.append(contentsOf: [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]) // tag 0x0112, SHORT, count 1
        tiff.append(contentsOf: [UInt8(orientation >> 8), UInt8(orientation & 0xFF), 0x00, 0x00])
        if dateTime != nil {
            tiff.append(contentsOf: [0x01, 0x32, 0x00, 0x02, 0x00, 0x00, 0x00, 20])  // tag 0x0132, ASCII, 20 bytes
            tiff.append(bigEndian32(valuesAt))
        }
        tiff.append(contentsOf: [0x00, 0x00, 0x00, 0x00])                  // no next IFD
        if let dateTime { tiff.append(Data(dateTime.utf8.prefix(19)) + Data([0])) }
        let payload = Data("Exif".utf8) + Data([0, 0]) + tiff
        let length = payload.count + 2
        var out = Data(jpeg.prefix(2))
        out.append(contentsOf: [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)])
        out.append(payload)
        out.append(jpeg.dropFirst(2))
        return out
    }

    /// A 64 × 32 image of four solid 16 px columns… arranged as quadrants: top-left red, top-right green,
    /// bottom-left blue, bottom-right white. Solid blocks survive JPEG compression nearly unchanged.
    public static func quadrants(width: Int = 64, height: Int = 32) throws -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let colour: [UInt8]
                switch (x < width / 2, y < height / 2) {
                case (true, true): colour = [255, 0, 0]
                case (false, true): colour = [0, 255, 0]
                case (true, false): colour = [0, 0, 255]
                case (false, false): colour = [255, 255, 255]
                }
                pixels.replaceSubrange(((y * width + x) * 3)..<((y * width + x) * 3 + 3), with: colour)
            }
        }
        return try RGBImage.fromPixels(pixels, width: width, height: height)
    }
}
