import Foundation
import Imaging
import Store

/// Face crops saved beside the database, like the original tool's: the bounding box widened by 40 % of its size
/// on every side (clipped to the photo), at full resolution, as
/// `<photos>/Face Network/Faces/<relative folder>/face<i>_<file name>`.
public enum FaceCrops {
    /// Margin added on each side, as a fraction of the box's width (left/right) and height (top/bottom).
    public static let margin = 0.4

    /// The longest file name Linux file systems take (ext4, XFS, Btrfs, tmpfs: 255 bytes per path component).
    public static let maximumNameBytes = 255

    /// The crop's path relative to the photo folder for face `index` (1-based) of the photo at `photoPath`.
    public static func relativePath(photoPath: String, index: Int) -> String {
        let folder = (photoPath as NSString).deletingLastPathComponent
        let name = (photoPath as NSString).lastPathComponent
        return ([PhotoWalker.outputFolderName, "Faces"] + (folder.isEmpty ? [] : [folder])
                + [fileName(photoName: name, photoPath: photoPath, index: index)])
            .joined(separator: "/")
    }

    /// `face<i>_<photo name>`, or, when that is longer than `maximumNameBytes`, the photo name cut on a character
    /// boundary and followed by `~`, 8 hex digits of the SHA-256 of the photo's whole relative path and the crop's
    /// extension (`.png` for a PNG photo, `.jpg` otherwise): photos whose long names differ only at the end keep
    /// crops of their own, and the crop is written whatever the photo is called.
    /// A photo in another format than JPEG or PNG (HEIC, WebP, TIFF …) gets a JPEG crop named `…<name>.jpg`, so the
    /// crop's name says what it holds.
    static func fileName(photoName: String, photoPath: String, index: Int) -> String {
        let jpegOrPNG = ["jpg", "jpeg", "jpe", "png"].contains((photoName as NSString).pathExtension.lowercased())
        let whole = "face\(index)_\(photoName)" + (jpegOrPNG ? "" : ".jpg")
        guard whole.utf8.count > maximumNameBytes else { return whole }
        let suffix = "~" + ContentHash.sha256(Data(photoPath.utf8)).prefix(8)
            + ((photoName as NSString).pathExtension.lowercased() == "png" ? ".png" : ".jpg")
        var name = ""
        for character in whole where name.utf8.count + character.utf8.count + suffix.utf8.count <= maximumNameBytes {
            name.append(character)
        }
        return name + suffix
    }

    /// The widened rectangle for `box` in an image of `width × height`.
    public static func cropRect(for box: FaceBox, width: Int, height: Int) -> FaceBox {
        let dx = Int((Double(box.width) * margin).rounded()), dy = Int((Double(box.height) * margin).rounded())
        return FaceBox(left: max(0, box.left - dx), top: max(0, box.top - dy),
                       right: min(width, box.right + dx + 1), bottom: min(height, box.bottom + dy + 1))
    }

    /// The crop of `box` from `image`, encoded as PNG when `relativePath` ends in .png and JPEG otherwise.
    /// Workers encode crops; only the store's writer saves them (`save`), for photos it stores.
    public static func encode(_ image: RGBImage, box: FaceBox, for relativePath: String) throws -> Data {
        let rect = cropRect(for: box, width: image.width, height: image.height)
        let crop = try image.cropped(left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom)
        return (relativePath as NSString).pathExtension.lowercased() == "png" ? try crop.pngData()
            : try crop.jpegData(quality: 92)
    }

    /// Writes `data` to `url` (atomically), making its folder first.
    /// - Throws: file errors (a folder that cannot be made, a full disk).
    public static func save(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}
